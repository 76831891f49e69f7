use super::*;
use crate::dates::{DateError, DayMonthOrder};
use crate::money::DecimalMark;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::str::FromStr;

fn options() -> ParseOptions<'static> {
    ParseOptions {
        default_currency: "CNY",
        default_terms_days: 30,
        ..Default::default()
    }
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn recognises_header_synonyms_in_both_languages() {
    let cases = [
        ("发票号码", Field::Invoice),
        ("单据编号", Field::Invoice),
        ("Invoice #", Field::Invoice),
        ("Invoice No.", Field::Invoice),
        ("Num", Field::Invoice),
        ("购货单位", Field::Customer),
        ("Client", Field::Customer),
        ("Name", Field::Customer),
        ("单据日期", Field::InvoiceDate),
        ("Date", Field::InvoiceDate),
        ("付款期限", Field::DueDate),
        ("Due Date", Field::DueDate),
        ("应收金额", Field::Amount),
        ("Total", Field::Amount),
        ("已收金额", Field::Paid),
        ("余额", Field::Outstanding),
        ("Open Balance", Field::Outstanding),
        ("Balance due", Field::Outstanding),
        ("币种", Field::Currency),
        ("付款日期", Field::PaidDate),
        ("备注", Field::Notes),
        ("客户名称 Customer", Field::Customer),
        ("发票号码(Invoice No.)", Field::Invoice),
        ("ＤＵＥ　ＤＡＴＥ", Field::DueDate),
    ];
    for (cell, field) in cases {
        assert_eq!(recognise_header(cell), Some(field), "{cell}");
    }
    assert_eq!(recognise_header("Transaction Type"), None);
}

#[test]
fn every_synonym_is_looked_up_as_the_first_field_that_lists_it() {
    use super::headers::{lookup, SYNONYMS};
    for (_, words) in SYNONYMS {
        for word in *words {
            let first = SYNONYMS
                .iter()
                .find(|(_, ws)| ws.contains(word))
                .map(|(f, _)| *f);
            assert_eq!(lookup(word), first, "{word}");
        }
    }
    assert_eq!(lookup(""), None);
    assert_eq!(lookup("notaheader"), None);
    // `recognise_header` passes over cells without a letter on the strength of this.
    for (_, words) in SYNONYMS {
        for word in *words {
            assert!(
                word.chars().any(char::is_alphabetic),
                "{word:?} has no letter"
            );
        }
    }
}

#[test]
fn sniffs_the_delimiter() {
    assert_eq!(sniff_delimiter("a\tb\tc\n1\t2\t3"), Delimiter::Tab);
    assert_eq!(sniff_delimiter("a;b;c\n1;\"2,5\";3"), Delimiter::Semicolon);
    assert_eq!(sniff_delimiter("a,b,c\n1,\"1,250.00\",3"), Delimiter::Comma);
    assert_eq!(sniff_delimiter("Title line\na,b\n1,2"), Delimiter::Comma);
}

#[test]
fn column_letters_match_excel() {
    assert_eq!(column_letter(0), "A");
    assert_eq!(column_letter(25), "Z");
    assert_eq!(column_letter(26), "AA");
    assert_eq!(column_letter(701), "ZZ");
    assert_eq!(column_letter(702), "AAA");
}

#[test]
fn reads_a_tab_separated_selection_in_any_column_order() {
    let text = "到期日\t客户\t金额\t发票号\n2025-10-01\t华东贸易\t1,000.00\tFP-1\n";
    let parsed = parse(text, &options());
    assert_eq!(parsed.errors, vec![]);
    let inv = &parsed.invoices[0];
    assert_eq!(
        (inv.number.as_str(), inv.customer.as_str()),
        ("FP-1", "华东贸易")
    );
    assert_eq!(inv.outstanding, d("1000.00"));
    assert_eq!(inv.currency, "CNY");
    assert_eq!(parsed.header_line, Some(1));
    assert_eq!(inv.line, 2);
}

