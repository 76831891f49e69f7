//! A customer's own trend on its row of the 账龄表 (issue 19 item 4): outstanding and overdue
//! over the kept snapshots and the ledger on the page, in the row's currency. The series and
//! the SVG are the core's (`overdue_core::review::customer_trend`); the series of every
//! customer are computed once per list of snapshots and kept here until the list changes, so
//! rendering the table stays a lookup per row.

use std::cell::RefCell;
use std::rc::Rc;

use overdue_core::aging::Rollup;
use overdue_core::review::customer_trend::{
    describe, sparkline_svg, worsened, CustomerPoint, CustomerTrends,
};
use overdue_core::review::snapshot::Snapshots;
use yew::prelude::*;

use crate::state::AppState;

thread_local! {
    /// The trends of the last list of snapshots seen, with that list (held, so that its
    /// address cannot be reused by another list while it is compared).
    static TRENDS: RefCell<Option<(Rc<Snapshots>, Rc<CustomerTrends>)>> = const { RefCell::new(None) };
}

fn trends(snapshots: &Rc<Snapshots>) -> Rc<CustomerTrends> {
    TRENDS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some((seen, trends)) = cache.as_ref() {
            if Rc::ptr_eq(seen, snapshots) {
                return trends.clone();
            }
        }
        let trends = Rc::new(CustomerTrends::of(snapshots));
        *cache = Some((snapshots.clone(), trends.clone()));
        trends
    })
}

/// The sparkline of `customer` in the row's currency; nothing when no snapshot of another
/// date is kept.
pub fn customer_sparkline(state: &AppState, customer: &str, rollup: &Rollup) -> Html {
    if state.snapshots.is_empty() {
        return Html::default();
    }
    let now = CustomerPoint {
        as_of: state.report.as_of,
        outstanding: rollup.open_amount(),
        overdue: rollup.overdue,
    };
    let points = trends(&state.snapshots).series(customer, &rollup.currency, now);
    if points.len() < 2 {
        return Html::default();
    }
    let text = describe(&points, &rollup.currency, state.lang());
    let svg = Html::from_html_unchecked(AttrValue::from(sparkline_svg(&points, &text)));
    html! {
        <span class="sparkline-cell" data-testid="customer-sparkline" title={text}
            data-points={points.len().to_string()} data-worse={worsened(&points).to_string()}>
            { svg }
        </span>
    }
}
