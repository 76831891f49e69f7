//! Column assignment as a whole-sheet decision: every (column, field) pair is scored on its
//! header (synonyms, tokenised so `BalanceDueAmount`, `balance_due` and `Balance Due` are the
//! same words) and on its values (dates parse as dates, amounts as amounts, IDs and booleans
//! are not money), and the best consistent set is chosen: each field to one column, each column
//! to one field. Every column gets a one-line reason, including the ignored ones.

use std::collections::HashSet;

use super::documents::is_receivable_account;
use super::headers::lookup;
use super::model::{Aux, Column, Field, Why};
use super::records::Row;
use crate::dates::{self, DayMonthOrder};
use crate::money::{self, DecimalMark};
use crate::text::fold_width;

/// Header words, split at camelCase humps, underscores, spaces and script changes, lower-cased:
/// `BalanceDueAmount` → `balance due amount`, `数电发票号码` stays one word.
pub(super) fn header_tokens(cell: &str) -> Vec<String> {
    let folded = fold_width(cell);
    let mut tokens: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut prev: Option<char> = None;
    for c in folded.chars() {
        if !c.is_alphanumeric() {
            flush(&mut tokens, &mut current);
            prev = None;
            continue;
        }
        if let Some(p) = prev {
            let hump = p.is_lowercase() && c.is_uppercase();
            let script_change = p.is_ascii() != c.is_ascii();
            let digit_edge = p.is_ascii_digit() != c.is_ascii_digit() && c.is_ascii();
            if hump || script_change || digit_edge {
                flush(&mut tokens, &mut current);
            }
        }
        current.extend(c.to_lowercase());
        prev = Some(c);
    }
    flush(&mut tokens, &mut current);
    tokens
}

fn flush(tokens: &mut Vec<String>, current: &mut String) {
    if !current.is_empty() {
        tokens.push(std::mem::take(current));
    }
}

/// Columns that hold something other than the fields we read, recognised by their header words
/// so that they are never taken for an amount or a number ("Tax 1 Amount", "Contact Account
/// Number", "Payments Received?" as a yes/no).
pub(super) fn aux_kind(tokens: &[String]) -> Option<Aux> {
    let has = |w: &str| tokens.iter().any(|t| t == w);
    let joined: String = tokens.concat();
    let cjk_has = |w: &str| joined.contains(w);
    // 价税合计 and 含税金额 are totals including tax, not tax.
    let tax_total = cjk_has("价税合计") || cjk_has("含税");
    if has("status") || cjk_has("状态") {
        return Some(Aux::Status);
    }
    if has("terms") || has("term") || cjk_has("付款条件") || cjk_has("账期") || cjk_has("收款条件")
    {
        return Some(Aux::Terms);
    }
    if has("tax") || has("vat") || has("gst") || has("hst") || (cjk_has("税") && !tax_total) {
        return Some(Aux::Tax);
    }
    if has("discount") || cjk_has("折扣") {
        return Some(Aux::Discount);
    }
    if (has("exchange") && has("rate")) || has("fx") || cjk_has("汇率") {
        return Some(Aux::ExchangeRate);
    }
    if has("qty") || has("quantity") || cjk_has("数量") {
        return Some(Aux::Quantity);
    }
    if (has("unit") && has("price")) || cjk_has("单价") {
        return Some(Aux::UnitPrice);
    }
    let is_id = tokens
        .last()
        .is_some_and(|t| t == "id" || t == "uuid" || t == "guid")
        && !matches!(tokens.first().map(String::as_str), Some("invoice" | "bill"));
    let account_number = has("account") && (has("number") || has("no") || has("code"));
    let code = cjk_has("编码") && !cjk_has("单据");
    if is_id || account_number || code || cjk_has("税号") || cjk_has("识别号") || cjk_has("账号")
    {
        return Some(Aux::Id);
    }
    None
}

/// More words than this and a cell is not read as a header.
const MAX_HEADER_WORDS: usize = 24;
/// The longest run of words tried against the synonym table.
const MAX_SYNONYM_WORDS: usize = 8;

