//! The wording of the top_bar panel (`src/views/top_bar.rs`): one struct, a value per
//! language, so a missing translation does not compile.

use overdue_core::i18n::Lang;

pub struct Words {
    pub other_name: &'static str,
    pub share: &'static str,
}

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

const ZH: Words = Words {
    other_name: " · Overdue",
    share: "分享",
};

const EN: Words = Words {
    other_name: " · 逾期账款助手",
    share: "Share",
};
