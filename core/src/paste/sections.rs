//! Sections: rows that structure a report rather than list invoices (totals, headings).

use crate::text::fold_width;

pub(super) fn is_total_label(cell: &str) -> bool {
    // Cheap test first: this runs on every cell of every row.
    let first = cell.trim_start().chars().next();
    let maybe_latin = matches!(
        first,
        Some(
            't' | 'T' | 'g' | 'G' | 's' | 'S' | 'p' | 'P' | 'Ｔ' | 'ｔ' | 'Ｇ' | 'ｇ' | 'Ｓ' | 'ｓ'
        )
    );
    let maybe_cjk = !cell.is_ascii() && (cell.contains('计') || cell.contains('計'));
    if !maybe_latin && !maybe_cjk {
        return false;
    }
    let lower = fold_width(cell).trim().to_lowercase();
    lower.starts_with("total")
        || lower.starts_with("grand total")
        || lower.starts_with("subtotal")
        || lower.starts_with("sub-total")
        // Odoo's aged partner balance ends each account with a row of bucket percentages.
        || lower.starts_with("percent")
        || ["合计", "小计", "总计", "共计", "總計", "合計", "小計"]
            .iter()
            .any(|w| lower.contains(w))
}