/// Header candidates for one cell, best first: `(field, score)`. An exact synonym scores
/// highest; a synonym formed by some of the words scores by how many and whether they end
/// the header (in English the last word names the thing: "Invoice Total" is a total).
pub(super) fn header_candidates(cell: &str) -> Vec<(Field, i32)> {
    let tokens = header_tokens(cell);
    // A header names a field in a few words: a cell of dozens of words is data, and trying
    // every run of its words is cubic in their number (an 11 KB cell froze the parser:
    // `core/tests/fuzz_repros/paste_slow_1.txt`).
    if tokens.is_empty() || tokens.len() > MAX_HEADER_WORDS || aux_kind(&tokens).is_some() {
        return Vec::new();
    }
    let mut found: Vec<(Field, i32)> = Vec::new();
    let mut add = |field: Field, score: i32| {
        if let Some(slot) = found.iter_mut().find(|(f, _)| *f == field) {
            slot.1 = slot.1.max(score);
        } else {
            found.push((field, score));
        }
    };
    let n = tokens.len();
    if let Some(f) = lookup(&tokens.concat()) {
        add(f, 100 + preference(&tokens.concat()));
    }
    // "BalanceDueAmount", "AmountPaidAmount": a trailing unit word repeats what the field is.
    if n > 1 && matches!(tokens[n - 1].as_str(), "amount" | "amt" | "value") {
        if let Some(f) = lookup(&tokens[..n - 1].concat()) {
            add(f, 95);
        }
    }
    // Xero's "Due" column is the amount due; the values decide between it and a due date.
    if tokens.concat() == "due" {
        add(Field::Outstanding, 90);
    }
    for len in (1..n.min(MAX_SYNONYM_WORDS + 1)).rev() {
        for start in 0..=n - len {
            let words = tokens[start..start + len].concat();
            if let Some(f) = lookup(&words) {
                let ends = i32::from(start + len == n) * 10;
                add(f, 50 + 5 * len as i32 + ends + preference(&words));
            }
        }
    }
    found.sort_by_key(|&(f, s)| (std::cmp::Reverse(s), f));
    found
}

/// Among synonyms of one field, the ones that name the gross document amount win over looser
/// words (China's e-invoice export has both 金额, net of tax, and 价税合计, the total).
fn preference(word: &str) -> i32 {
    match word {
        "价税合计" | "含税金额" | "数电发票号码" | "balancedue" | "amountdue" => 5,
        _ => 0,
    }
}

/// What a column's cells look like, over the first rows of the body.
#[derive(Default)]
struct Evidence {
    filled: usize,
    rows: usize,
    dates: usize,
    amounts: usize,
    booleans: usize,
    long_integers: usize,
    currencies: usize,
    /// Cells naming the receivables account: a journal's account column, not a customer.
    accounts: usize,
    distinct: usize,
}

impl Evidence {
    fn of(rows: &[&Row], col: usize) -> Evidence {
        let mut e = Evidence::default();
        let mut seen = HashSet::new();
        for row in rows.iter().take(200) {
            e.rows += 1;
            let cell = row.record.get(col).unwrap_or("").trim();
            if cell.is_empty() {
                continue;
            }
            e.filled += 1;
            seen.insert(cell);
            let digits = cell.bytes().all(|b| b.is_ascii_digit());
            if dates::parse_date(cell, DayMonthOrder::DayFirst).is_ok() {
                e.dates += 1;
            }
            if money::parse_amount(cell, DecimalMark::Point).is_ok()
                || money::parse_amount(cell, DecimalMark::Comma).is_ok()
            {
                e.amounts += 1;
            }
            if is_boolean(cell) {
                e.booleans += 1;
            }
            if digits && cell.len() >= 12 {
                e.long_integers += 1;
            }
            if is_receivable_account(cell) {
                e.accounts += 1;
            }
            if cell.chars().count() <= 4 && money::normalize_currency(cell).is_some() {
                e.currencies += 1;
            }
        }
        e.distinct = seen.len();
        e
    }

