//! Snapshots: matching across weeks, what changed, the bounded list and old stored versions.
//! Every row is invented.

use chrono::NaiveDate;
use overdue_core::aging::Buckets;
use overdue_core::review::changes::{compare, ChangeKind};
use overdue_core::review::matching::match_snapshots;
use overdue_core::review::snapshot::{
    KeepError, ReadError, SnapInvoice, Snapshot, Snapshots, MAX_SNAPSHOTS,
};
use overdue_core::workspace::Workspace;
use rust_decimal::Decimal;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn inv(customer: &str, number: &str, due: &str, amount: i64, outstanding: i64) -> SnapInvoice {
    SnapInvoice {
        customer: customer.into(),
        number: number.into(),
        currency: "CNY".into(),
        invoice_date: None,
        due_date: d(due),
        amount: Decimal::from(amount),
        paid: Decimal::from(amount - outstanding),
        outstanding: Decimal::from(outstanding),
        salesperson: String::new(),
        stage: Default::default(),
        disputed: false,
        promise: None,
    }
}

fn week1() -> Snapshot {
    Snapshot::from_invoices(
        d("2026-11-20"),
        vec![
            inv("华东建材", "A-1", "2026-11-01", 1000, 1000),
            inv("华东建材", "A-2", "2026-11-25", 500, 500),
            inv("北方物流", "B-1", "2026-10-01", 800, 800),
            inv("南方电子", "C-1", "2026-09-01", 300, 300),
        ],
    )
}

#[test]
fn reordered_rows_change_nothing() {
    let then = week1();
    let mut rows = then.invoices.clone();
    rows.reverse();
    let now = Snapshot::from_invoices(then.as_of, rows);
    let changes = compare(&then, &now, &Buckets::stages());
    assert!(changes.invoices.is_empty(), "{:?}", changes.invoices);
    assert_eq!(changes.unchanged, 4);
}

#[test]
fn a_renamed_customer_keeps_its_invoices() {
    let then = week1();
    let mut rows = then.invoices.clone();
    for row in rows.iter_mut().filter(|r| r.customer == "北方物流") {
        row.customer = "北方物流有限公司".into();
    }
    let now = Snapshot::from_invoices(d("2026-11-27"), rows);
    let pairs = match_snapshots(&then, &now);
    let b1 = pairs.iter().find(|p| p.number == "B-1").unwrap();
    assert!(b1.then.is_some() && b1.now.is_some());
    assert_eq!(b1.renamed_from.as_deref(), Some("北方物流"));
    assert_eq!(b1.customer(), "北方物流有限公司");
    let changes = compare(&then, &now, &Buckets::stages());
    assert_eq!(changes.count(ChangeKind::Vanished), 0);
    assert_eq!(changes.count(ChangeKind::New), 0);
}

#[test]
fn an_invoice_split_into_two_rows_is_one_invoice() {
    let then = week1();
    // Same number on two rows (instalments), and a number continued by a suffix.
    let mut rows: Vec<SnapInvoice> = then
        .invoices
        .iter()
        .filter(|r| r.number != "A-1" && r.number != "B-1")
        .cloned()
        .collect();
    rows.push(inv("华东建材", "A-1", "2026-11-01", 600, 600));
    rows.push(inv("华东建材", "A-1", "2026-12-01", 400, 400));
    rows.push(inv("北方物流", "B-1-1", "2026-10-01", 500, 300));
    rows.push(inv("北方物流", "B-1-2", "2026-10-01", 300, 300));
    let now = Snapshot::from_invoices(d("2026-11-22"), rows);
    let pairs = match_snapshots(&then, &now);
    assert_eq!(pairs.len(), 4, "{pairs:?}");
    let a1 = pairs.iter().find(|p| p.number == "A-1").unwrap();
    assert_eq!(a1.now.as_ref().unwrap().outstanding, Decimal::from(1000));
    assert_eq!(a1.now.as_ref().unwrap().rows, 2);
    let b1 = pairs.iter().find(|p| p.number == "B-1").unwrap();
    assert_eq!(b1.now.as_ref().unwrap().outstanding, Decimal::from(600));
    let changes = compare(&then, &now, &Buckets::stages());
    let b1 = changes.invoices.iter().find(|c| c.number == "B-1").unwrap();
    assert_eq!(b1.kind, ChangeKind::PartlyPaid);
    assert_eq!(b1.collected, Decimal::from(200));
}

