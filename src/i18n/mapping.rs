//! The wording of the mapping panel (`src/views/mapping.rs`): one struct, a value per
//! language, so a missing translation does not compile.

use overdue_core::i18n::Lang;

pub struct Words {
    pub list_separator: &'static str,
    pub your_choice: &'static str,
    /// Heading of the mapping table's reason column.
    pub why: &'static str,
    pub ignored_heading: &'static str,
    pub colon: &'static str,
}

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

const ZH: Words = Words {
    list_separator: "、",
    your_choice: "（您的选择）",
    why: "依据",
    ignored_heading: "未使用的列",
    colon: "：",
};

const EN: Words = Words {
    list_separator: ", ",
    your_choice: " (your choice)",
    why: "Why",
    ignored_heading: "Columns not used",
    colon: ": ",
};
