//! The weekly review (issue 19): dated snapshots of the ledger and what they show over time.
//!
//! A [`snapshot::Snapshot`] is the parsed invoices of one as-of date (never the pasted text) with
//! a small summary; the user keeps up to [`snapshot::MAX_SNAPSHOTS`] of them in this browser.
//! Everything else here is derived, never stored: the invoices of two snapshots matched
//! ([`matching`]), what changed per invoice and per customer ([`changes`]), the collection KPIs
//! with their formulas ([`kpi`]), the trend charts as SVG text ([`chart`]) and the one-page
//! weekly report with its CSV ([`weekly`]). Snapshots that arrive in a data link are checked and
//! merged into the user's by [`shared`]. The "now" side of a comparison is usually the
//! ledger on the page, turned into a snapshot on the fly (`Snapshot::of`), so the review is
//! there before the user keeps anything.

pub mod changes;
pub mod chart;
pub mod customer_trend;
pub mod kpi;
pub mod matching;
pub mod shared;
pub mod snapshot;
pub mod weekly;
