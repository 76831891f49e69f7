//! Parser throughput (issue 14: native parse + aging ≥ 200 MB/s), in MB/s of pasted text, on
//! generated ledgers in the three shapes users paste:
//! - `zh_list`: a plain Chinese invoice list copied from Excel (tabs; the shape of
//!   `tests/bench/ledger.mjs` and `parse_age.rs`);
//! - `en_export`: an English comma-separated export with quoted amounts, month-name dates and
//!   a currency column, laid out like Xero's invoice export (`tests/fixtures/exports/`);
//! - `aged_report`: a section-headed aged receivables report, a customer heading over each
//!   section and a total under it, laid out like `xero_aged_receivables_detail.csv`.
//!
//! Two groups per shape and size: `parse/SHAPE/ROWS` (`paste::parse` alone) and
//! `parse_age/SHAPE/ROWS` (the parse, then every invoice aged and summed per customer and
//! currency). Run with `cargo bench -p overdue-core --bench parse` (one: add
//! `-- parse/zh_list/100000`).
//!
//! `PARSE_ONCE=ROWS[:SHAPE]` skips criterion and times one parse, one parse + aging and one
//! whole `report::derive` on ROWS generated rows, printing each — for runs too large for
//! criterion's repetitions (1,000,000 rows), under `/usr/bin/time -v` for the peak memory.
//! The derive's CPU and allocations are printed per stage; `PARSE_ONCE_ASOF=K` then times K as-of changes
//! (the stages after the parse, and the replaced report's drop), least CPU of the K;
//! `PARSE_ONCE_RULE=KEY` sets the late-charge rule (default `contract`, with a fixed fee).

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, Throughput};
use overdue_core::aging::{self, Buckets};
use overdue_core::charges::RuleKind;
use overdue_core::paste::{self, ParseOptions, Parsed};
use overdue_core::report::{derive_with, rederive_with};
use overdue_core::stages::{Reach, Stage, StageHook};
use overdue_core::workspace::Workspace;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Chinese headers, ISO and slashed dates, thousands separators, some paid rows, two currencies.
fn zh_list(rows: usize) -> String {
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
            month % 12 + 1,
            1 + i % 97,
            i % 1000,
            i % 100,
            i % 50
        ));
    }
    text
}

/// English headers, commas, quoted amounts over 1,000, `2 Jul 2025` dates, a currency column.
fn en_export(rows: usize) -> String {
    let mut text = String::from(
        "Invoice Number,Contact,Invoice Date,Due Date,Reference,Total,Paid,Due,Currency\n",
    );
    for i in 0..rows {
        let month = i % 12;
        let day = i % 28 + 1;
        let total = format!("{},{:03}.{:02}", 1 + i % 40, i % 1000, i % 100);
        let (paid, due) = if i % 4 == 0 {
            (
                "250.00".to_string(),
                format!("{},{:03}.{:02}", i % 40, 750 + i % 250, i % 100),
            )
        } else {
            ("0.00".to_string(), total.clone())
        };
        let currency = ["GBP", "USD", "EUR", "AUD"][i % 4];
        text.push_str(&format!(
            "INV-{i:06},Harbour Client {:03} Ltd,{day} {} 2025,{day} {} 2025,PO {},\"{total}\",{paid},\"{due}\",{currency}\n",
            i % 1500,
            MONTHS[month],
            MONTHS[(month + 1) % 12],
            i % 700,
        ));
    }
    text
}

/// Title lines, then sections: a customer heading, its invoices, its total row.
fn aged_report(rows: usize) -> String {
    let mut text = String::from(
        "Aged Receivables Detail\nTern Studio Ltd\nAs at 30 September 2025\nAgeing by due date\n\n\
         Date,Invoice Number,Reference,Due Date,Total,Paid,Credited,Due\n",
    );
    let per_section = 6;
    for i in 0..rows {
        if i % per_section == 0 {
            text.push_str(&format!("Customer {:05} Pty Ltd\n", i / per_section));
        }
        let month = i % 12;
        let day = i % 28 + 1;
        text.push_str(&format!(
            "{day} {} 2025,INV-{i:06},Order {},{day} {} 2025,\"{},{:03}.00\",0.00,0.00,\"{},{:03}.00\"\n",
            MONTHS[month],
            i % 300,
            MONTHS[(month + 1) % 12],
            1 + i % 9,
            i % 1000,
            1 + i % 9,
            i % 1000,
        ));
        if i % per_section == per_section - 1 || i + 1 == rows {
            text.push_str(&format!(
                "Total Customer {:05} Pty Ltd,,,,\"9,999.00\",0.00,0.00,\"9,999.00\"\n",
                i / per_section
            ));
        }
    }
    text
}

