//! Each KPI against a published worked example (sources in `core/src/review/kpi.rs`), then
//! the same formulas on two invented weekly snapshots.

use chrono::NaiveDate;
use overdue_core::i18n::Lang;
use overdue_core::review::kpi::{add, cei, collection_rate, countback, dso_average, kpis, Kpi};
use overdue_core::review::snapshot::{SnapInvoice, Snapshot};
use rust_decimal::Decimal;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn countback_matches_the_benji_pays_example() {
    // Month 3 (newest) 100,000, month 2 80,000, month 1 70,000; receivables 212,000; 30-day
    // months: 30 + 30 + 32,000 / 70,000 × 30 = 73.7 days.
    let months = [(dec("100000"), 30), (dec("80000"), 30), (dec("70000"), 30)];
    let c = countback(dec("212000"), &months).unwrap();
    assert_eq!(c.days, dec("73.7"));
    assert!(!c.at_least);
    // More receivables than three months of sales: "at least 90 days".
    let c = countback(dec("300000"), &months).unwrap();
    assert_eq!(c.days, dec("90"));
    assert!(c.at_least);
    assert_eq!(countback(Decimal::ZERO, &months), None);
}

#[test]
fn add_matches_the_creditguru_example() {
    // Total 15,000, current 4,000, credit sales 10,000 in 30 days: DSO 45, best 12, ADD 33.
    assert_eq!(dso_average(dec("15000"), dec("10000"), 30), Some(dec("45")));
    assert_eq!(
        add(dec("15000"), dec("4000"), dec("10000"), 30),
        Some(dec("33"))
    );
    assert_eq!(add(dec("15000"), dec("4000"), Decimal::ZERO, 30), None);
}

#[test]
fn cei_matches_the_credit_research_foundation_example() {
    // creditguru.com's CRF illustration, Jan–Mar: beginning 6,200, monthly credit sales
    // 10,890 / 3 = 3,630, ending total 6,340, ending current 3,590 → 55.9 %.
    assert_eq!(
        cei(dec("6200"), dec("3630"), dec("6340"), dec("3590")),
        Some(dec("55.9"))
    );
    // gaviti.com: 100,000 + 1,000,000 − 120,000 over 100,000 + 1,000,000 − 100,000 → 98 %.
    assert_eq!(
        cei(dec("100000"), dec("1000000"), dec("120000"), dec("100000")),
        Some(dec("98"))
    );
}

#[test]
fn collection_rate_is_collected_over_due() {
    // 期初 800 + 新增 200 − 期末 250 = 750 collected of 1,000: 75 %.
    assert_eq!(
        collection_rate(dec("800"), dec("200"), dec("250")),
        Some(dec("75"))
    );
    assert_eq!(
        collection_rate(Decimal::ZERO, Decimal::ZERO, Decimal::ZERO),
        None
    );
}

fn inv(
    customer: &str,
    number: &str,
    date: &str,
    due: &str,
    amount: &str,
    owed: &str,
) -> SnapInvoice {
    SnapInvoice {
        customer: customer.into(),
        number: number.into(),
        currency: "CNY".into(),
        invoice_date: Some(d(date)),
        due_date: d(due),
        amount: dec(amount),
        paid: dec(amount) - dec(owed),
        outstanding: dec(owed),
        salesperson: String::new(),
        stage: Default::default(),
        disputed: false,
        promise: None,
    }
}

