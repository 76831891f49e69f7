//! Parse + aging throughput on generated ledgers of 10,000 and 100,000 rows (about 0.7 and
//! 7 MB), the sizes the foundation issue names. Run with `cargo bench -p overdue-core`.
//! Two groups, so that a regression shows which half it is in: `parse` (the text read into
//! invoices, `report::parse_input`) and `paste_to_report` (the whole `derive`: parse, aging,
//! charges, the playbook, credit).

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use overdue_core::report::{derive, derive_after_parse, parse_input};
use overdue_core::workspace::Workspace;
use std::hint::black_box;

/// A realistic Excel selection: Chinese headers, mixed date and amount forms, some paid rows.
pub fn ledger(rows: usize) -> String {
    let mut text =
        String::from("发票号码\t客户名称\t开票日期\t到期日\t发票金额\t已收金额\t币种\t备注\n");
    for i in 0..rows {
        let month = i % 12 + 1;
        let day = i % 28 + 1;
        let paid = if i % 7 == 0 { "1,000.00" } else { "0" };
        let currency = if i % 5 == 0 { "USD" } else { "CNY" };
        text.push_str(&format!(
            "FP{i:08}\t客户{:04} Trading Co., Ltd.\t2025-{month:02}-{day:02}\t2025/{}/{day}\t{},{:03}.{:02}\t{paid}\t{currency}\t第{}批订单\n",
            i % 2000,
            (month % 12) + 1,
            1 + i % 97,
            i % 1000,
            i % 100,
            i % 50
        ));
    }
    text
}

fn bench(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2025, 11, 23).unwrap();
    let workspaces: Vec<(usize, Workspace)> = [10_000usize, 100_000]
        .into_iter()
        .map(|rows| {
            let mut ws = Workspace::default();
            ws.input.text = ledger(rows).into();
            (rows, ws)
        })
        .collect();
    let mut group = c.benchmark_group("parse");
    group.sample_size(10);
    for (rows, ws) in &workspaces {
        group.throughput(Throughput::Bytes(ws.input.text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(rows), ws, |b, ws| {
            b.iter(|| black_box(parse_input(black_box(ws))))
        });
    }
    group.finish();
    let mut group = c.benchmark_group("paste_to_report");
    group.sample_size(10);
    for (rows, ws) in &workspaces {
        group.throughput(Throughput::Bytes(ws.input.text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(rows), ws, |b, ws| {
            b.iter(|| black_box(derive(black_box(ws), today)))
        });
    }
    group.finish();
}

/// The stages after the parse (aging, charges, the playbook, credit) on a parse made once, with
/// a late-charge rule chosen so that every per-invoice list is filled: what an as-of change
/// costs, and what reading per-invoice results as rows must not make slower.
fn after_parse(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2025, 11, 23).unwrap();
    let mut group = c.benchmark_group("after_parse");
    group.sample_size(10);
    for rows in [10_000usize, 100_000] {
        let mut ws = Workspace::default();
        ws.input.text = ledger(rows).into();
        ws.settings.charges.workspace.rule = overdue_core::charges::RuleKind::Contract;
        ws.settings.charges.workspace.fixed_fee = 40.into();
        let parsed = parse_input(&ws);
        group.bench_with_input(BenchmarkId::from_parameter(rows), &ws, |b, ws| {
            b.iter(|| black_box(derive_after_parse(parsed.clone(), black_box(ws), today)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench, after_parse);
criterion_main!(benches);