#[test]
fn derives_the_due_date_from_terms_and_says_so() {
    let text = "Invoice\tCustomer\tInvoice date\tAmount\nA1\tAcme\t2025-09-01\t100\n";
    let parsed = parse(text, &options());
    let inv = &parsed.invoices[0];
    assert!(inv.due_derived);
    assert_eq!(inv.due_date, NaiveDate::from_ymd_opt(2025, 10, 1).unwrap());
}

#[test]
fn outstanding_comes_from_the_balance_column_or_amount_minus_paid() {
    let text = "Invoice,Customer,Due date,Amount,Paid,Balance\nA,X,2025-01-01,100,40,\nB,X,2025-01-01,100,40,50\n";
    let parsed = parse(text, &options());
    assert_eq!(parsed.invoices[0].outstanding, d("60"));
    assert_eq!(parsed.invoices[1].outstanding, d("50"));
}

#[test]
fn bad_cells_are_reported_by_row_and_column_and_the_rest_still_compute() {
    let text = "Invoice\tCustomer\tDue date\tAmount\nA1\tAcme\t2025-13-01\t100\nA2\tAcme\t2025-10-01\tabc\nA3\tAcme\t2025-10-01\t5\n\tAcme\t2025-10-01\t5\n";
    let parsed = parse(text, &options());
    assert_eq!(parsed.invoices.len(), 1);
    assert_eq!(parsed.invoices[0].number, "A3");
    let seen: Vec<(usize, Option<usize>)> =
        parsed.errors.iter().map(|e| (e.line, e.column)).collect();
    assert_eq!(seen, vec![(2, Some(2)), (3, Some(3)), (5, Some(0))]);
    assert_eq!(
        parsed.errors[0].problem,
        Problem::BadDate(Field::DueDate, DateError::Unrecognised)
    );
    assert_eq!(parsed.errors[0].value, "2025-13-01");
    assert_eq!(parsed.errors[2].problem, Problem::Missing(Field::Invoice));
}

#[test]
fn skips_titles_headings_totals_and_repeated_headers_and_lists_them() {
    let text = "A/R Aging Detail\nAs of September 30, 2025\n\n,Num,Name,Due Date,Open Balance\nCurrent\n,1001,Acme,10/15/2025,100.00\nTotal for Current,,,,100.00\n,Num,Name,Due Date,Open Balance\n,1002,Total Quality Ltd,10/20/2025,50.00\nTOTAL,,,,150.00\n";
    let parsed = parse(text, &options());
    assert_eq!(parsed.errors, vec![]);
    let numbers: Vec<&str> = parsed.invoices.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(
        numbers,
        vec!["1001", "1002"],
        "a customer named Total … is still a customer"
    );
    let reasons: Vec<(usize, SkipReason)> =
        parsed.skipped.iter().map(|s| (s.line, s.reason)).collect();
    assert_eq!(
        reasons,
        vec![
            (1, SkipReason::Title),
            (2, SkipReason::Title),
            (3, SkipReason::Blank),
            (5, SkipReason::Heading),
            (7, SkipReason::Total),
            (8, SkipReason::RepeatedHeader),
            (10, SkipReason::Total),
        ]
    );
    assert_eq!(parsed.date_order.order, DayMonthOrder::MonthFirst);
}

#[test]
fn chinese_total_rows_are_skipped() {
    let text = "发票号\t客户\t到期日\t金额\nF1\t甲公司\t2025-10-01\t100\n合计\t\t\t100\n本页小计\t\t\t100\n";
    let parsed = parse(text, &options());
    assert_eq!(parsed.invoices.len(), 1);
    assert_eq!(
        parsed
            .skipped
            .iter()
            .filter(|s| s.reason == SkipReason::Total)
            .count(),
        2
    );
}

