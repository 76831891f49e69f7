//! Say what was read: one sentence above the table, from what the stages decided.

use super::layouts::Layout;
use super::model::{CustomerSource, DocumentRows, ExcludeReason, MappingSource, Parsed};
use crate::i18n::Lang;
use rust_decimal::Decimal;

/// The counts and decisions behind the "Read as: …" sentence, for a shell that wants to lay
/// them out itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadSummary {
    /// Rows read as documents: invoices, merged lines, excluded documents and rows with errors
    /// (not the header, titles, totals or blanks, which `skipped` counts).
    pub rows: usize,
    pub invoices: usize,
    /// Invoices with a negative amount (credit notes, red invoices).
    pub credit_notes: usize,
    pub merged_lines: usize,
    pub document_rows: DocumentRows,
    /// Excluded as drafts or voids (or, in a journal, as lines on other accounts).
    pub excluded: usize,
    /// Excluded as fully reversed by a red invoice (已红冲), with the red invoices doing it.
    pub reversed: usize,
    pub skipped: usize,
    pub row_errors: usize,
    pub customer_source: CustomerSource,
    pub mapping_source: MappingSource,
    pub ignored_columns: usize,
    pub due_from_terms: usize,
    /// Red invoices taken off the blue invoice they name (部分红冲).
    pub red_netted: usize,
    pub layout: Option<&'static Layout>,
    pub currency_from_headings: bool,
}

impl Parsed {
    pub fn summary(&self) -> ReadSummary {
        let error_lines: std::collections::BTreeSet<usize> =
            self.errors.iter().map(|e| e.line).collect();
        ReadSummary {
            rows: self.invoices.len() + self.merged.len() + self.excluded.len() + error_lines.len(),
            invoices: self.invoices.len(),
            credit_notes: self
                .invoices
                .iter()
                .filter(|i| i.amount < Decimal::ZERO)
                .count(),
            merged_lines: self.merged.len(),
            document_rows: self.document_rows,
            excluded: self
                .excluded
                .iter()
                .filter(|e| e.reason != ExcludeReason::Reversed)
                .count(),
            reversed: self
                .excluded
                .iter()
                .filter(|e| e.reason == ExcludeReason::Reversed)
                .count(),
            skipped: self.skipped.len(),
            row_errors: error_lines.len(),
            customer_source: self.customer_source,
            mapping_source: self.mapping_source,
            ignored_columns: self.ignored_columns().count(),
            due_from_terms: self.due_from_terms,
            red_netted: self.merged.iter().filter(|m| m.red.is_some()).count(),
            layout: self.layout,
            currency_from_headings: self.currency_from_headings > 0,
        }
    }
}

impl ReadSummary {
    /// "Read as: Xero Aged Receivables Detail layout — customer from section headings, 27 rows
    /// → 9 invoices (line items merged), 1 credit note, 2 drafts or voids set aside, 14 lines
    /// skipped." A sheet of no known tool is "a plain invoice list" (or "a transaction journal").
    pub fn sentence(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let source = match (self.customer_source, self.mapping_source, zh) {
            (CustomerSource::SectionHeadings, _, true) => "客户取自分组标题",
            (CustomerSource::SectionHeadings, _, false) => "customer from section headings",
            (_, MappingSource::Content, true) => "列按内容推测",
            (_, MappingSource::Content, false) => "columns guessed from the cells",
            (_, MappingSource::User, true) => "列按你的指定",
            (_, MappingSource::User, false) => "columns as you chose them",
            (_, MappingSource::Header, true) => "列按表头识别",
            (_, MappingSource::Header, false) => "columns from the header",
        };
        let mut parts: Vec<String> = vec![source.to_string()];
        if self.currency_from_headings {
            parts.push(
                lang.pick("币种取自分组标题", "currency from section headings")
                    .to_string(),
            );
        }
        let invoices = match (self.document_rows, zh) {
            (DocumentRows::LineItems, true) => format!(
                "{} 行 → {} 张发票（同号明细行已合计）",
                self.rows, self.invoices
            ),
            (DocumentRows::LineItems, false) => format!(
                "{} rows → {} invoices (line items merged)",
                self.rows, self.invoices
            ),
            (DocumentRows::RepeatedTotals, true) => format!(
                "{} 行 → {} 张发票（重复的单据金额只计一次）",
                self.rows, self.invoices
            ),
            (DocumentRows::RepeatedTotals, false) => format!(
                "{} rows → {} invoices (repeated document totals counted once)",
                self.rows, self.invoices
            ),
            (DocumentRows::Journal, true) => format!(
                "{} 行凭证 → {} 张发票（取应收账款分录：借方为发票，贷方为收款）",
                self.rows, self.invoices
            ),
            (DocumentRows::Journal, false) => format!(
                "{} journal rows → {} invoices (receivable lines only: debits are invoices, credits payments)",
                self.rows, self.invoices
            ),
            (DocumentRows::OnePerDocument, true) => {
                format!("{} 行 → {} 张发票", self.rows, self.invoices)
            }
            (DocumentRows::OnePerDocument, false) => {
                format!("{} rows → {} invoices", self.rows, self.invoices)
            }
        };
        parts.push(invoices);
        let mut count = |n: usize, zh_text: &str, en_one: &str, en_many: &str| {
            if n > 0 {
                parts.push(if zh {
                    format!("{n} {zh_text}")
                } else {
                    format!("{n} {}", if n == 1 { en_one } else { en_many })
                });
            }
        };
        count(
            self.credit_notes,
            "张红字发票/贷项",
            "credit note",
            "credit notes",
        );
        if self.document_rows == DocumentRows::Journal {
            count(
                self.excluded,
                "行其他科目分录已略过",
                "line on other accounts set aside",
                "lines on other accounts set aside",
            );
        } else {
            count(
                self.excluded,
                "张草稿或作废单据已排除",
                "draft or void set aside",
                "drafts or voids set aside",
            );
        }
        count(
            self.reversed,
            "张全额红冲的发票（蓝字与红字）已排除",
            "fully reversed invoice (blue and red) set aside",
            "fully reversed invoices (blue and red) set aside",
        );
        count(
            self.red_netted,
            "张红字发票已冲减所列蓝字发票",
            "red invoice netted against the blue invoice it names",
            "red invoices netted against the blue invoices they name",
        );
        count(
            self.due_from_terms,
            "张按付款条件推算到期日",
            "due date from the terms column",
            "due dates from the terms column",
        );
        count(self.skipped, "行已跳过", "line skipped", "lines skipped");
        count(
            self.row_errors,
            "行有错误",
            "row with errors",
            "rows with errors",
        );
        count(
            self.ignored_columns,
            "列未使用",
            "column ignored",
            "columns ignored",
        );
        let layout = match (self.layout, self.document_rows, zh) {
            (Some(layout), _, true) => format!("按“{}”格式读取", layout.name_zh),
            (Some(layout), _, false) => format!("Read as: {} layout", layout.name_en),
            (None, DocumentRows::Journal, true) => "按记账凭证流水读取".to_string(),
            (None, DocumentRows::Journal, false) => "Read as: a transaction journal".to_string(),
            (None, _, true) => "按普通发票清单读取".to_string(),
            (None, _, false) => "Read as: a plain invoice list".to_string(),
        };
        if zh {
            format!("{layout} — {}。", parts.join("，"))
        } else {
            format!("{layout} — {}.", parts.join(", "))
        }
    }
}
