//! The invoice table's view of the report: filters, order, page, the open details row.

use std::rc::Rc;

use overdue_core::aging::Status;
use overdue_core::report::{InvoiceQuery, Report, SortKey};

pub const PAGE_SIZE: usize = 100;

#[derive(Clone, Debug, PartialEq)]
pub struct TableView {
    pub query: InvoiceQuery,
    /// Indices into `report.parsed.invoices`, filtered and sorted by `query` (a cache).
    pub rows: Rc<Vec<usize>>,
    pub page: usize,
    /// The invoice whose details (next steps, late-charge breakdown) are open.
    pub expanded: Option<usize>,
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
        TableView {
            rows: Rc::new(report.select(&query)),
            query,
            page: 0,
            expanded: None,
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
        let rows = Rc::new(report.select(&query));
        let page = self
            .page
            .min(rows.len().div_ceil(PAGE_SIZE).saturating_sub(1));
        TableView {
            query,
            rows,
            page,
            expanded: self.expanded,
        }
    }

    fn queried(&self, report: &Report, change: impl FnOnce(&mut InvoiceQuery)) -> TableView {
        let mut query = self.query.clone();
        change(&mut query);
        TableView {
            rows: Rc::new(report.select(&query)),
            query,
            page: 0,
            expanded: self.expanded,
        }
    }
}