/// A shape's name and its generator.
type Shape = (&'static str, fn(usize) -> String);

const SHAPES: [Shape; 3] = [
    ("zh_list", zh_list),
    ("en_export", en_export),
    ("aged_report", aged_report),
];

fn options() -> ParseOptions<'static> {
    ParseOptions {
        default_currency: "CNY",
        default_terms_days: 30,
        ..ParseOptions::default()
    }
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 11, 23).expect("a valid date")
}

/// What the aging stage computes from a parse: each invoice aged, then the roll-ups.
fn age_all(parsed: &Parsed, buckets: &Buckets) -> usize {
    let aged: Vec<_> = parsed
        .invoices
        .iter()
        .map(|inv| aging::age(inv, as_of(), buckets))
        .collect();
    let (customers, totals) = aging::summarize(&parsed.invoices, &aged, buckets);
    customers.len() + totals.len()
}

fn bench(c: &mut Criterion) {
    let buckets = Buckets::stages();
    let inputs: Vec<(&str, usize, String)> = SHAPES
        .iter()
        .flat_map(|&(name, make)| [10_000, 100_000].map(|rows| (name, rows, make(rows))))
        .collect();
    let mut group = c.benchmark_group("parse");
    group.sample_size(10);
    for (name, rows, text) in &inputs {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new(*name, rows), text, |b, text| {
            b.iter(|| black_box(paste::parse(black_box(text), &options())))
        });
    }
    group.finish();
    let mut group = c.benchmark_group("parse_age");
    group.sample_size(10);
    for (name, rows, text) in &inputs {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new(*name, rows), text, |b, text| {
            b.iter(|| {
                let parsed = paste::parse(black_box(text), &options());
                black_box(age_all(&parsed, &buckets))
            })
        });
    }
    group.finish();
}

/// The CPU time this thread has used: on a loaded machine, wall time counts other processes'
/// turns too (the same clock as `core/tests/fuzz_support`).
fn cpu_seconds() -> f64 {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid, writable timespec for the call; the clock id is a constant.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) } == 0;
    if ok {
        now.tv_sec as f64 + now.tv_nsec as f64 * 1e-9
    } else {
        0.0
    }
}

/// `PARSE_ONCE=ROWS[:SHAPE]`: one timed run of each stage on a ledger too large to repeat.
fn once(spec: &str) {
    let (rows, shape) = spec.split_once(':').unwrap_or((spec, "zh_list"));
    let rows: usize = rows.trim().parse().expect("PARSE_ONCE=ROWS[:SHAPE]");
    let make = SHAPES
        .iter()
        .find(|(name, _)| *name == shape)
        .map(|&(_, make)| make)
        .expect("SHAPE is zh_list, en_export or aged_report");
    let text = make(rows);
    let mb = text.len() as f64 / 1e6;
    let (started, cpu) = (Instant::now(), cpu_seconds());
    let parsed = paste::parse(&text, &options());
    let (parse_s, parse_cpu) = (started.elapsed().as_secs_f64(), cpu_seconds() - cpu);
    let aged = age_all(&parsed, &Buckets::stages());
    let (age_s, age_cpu) = (started.elapsed().as_secs_f64(), cpu_seconds() - cpu);
    println!(
        "{shape} {rows} rows, {mb:.1} MB: {} invoices, {} errors; parse {:.0} ms wall, {:.0} ms CPU ({:.0} MB/s of CPU); parse + aging {:.0} ms wall, {:.0} ms CPU ({:.0} MB/s; {aged} roll-ups)",
        parsed.invoices.len(),
        parsed.errors.len(),
        parse_s * 1e3,
        parse_cpu * 1e3,
        mb / parse_cpu,
        age_s * 1e3,
        age_cpu * 1e3,
        mb / age_cpu,
    );
    drop(parsed);
    let mut workspace = Workspace::default();
    workspace.input.text = text.into();
    // The late-charge rule `after_parse` in `parse_age.rs` uses, so that the charges stage and
    // every per-invoice list are filled as they are for a user who set one; or another rule by
    // its key (`PARSE_ONCE_RULE=uk-statutory`: the statutory rules read rate tables).
    let rule = std::env::var("PARSE_ONCE_RULE").map_or(RuleKind::Contract, |key| {
        RuleKind::from_key(&key).expect("PARSE_ONCE_RULE is a rule's key, such as uk-statutory")
    });
    workspace.settings.charges.workspace.rule = rule;
    workspace.settings.charges.workspace.fixed_fee = 40.into();
    let (started, cpu) = (Instant::now(), cpu_seconds());
    let mut stages = StageCpu::default();
    let report = derive_with(&workspace, as_of(), &mut stages);
    println!(
        "derive {:.0} ms wall, {:.0} ms CPU ({} invoices); by stage, ms CPU: {}",
        started.elapsed().as_secs_f64() * 1e3,
        (cpu_seconds() - cpu) * 1e3,
        report.parsed.invoices.len(),
        stages.0.join(", ")
    );
    println!(
        "size_of Assessment {} Reason {} Step {} TodayItem {} Money {}",
        std::mem::size_of::<overdue_core::playbook::Assessment>(),
        std::mem::size_of::<overdue_core::playbook::Reason>(),
        std::mem::size_of::<overdue_core::playbook::rules::Step>(),
        std::mem::size_of::<overdue_core::playbook::TodayItem>(),
        std::mem::size_of::<overdue_core::playbook::Money>()
    );
    if let Some(times) = std::env::var("PARSE_ONCE_ASOF")
        .ok()
        .and_then(|n| n.parse().ok())
    {
        as_of_changes(report, &workspace, times);
    }
}