#[test]
fn european_semicolon_sheet_with_decimal_commas() {
    let text = "Rechnungsnummer;Kunde;Fälligkeitsdatum;Betrag\nR-1;Müller GmbH;28.09.2025;1.234,56\nR-2;Müller GmbH;01.10.2025;500,00\n";
    let parsed = parse(text, &options());
    assert_eq!(parsed.mapping_source, MappingSource::Header);
    assert_eq!(parsed.decimal_mark, DecimalMark::Comma);
    assert_eq!(parsed.errors, vec![]);
    assert_eq!(parsed.invoices[0].outstanding, d("1234.56"));
    assert_eq!(parsed.invoices[0].number, "R-1");
    assert_eq!(parsed.invoices[0].customer, "Müller GmbH");
}

#[test]
fn without_a_recognised_header_the_mapping_is_guessed_from_the_cells() {
    let text = "Spalte 1;Spalte 2;Spalte 3;Spalte 4\nR-1;Müller GmbH;28.09.2025;1.234,56\nR-2;Müller GmbH;01.10.2025;500,00\nR-3;Schmidt AG;03.10.2025;70,00\n";
    let parsed = parse(text, &options());
    assert_eq!(parsed.mapping_source, MappingSource::Content);
    let fields: Vec<Field> = parsed.columns.iter().map(|c| c.field).collect();
    assert_eq!(
        fields,
        [
            Field::Invoice,
            Field::Customer,
            Field::InvoiceDate,
            Field::Amount
        ]
    );
    // The first line reads as no data in the date and amount columns: it is the header.
    assert_eq!(parsed.header_line, Some(1));
    assert_eq!(parsed.columns[2].title, "Spalte 3");
    assert_eq!(parsed.errors, vec![]);
    assert_eq!(parsed.invoices.len(), 3);
    assert!(parsed.invoices[0].due_derived);

    let headerless = "R-1\tMüller GmbH\t2025-09-28\t1,234.56\nR-2\tSchmidt AG\t2025-10-01\t500\n";
    let parsed = parse(headerless, &options());
    assert_eq!((parsed.header_line, parsed.invoices.len()), (None, 2));
}

#[test]
fn a_user_mapping_overrides_the_header() {
    let text = "a\tb\tc\td\nX1\tAcme\t2025-10-01\t100\n";
    let mapping = [
        Field::Invoice,
        Field::Customer,
        Field::DueDate,
        Field::Amount,
    ];
    let parsed = parse(
        text,
        &ParseOptions {
            mapping: Some(&mapping),
            ..options()
        },
    );
    assert_eq!(parsed.mapping_source, MappingSource::User);
    // "a b c d" is then an ordinary (bad) data row, reported, not dropped.
    assert_eq!(parsed.invoices.len(), 1);
    assert_eq!(parsed.errors.iter().filter(|e| e.line == 1).count(), 2);
}

#[test]
fn unmapped_required_fields_are_reported_once_per_row() {
    let text = "Customer\tAmount\nAcme\t100\n";
    let parsed = parse(text, &options());
    assert_eq!(parsed.unmapped, vec![Field::Invoice, Field::DueDate]);
    assert_eq!(parsed.errors.len(), 1);
    assert_eq!(parsed.errors[0].problem, Problem::Unmapped(Field::Invoice));
}

#[test]
fn currency_from_column_symbol_or_default() {
    let text = "Invoice\tCustomer\tDue date\tAmount\tCurrency\nA\tX\t2025-01-01\t$10\t\nB\tX\t2025-01-01\t10\t美元\nC\tX\t2025-01-01\t10\t\nD\tX\t2025-01-01\t€10\tUSD\n";
    let parsed = parse(text, &options());
    let currencies: Vec<&str> = parsed
        .invoices
        .iter()
        .map(|i| i.currency.as_str())
        .collect();
    assert_eq!(currencies, vec!["USD", "USD", "CNY"]);
    assert_eq!(parsed.errors.len(), 1);
    assert!(matches!(
        parsed.errors[0].problem,
        Problem::CurrencyConflict { .. }
    ));
}

