//! A customer's own trend on its row of the 账龄表 (issue 19 item 4): its open amount and the
//! overdue part of it on each kept snapshot, per currency (never summed across currencies), and
//! a small SVG sparkline of the two with a text that gives the figures.
//!
//! The series are computed once per list of snapshots ([`CustomerTrends::of`]) — a pass over
//! their invoices — so the table only looks its rows up. The ledger on the page is the last
//! point ([`CustomerTrends::series`] takes it from the 账龄表's own figures), so the line
//! ends where the row's figures are.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::snapshot::Snapshots;
use crate::i18n::Lang;
use crate::money::format_grouped;
use crate::playbook::format_date;

/// One customer in one currency on one date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CustomerPoint {
    pub as_of: NaiveDate,
    /// Open invoices (credits left out), as the snapshot's totals count them.
    pub outstanding: Decimal,
    /// The part of it past due on that date.
    pub overdue: Decimal,
}

/// Every customer's points over a list of snapshots, by (customer, currency).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CustomerTrends {
    dates: Vec<NaiveDate>,
    /// One value per date of `dates`, zero where the customer had nothing open.
    by_customer: BTreeMap<(String, String), Vec<(Decimal, Decimal)>>,
}

impl CustomerTrends {
    /// The points of every customer on every kept snapshot.
    pub fn of(snapshots: &Snapshots) -> CustomerTrends {
        let dates: Vec<NaiveDate> = snapshots.list.iter().map(|s| s.as_of).collect();
        let mut by_customer: BTreeMap<(String, String), Vec<(Decimal, Decimal)>> = BTreeMap::new();
        for (i, snapshot) in snapshots.list.iter().enumerate() {
            for invoice in &snapshot.invoices {
                if invoice.outstanding <= Decimal::ZERO {
                    continue;
                }
                let values = by_customer
                    .entry((invoice.customer.clone(), invoice.currency.clone()))
                    .or_insert_with(|| vec![(Decimal::ZERO, Decimal::ZERO); dates.len()]);
                let (outstanding, overdue) = &mut values[i];
                *outstanding = outstanding.saturating_add(invoice.outstanding);
                // Past due as the aging counts it: due before the snapshot's date.
                if invoice.due_date < snapshot.as_of {
                    *overdue = overdue.saturating_add(invoice.outstanding);
                }
            }
        }
        CustomerTrends { dates, by_customer }
    }

    /// The customer's points in date order: each kept snapshot, then `now` (the ledger on the
    /// page) in place of a snapshot of the same date. Empty when there is nothing to compare
    /// with (no kept snapshot of another date).
    pub fn series(&self, customer: &str, currency: &str, now: CustomerPoint) -> Vec<CustomerPoint> {
        let key = (customer.to_string(), currency.to_string());
        let values = self.by_customer.get(&key);
        let mut points: Vec<CustomerPoint> = self
            .dates
            .iter()
            .enumerate()
            .filter(|(_, date)| **date != now.as_of)
            .map(|(i, date)| {
                let (outstanding, overdue) = values
                    .and_then(|v| v.get(i).copied())
                    .unwrap_or((Decimal::ZERO, Decimal::ZERO));
                CustomerPoint {
                    as_of: *date,
                    outstanding,
                    overdue,
                }
            })
            .collect();
        if points.is_empty() {
            return points;
        }
        points.push(now);
        points.sort_by_key(|p| p.as_of);
        points
    }
}

/// Whether the customer's overdue amount is higher at the end than at the start.
pub fn worsened(points: &[CustomerPoint]) -> bool {
    match (points.first(), points.last()) {
        (Some(first), Some(last)) => last.overdue > first.overdue,
        _ => false,
    }
}

/// The figures in words, for the sparkline's title and the screen reader: from the first date
/// to the last, outstanding and overdue on each.
pub fn describe(points: &[CustomerPoint], currency: &str, lang: Lang) -> String {
    let each: Vec<String> = points
        .iter()
        .map(|p| {
            let (date, open, overdue) = (
                format_date(p.as_of, lang),
                format_grouped(p.outstanding),
                format_grouped(p.overdue),
            );
            match lang {
                Lang::Zh => format!("{date}：未结清 {open}，逾期 {overdue}"),
                Lang::En => format!("{date}: outstanding {open}, overdue {overdue}"),
            }
        })
        .collect();
    match lang {
        Lang::Zh => format!("{currency} 趋势 — {}", each.join("；")),
        Lang::En => format!("{currency} trend — {}", each.join("; ")),
    }
}

const WIDTH: i64 = 96;
const HEIGHT: i64 = 24;
const PAD: i64 = 3;

