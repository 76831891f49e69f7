//! Trend charts over the kept snapshots, per currency, as SVG text: outstanding by aging bucket
//! as stacked bars, DSO and the overdue share as lines. Built here as plain text (no chart
//! library, nothing fetched), with classes for colours so that the page's CSS styles them on
//! screen and in print (the CSP allows no inline styles). Every text in them is escaped.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::kpi::{countback, monthly_sales, position, COUNTBACK_MONTHS};
use super::snapshot::Snapshot;
use crate::aging::{self, Buckets};
use crate::i18n::Lang;
use crate::money::format_grouped;

/// One snapshot in one currency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrendPoint {
    pub as_of: NaiveDate,
    /// Open amounts per bucket (credits left out), aged on the snapshot's own date.
    pub by_bucket: Vec<Decimal>,
    pub dso: Option<Decimal>,
    pub overdue_share: Option<Decimal>,
}

pub fn trend(snapshots: &[&Snapshot], currency: &str, buckets: &Buckets) -> Vec<TrendPoint> {
    snapshots
        .iter()
        .map(|s| {
            let mut by_bucket = vec![Decimal::ZERO; buckets.len()];
            for invoice in s.invoices.iter().filter(|i| i.currency == currency) {
                if invoice.outstanding > Decimal::ZERO {
                    let aged = aging::age(&invoice.as_invoice(), s.as_of, buckets);
                    if let Some(slot) = by_bucket.get_mut(aged.bucket) {
                        *slot = slot.saturating_add(invoice.outstanding);
                    }
                }
            }
            let p = position(s, currency);
            TrendPoint {
                as_of: s.as_of,
                by_bucket,
                dso: countback(p.receivables, &monthly_sales(s, currency, COUNTBACK_MONTHS))
                    .map(|c| c.days),
                overdue_share: (p.open > Decimal::ZERO)
                    .then(|| (p.overdue * Decimal::ONE_HUNDRED / p.open).round_dp(1)),
            }
        })
        .collect()
}

const WIDTH: i64 = 640;
const HEIGHT: i64 = 220;
const LEFT: i64 = 8;
const TOP: i64 = 18;
const BOTTOM: i64 = 24;

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn label(date: NaiveDate) -> String {
    date.format("%m-%d").to_string()
}

/// A coordinate to one decimal.
fn coord(value: Decimal) -> String {
    value.round_dp(1).normalize().to_string()
}

fn open_svg(out: &mut String, class: &str, title: &str) {
    out.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart {class}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-label=\"{t}\"><title>{t}</title>",
        t = escape(title)
    ));
}

/// Stacked bars, one per point; bucket `i` has class `bucket-i`.
pub fn bars_svg(points: &[TrendPoint], bucket_labels: &[String], title: &str) -> String {
    let mut out = String::new();
    open_svg(&mut out, "bars", title);
    let totals: Vec<Decimal> = points
        .iter()
        .map(|p| {
            p.by_bucket
                .iter()
                .fold(Decimal::ZERO, |a, b| a.saturating_add(*b))
        })
        .collect();
    let max = totals.iter().copied().max().unwrap_or_default();
    let plot_h = Decimal::from(HEIGHT - TOP - BOTTOM);
    let n = points.len().max(1) as i64;
    let slot = Decimal::from(WIDTH - 2 * LEFT) / Decimal::from(n);
    let bar = (slot * Decimal::new(6, 1)).min(Decimal::from(64));
    for (i, (point, total)) in points.iter().zip(&totals).enumerate() {
        let x = Decimal::from(LEFT) + slot * Decimal::from(i as i64) + (slot - bar) / Decimal::TWO;
        let mut y = Decimal::from(HEIGHT - BOTTOM);
        for (b, amount) in point.by_bucket.iter().enumerate() {
            if max <= Decimal::ZERO || *amount <= Decimal::ZERO {
                continue;
            }
            let h = *amount * plot_h / max;
            y -= h;
            let name = bucket_labels.get(b).map(String::as_str).unwrap_or("");
            out.push_str(&format!(
                "<rect class=\"bucket-{b}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{} {}: {}</title></rect>",
                coord(x),
                coord(y),
                coord(bar),
                coord(h),
                label(point.as_of),
                escape(name),
                format_grouped(*amount)
            ));
        }
        out.push_str(&format!(
            "<text class=\"total\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            coord(x + bar / Decimal::TWO),
            coord(y - Decimal::from(4)),
            short_amount(*total)
        ));
        out.push_str(&axis_label(x + bar / Decimal::TWO, point.as_of));
    }
    out.push_str("</svg>");
    out
}