#[test]
fn an_unclosed_quote_does_not_swallow_the_rest() {
    let text = "Invoice,Customer,Due date,Amount\nA,\"Acme,2025-01-01,10\nB,Beta,2025-01-01,20\nC,Gamma,2025-01-01,30\n";
    let parsed = parse(text, &options());
    assert!(parsed.quotes_ignored);
    let numbers: Vec<&str> = parsed.invoices.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(numbers, vec!["A", "B", "C"]);
    assert_eq!(
        parsed.invoices[0].customer, "\"Acme",
        "the stray quote is kept as typed"
    );
}

#[test]
fn excel_serial_dates_and_full_width_amounts() {
    let text = "发票号\t客户\t开票日期\t到期日\t金额\nF1\t甲\t45900\t45930\t１２，３４５．６０\n";
    let parsed = parse(text, &options());
    assert_eq!(parsed.errors, vec![]);
    assert_eq!(
        parsed.invoices[0].due_date,
        NaiveDate::from_ymd_opt(2025, 9, 30).unwrap()
    );
    assert_eq!(parsed.invoices[0].amount, d("12345.60"));
}

/// Issue 20's first repro: Paid filled and Amount empty used to vanish without an error.
#[test]
fn a_row_with_paid_but_no_amount_is_a_row_error_not_vanished() {
    let text = "Invoice\tCustomer\tDue date\tAmount\tPaid\nA1\tACME\t2025-01-01\t\t50\nA2\tACME\t2025-01-01\t100\t50\n";
    let parsed = parse(text, &options());
    let numbers: Vec<&str> = parsed.invoices.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(numbers, vec!["A2"]);
    assert_eq!(parsed.errors.len(), 1);
    assert_eq!(parsed.errors[0].line, 2);
    assert_eq!(parsed.errors[0].problem, Problem::Missing(Field::Amount));
}

/// Issue 20's second repro: CR-only endings (Excel for Mac) with a stray opening quote.
#[test]
fn cr_only_line_endings_number_lines_and_recover_from_a_stray_quote() {
    let text = "Invoice\tCustomer\tDue date\tAmount\rA1\t\"ACME big\t2025-01-01\t100\rA2\tACME\t2025-01-01\t100\rA3\tACME\t2025-01-01\t100\r";
    let parsed = parse(text, &options());
    assert!(parsed.quotes_ignored);
    let seen: Vec<(&str, usize)> = parsed
        .invoices
        .iter()
        .map(|i| (i.number.as_str(), i.line))
        .collect();
    assert_eq!(seen, vec![("A1", 2), ("A2", 3), ("A3", 4)]);
    assert_eq!(parsed.errors, vec![]);
}

#[test]
fn mixed_line_endings_count_each_line_once() {
    let text = "Invoice,Customer,Due date,Amount\r\nA1,X,2025-01-01,1\rA2,X,2025-01-01,2\n\rA3,X,2025-01-01,3\r\n";
    let parsed = parse(text, &options());
    let lines: Vec<usize> = parsed.invoices.iter().map(|i| i.line).collect();
    assert_eq!(lines, vec![2, 3, 5]);
    assert_eq!(parsed.header_line, Some(1));
    assert_eq!(
        parsed.skipped.iter().map(|s| s.line).collect::<Vec<_>>(),
        vec![4]
    );
}

/// Issue 20: `terms_days = 106751991168` from a share link panicked in chrono.
#[test]
fn huge_terms_days_do_not_panic_and_are_bounded() {
    let text = "Invoice\tCustomer\tInvoice date\tAmount\nA1\tAcme\t2025-09-01\t100\n";
    for terms in [106_751_991_168, i64::MAX, i64::MIN, -5] {
        let parsed = parse(
            text,
            &ParseOptions {
                default_terms_days: terms,
                ..options()
            },
        );
        let inv = &parsed.invoices[0];
        assert!(inv.due_derived);
        let days = (inv.due_date - NaiveDate::from_ymd_opt(2025, 9, 1).unwrap()).num_days();
        assert!(TERMS_DAYS.contains(&days), "{terms} gave {days}");
    }
}

