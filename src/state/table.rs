//! The invoice table's view of the report: filters, order, page, the open details row.

use std::rc::Rc;
use std::sync::Arc;

use overdue_core::aging::Status;
use overdue_core::paste::Parsed;
use overdue_core::report::{AgingRun, InvoiceQuery, Report, SortKey};
use overdue_core::views_support::SearchIndex;

pub const PAGE_SIZE: usize = 100;

#[derive(Clone, Debug, PartialEq)]
pub struct TableView {
    pub query: InvoiceQuery,
    /// Indices into `report.parsed.invoices`, filtered and sorted by `query` (a cache).
    pub rows: Rc<Vec<usize>>,
    pub page: usize,
    /// The invoice whose details (next steps, late-charge breakdown) are open.
    pub expanded: Option<usize>,
    /// What `rows` was narrowed from, kept for the next keystroke in the search box.
    unsearched: Unsearched,
}

/// The rows of the query without its search, and the lowered texts the search looks in: a
/// keystroke (or clearing the box) filters these, in their order, instead of selecting and
/// sorting the whole ledger again (issue 14; the same rows, since a filter keeps the order).
/// Valid for the parse and aging they were computed from, which `Report::select` reads.
#[derive(Clone)]
struct Unsearched {
    query: InvoiceQuery,
    parsed: Arc<Parsed>,
    aged: AgingRun,
    rows: Rc<Vec<usize>>,
    /// Built on the first search of a parse.
    index: Option<Rc<SearchIndex>>,
}

/// A cache of what `rows` says: never a difference between two views.
impl PartialEq for Unsearched {
    fn eq(&self, _: &Unsearched) -> bool {
        true
    }
}

impl std::fmt::Debug for Unsearched {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Unsearched")
    }
}

/// `report.select(query)`, reusing what `kept` holds when it is of this report.
fn select(
    report: &Report,
    query: &InvoiceQuery,
    kept: Option<&Unsearched>,
) -> (Rc<Vec<usize>>, Unsearched) {
    let unsearched = InvoiceQuery {
        search: None,
        ..query.clone()
    };
    let same_parse = kept.filter(|k| Arc::ptr_eq(&k.parsed, &report.parsed));
    let rows = match same_parse.filter(|k| k.aged == report.aging_run() && k.query == unsearched) {
        Some(k) => k.rows.clone(),
        None => Rc::new(overdue_core::views_support::select(report, &unsearched)),
    };
    let mut index = same_parse.and_then(|k| k.index.clone());
    let searched = match SearchIndex::needle(query.search.as_deref()) {
        None => rows.clone(),
        Some(needle) => {
            let index =
                index.get_or_insert_with(|| Rc::new(SearchIndex::of(&report.parsed.invoices)));
            Rc::new(index.filter(&rows, &needle))
        }
    };
    let kept = Unsearched {
        query: unsearched,
        parsed: report.parsed.clone(),
        aged: report.aging_run(),
        rows,
        index,
    };
    (searched, kept)
}

pub enum TableAction {
    FilterCustomer(Option<String>),
    Search(String),
    FilterBucket(Option<usize>),
    FilterStatus(Option<Status>),
    SortBy(SortKey),
    SetPage(usize),
    /// Opens or closes the details of one invoice.
    ToggleDetails(usize),
    /// Only this customer's invoices, whatever their bucket or status.
    ShowCustomer(String),
}

impl TableView {
    pub fn new(report: &Report) -> TableView {
        let query = InvoiceQuery::default();
        let (rows, unsearched) = select(report, &query, None);
        TableView {
            rows,
            query,
            page: 0,
            expanded: None,
            unsearched,
        }
    }

    pub fn page_count(&self) -> usize {
        self.rows.len().div_ceil(PAGE_SIZE).max(1)
    }

    pub fn reduce(&self, action: TableAction, report: &Report) -> TableView {
        match action {
            TableAction::FilterCustomer(customer) => {
                self.queried(report, |q| q.customer = customer)
            }
            TableAction::Search(text) => self.queried(report, |q| {
                q.search = (!text.trim().is_empty()).then_some(text)
            }),
            TableAction::FilterBucket(bucket) => self.queried(report, |q| q.bucket = bucket),
            TableAction::FilterStatus(status) => self.queried(report, |q| q.status = status),
            TableAction::SortBy(key) => self.queried(report, |q| {
                if q.sort == key {
                    q.descending = !q.descending;
                } else {
                    q.sort = key;
                    q.descending = matches!(
                        key,
                        SortKey::DaysPastDue | SortKey::Outstanding | SortKey::Amount
                    );
                }
            }),
            TableAction::ShowCustomer(customer) => self.queried(report, |q| {
                q.customer = Some(customer);
                q.bucket = None;
                q.status = None;
            }),
            TableAction::SetPage(page) => TableView {
                page: page.min(self.page_count() - 1),
                ..self.clone()
            },
            TableAction::ToggleDetails(i) => TableView {
                expanded: (self.expanded != Some(i)).then_some(i),
                ..self.clone()
            },
        }
    }

    /// The same view on a new report: a filter on something the new data no longer has would
    /// show an empty table, so it is dropped; the page stays while it exists.
    pub fn refreshed(&self, report: &Report) -> TableView {
        let mut query = self.query.clone();
        if query
            .customer
            .as_ref()
            .is_some_and(|c| !report.parsed.invoices.iter().any(|i| &i.customer == c))
        {
            query.customer = None;
        }
        if query.bucket.is_some_and(|b| b >= report.buckets.len()) {
            query.bucket = None;
        }
        let (rows, unsearched) = select(report, &query, Some(&self.unsearched));
        let page = self
            .page
            .min(rows.len().div_ceil(PAGE_SIZE).saturating_sub(1));
        TableView {
            query,
            rows,
            page,
            expanded: self.expanded,
            unsearched,
        }
    }

    fn queried(&self, report: &Report, change: impl FnOnce(&mut InvoiceQuery)) -> TableView {
        let mut query = self.query.clone();
        change(&mut query);
        let (rows, unsearched) = select(report, &query, Some(&self.unsearched));
        TableView {
            rows,
            query,
            page: 0,
            expanded: self.expanded,
            unsearched,
        }
    }
}