fn axis_label(x: Decimal, date: NaiveDate) -> String {
    format!(
        "<text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
        coord(x),
        HEIGHT - 6,
        label(date)
    )
}

/// 1234567 → "1.2M", so that bar tops stay short at phone width.
fn short_amount(value: Decimal) -> String {
    let (div, unit) = if value.abs() >= Decimal::from(1_000_000) {
        (Decimal::from(1_000_000), "M")
    } else if value.abs() >= Decimal::from(1_000) {
        (Decimal::from(1_000), "K")
    } else {
        (Decimal::ONE, "")
    };
    format!("{}{unit}", (value / div).round_dp(1).normalize())
}

/// A line of `values` (None: a gap), each point labelled with its value and `unit`.
pub fn line_svg(
    dates: &[NaiveDate],
    values: &[Option<Decimal>],
    unit: &str,
    title: &str,
) -> String {
    let mut out = String::new();
    open_svg(&mut out, "line", title);
    let max = values.iter().flatten().copied().max().unwrap_or_default();
    let plot_h = Decimal::from(HEIGHT - TOP - BOTTOM);
    let n = dates.len().max(1) as i64;
    let slot = Decimal::from(WIDTH - 2 * LEFT) / Decimal::from(n);
    let mut path = String::new();
    let mut dots = String::new();
    for (i, (date, value)) in dates.iter().zip(values).enumerate() {
        let x = Decimal::from(LEFT) + slot * (Decimal::from(i as i64) + Decimal::new(5, 1));
        out.push_str(&axis_label(x, *date));
        let Some(value) = value else {
            path.push(' ');
            continue;
        };
        let h = if max > Decimal::ZERO {
            (*value).max(Decimal::ZERO) * plot_h / max
        } else {
            Decimal::ZERO
        };
        let y = Decimal::from(HEIGHT - BOTTOM) - h;
        let joined = path.ends_with(|c: char| c.is_ascii_digit());
        path.push_str(&format!(
            "{}{},{}",
            if joined { " L" } else { "M" },
            coord(x),
            coord(y)
        ));
        dots.push_str(&format!(
            "<circle class=\"dot\" cx=\"{}\" cy=\"{}\" r=\"3.5\"><title>{}: {}{}</title></circle><text class=\"value\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            coord(x),
            coord(y),
            label(*date),
            value.normalize(),
            escape(unit),
            coord(x),
            coord(y - Decimal::from(7)),
            value.normalize()
        ));
    }
    let path = path.split_whitespace().collect::<Vec<_>>().join(" ");
    if !path.is_empty() {
        out.push_str(&format!("<path class=\"trend\" d=\"{path}\"/>"));
    }
    out.push_str(&dots);
    out.push_str("</svg>");
    out
}

/// The chart titles.
pub fn titles(currency: &str, lang: Lang) -> [String; 3] {
    let c = escape(currency);
    match lang {
        Lang::Zh => [
            format!("{c} 按账龄的未结清金额"),
            format!("{c} DSO（倒推法，天）"),
            format!("{c} 逾期占比（%）"),
        ],
        Lang::En => [
            format!("{c} outstanding by aging bucket"),
            format!("{c} DSO (count-back, days)"),
            format!("{c} overdue share (%)"),
        ],
    }
}
