//! Documents, not lines: a status column's drafts and voids set aside, paid documents counted
//! as paid, payment terms read into due dates, and rows that share a document number merged
//! into one invoice — once when they repeat the document's amounts, added up when they are
//! line items.

use std::collections::{HashMap, HashSet};

use foldhash::fast::RandomState;

use rust_decimal::Decimal;

use super::model::{DocumentRows, ExcludeReason, Excluded, Invoice, MergedLine, RedNetting};
use crate::text::fold_width;

/// What a status cell says about the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Status {
    /// Not a receivable: set aside with this reason.
    Exclude(ExcludeReason),
    /// Fully paid, whatever the amount columns say (when they say nothing about payment).
    Paid,
    /// Open, partly paid, sent, overdue, or a word we do not know: read as usual.
    Open,
}

/// Reads Invoice Ninja / Zoho / Xero / Odoo / 电子发票服务平台 style status words.
pub(super) fn read_status(cell: &str) -> Status {
    let folded = fold_width(cell);
    let s = folded.trim().to_lowercase();
    let has = |w: &str| s.contains(w);
    if s.is_empty() {
        return Status::Open;
    }
    // invoice2go calls a document not yet sent "unsent" (its DocumentStatus column).
    if has("draft") || has("草稿") || has("未提交") || s == "unsent" {
        return Status::Exclude(ExcludeReason::Draft);
    }
    if has("void") || has("cancel") || has("作废") || has("已取消") || has("deleted") {
        return Status::Exclude(ExcludeReason::Void);
    }
    if has("部分红冲") {
        return Status::Open;
    }
    if has("已红冲") || has("全额红冲") || s == "reversed" {
        return Status::Exclude(ExcludeReason::Reversed);
    }
    if has("partial") || has("部分") || has("unpaid") || has("未付") || has("未收") {
        return Status::Open;
    }
    if s == "paid" || has("fully paid") || has("已付款") || has("已收款") || has("已结清")
    {
        return Status::Paid;
    }
    Status::Open
}

/// Days of credit a terms cell gives: `30`, `Net 30`, `NET30`, `30 days`, `月结30天`, `货到付款`,
/// `Due on receipt`. `None` when the cell names no number of days.
pub(super) fn read_terms(cell: &str) -> Option<i64> {
    let folded = fold_width(cell);
    let s = folded.trim().to_lowercase();
    if s.is_empty() {
        return None;
    }
    if s.contains("receipt") || s.contains("货到付款") || s.contains("现结") || s == "cod" {
        return Some(0);
    }
    let digits: String = s
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit())
        .collect();
    // Six digits of days is no payment term; the caller clamps what is left.
    if digits.is_empty() || digits.len() > 5 {
        return None;
    }
    digits.parse().ok()
}