/// `PARSE_ONCE_ASOF=K`: K as-of changes (what the page reruns for one: every stage after the
/// parse), each replacing the report before it as the page does, so the old one's drop is
/// counted. The least CPU of the K runs per stage: on a loaded machine the least is the most
/// repeatable.
fn as_of_changes(mut report: overdue_core::report::Report, workspace: &Workspace, times: usize) {
    let mut least: Vec<(String, f64)> = Vec::new();
    let mut whole = f64::INFINITY;
    for run in 0..times {
        let day = as_of() + chrono::Days::new(1 + run as u64 % 7);
        let cpu = cpu_seconds();
        let mut stages = StageCpu::default();
        let next = rederive_with(&report, Reach::AfterParse, workspace, day, &mut stages)
            .expect("an as-of change reruns the stages after the parse");
        let started_drop = cpu_seconds();
        report = next;
        let dropped = cpu_seconds() - started_drop;
        whole = whole.min(cpu_seconds() - cpu);
        stages.1.push(("drop".into(), dropped));
        for (i, (name, secs)) in stages.1.into_iter().enumerate() {
            match least.get_mut(i) {
                Some(entry) => entry.1 = entry.1.min(secs),
                None => least.push((name, secs)),
            }
        }
    }
    let parts: Vec<String> = least
        .iter()
        .map(|(name, secs)| format!("{name} {:.1}", secs * 1e3))
        .collect();
    println!(
        "as-of change, least of {times}: {:.1} ms CPU; by stage: {}",
        whole * 1e3,
        parts.join(", ")
    );
}

/// CPU time of each stage of one derive, in the order they ran (printed, and in seconds), and
/// the CPU time and allocation count when the running stage started.
#[derive(Default)]
struct StageCpu(Vec<String>, Vec<(String, f64)>, (f64, usize));

impl StageHook for StageCpu {
    fn start(&mut self, _: Stage) {
        self.2 = (cpu_seconds(), allocations());
    }

    fn end(&mut self, stage: Stage) {
        let (cpu, before) = self.2;
        let secs = cpu_seconds() - cpu;
        let count = allocations() - before;
        self.0
            .push(format!("{stage:?} {:.0} ({count} allocations)", secs * 1e3));
        self.1.push((format!("{stage:?}"), secs));
    }
}

fn main() {
    if let Ok(spec) = std::env::var("PARSE_ONCE") {
        once(&spec);
        return;
    }
    let mut criterion = Criterion::default().configure_from_args();
    bench(&mut criterion);
    criterion.final_summary();
}

/// Counts allocations (and reallocations), so that the one-shot run can print each stage's
/// count: at 100,000 invoices allocation and freeing were a third of the playbook's time. One
/// relaxed atomic add per allocation, in every mode of this bench alike.
struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed straight to the system allocator with the caller's arguments.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller's contract for `alloc` is the system allocator's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System` through this allocator, with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: as for `dealloc`; `new_size` is the caller's, checked by its contract.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations() -> usize {
    ALLOCATIONS.load(Ordering::Relaxed)
}
