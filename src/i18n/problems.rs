//! The wording of the problems panel (`src/views/problems.rs`): one struct, a value per
//! language, so a missing translation does not compile.

use overdue_core::i18n::Lang;

pub struct Words {
    pub colon: &'static str,
    pub excluded_heading: &'static str,
    pub merged_heading: &'static str,
    /// `{number}`: the document number; `{line}`: the row it was merged into.
    pub merged_into: &'static str,
}

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

const ZH: Words = Words {
    colon: "：",
    excluded_heading: "未计入的单据",
    merged_heading: "并入同号单据的行",
    merged_into: "属于 {number}，已并入第 {line} 行",
};

const EN: Words = Words {
    colon: ": ",
    excluded_heading: "Documents set aside",
    merged_heading: "Rows merged into their document",
    merged_into: "part of {number}, merged into row {line}",
};