#[test]
fn a_date_with_a_year_out_of_range_is_a_row_error() {
    let text = "Invoice\tCustomer\tDue date\tAmount\nA1\tAcme\t2301-01-01\t100\nA2\tAcme\t2025-01-01\t100\n";
    let parsed = parse(text, &options());
    assert_eq!(parsed.invoices.len(), 1);
    assert!(matches!(
        parsed.errors[0].problem,
        Problem::BadDate(Field::DueDate, _)
    ));
}

#[test]
fn noise_columns_are_not_taken_for_amounts_or_numbers_and_say_why() {
    let text = "Record ID\tInvoice Number\tContact Account Number\tCustomer\tDue Date\tTax 1 Amount\tPayments Received\tBalanceDueAmount\n\
                1234567890123456789\tINV-1\tACC-9\tAcme\t2025-10-01\t10.00\tfalse\t110.00\n\
                1234567890123456790\tINV-2\tACC-9\tAcme\t2025-10-02\t5.00\ttrue\t0.00\n";
    let parsed = parse(text, &options());
    let fields: Vec<Field> = parsed.columns.iter().map(|c| c.field).collect();
    assert_eq!(
        fields,
        [
            Field::Ignore,
            Field::Invoice,
            Field::Ignore,
            Field::Customer,
            Field::DueDate,
            Field::Ignore,
            Field::Ignore,
            Field::Outstanding,
        ]
    );
    assert_eq!(parsed.errors, vec![]);
    assert_eq!(parsed.invoices[0].outstanding, d("110.00"));
    assert_eq!(parsed.columns[5].why, Why::Aux(Aux::Tax));
    assert_eq!(parsed.columns[6].why, Why::ValuesRefuse(Field::Paid));
    assert_eq!(parsed.columns[2].why, Why::Aux(Aux::Id));
    assert_eq!(parsed.ignored_columns().count(), 4);
    let reason = parsed.columns[6]
        .why
        .text(crate::i18n::Lang::En, |f| f.key().to_string());
    assert_eq!(
        reason,
        "ignored: the header suggests “paid” but the values do not fit"
    );
}

#[test]
fn section_headings_carry_the_customer_and_subtotals_are_skipped() {
    // Modelled on report exports that head each customer's invoices with its name.
    let text = "Invoice Date,Invoice Number,Due Date,Total,Paid,Due\n\
                Acme Ltd,,,,,\n\
                2025-09-01,INV-1,2025-10-01,100.00,0.00,100.00\n\
                2025-09-05,INV-2,2025-10-05,50.00,10.00,40.00\n\
                Total Acme Ltd,,,150.00,10.00,140.00\n\
                Beta GmbH,,,,,\n\
                2025-09-07,INV-3,2025-10-07,70.00,0.00,70.00\n\
                ,,,70.00,0.00,70.00\n";
    let parsed = parse(text, &options());
    assert_eq!(parsed.errors, vec![]);
    assert_eq!(parsed.customer_source, CustomerSource::SectionHeadings);
    let got: Vec<(&str, &str, Decimal)> = parsed
        .invoices
        .iter()
        .map(|i| (i.number.as_str(), i.customer.as_str(), i.outstanding))
        .collect();
    assert_eq!(
        got,
        vec![
            ("INV-1", "Acme Ltd", d("100.00")),
            ("INV-2", "Acme Ltd", d("40.00")),
            ("INV-3", "Beta GmbH", d("70.00"))
        ]
    );
    let totals = parsed
        .skipped
        .iter()
        .filter(|s| s.reason == SkipReason::Total);
    assert_eq!(totals.map(|s| s.line).collect::<Vec<_>>(), vec![5, 8]);
}