/// A sparkline: the outstanding amount as a line (class `spark-outstanding`) and the overdue
/// part as a filled area under it (`spark-overdue`), on one scale, a dot at the last point.
/// Classes only (the CSP allows no inline styles), so screen and print styles colour it. The
/// title is escaped.
pub fn sparkline_svg(points: &[CustomerPoint], title: &str) -> String {
    let max = points
        .iter()
        .map(|p| p.outstanding.max(p.overdue))
        .max()
        .unwrap_or_default();
    let n = points.len();
    let x = |i: usize| -> Decimal {
        let span = Decimal::from(WIDTH - 2 * PAD);
        let step = if n > 1 {
            span / Decimal::from(n as i64 - 1)
        } else {
            Decimal::ZERO
        };
        Decimal::from(PAD) + step * Decimal::from(i as i64)
    };
    let y = |value: Decimal| -> Decimal {
        let plot = Decimal::from(HEIGHT - 2 * PAD);
        let h = if max > Decimal::ZERO {
            value.max(Decimal::ZERO) * plot / max
        } else {
            Decimal::ZERO
        };
        Decimal::from(HEIGHT - PAD) - h
    };
    let coord = |v: Decimal| v.round_dp(1).normalize().to_string();
    let line: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{},{}", coord(x(i)), coord(y(p.outstanding))))
        .collect();
    let mut area: Vec<String> = vec![format!("{},{}", coord(x(0)), HEIGHT - PAD)];
    area.extend(
        points
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{},{}", coord(x(i)), coord(y(p.overdue)))),
    );
    area.push(format!(
        "{},{}",
        coord(x(n.saturating_sub(1))),
        HEIGHT - PAD
    ));
    let title = escape(title);
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sparkline\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"{WIDTH}\" height=\"{HEIGHT}\" role=\"img\" aria-label=\"{title}\"><title>{title}</title>"
    );
    if n > 0 {
        out.push_str(&format!(
            "<polygon class=\"spark-overdue\" points=\"{}\"/><polyline class=\"spark-outstanding\" points=\"{}\"/>",
            area.join(" "),
            line.join(" ")
        ));
        let last = &points[n - 1];
        out.push_str(&format!(
            "<circle class=\"spark-end\" cx=\"{}\" cy=\"{}\" r=\"2\"/>",
            coord(x(n - 1)),
            coord(y(last.outstanding))
        ));
    }
    out.push_str("</svg>");
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::snapshot::{SnapInvoice, Snapshot};

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn invoice(customer: &str, currency: &str, due: &str, outstanding: i64) -> SnapInvoice {
        SnapInvoice {
            customer: customer.into(),
            number: format!("{customer}-{due}"),
            currency: currency.into(),
            invoice_date: None,
            due_date: d(due),
            amount: Decimal::from(outstanding.max(0)),
            paid: Decimal::ZERO,
            outstanding: Decimal::from(outstanding),
            salesperson: String::new(),
            stage: Default::default(),
            disputed: false,
            promise: None,
        }
    }

    fn two_weeks() -> Snapshots {
        let mut snapshots = Snapshots::default();
        snapshots
            .keep(Snapshot::from_invoices(
                d("2026-11-13"),
                vec![
                    invoice("ACME", "CNY", "2026-11-10", 100),
                    invoice("ACME", "CNY", "2026-12-01", 50),
                    invoice("ACME", "USD", "2026-11-01", 7),
                    invoice("ACME", "CNY", "2026-11-01", -30),
                ],
            ))
            .unwrap();
        snapshots
            .keep(Snapshot::from_invoices(
                d("2026-11-20"),
                vec![invoice("Beta", "CNY", "2026-11-01", 10)],
            ))
            .unwrap();
        snapshots
    }

    fn now(as_of: &str, outstanding: i64, overdue: i64) -> CustomerPoint {
        CustomerPoint {
            as_of: d(as_of),
            outstanding: Decimal::from(outstanding),
            overdue: Decimal::from(overdue),
        }
    }

    #[test]
    fn each_currency_has_its_own_series_and_a_week_without_invoices_is_zero() {
        let trends = CustomerTrends::of(&two_weeks());
        let cny = trends.series("ACME", "CNY", now("2026-11-27", 250, 200));
        let figures: Vec<(String, String, String)> = cny
            .iter()
            .map(|p| {
                (
                    p.as_of.to_string(),
                    p.outstanding.to_string(),
                    p.overdue.to_string(),
                )
            })
            .collect();
        // 13 Nov: 100 overdue + 50 not yet due (the credit is left out); 20 Nov: nothing of
        // ACME's was open; now: the 账龄表's figures.
        assert_eq!(
            figures,
            [
                ("2026-11-13".into(), "150".into(), "100".into()),
                ("2026-11-20".into(), "0".into(), "0".into()),
                ("2026-11-27".into(), "250".into(), "200".into()),
            ]
        );
        let usd = trends.series("ACME", "USD", now("2026-11-27", 7, 7));
        assert_eq!(usd[0].outstanding, Decimal::from(7), "never added to CNY");
        assert!(worsened(&cny));
        assert!(!worsened(&usd));
    }

    #[test]
    fn the_page_ledger_replaces_a_snapshot_of_its_date_and_alone_gives_no_trend() {
        let trends = CustomerTrends::of(&two_weeks());
        let series = trends.series("Beta", "CNY", now("2026-11-20", 99, 99));
        assert_eq!(series.len(), 2);
        assert_eq!(series[1].outstanding, Decimal::from(99));
        let empty = CustomerTrends::of(&Snapshots::default());
        assert!(empty
            .series("Beta", "CNY", now("2026-11-20", 1, 1))
            .is_empty());
    }

    #[test]
    fn the_sparkline_states_its_figures_and_escapes_its_title() {
        let trends = CustomerTrends::of(&two_weeks());
        let series = trends.series("ACME", "CNY", now("2026-11-27", 250, 200));
        let text = describe(&series, "CNY", Lang::En);
        assert_eq!(
            text,
            "CNY trend — 13 Nov 2026: outstanding 150.00, overdue 100.00; 20 Nov 2026: \
             outstanding 0.00, overdue 0.00; 27 Nov 2026: outstanding 250.00, overdue 200.00"
        );
        assert!(describe(&series, "CNY", Lang::Zh)
            .contains("2026年11月27日：未结清 250.00，逾期 200.00"));
        let svg = sparkline_svg(&series, "<ACME & co>");
        assert!(svg.contains("<title>&lt;ACME &amp; co&gt;</title>"));
        // The highest point (250) touches the top padding; zero sits on the baseline.
        assert!(svg.contains("points=\"3,10.2 48,21 93,3\""), "{svg}");
        assert!(svg.contains("class=\"spark-overdue\""));
    }
}
