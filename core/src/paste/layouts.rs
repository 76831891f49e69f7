//! Which tool's export a sheet is: the header signatures of the exports issue 12 names, so the
//! "Read as" sentence can say "Xero Aged Receivables Detail layout".
//!
//! Naming the layout decides nothing about how the sheet is read — the stages read every sheet
//! by the same rules — it only tells the user that the page recognised what they pasted. A sheet
//! that matches no signature is "a plain invoice list" (or "a transaction journal").

use super::headers::normalize_header;
use crate::i18n::Lang;

/// A tool's export, recognised when its header has every one of `signature`'s titles.
#[derive(Debug, PartialEq, Eq)]
pub struct Layout {
    /// Stable identifier, for tests and the page's `data-layout` attribute.
    pub key: &'static str,
    pub name_en: &'static str,
    pub name_zh: &'static str,
    /// Header titles (compared after [`normalize_header`]) that together only this export has.
    /// Titles every tool shares (Date, Amount) are left out: they would name nothing.
    signature: &'static [&'static str],
}

impl Layout {
    pub fn name(&self, lang: Lang) -> &'static str {
        lang.pick(self.name_zh, self.name_en)
    }
}

/// The column titles are the tools' own, as their exports write them (the fixtures in
/// `tests/fixtures/exports/` cite where each layout was taken from).
pub const LAYOUTS: &[Layout] = &[
    Layout {
        key: "invoice_ninja",
        name_en: "Invoice Ninja invoice",
        name_zh: "Invoice Ninja 发票导出",
        signature: &["Client", "Invoice Number", "PO Number", "Partial/Deposit"],
    },
    Layout {
        key: "wave",
        name_en: "Wave account transactions",
        name_zh: "Wave 账户交易明细",
        signature: &[
            "Transaction ID",
            "Account Name",
            "Amount (One column)",
            "Debit Amount (Two Column Approach)",
        ],
    },
    Layout {
        key: "zoho_books",
        name_en: "Zoho Books invoice",
        name_zh: "Zoho Books 发票导出",
        signature: &[
            "Invoice ID",
            "Invoice Number",
            "Invoice Status",
            "Payment Terms Label",
            "Currency Code",
        ],
    },
    Layout {
        key: "freshbooks",
        name_en: "FreshBooks invoice details",
        name_zh: "FreshBooks 发票明细",
        signature: &["Client Name", "Invoice #", "Date Issued", "Line Total"],
    },
    Layout {
        key: "invoicely",
        name_en: "Invoicely invoice",
        name_zh: "Invoicely 发票列表",
        signature: &["Date", "Due", "Details", "Client", "Status", "Total"],
    },
    Layout {
        key: "invoice2go",
        name_en: "invoice2go document",
        name_zh: "invoice2go 单据导出",
        signature: &[
            "DocumentNumber",
            "DocumentStatus",
            "BalanceDueAmount",
            "AmountPaidAmount",
        ],
    },
    Layout {
        key: "xero_ard",
        name_en: "Xero Aged Receivables Detail",
        name_zh: "Xero 应收账款账龄明细",
        signature: &["Invoice Number", "Reference", "Due Date", "Credited", "Due"],
    },
    Layout {
        key: "erpnext_ar",
        name_en: "ERPNext Accounts Receivable",
        name_zh: "ERPNext 应收账款报表",
        signature: &[
            "Party",
            "Receivable Account",
            "Voucher Type",
            "Voucher No",
            "Outstanding Amount",
        ],
    },
    Layout {
        key: "odoo_aged_partner",
        name_en: "Odoo Aged Partner Balance",
        name_zh: "Odoo 往来账龄余额表",
        signature: &["Entry", "Journal", "Partner", "Ref - Label", "Residual"],
    },
    Layout {
        key: "cn_e_invoice",
        name_en: "China e-invoice platform detail (全量发票查询)",
        name_zh: "电子发票服务平台 全量发票查询明细",
        signature: &["数电发票号码", "购买方名称", "价税合计", "发票状态"],
    },
    Layout {
        key: "kingdee_ar_aging",
        name_en: "Kingdee AR aging (应收款账龄分析表)",
        name_zh: "金蝶云星空 应收款账龄分析表",
        signature: &["往来单位名称", "单据类型", "单据编号", "未核销金额"],
    },
];

/// The layout whose signature the header titles hold in full; with several, the one with the
/// longest signature (the most specific).
pub fn recognise_layout<'a>(titles: impl IntoIterator<Item = &'a str>) -> Option<&'static Layout> {
    let have: std::collections::HashSet<String> = titles
        .into_iter()
        .map(normalize_header)
        .filter(|t| !t.is_empty())
        .collect();
    if have.is_empty() {
        return None;
    }
    LAYOUTS
        .iter()
        .filter(|layout| {
            layout
                .signature
                .iter()
                .all(|title| have.contains(&normalize_header(title)))
        })
        .max_by_key(|layout| layout.signature.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_signature_is_its_own() {
        // No layout's signature may be contained in another's: the longer would always win and
        // the shorter could never be named on a sheet of the longer.
        for a in LAYOUTS {
            let got = recognise_layout(a.signature.iter().copied());
            assert_eq!(got.map(|l| l.key), Some(a.key), "{}", a.key);
        }
    }

    #[test]
    fn a_plain_list_names_no_tool() {
        let titles = ["Invoice", "Customer", "Date", "Due Date", "Amount", "Paid"];
        assert_eq!(recognise_layout(titles), None);
        assert_eq!(recognise_layout([]), None);
    }

    #[test]
    fn titles_compare_without_case_spaces_or_punctuation() {
        let titles = [
            "invoice number",
            "REFERENCE",
            "Due date",
            "credited",
            "due",
            "Total",
        ];
        assert_eq!(recognise_layout(titles).map(|l| l.key), Some("xero_ard"));
    }
}