#[test]
fn status_excludes_drafts_and_voids_and_paid_counts_as_paid() {
    let text = "Invoice\tClient\tDate\tDue Date\tAmount\tStatus\n\
                A1\tAcme\t2025-09-01\t2025-10-01\t100\tDraft\n\
                A2\tAcme\t2025-09-01\t2025-10-01\t200\tSent\n\
                A3\tAcme\t2025-09-01\t2025-10-01\t300\tPaid\n\
                A4\tAcme\t2025-09-01\t2025-10-01\t400\tVoid\n";
    let parsed = parse(text, &options());
    assert_eq!(parsed.errors, vec![]);
    let open: Vec<(&str, Decimal)> = parsed
        .invoices
        .iter()
        .map(|i| (i.number.as_str(), i.outstanding))
        .collect();
    assert_eq!(open, vec![("A2", d("200")), ("A3", d("0"))]);
    let excluded: Vec<(usize, ExcludeReason)> =
        parsed.excluded.iter().map(|e| (e.line, e.reason)).collect();
    assert_eq!(
        excluded,
        vec![(2, ExcludeReason::Draft), (5, ExcludeReason::Void)]
    );
}

#[test]
fn repeated_document_totals_count_once_and_line_items_add_up() {
    let repeated = "Invoice\tCustomer\tDue date\tInvoice Total\tItem\n\
                    A1\tAcme\t2025-10-01\t1250.00\tWidget\n\
                    A1\tAcme\t2025-10-01\t1250.00\tGadget\n\
                    A2\tAcme\t2025-10-01\t80.00\tWidget\n";
    let parsed = parse(repeated, &options());
    assert_eq!(parsed.document_rows, DocumentRows::RepeatedTotals);
    assert_eq!(parsed.invoices.len(), 2);
    assert_eq!(parsed.invoices[0].outstanding, d("1250.00"));
    assert_eq!(parsed.merged.len(), 1);
    assert_eq!(parsed.merged[0].into_line, 2);

    let lines = "Invoice\tCustomer\tDue date\tLine Total\n\
                 A1\tAcme\t2025-10-01\t1000.00\n\
                 A1\tAcme\t2025-10-01\t250.00\n\
                 A2\tAcme\t2025-10-01\t80.00\n";
    let parsed = parse(lines, &options());
    assert_eq!(parsed.document_rows, DocumentRows::LineItems);
    assert_eq!(parsed.invoices[0].amount, d("1250.00"));
    assert_eq!(parsed.invoices.len(), 2);
}

#[test]
fn a_terms_column_gives_the_due_date() {
    let text = "Invoice\tCustomer\tInvoice date\tAmount\tTerms\n\
                A1\tAcme\t2025-09-01\t100\tNet 15\n\
                A2\tAcme\t2025-09-01\t100\t月结45天\n\
                A3\tAcme\t2025-09-01\t100\t\n";
    let parsed = parse(text, &options());
    let due: Vec<NaiveDate> = parsed.invoices.iter().map(|i| i.due_date).collect();
    let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
    assert_eq!(due, vec![day(9, 16), day(10, 16), day(10, 1)]);
    assert_eq!(parsed.due_from_terms, 2);
}

/// 电子发票服务平台's red invoices name their blue invoice in 备注 ("被红冲蓝字数电发票号码：…").
/// Invented rows in the platform's detail columns, without a 发票状态 column, so netting alone
/// decides.
const RED_BLUE: &str = "数电发票号码,购买方名称,开票日期,货物或应税劳务名称,数量,单价,价税合计,备注\n\
    25310000000000000001,甲公司,2025-08-01,*服务*设计费,1,1000,1000.00,\n\
    25310000000000000002,甲公司,2025-08-10,*服务*设计费,,,-300.00,被红冲蓝字数电发票号码：25310000000000000001 销售折让\n\
    25310000000000000003,乙公司,2025-08-02,*服务*咨询费,2,250,500.00,\n\
    25310000000000000004,乙公司,2025-08-12,*服务*咨询费,-2,250,-500.00,被红冲蓝字数电发票号码：25310000000000000003\n\
    25310000000000000005,乙公司,2025-08-15,*服务*咨询费,,,-50.00,被红冲蓝字数电发票号码：25319999999999999999\n";