    fn most(&self, n: usize) -> bool {
        self.filled > 0 && n * 5 >= self.filled * 3
    }

    /// Fewer than two in five: the values speak against the field. (A mostly right column
    /// with a few bad cells stays assigned; its bad cells become row errors.)
    fn few(&self, n: usize) -> bool {
        n * 5 < self.filled * 2
    }

    /// Why the values rule this field out, if they do. An empty column rules nothing out.
    fn refuses(&self, field: Field) -> Option<Why> {
        if self.filled == 0 {
            return None;
        }
        let refuse = Some(Why::ValuesRefuse(field));
        match field {
            Field::InvoiceDate | Field::DueDate | Field::PaidDate if self.few(self.dates) => refuse,
            Field::Amount | Field::Paid | Field::Outstanding
                if self.few(self.amounts)
                    || self.most(self.booleans)
                    || self.most(self.long_integers) =>
            {
                refuse
            }
            // Mostly empty: a reference column. (Section reports have many rows without a
            // number, subtotals and headings, so "mostly" is generous.)
            Field::Invoice if self.most(self.booleans) || self.filled * 4 < self.rows => refuse,
            Field::Customer
                if self.most(self.dates)
                    || self.most(self.booleans)
                    || self.accounts * 5 >= self.filled =>
            {
                refuse
            }
            Field::Currency if self.few(self.currencies) => refuse,
            // "Credit Note" in ERPNext holds amounts, not notes.
            Field::Notes if self.most(self.amounts) => refuse,
            _ => None,
        }
    }
}

fn is_boolean(cell: &str) -> bool {
    matches!(
        cell.to_lowercase().as_str(),
        "true" | "false" | "yes" | "no" | "y" | "n" | "是" | "否"
    )
}

/// The assignment for a sheet with a header: one field per column, and why.
pub(super) struct Assignment {
    pub(super) fields: Vec<Field>,
    pub(super) why: Vec<Why>,
    pub(super) aux: Vec<Option<Aux>>,
}

/// Scores every (column, field) pair on header and values, then takes the best pairs greedily,
/// each field and each column once.
pub(super) fn assign(titles: &[&str], data: &[&Row], width: usize) -> Assignment {
    let mut why = vec![Why::Unknown; width];
    let mut aux = vec![None; width];
    let mut pairs: Vec<(i32, usize, Field)> = Vec::new();
    for col in 0..width {
        let title = titles.get(col).copied().unwrap_or("");
        if title.trim().is_empty() {
            continue;
        }
        if let Some(kind) = aux_kind(&header_tokens(title)) {
            aux[col] = Some(kind);
            why[col] = Why::Aux(kind);
            continue;
        }
        let evidence = Evidence::of(data, col);
        for (field, score) in header_candidates(title) {
            match evidence.refuses(field) {
                Some(refusal) => {
                    if why[col] == Why::Unknown {
                        why[col] = refusal;
                    }
                }
                None => pairs.push((score + evidence_bonus(&evidence, field), col, field)),
            }
        }
    }
    pairs.sort_by_key(|&(score, col, field)| (std::cmp::Reverse(score), col, field));
    let mut fields = vec![Field::Ignore; width];
    let mut taken: Vec<Field> = Vec::new();
    for (score, col, field) in pairs {
        if fields[col] != Field::Ignore {
            continue;
        }
        if taken.contains(&field) {
            if why[col] == Why::Unknown {
                why[col] = Why::Duplicate(field);
            }
            continue;
        }
        fields[col] = field;
        taken.push(field);
        why[col] = if score >= 100 {
            Why::Header(field)
        } else {
            Why::HeaderWords(field)
        };
    }
    Assignment { fields, why, aux }
}