#[test]
fn two_weeks_of_one_ledger() {
    let then = Snapshot::from_invoices(
        d("2026-11-20"),
        vec![
            inv("甲", "1", "2026-10-01", "2026-10-31", "600", "600"),
            inv("乙", "2", "2026-11-10", "2026-12-10", "400", "400"),
        ],
    );
    let mut usd = inv("丙", "3", "2026-11-25", "2026-12-25", "999", "999");
    usd.currency = "USD".into();
    let now = Snapshot::from_invoices(
        d("2026-11-27"),
        vec![
            inv("甲", "1", "2026-10-01", "2026-10-31", "600", "100"),
            inv("乙", "2", "2026-11-10", "2026-12-10", "400", "400"),
            inv("乙", "4", "2026-11-25", "2026-12-25", "200", "200"),
            usd,
        ],
    );
    let all = kpis(&now, Some(&then), 90);
    // Never summed across currencies: one set per currency.
    assert_eq!(all.len(), 2);
    let cny = all.iter().find(|k| k.currency == "CNY").unwrap();
    assert_eq!(cny.position.receivables, dec("700"));
    assert_eq!(cny.position.overdue, dec("100"));
    // 100 overdue of 700 open.
    assert_eq!(cny.overdue_share, Some(dec("14.3")));
    // Count-back: the month after 10-27 up to 11-27 (31 days) has sales 400 + 200 = 600, which
    // use it up; the 100 left against the month after 09-27 (30 days), sales 600:
    // 31 + 100 / 600 × 30 = 36.0.
    assert_eq!(cny.dso_countback.unwrap().days, dec("36"));
    let flow = cny.flow.as_ref().unwrap();
    assert_eq!(flow.beginning, dec("1000"));
    assert_eq!(flow.sales, dec("200"));
    assert_eq!(flow.collected, dec("500"));
    // (1,000 + 200 − 700) / (1,000 + 200 − 600 current) = 500 / 600.
    assert_eq!(flow.cei, Some(dec("83.3")));
    // Per customer: 甲 collected 500 of 600; 乙 nothing of 600.
    let rate = |n: &str| flow.rates.iter().find(|g| g.name == n).unwrap().rate;
    assert_eq!(rate("甲"), Some(dec("83.3")));
    assert_eq!(rate("乙"), Some(dec("0")));
    assert!(!flow.by_salesperson);
    assert_eq!(Kpi::Cei.raw(cny), Some(dec("83.3")));
    assert!(Kpi::Cei.formula(cny, Lang::En).contains("1,000"));
    let usd = all.iter().find(|k| k.currency == "USD").unwrap();
    assert_eq!(usd.position.receivables, dec("999"));
}

#[test]
fn collection_rate_per_salesperson_from_a_salesperson_column() {
    use overdue_core::paste::Field;
    use overdue_core::workspace::Workspace;
    let ledger = |rows: &str| {
        let mut workspace = Workspace::default();
        workspace.input.text =
            format!("客户\t发票号\t到期日\t金额\t已收金额\t业务员\n{rows}").into();
        workspace
    };
    let last =
        ledger("甲公司\tS-1\t2026-11-01\t1000\t0\t张伟\n乙公司\tS-2\t2026-11-01\t500\t0\t李娜\n");
    let this =
        ledger("甲公司\tS-1\t2026-11-01\t1000\t800\t张伟\n乙公司\tS-2\t2026-11-01\t500\t0\t李娜\n");
    let then_report = overdue_core::report::derive(&last, d("2026-11-20"));
    assert_eq!(then_report.parsed.field_column(Field::Salesperson), Some(5));
    assert_eq!(
        then_report.parsed.invoices[0].salesperson.as_deref(),
        Some("张伟")
    );
    let then = Snapshot::of(&then_report, &last);
    let now = Snapshot::of(&overdue_core::report::derive(&this, d("2026-11-27")), &this);
    let all = kpis(&now, Some(&then), 90);
    let flow = all[0].flow.as_ref().unwrap();
    assert!(flow.by_salesperson);
    // 张伟: 1,000 then, 200 now: 80 %; 李娜: nothing collected. Lowest rate first.
    let names: Vec<(&str, Option<Decimal>)> = flow
        .rates
        .iter()
        .map(|g| (g.name.as_str(), g.rate))
        .collect();
    assert_eq!(
        names,
        vec![("李娜", Some(dec("0"))), ("张伟", Some(dec("80")))]
    );
    for header in ["销售员", "经办人", "Sales rep", "Salesperson"] {
        let mut w = Workspace::default();
        w.input.text =
            format!("Customer\tInvoice\tDue date\tAmount\t{header}\nA\t1\t2026-11-01\t10\tBob\n")
                .into();
        let r = overdue_core::report::derive(&w, d("2026-11-20"));
        assert_eq!(
            r.parsed.invoices[0].salesperson.as_deref(),
            Some("Bob"),
            "{header}"
        );
    }
}