#[test]
fn a_partial_red_invoice_nets_against_its_blue_and_the_rest_stays_open() {
    let parsed = parse(RED_BLUE, &options());
    assert_eq!(parsed.errors, vec![]);
    let open: Vec<(&str, Decimal, Decimal)> = parsed
        .invoices
        .iter()
        .map(|i| (i.number.as_str(), i.amount, i.outstanding))
        .collect();
    assert_eq!(
        open,
        vec![
            ("25310000000000000001", d("700.00"), d("700.00")),
            // Names a blue invoice the sheet does not hold: a credit of its own.
            ("25310000000000000005", d("-50.00"), d("-50.00")),
        ]
    );
    let red: Vec<(usize, usize, Option<&str>)> = parsed
        .merged
        .iter()
        .map(|m| {
            (
                m.line,
                m.into_line,
                m.red.as_ref().map(|r| r.number.as_str()),
            )
        })
        .collect();
    assert_eq!(red, vec![(3, 2, Some("25310000000000000002"))]);
    assert!(parsed.merged[0]
        .red_text(crate::i18n::Lang::En)
        .is_some_and(|t| t.contains("taken off blue invoice 25310000000000000001 on row 2")));
}

#[test]
fn a_full_red_invoice_sets_both_aside_as_reversed() {
    let parsed = parse(RED_BLUE, &options());
    let excluded: Vec<(usize, &str, ExcludeReason)> = parsed
        .excluded
        .iter()
        .map(|e| (e.line, e.number.as_str(), e.reason))
        .collect();
    assert_eq!(
        excluded,
        vec![
            (4, "25310000000000000003", ExcludeReason::Reversed),
            (5, "25310000000000000004", ExcludeReason::Reversed),
        ]
    );
    let s = parsed.summary();
    assert_eq!((s.reversed, s.red_netted, s.credit_notes), (2, 1, 1));
}

#[test]
fn a_red_invoice_of_another_customer_or_more_than_the_blue_is_not_netted() {
    let text = "数电发票号码,购买方名称,开票日期,价税合计,备注\n\
                25310000000000000001,甲公司,2025-08-01,100.00,\n\
                25310000000000000002,乙公司,2025-08-10,-30.00,被红冲蓝字数电发票号码：25310000000000000001\n\
                25310000000000000003,甲公司,2025-08-10,-130.00,被红冲蓝字数电发票号码：25310000000000000001\n";
    let parsed = parse(text, &options());
    assert_eq!(parsed.invoices.len(), 3);
    assert!(parsed.merged.is_empty());
}

