//! The wording of the input panel (`src/views/input.rs`): one struct, a value per
//! language, so a missing translation does not compile.

use overdue_core::i18n::Lang;

pub struct Words {
    pub skipped: &'static str,
    pub lines: &'static str,
    pub opening: &'static str,
    /// `{file}`: the file's name; `{n}`: how many sheets.
    pub choose_sheet: &'static str,
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
    opening: "正在打开…",
    choose_sheet: "“{file}”有 {n} 个工作表，读取哪一个？",
};

const EN: Words = Words {
    skipped: "skipped",
    lines: "lines",
    opening: "Opening…",
    choose_sheet: "“{file}” has {n} sheets. Which one should be read?",
};
