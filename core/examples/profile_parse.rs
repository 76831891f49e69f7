//! Parses a generated ledger once: a target for `valgrind --tool=callgrind` or `perf`.
//! `cargo run --release -p overdue-core --example profile_parse -- 100000`

#[path = "../benches/parse_age.rs"]
#[allow(dead_code)]
mod bench;

fn main() {
    let rows: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20_000);
    let mut ws = overdue_core::workspace::Workspace::default();
    ws.input.text = bench::ledger(rows).into();
    let started = std::time::Instant::now();
    let report =
        overdue_core::report::derive(&ws, chrono::NaiveDate::from_ymd_opt(2025, 11, 23).unwrap());
    eprintln!(
        "{rows} rows: {} invoices, {} errors in {:?}",
        report.parsed.invoices.len(),
        report.parsed.errors.len(),
        started.elapsed()
    );
}
