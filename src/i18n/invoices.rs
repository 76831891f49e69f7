//! The wording of the invoices panel (`src/views/invoices.rs`): one struct, a value per
//! language, so a missing translation does not compile.

use overdue_core::i18n::Lang;

pub struct Words {
    pub pasted_row: &'static str,
    pub est: &'static str,
    pub no_rate_known_for_part: &'static str,
    pub hide: &'static str,
    pub how: &'static str,
    /// The column chooser: the secondary columns (invoice date, amount, paid) too.
    pub all_columns: &'static str,
    /// Said above the table while it is wider than the screen.
    pub scroll_hint: &'static str,
    pub col_next: &'static str,
    /// Before a row's letter button's kind ("✉ 催告函").
    pub letter_prefix: &'static str,
}

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

const ZH: Words = Words {
    pasted_row: "原始行",
    est: " (推算)",
    no_rate_known_for_part: "部分期间无已知利率",
    hide: "收起",
    how: "明细",
    all_columns: "显示全部列（开票日期、金额、已收）",
    scroll_hint: "表格较宽：可左右滑动，发票号一列固定在左侧。",
    col_next: "下一步",
    letter_prefix: "✉ 写",
};

const EN: Words = Words {
    pasted_row: "pasted row",
    est: " (est.)",
    no_rate_known_for_part: "no rate known for part of the period",
    hide: "hide",
    how: "how",
    all_columns: "All columns (invoice date, amount, paid)",
    scroll_hint: "Wider than the screen: scroll sideways; the invoice number stays on the left.",
    col_next: "Next step",
    letter_prefix: "✉ ",
};
