//! What the page's views work out over the whole ledger, in one pass each, so that the shell
//! can compute it once per report (its `Arc`s) instead of once per render (issue 14: with
//! 100,000 invoices and 2,000 customers, grouping the today list by a linear search per item
//! and counting each kind's letters by cloning every invoice key took most of a render).
//! Each function here gives exactly what the function it stands in for gives; the tests
//! compare the two.

use std::collections::{HashMap, HashSet};

use crate::paste::Invoice;
use crate::playbook::{LetterKind, TodayItem};
use crate::report::{InvoiceQuery, Report, SortKey};

/// [`crate::playbook::by_customer`] as indices into `items`: one list per customer, the cards
/// in the order of their first (most urgent) item, each card's items in list order.
pub fn card_indices(items: &[TodayItem]) -> Vec<Vec<usize>> {
    let mut card_of: HashMap<&str, usize> = HashMap::new();
    let mut cards: Vec<Vec<usize>> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let next = cards.len();
        let card = *card_of.entry(item.customer.as_str()).or_insert(next);
        if card == next {
            cards.push(Vec::new());
        }
        cards[card].push(i);
    }
    cards
}

/// [`crate::playbook::sent::kinds_due`]: the kinds of letter due today with how many
/// customers each is due for, in [`LetterKind::ALL`] order — counted, not built.
pub fn kinds_due_counts(items: &[TodayItem]) -> Vec<(LetterKind, usize)> {
    LetterKind::ALL
        .into_iter()
        .map(|kind| {
            let customers: HashSet<&str> = items
                .iter()
                .filter(|i| !i.is_done() && i.letter == Some(kind))
                .map(|i| i.customer.as_str())
                .collect();
            (kind, customers.len())
        })
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// [`Report::select`], sorted on keys taken out once per row: the same rows in the same order.
/// (`select` compares through the invoices and their aging on every comparison; a sort of
/// 100,000 rows then reads scattered memory about two million times.)
pub fn select(report: &Report, query: &InvoiceQuery) -> Vec<usize> {
    // The filter is `select`'s own; sorting by line keeps the pasted order it starts from.
    let mut rows = report.select(&InvoiceQuery {
        sort: SortKey::Line,
        descending: false,
        ..query.clone()
    });
    let invoices = &report.parsed.invoices;
    let aged = &report.aged;
    let desc = query.descending;
    match query.sort {
        SortKey::Line => sort_keyed(&mut rows, invoices, desc, |i| invoices[i].line),
        SortKey::Invoice => sort_keyed(&mut rows, invoices, desc, |i| invoices[i].number.as_str()),
        SortKey::Customer => {
            sort_keyed(&mut rows, invoices, desc, |i| invoices[i].customer.as_str())
        }
        SortKey::Currency => {
            sort_keyed(&mut rows, invoices, desc, |i| invoices[i].currency.as_str())
        }
        SortKey::InvoiceDate => sort_keyed(&mut rows, invoices, desc, |i| invoices[i].invoice_date),
        SortKey::DueDate => sort_keyed(&mut rows, invoices, desc, |i| invoices[i].due_date),
        SortKey::DaysPastDue => sort_keyed(&mut rows, invoices, desc, |i| aged[i].days_past_due),
        SortKey::Amount => sort_keyed(&mut rows, invoices, desc, |i| invoices[i].amount),
        SortKey::Paid => sort_keyed(&mut rows, invoices, desc, |i| invoices[i].paid),
        SortKey::Outstanding => sort_keyed(&mut rows, invoices, desc, |i| invoices[i].outstanding),
        SortKey::Status => sort_keyed(&mut rows, invoices, desc, |i| aged[i].status),
    }
    rows
}

/// Sorts `rows` by `key` (reversed when `descending`), ties by pasted line, then by position
/// — what `select`'s stable sort on rows in pasted order gives.
fn sort_keyed<K: Ord>(
    rows: &mut Vec<usize>,
    invoices: &[Invoice],
    descending: bool,
    key: impl Fn(usize) -> K,
) {
    let mut keyed: Vec<(K, usize, usize)> = rows
        .iter()
        .map(|&i| (key(i), invoices[i].line, i))
        .collect();
    keyed.sort_unstable_by(|a, b| {
        let order = a.0.cmp(&b.0);
        let order = if descending { order.reverse() } else { order };
        order.then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
    });
    *rows = keyed.into_iter().map(|(_, _, i)| i).collect();
}

/// The invoice number and customer of each invoice in lower case, for the table's search
/// (`Report::select` lowercases both per invoice and per keystroke).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchIndex {
    lowered: Vec<(String, String)>,
}