/// Merges rows that share a document (number, customer and currency). When every repeated
/// document repeats the same amounts, the rows are copies of the document's totals and count
/// once; otherwise they are line items and their amounts add up. The decision is the sheet's,
/// not each document's, because two line items may happen to have equal amounts.
///
/// In a `journal`, every document's receivable lines are merged: debits are the invoice,
/// credits its payments.
pub(super) fn merge_documents(
    invoices: Vec<Invoice>,
    journal: bool,
) -> (Vec<Invoice>, Vec<MergedLine>, DocumentRows) {
    // Most sheets have one row per document: find that out without building the groups.
    // foldhash, not the default SipHash: hashing three strings of every row was 5 % of a parse.
    let mut seen = HashSet::with_capacity_and_hasher(invoices.len(), RandomState::default());
    let any_repeat = !invoices
        .iter()
        .all(|inv| seen.insert((&inv.number, &inv.customer, &inv.currency)));
    drop(seen);
    if !any_repeat && !journal {
        return (invoices, Vec::new(), DocumentRows::OnePerDocument);
    }
    let mut groups: HashMap<(&str, &str, &str), Vec<usize>, RandomState> = HashMap::default();
    for (i, inv) in invoices.iter().enumerate() {
        groups
            .entry((&inv.number, &inv.customer, &inv.currency))
            .or_default()
            .push(i);
    }
    let repeated: Vec<&Vec<usize>> = groups.values().filter(|g| g.len() > 1).collect();
    if repeated.is_empty() && !journal {
        return (invoices, Vec::new(), DocumentRows::OnePerDocument);
    }
    let same = |a: &Invoice, b: &Invoice| {
        (a.amount, a.paid, a.outstanding) == (b.amount, b.paid, b.outstanding)
    };
    let repeats = repeated
        .iter()
        .all(|g| g.iter().all(|&i| same(&invoices[i], &invoices[g[0]])));
    let mode = if journal {
        DocumentRows::Journal
    } else if repeats {
        DocumentRows::RepeatedTotals
    } else {
        DocumentRows::LineItems
    };
    // For each row: the index of its group's first row.
    let mut first_of = vec![usize::MAX; invoices.len()];
    for g in groups.values() {
        for &i in g {
            first_of[i] = g[0];
        }
    }
    let mut totals: HashMap<usize, (Decimal, Decimal, Decimal), RandomState> = HashMap::default();
    let add = |a: Decimal, b: Decimal| a.checked_add(b).unwrap_or(a);
    if mode == DocumentRows::LineItems {
        for (i, inv) in invoices.iter().enumerate() {
            let t = totals.entry(first_of[i]).or_default();
            // Amounts are bounded by the amount parser, but a sum of many is checked anyway.
            t.0 = add(t.0, inv.amount);
            t.1 = add(t.1, inv.paid);
            t.2 = add(t.2, inv.outstanding);
        }
    }
    if mode == DocumentRows::Journal {
        // Debits to the receivable raise what is owed; credits to it are payments.
        for (i, inv) in invoices.iter().enumerate() {
            let t = totals.entry(first_of[i]).or_default();
            if inv.amount < Decimal::ZERO {
                t.1 = add(t.1, -inv.amount);
            } else {
                t.0 = add(t.0, inv.amount);
            }
            t.2 = add(t.2, inv.amount);
        }
    }
    let lines: Vec<(usize, String)> = invoices
        .iter()
        .map(|inv| (inv.line, inv.number.clone()))
        .collect();
    let mut kept = Vec::with_capacity(groups.len());
    let mut merged = Vec::new();
    for (i, mut inv) in invoices.into_iter().enumerate() {
        let first = first_of[i];
        if first != i {
            merged.push(MergedLine {
                line: inv.line,
                into_line: lines[first].0,
                number: lines[first].1.clone(),
                red: None,
            });
            continue;
        }
        if let Some(&(amount, paid, outstanding)) = totals.get(&i) {
            inv.amount = amount;
            inv.paid = paid;
            inv.outstanding = outstanding;
        }
        kept.push(inv);
    }
    (kept, merged, mode)
}

/// A red invoice (negative) whose notes name a blue invoice that its status already set aside
/// as fully reversed (已红冲) is set aside with it: counting it would reverse the blue twice.
/// 电子发票服务平台 writes the blue number into the red invoice's 备注
/// ("被红冲蓝字数电发票号码：…").
pub(super) fn drop_reversals_of_excluded(
    invoices: Vec<Invoice>,
    excluded: &mut Vec<Excluded>,
) -> Vec<Invoice> {
    let reversed: Vec<String> = excluded
        .iter()
        .filter(|e| e.reason == ExcludeReason::Reversed && !e.number.is_empty())
        .map(|e| e.number.clone())
        .collect();
    if reversed.is_empty() {
        return invoices;
    }
    let mut kept = Vec::with_capacity(invoices.len());
    for inv in invoices {
        let reverses_excluded =
            inv.amount < Decimal::ZERO && reversed.iter().any(|n| inv.notes.contains(n.as_str()));
        if reverses_excluded {
            excluded.push(excluded_row(inv.line, &inv.number, ExcludeReason::Reversed));
        } else {
            kept.push(inv);
        }
    }
    excluded.sort_by_key(|e| e.line);
    kept
}

