//! What the views work out over the whole ledger, kept until the part of the report it comes
//! from is replaced (issue 14). The views are plain functions run on every render — a
//! keystroke, a language switch, a save's status — and a report's stages are shared `Arc`s
//! that a rederive replaces only when they rerun, so "the same `Arc`" means "the same input".
//! Each cache holds the `Arc` it was computed from, so that its address cannot be reused by
//! another while it is compared.

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;
use std::sync::Arc;
use std::thread::LocalKey;

use overdue_core::letters::open_rows as rows_open_for;
use overdue_core::paste::{Parsed, ReadSummary};
use overdue_core::playbook::{CustomerCard, LetterKind, PlaybookReport, TodayItem};
use overdue_core::report::{AgingRun, Report};
use overdue_core::views_support::{card_indices, kinds_due_counts};

type Slot<K, V> = RefCell<Option<(Arc<K>, Rc<V>)>>;
/// The open rows of one customer, with the aging they were read from.
type OpenRows = (AgingRun, String, Rc<Vec<usize>>);

/// `make()`, or what it gave the last time `key` was this same `Arc`.
fn cached<K: 'static, V: 'static>(
    slot: &'static LocalKey<Slot<K, V>>,
    key: &Arc<K>,
    make: impl FnOnce() -> V,
) -> Rc<V> {
    slot.with(|slot| {
        let mut slot = slot.borrow_mut();
        if let Some((seen, value)) = slot.as_ref() {
            if Arc::ptr_eq(seen, key) {
                return value.clone();
            }
        }
        let value = Rc::new(make());
        *slot = Some((key.clone(), value.clone()));
        value
    })
}

/// The Today tab's grouping of the today list, and what the batch entry counts.
pub struct TodayCards {
    /// [`overdue_core::playbook::by_customer`] as indices into the today list.
    cards: Vec<Vec<usize>>,
    /// Something on any card is due today or late.
    pub any_to_do: bool,
    /// The kinds of letter due today, with how many customers each.
    pub kinds_due: Vec<(LetterKind, usize)>,
    /// Customers with a disputed invoice whose evidence deadline is past the holiday table.
    past_table: HashSet<String>,
}

impl TodayCards {
    pub fn len(&self) -> usize {
        self.cards.len()
    }

    /// The first `n` cards, borrowing from `items` (the today list they were computed from).
    pub fn first<'a>(&self, items: &'a [TodayItem], n: usize) -> Vec<CustomerCard<'a>> {
        self.cards
            .iter()
            .take(n)
            .filter_map(|card| {
                let first = items.get(*card.first()?)?;
                Some(CustomerCard {
                    customer: &first.customer,
                    items: card.iter().filter_map(|&i| items.get(i)).collect(),
                })
            })
            .collect()
    }

    /// Whether a disputed invoice of `customer` has its evidence deadline past the table of
    /// holidays (the card warns that working days are counted without them there).
    pub fn past_table(&self, customer: &str) -> bool {
        self.past_table.contains(customer)
    }
}

thread_local! {
    static TODAY: Slot<PlaybookReport, TodayCards> = const { RefCell::new(None) };
    static CUSTOMER_NAMES: Slot<Parsed, Vec<String>> = const { RefCell::new(None) };
    static READ: Slot<Parsed, ReadCounts> = const { RefCell::new(None) };
    /// The open rows of the last customer asked for, with the aging they were read from.
    static OPEN_ROWS: RefCell<Option<OpenRows>> = const { RefCell::new(None) };
}

/// The Today tab's cards of this report. Keyed by the playbook alone: it reruns whenever what
/// it reads does (the invoices, aging, the calendar), so a kept playbook means kept cards.
pub fn today_cards(report: &Report) -> Rc<TodayCards> {
    cached(&TODAY, &report.playbook, || {
        let items = &report.playbook.today;
        let past_table = report
            .rows()
            .filter_map(|row| row.assessment.dispute.as_ref().map(|d| (row.invoice, d)))
            .filter(|(_, d)| report.calendar.beyond_table(d.evidence_by))
            .map(|(inv, _)| inv.customer.clone())
            .collect();
        TodayCards {
            cards: card_indices(items),
            any_to_do: items.iter().any(|i| !i.is_done()),
            kinds_due: kinds_due_counts(items),
            past_table,
        }
    })
}

/// [`overdue_core::letters::open_rows`] of `customer`, once per aging and customer (the Letters
/// tab asks on every keystroke in its template editor). A new aging comes with every new parse,
/// so a kept one means the same invoices.
pub fn open_rows(report: &Report, customer: &str) -> Rc<Vec<usize>> {
    OPEN_ROWS.with(|slot| {
        let mut slot = slot.borrow_mut();
        if let Some((aged, seen, rows)) = slot.as_ref() {
            if *aged == report.aging_run() && seen == customer {
                return rows.clone();
            }
        }
        let rows = Rc::new(rows_open_for(report, customer));
        *slot = Some((report.aging_run(), customer.to_string(), rows.clone()));
        rows
    })
}

/// What the input panel says of a parse on every render, counted once per parse.
pub struct ReadCounts {
    /// The core's counts behind the "Read as: …" sentence.
    pub summary: ReadSummary,
    /// Data rows: the invoices, and each line that has row errors once.
    pub data_rows: usize,
}

pub fn read_counts(parsed: &Arc<Parsed>) -> Rc<ReadCounts> {
    cached(&READ, parsed, || ReadCounts {
        summary: parsed.summary(),
        data_rows: parsed.invoices.len()
            + parsed
                .errors
                .iter()
                .map(|e| e.line)
                .collect::<HashSet<_>>()
                .len(),
    })
}

/// [`Report::customer_names`] (first-seen order), once per parse.
pub fn customer_names(report: &Report) -> Rc<Vec<String>> {
    cached(&CUSTOMER_NAMES, &report.parsed, || {
        report
            .customer_names()
            .into_iter()
            .map(str::to_string)
            .collect()
    })
}