/// The account column of a journal (transaction) export: an ignored column headed "Account…" /
/// "科目" whose values name the receivables account on some rows and other accounts on others.
pub(super) fn journal_account_column(columns: &[Column], data: &[&Row]) -> Option<usize> {
    columns.iter().enumerate().find_map(|(i, c)| {
        let tokens = header_tokens(&c.title);
        let named = tokens.iter().any(|t| t == "account" || t.contains("科目"));
        if c.field != Field::Ignore || !named || c.aux.is_some() {
            return None;
        }
        let cells = data.iter().take(500).filter_map(|r| r.record.get(i));
        let (mut receivable, mut other) = (0, 0);
        for cell in cells.filter(|c| !c.trim().is_empty()) {
            if is_receivable_account(cell) {
                receivable += 1;
            } else {
                other += 1;
            }
        }
        (receivable > 0 && other > 0).then_some(i)
    })
}

/// A little extra for values that fit, so that of two headers naming the same field the one
/// whose values agree wins (an invoice number column is mostly distinct).
fn evidence_bonus(e: &Evidence, field: Field) -> i32 {
    if e.filled == 0 {
        // An empty column is a poor match for anything another column fills.
        return -20;
    }
    match field {
        // A column of 19-digit numbers beside another invoice column is a record ID.
        Field::Invoice if e.most(e.long_integers) => -10,
        Field::Invoice if e.filled > 0 && e.distinct * 2 >= e.filled => 3,
        Field::Amount | Field::Paid | Field::Outstanding if e.most(e.amounts) => 2,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_split_camel_case_snake_case_and_spaces_alike() {
        let words = ["balance", "due", "amount"];
        assert_eq!(header_tokens("BalanceDueAmount"), words);
        assert_eq!(header_tokens("balance_due_amount"), words);
        assert_eq!(header_tokens("Balance Due Amount"), words);
        assert_eq!(header_tokens("数电发票号码"), ["数电发票号码"]);
        assert_eq!(header_tokens("Tax1Amount"), ["tax", "1", "amount"]);
    }

    #[test]
    fn noise_columns_are_recognised_as_such() {
        let kind = |h: &str| aux_kind(&header_tokens(h));
        assert_eq!(kind("Tax 1 Amount"), Some(Aux::Tax));
        assert_eq!(kind("Outstanding Tax"), Some(Aux::Tax));
        assert_eq!(kind("税额"), Some(Aux::Tax));
        assert_eq!(kind("价税合计"), None);
        assert_eq!(kind("Contact Account Number"), Some(Aux::Id));
        assert_eq!(kind("Record ID"), Some(Aux::Id));
        assert_eq!(kind("Invoice ID"), None);
        assert_eq!(kind("Exchange Rate"), Some(Aux::ExchangeRate));
        assert_eq!(kind("Discount"), Some(Aux::Discount));
        assert_eq!(kind("Status"), Some(Aux::Status));
        assert_eq!(kind("发票状态"), Some(Aux::Status));
        assert_eq!(kind("TermsOld"), Some(Aux::Terms));
    }

    #[test]
    fn unknown_headers_from_the_issue_are_recognised() {
        let best = |h: &str| header_candidates(h).first().map(|c| c.0);
        assert_eq!(best("BalanceDueAmount"), Some(Field::Outstanding));
        assert_eq!(best("AmountPaidAmount"), Some(Field::Paid));
        assert_eq!(best("数电发票号码"), Some(Field::Invoice));
        assert_eq!(best("价税合计"), Some(Field::Amount));
        assert_eq!(best("往来单位名称"), Some(Field::Customer));
        assert_eq!(best("Partner"), Some(Field::Customer));
        assert_eq!(best("Residual"), Some(Field::Outstanding));
        assert_eq!(best("Line Total"), Some(Field::Amount));
        assert_eq!(best("Invoice Total"), Some(Field::Amount));
        assert_eq!(best("Customer Name"), Some(Field::Customer));
        assert_eq!(best("Tax 1 Amount"), None);
        assert_eq!(best("Contact Account Number"), None);
    }
}