/// Red invoices (负数发票) netted against the blue invoice their notes name. 电子发票服务平台
/// writes "被红冲蓝字数电发票号码：…" into a red invoice's 备注; a red invoice for part of the blue
/// (部分红冲, a 销售折让 line with empty 数量/单价) leaves the rest of the blue invoice open, one
/// for all of it (a blue whose status column did not already say 已红冲) sets both aside as
/// reversed. The red row is then listed as merged into the blue, saying so. A red invoice whose
/// notes name no blue invoice of the same customer and currency in the sheet, or more than is
/// left on it, stays a credit of its own.
pub(super) fn net_red_invoices(
    mut invoices: Vec<Invoice>,
    merged: &mut Vec<MergedLine>,
    excluded: &mut Vec<Excluded>,
) -> Vec<Invoice> {
    let names_blue = |inv: &Invoice| {
        inv.amount < Decimal::ZERO
            && ["红冲", "蓝字", "红字"]
                .iter()
                .any(|w| inv.notes.contains(w))
    };
    if !invoices.iter().any(names_blue) {
        return invoices;
    }
    let blue_at: HashMap<&str, usize> = invoices
        .iter()
        .enumerate()
        .filter(|(_, inv)| inv.amount > Decimal::ZERO)
        .map(|(i, inv)| (inv.number.as_str(), i))
        .collect();
    // (red index, blue index) pairs, decided before any amount changes.
    let pairs: Vec<(usize, usize)> = invoices
        .iter()
        .enumerate()
        .filter(|(_, inv)| names_blue(inv))
        .filter_map(|(r, red)| {
            let b = document_numbers_in(&red.notes)
                .filter(|n| *n != red.number)
                .find_map(|n| blue_at.get(n).copied())?;
            let blue = &invoices[b];
            (blue.customer == red.customer && blue.currency == red.currency).then_some((r, b))
        })
        .collect();
    let mut gone = vec![false; invoices.len()];
    for (r, b) in pairs {
        let (red_amount, red_outstanding) = (invoices[r].amount, invoices[r].outstanding);
        let blue = &invoices[b];
        let (Some(amount), Some(outstanding)) = (
            blue.amount.checked_add(red_amount),
            blue.outstanding.checked_add(red_outstanding),
        ) else {
            continue;
        };
        if gone[b] || amount < Decimal::ZERO {
            continue;
        }
        gone[r] = true;
        if amount.is_zero() {
            gone[b] = true;
            for i in [b, r] {
                let inv = &invoices[i];
                excluded.push(excluded_row(inv.line, &inv.number, ExcludeReason::Reversed));
            }
            continue;
        }
        merged.push(MergedLine {
            line: invoices[r].line,
            into_line: blue.line,
            number: blue.number.clone(),
            red: Some(RedNetting {
                number: invoices[r].number.clone(),
                amount: red_amount,
            }),
        });
        let blue = &mut invoices[b];
        blue.amount = amount;
        blue.outstanding = outstanding;
    }
    merged.sort_by_key(|m| m.line);
    excluded.sort_by_key(|e| e.line);
    let mut index = 0;
    invoices.retain(|_| {
        index += 1;
        !gone[index - 1]
    });
    invoices
}

/// The words of a note that could be document numbers: runs of letters, digits and the
/// `-` `/` `_` `.` that numbers use, split at spaces and at every other character (so the
/// full-width colon of "号码：2531…" ends the label).
fn document_numbers_in(notes: &str) -> impl Iterator<Item = &str> {
    notes
        .split(|c: char| !(c.is_ascii_alphanumeric() || "-/_.".contains(c)))
        .map(|w| w.trim_matches('.'))
        .filter(|w| w.len() >= 2)
}

/// True when an account name is the receivables account (`Accounts Receivable`, `Debtors`,
/// `应收账款`, `1122 应收账款`).
pub(super) fn is_receivable_account(cell: &str) -> bool {
    let s = fold_width(cell).to_lowercase();
    s.contains("receivable") || s.contains("debtors") || s.contains("应收账款")
}

/// A document's row set aside by its status.
pub(super) fn excluded_row(line: usize, number: &str, reason: ExcludeReason) -> Excluded {
    Excluded {
        line,
        number: number.trim().to_string(),
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_words_in_both_languages() {
        assert_eq!(read_status("Draft"), Status::Exclude(ExcludeReason::Draft));
        assert_eq!(read_status("草稿"), Status::Exclude(ExcludeReason::Draft));
        assert_eq!(read_status("unsent"), Status::Exclude(ExcludeReason::Draft));
        assert_eq!(read_status("Sent"), Status::Open);
        assert_eq!(read_status("Void"), Status::Exclude(ExcludeReason::Void));
        assert_eq!(
            read_status("Cancelled"),
            Status::Exclude(ExcludeReason::Void)
        );
        assert_eq!(read_status("作废"), Status::Exclude(ExcludeReason::Void));
        assert_eq!(
            read_status("已红冲"),
            Status::Exclude(ExcludeReason::Reversed)
        );
        assert_eq!(read_status("部分红冲"), Status::Open);
        assert_eq!(read_status("Paid"), Status::Paid);
        assert_eq!(read_status("已付款"), Status::Paid);
        assert_eq!(read_status("Partial"), Status::Open);
        assert_eq!(read_status("Partially Paid"), Status::Open);
        assert_eq!(read_status("Sent"), Status::Open);
        assert_eq!(read_status("Overdue"), Status::Open);
    }

    #[test]
    fn terms_in_the_forms_exports_write_them() {
        assert_eq!(read_terms("Net 30"), Some(30));
        assert_eq!(read_terms("NET15"), Some(15));
        assert_eq!(read_terms("45"), Some(45));
        assert_eq!(read_terms("月结30天"), Some(30));
        assert_eq!(read_terms("货到付款"), Some(0));
        assert_eq!(read_terms("Due on Receipt"), Some(0));
        assert_eq!(read_terms("106751991168"), None);
        assert_eq!(read_terms("End of month"), None);
    }
}