#[test]
fn currency_and_account_headings_carry_down_to_their_rows() {
    // Modelled on aged-balance reports that group by account, then currency, then partner
    // (Odoo's "121000 Account Receivable" heading rows; Xero's per-currency sections).
    let text = "Date,Invoice Number,Due Date,Total,Due\n\
                1122 应收账款,,,,\n\
                USD,,,,\n\
                Acme Ltd,,,,\n\
                2025-09-01,INV-1,2025-10-01,100.00,100.00\n\
                Total Acme Ltd,,,100.00,100.00\n\
                币别：欧元,,,,\n\
                Beta GmbH,,,,\n\
                2025-09-07,INV-2,2025-10-07,70.00,70.00\n\
                2202 应付账款,,,,\n\
                Gamma Supplies,,,,\n\
                2025-09-09,BILL-9,2025-10-09,40.00,40.00\n";
    let parsed = parse(text, &options());
    assert_eq!(parsed.errors, vec![]);
    assert_eq!(parsed.customer_source, CustomerSource::SectionHeadings);
    let got: Vec<(&str, &str, &str, Decimal)> = parsed
        .invoices
        .iter()
        .map(|i| {
            (
                i.number.as_str(),
                i.customer.as_str(),
                i.currency.as_str(),
                i.outstanding,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("INV-1", "Acme Ltd", "USD", d("100.00")),
            ("INV-2", "Beta GmbH", "EUR", d("70.00")),
        ]
    );
    // The payable's row is set aside, not read as an invoice owed to the user.
    let excluded: Vec<(usize, ExcludeReason)> =
        parsed.excluded.iter().map(|e| (e.line, e.reason)).collect();
    assert_eq!(excluded, vec![(12, ExcludeReason::NotReceivable)]);
    let headings = parsed
        .skipped
        .iter()
        .filter(|s| s.reason == SkipReason::Heading)
        .count();
    assert_eq!(headings, 7);
    let sentence = parsed.summary().sentence(crate::i18n::Lang::En);
    assert!(
        sentence.starts_with("Read as: a plain invoice list — customer from section headings, currency from section headings,"),
        "{sentence}"
    );
}

#[test]
fn a_currency_column_wins_over_a_currency_heading() {
    let text = "Date,Invoice Number,Customer,Due Date,Total,Currency\n\
                USD,,,,,\n\
                2025-09-01,INV-1,Acme,2025-10-01,100.00,GBP\n\
                2025-09-02,INV-2,Acme,2025-10-02,50.00,\n";
    let parsed = parse(text, &options());
    let got: Vec<&str> = parsed
        .invoices
        .iter()
        .map(|i| i.currency.as_str())
        .collect();
    assert_eq!(got, vec!["GBP", "USD"]);
}

/// The 全量发票查询 export lists 发票代码, 发票号码 and 数电发票号码 side by side: a 数电 invoice fills
/// only the last, a pre-数电 (税控) invoice only the first two — and its 8-digit 号码 repeats under
/// another 代码. Invented rows in the platform's column order (a subset of its columns).
const LEGACY_AND_DIGITAL: &str =
    "发票代码,发票号码,数电发票号码,购买方名称,开票日期,货物或应税劳务名称,价税合计\n\
    ,,25310000000000000001,甲公司,2025-08-01,*服务*设计费,1000.00\n\
    ,,25310000000000000001,甲公司,2025-08-01,*服务*安装费,200.00\n\
    044031900111,00012345,,甲公司,2024-12-20,*服务*设计费,300.00\n\
    044031900222,00012345,,乙公司,2024-12-21,*服务*咨询费,400.00\n\
    044031900222,00012345,,乙公司,2024-12-21,*服务*差旅费,50.00\n";

#[test]
fn a_pre_digital_invoice_goes_by_its_code_and_number_together() {
    let parsed = parse(LEGACY_AND_DIGITAL, &options());
    assert_eq!(parsed.errors, vec![]);
    let docs: Vec<(&str, &str, Decimal)> = parsed
        .invoices
        .iter()
        .map(|i| (i.number.as_str(), i.customer.as_str(), i.amount))
        .collect();
    assert_eq!(
        docs,
        vec![
            ("25310000000000000001", "甲公司", d("1200.00")),
            ("044031900111-00012345", "甲公司", d("300.00")),
            ("044031900222-00012345", "乙公司", d("450.00")),
        ]
    );
    // The same 号码 under two 代码 is two invoices; the line items of each are merged.
    assert_eq!(parsed.merged.len(), 2);
}

#[test]
fn a_sheet_of_pre_digital_invoices_only_numbers_them_by_code_and_number() {
    let text = "发票代码,发票号码,购买方名称,开票日期,价税合计\n\
                044031900111,00012345,甲公司,2024-12-20,300.00\n\
                044031900222,00012345,乙公司,2024-12-21,400.00\n";
    let parsed = parse(text, &options());
    assert_eq!(parsed.errors, vec![]);
    let numbers: Vec<&str> = parsed.invoices.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(numbers, ["044031900111-00012345", "044031900222-00012345"]);
}