impl SearchIndex {
    pub fn of(invoices: &[Invoice]) -> SearchIndex {
        SearchIndex {
            lowered: invoices
                .iter()
                .map(|i| (i.number.to_lowercase(), i.customer.to_lowercase()))
                .collect(),
        }
    }

    /// The search as `Report::select` reads it: trimmed, in lower case; None when empty.
    pub fn needle(search: Option<&str>) -> Option<String> {
        search
            .map(|s| s.trim().to_lowercase())
            .filter(|s| !s.is_empty())
    }

    /// Of `rows` (indices into the invoices indexed), in their order, those whose number or
    /// customer contains `needle` (already lowered, see [`SearchIndex::needle`]).
    pub fn filter(&self, rows: &[usize], needle: &str) -> Vec<usize> {
        rows.iter()
            .copied()
            .filter(|&i| {
                self.lowered.get(i).is_some_and(|(number, customer)| {
                    number.contains(needle) || customer.contains(needle)
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::playbook::by_customer;
    use crate::playbook::sent::kinds_due;
    use crate::report::{derive, InvoiceQuery};
    use crate::workspace::Workspace;

    /// The sample ledger, and a made-up ledger of many customers with several invoices each
    /// (so that cards have more than one item and letters more than one invoice).
    fn reports() -> Vec<crate::report::Report> {
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let mut sample = Workspace::default();
        sample.input.text = crate::sample::sample_text(today).into();
        let mut many = Workspace::default();
        many.input.text = crate::sample::warm_up_text(today, 600).into();
        [sample, many].iter().map(|w| derive(w, today)).collect()
    }

    #[test]
    fn cards_are_by_customer_as_indices() {
        for report in reports() {
            let items = &report.playbook.today;
            assert!(!items.is_empty());
            let expected: Vec<Vec<*const TodayItem>> = by_customer(items)
                .into_iter()
                .map(|card| card.items.into_iter().map(|i| i as *const _).collect())
                .collect();
            let got: Vec<Vec<*const TodayItem>> = card_indices(items)
                .into_iter()
                .map(|card| card.into_iter().map(|i| &items[i] as *const _).collect())
                .collect();
            assert_eq!(got, expected);
        }
    }

    #[test]
    fn kinds_due_are_counted_as_the_batch_would_build_them() {
        let mut seen_any = false;
        for report in reports() {
            let items = &report.playbook.today;
            let expected = kinds_due(items);
            seen_any |= !expected.is_empty();
            assert_eq!(kinds_due_counts(items), expected);
        }
        assert!(
            seen_any,
            "no letter due in the test ledgers: the test would prove nothing"
        );
    }

    #[test]
    fn select_gives_what_report_select_gives_for_every_order_and_filter() {
        use crate::aging::Status;
        const KEYS: [SortKey; 11] = [
            SortKey::Line,
            SortKey::Invoice,
            SortKey::Customer,
            SortKey::Currency,
            SortKey::InvoiceDate,
            SortKey::DueDate,
            SortKey::DaysPastDue,
            SortKey::Amount,
            SortKey::Paid,
            SortKey::Outstanding,
            SortKey::Status,
        ];
        for report in reports() {
            let customer = report.parsed.invoices[0].customer.clone();
            let filters = [
                InvoiceQuery::default(),
                InvoiceQuery {
                    customer: Some(customer),
                    ..InvoiceQuery::default()
                },
                InvoiceQuery {
                    bucket: Some(1),
                    ..InvoiceQuery::default()
                },
                InvoiceQuery {
                    status: Some(Status::Paid),
                    search: Some("fp".into()),
                    ..InvoiceQuery::default()
                },
            ];
            for filter in &filters {
                for sort in KEYS {
                    for descending in [false, true] {
                        let query = InvoiceQuery {
                            sort,
                            descending,
                            ..filter.clone()
                        };
                        let expected = report.select(&query);
                        assert_eq!(select(&report, &query), expected, "{query:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_search_finds_what_select_finds_in_the_same_order() {
        for report in reports() {
            let index = SearchIndex::of(&report.parsed.invoices);
            let all = report.select(&InvoiceQuery::default());
            for search in [
                "",
                "  ",
                "fp",
                "A",
                "trading",
                "客户",
                "00 1",
                "zz-no-such",
                "Ltd",
            ] {
                let query = InvoiceQuery {
                    search: Some(search.to_string()),
                    ..InvoiceQuery::default()
                };
                let expected = report.select(&query);
                let got = match SearchIndex::needle(Some(search)) {
                    Some(needle) => index.filter(&all, &needle),
                    None => all.clone(),
                };
                assert_eq!(got, expected, "search {search:?}");
            }
        }
    }
}
