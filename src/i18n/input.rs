//! The wording of the input panel (`src/views/input.rs`): one struct, a value per
//! language, so a missing translation does not compile.

use overdue_core::i18n::Lang;

pub struct Words {
    pub skipped: &'static str,
    pub lines: &'static str,
}

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

const ZH: Words = Words {
    skipped: "行已跳过",
    lines: "行",
};

const EN: Words = Words {
    skipped: "skipped",
    lines: "lines",
};
