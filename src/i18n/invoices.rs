//! The wording of the invoices panel (`src/views/invoices.rs`): one struct, a value per
//! language, so a missing translation does not compile.

use overdue_core::i18n::Lang;

pub struct Words {
    pub pasted_row: &'static str,
    pub est: &'static str,
    pub no_rate_known_for_part: &'static str,
    pub hide: &'static str,
    pub how: &'static str,
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
};

const EN: Words = Words {
    pasted_row: "pasted row",
    est: " (est.)",
    no_rate_known_for_part: "no rate known for part of the period",
    hide: "hide",
    how: "how",
};