#[test]
fn each_kind_of_change_and_worst_first() {
    let then = week1();
    let mut disputed = inv("南方电子", "C-1", "2026-09-01", 300, 300);
    disputed.disputed = true;
    let now = Snapshot::from_invoices(
        d("2026-11-27"),
        vec![
            inv("华东建材", "A-1", "2026-11-01", 1000, 0), // paid in full
            inv("华东建材", "A-2", "2026-11-25", 500, 200), // partly paid, newly overdue
            disputed,                                      // disputed
            inv("西部矿业", "D-1", "2026-12-30", 900, 900), // new
        ],
    );
    let changes = compare(&then, &now, &Buckets::stages());
    let kind = |n: &str| {
        changes
            .invoices
            .iter()
            .find(|c| c.number == n)
            .unwrap()
            .kind
    };
    assert_eq!(kind("A-1"), ChangeKind::PaidInFull);
    assert_eq!(kind("A-2"), ChangeKind::NewlyOverdue);
    let a2 = changes.invoices.iter().find(|c| c.number == "A-2").unwrap();
    assert!(a2.kinds.contains(&ChangeKind::PartlyPaid));
    assert_eq!(kind("C-1"), ChangeKind::Disputed);
    assert_eq!(kind("D-1"), ChangeKind::New);
    assert_eq!(kind("B-1"), ChangeKind::Vanished);
    let order: Vec<ChangeKind> = changes.invoices.iter().map(|c| c.kind).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "worst first");
    assert_eq!(order[0], ChangeKind::Vanished);
    // Per customer: 华东建材 had 1,000 overdue (A-1), now 200 (A-2).
    let hd = changes
        .customers
        .iter()
        .find(|c| c.customer == "华东建材")
        .unwrap();
    assert_eq!(hd.then_overdue, Decimal::from(1000));
    assert_eq!(hd.now_overdue, Decimal::from(200));
    assert_eq!(hd.collected, Decimal::from(1300));
    // The customer whose overdue grew most comes first: 西部矿业 (not yet due) did not grow,
    // 南方电子 stayed; the vanished 北方物流 went down. Nobody grew, so by overdue now.
    assert!(changes
        .customers
        .windows(2)
        .all(|w| w[0].overdue_change() >= w[1].overdue_change()));
}

#[test]
fn a_later_bucket_is_seen() {
    // 20 days past due then (1–30), 40 now (31–60).
    let then = Snapshot::from_invoices(d("2026-11-21"), vec![inv("甲", "X", "2026-11-01", 10, 10)]);
    let now = Snapshot::from_invoices(d("2026-12-11"), vec![inv("甲", "X", "2026-11-01", 10, 10)]);
    let changes = compare(&then, &now, &Buckets::new(&[30, 60, 90]));
    assert_eq!(changes.invoices[0].kind, ChangeKind::LaterBucket);
    assert!(changes.customers[0].overdue_change().is_zero());
}

#[test]
fn promises_due_in_between_are_checked() {
    let mut kept = inv("甲", "P-1", "2026-11-01", 100, 100);
    kept.promise = Some(d("2026-11-24"));
    let mut broken = inv("甲", "P-2", "2026-11-01", 100, 100);
    broken.promise = Some(d("2026-11-25"));
    let then = Snapshot::from_invoices(d("2026-11-20"), vec![kept.clone(), broken.clone()]);
    kept.outstanding = Decimal::ZERO;
    let now = Snapshot::from_invoices(d("2026-11-27"), vec![kept, broken]);
    let changes = compare(&then, &now, &Buckets::stages());
    assert_eq!(changes.customers[0].promises_due, 2);
    assert_eq!(changes.customers[0].promises_kept, 1);
}

