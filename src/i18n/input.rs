//! The wording of the input panel (`src/views/input.rs`): one struct, a value per
//! language, so a missing translation does not compile.

use overdue_core::i18n::Lang;

pub struct Words {
    pub skipped: &'static str,
    pub lines: &'static str,
    pub opening: &'static str,
    /// Stops opening a file (a big workbook read in the reader's worker).
    pub cancel_open: &'static str,
    /// `{file}`: the file's name; `{n}`: how many sheets.
    pub choose_sheet: &'static str,
    pub sample_over_own: &'static str,
    pub sample_yes: &'static str,
    pub keep_mine: &'static str,
    pub sample_loaded: &'static str,
    pub cleared: &'static str,
    pub undo: &'static str,
    pub dismiss: &'static str,
    /// Beside the progress bar of a large derive; `{rows}`: about how many rows.
    pub working_out: &'static str,
    /// Stops that derive: the edit that started it is undone.
    pub stop_working_out: &'static str,
    /// What the page shows meanwhile.
    pub shown_meanwhile: &'static str,
    /// The same, while the saved ledger is worked out as the page opens.
    pub reading_saved: &'static str,
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
    cancel_open: "停止打开",
    choose_sheet: "“{file}”有 {n} 个工作表，读取哪一个？",
    sample_over_own: "示例数据会替换您粘贴的账目。替换后可以撤销。",
    sample_yes: "换成示例数据",
    keep_mine: "保留我的账目",
    sample_loaded: "已换成示例数据。",
    cleared: "已清空粘贴的账目。",
    undo: "撤销，恢复我的账目",
    dismiss: "知道了",
    working_out: "正在计算约 {rows} 行…",
    stop_working_out: "停止计算",
    shown_meanwhile: "计算完成前，下面显示的是之前的结果；页面可以照常滚动和查看。",
    reading_saved: "正在读取上次保存的账目，计算完成后即显示结果。",
};

const EN: Words = Words {
    skipped: "skipped",
    lines: "lines",
    opening: "Opening…",
    cancel_open: "Stop",
    choose_sheet: "“{file}” has {n} sheets. Which one should be read?",
    sample_over_own:
        "The sample data would replace the ledger you pasted. You can undo it afterwards.",
    sample_yes: "Replace it with the sample",
    keep_mine: "Keep my ledger",
    sample_loaded: "The sample data replaced your ledger.",
    cleared: "Your ledger was cleared.",
    undo: "Undo: bring my ledger back",
    dismiss: "Dismiss",
    working_out: "Working out about {rows} rows…",
    stop_working_out: "Stop",
    shown_meanwhile:
        "Until it is done, what you see below is from before; you can scroll and read as usual.",
    reading_saved:
        "Your saved ledger is being read again; its results appear as soon as it is done.",
};