#[test]
fn the_list_is_bounded_and_says_what_it_dropped() {
    let mut kept = Snapshots::default();
    let start = d("2026-01-02");
    for week in 0..MAX_SNAPSHOTS as i64 {
        let mut s = week1();
        s.as_of = start + chrono::Duration::weeks(week);
        let k = kept.keep(s).unwrap();
        assert!(k.dropped.is_empty());
    }
    assert_eq!(kept.list.len(), MAX_SNAPSHOTS);
    let mut one_more = week1();
    one_more.as_of = start + chrono::Duration::weeks(MAX_SNAPSHOTS as i64);
    let k = kept.keep(one_more).unwrap();
    assert_eq!(k.dropped, vec![start]);
    assert_eq!(kept.list.len(), MAX_SNAPSHOTS);
    // Same date again: replaced, nothing dropped.
    let mut again = week1();
    again.as_of = start + chrono::Duration::weeks(3);
    let k = kept.keep(again).unwrap();
    assert!(k.replaced && k.dropped.is_empty());
    assert_eq!(kept.list.len(), MAX_SNAPSHOTS);
    assert!(kept.remove(start + chrono::Duration::weeks(3)));
    assert!(!kept.remove(start + chrono::Duration::weeks(3)));
    assert_eq!(kept.list.len(), MAX_SNAPSHOTS - 1);
    assert_eq!(
        kept.keep(Snapshot::from_invoices(start, Vec::new())),
        Err(KeepError::Empty)
    );
    // Stored JSON with more than the bound (written by hand) comes back within it, in order.
    let mut many = kept.clone();
    for week in 0..40 {
        let mut s = week1();
        s.as_of = d("2020-01-03") + chrono::Duration::weeks(week);
        many.list.push(s);
    }
    let read = Snapshots::from_json(&many.to_json()).unwrap();
    assert_eq!(read.list.len(), MAX_SNAPSHOTS);
    assert!(read.list.windows(2).all(|w| w[0].as_of < w[1].as_of));
}

/// A snapshot as version 1 of the page wrote it: it must keep opening. (Literal, not
/// generated: a change to the format that breaks it fails here.)
const V1_STORED: &str = r#"{"list":[{"version":1,"as_of":"2026-11-20","invoices":[{"customer":"华东建材","number":"A-1","currency":"CNY","due_date":"2026-11-01","amount":"1000","paid":"0","outstanding":"1000","stage":"friendly"},{"customer":"北方物流","number":"B-1","currency":"CNY","invoice_date":"2026-09-01","due_date":"2026-10-01","amount":"800","outstanding":"800","disputed":true,"promise":"2026-11-30"}]}]}"#;

#[test]
fn an_old_stored_snapshot_still_opens() {
    let read = Snapshots::from_json(V1_STORED).unwrap();
    let s = &read.list[0];
    assert_eq!(s.as_of, d("2026-11-20"));
    assert_eq!(s.invoices.len(), 2);
    assert!(s.invoices[1].disputed);
    assert_eq!(s.invoices[1].promise, Some(d("2026-11-30")));
    assert_eq!(s.totals[0].outstanding, Decimal::from(1800));
    let newer = V1_STORED.replace("\"version\":1", "\"version\":99");
    assert_eq!(
        Snapshots::from_json(&newer),
        Err(ReadError::NewerVersion(99))
    );
    assert!(matches!(
        Snapshots::from_json("{\"list\":[1]}"),
        Err(ReadError::Invalid(_))
    ));
}

#[test]
fn a_snapshot_of_the_page_keeps_parsed_invoices_not_text() {
    let mut workspace = Workspace::default();
    workspace.input.text = "客户\t发票号\t到期日\t金额\n华东建材\tA-1\t2026-11-01\t1000\n".into();
    let report = overdue_core::report::derive(&workspace, d("2026-11-20"));
    let s = Snapshot::of(&report, &workspace);
    assert_eq!(s.invoices.len(), 1);
    assert_eq!(s.invoices[0].number, "A-1");
    // The header's words are in the pasted text, never in a snapshot.
    let json = serde_json::to_string(&s).unwrap();
    assert!(json.contains("A-1") && !json.contains("发票号"), "{json}");
}
