//! Reading pasted text into invoices.
//!
//! Like rust-analyzer's parser, this never fails as a whole: [`parse`] returns every invoice it
//! could read together with a list of rows it could not (with row, column and what was expected)
//! and of rows it deliberately skipped (titles, blank lines, section headings, totals, repeated
//! headers). Every record of the input lands in exactly one of: the header, `invoices`, `errors`,
//! `skipped`. Nothing is dropped silently, and no input makes it panic.

mod assign;
mod documents;
mod headers;
mod layouts;
mod model;
mod records;
mod rows;
mod sections;
mod sniff;
mod summary;
#[cfg(test)]
mod tests;

use crate::dates::{self, DayMonthOrder};
use crate::money::{self, Currency, DecimalMark};
use crate::pace::Pace;
use crate::text::is_blank;

pub use headers::{normalize_header, recognise_header};
pub use layouts::{recognise_layout, Layout, LAYOUTS};
pub use model::*;
pub use sniff::{sniff_delimiter, Delimiter};
pub use summary::ReadSummary;

use documents::{is_receivable_account, merge_documents, read_status, Status};
use headers::{find_header, guess_mapping, looks_like_unknown_header};
use records::{cells_text, quote_ran_away, read_records, unify_line_endings, Row};
pub use rows::TERMS_DAYS;
use rows::{legacy_columns, RowReader};
use rust_decimal::Decimal;
use sections::{classify_heading, is_total_label, Heading};

/// Reads pasted or opened text into invoices, row errors and skipped rows. See the module doc.
pub fn parse(text: &str, options: &ParseOptions) -> Parsed {
    crate::pace::block_on(parse_paced(text, options, &mut Pace::never()))
}

/// [`parse`], pausing at `pace`'s checkpoints in its long loops (the page's sliced derive,
/// `crate::pace`); what it reads is the same.
pub async fn parse_paced(text: &str, options: &ParseOptions<'_>, pace: &mut Pace) -> Parsed {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    // Excel for Mac's "CSV (Macintosh)" ends lines with a bare `\r`: count those as lines too.
    let text = &*unify_line_endings(text);
    let delimiter = sniff_delimiter(text);
    pace.within(0.0, 0.3);
    let mut store = read_records(text, delimiter, true, pace).await;
    let quotes_ignored = quote_ran_away(&store.rows(), text);
    if quotes_ignored {
        store = read_records(text, delimiter, false, pace).await;
    }
    let rows = store.rows();
    let record_count = rows.len();
    let width = rows.iter().map(|r| r.record.len()).max().unwrap_or(0);

    let mut skipped = Vec::new();
    let header = find_header(&rows);
    let header_index = header.as_ref().map(|(i, _)| *i);
    if let Some(h) = header_index {
        for row in &rows[..h] {
            let reason = if row.record.iter().all(is_blank) {
                SkipReason::Blank
            } else {
                SkipReason::Title
            };
            skipped.push(Skipped {
                line: row.line,
                reason,
                text: cells_text(&row.record, delimiter),
            });
        }
    }
    let header_record = header_index.map(|h| rows[h].record);
    let body_start = header_index.map_or(0, |h| h + 1);

    // Classify the body: data rows go on, the rest is skipped with its reason.
    let mut data: Vec<&Row> = Vec::with_capacity(rows.len().saturating_sub(body_start));
    let mut headings: Vec<(usize, &str)> = Vec::new();
    pace.within(0.3, 0.4);
    let body = rows.get(body_start..).unwrap_or(&[]);
    for (i, row) in body.iter().enumerate() {
        pace.tick(i, body.len()).await;
        let filled = row.record.iter().filter(|c| !is_blank(c)).count();
        let reason = if filled == 0 {
            Some(SkipReason::Blank)
        } else if header_record
            .as_ref()
            .is_some_and(|h| row.record.iter().map(str::trim).eq(h.iter().map(str::trim)))
        {
            Some(SkipReason::RepeatedHeader)
        } else if filled == 1 && width > 1 {
            let cell = row.record.iter().find(|c| !is_blank(c)).unwrap_or("");
            headings.push((row.line, cell.trim()));
            Some(SkipReason::Heading)
        } else {
            None
        };
        match reason {
            Some(reason) => skipped.push(Skipped {
                line: row.line,
                reason,
                text: cells_text(&row.record, delimiter),
            }),
            None => data.push(row),
        }
    }

    pace.within(0.4, 0.5);
    pace.between().await;
    let user_mapping = options.mapping.filter(|m| m.len() == width && width > 0);
    let titles: Vec<&str> = header_record.map_or(Vec::new(), |r| r.iter().collect());
    let assignment = assign::assign(&titles, &data, width);
    let (mapping, mapping_source): (Vec<Field>, MappingSource) = match user_mapping {
        Some(m) => (m.to_vec(), MappingSource::User),
        None if header_index.is_some() => (assignment.fields.clone(), MappingSource::Header),
        None => (guess_mapping(&data, width), MappingSource::Content),
    };
    // With a guessed mapping, a first row with no readable date or amount where the rest of the
    // sheet has them is a header in words we do not know: use it as the header.
    let mut header_record = header_record;
    let mut header_line = header_index.map(|h| rows[h].line);
    if mapping_source == MappingSource::Content
        && data.len() > 1
        && looks_like_unknown_header(data[0], &mapping)
    {
        let row = data.remove(0);
        header_line = Some(row.line);
        header_record = Some(row.record);
    }
    let columns: Vec<Column> = mapping
        .iter()
        .enumerate()
        .map(|(i, &field)| Column {
            title: header_record
                .as_ref()
                .and_then(|r| r.get(i))
                .unwrap_or("")
                .trim()
                .to_string(),
            field,
            why: match mapping_source {
                MappingSource::Header => assignment.why[i],
                MappingSource::User if field != Field::Ignore => Why::User,
                MappingSource::User => assignment.why[i],
                MappingSource::Content if field != Field::Ignore => Why::Content,
                MappingSource::Content => Why::Unknown,
            },
            aux: assignment.aux[i].filter(|_| field == Field::Ignore),
        })
        .collect();
    let col = |field: Field| mapping.iter().position(|&f| f == field);

    // Totals: a row with a "Total …"/"合计" label and no invoice number of its own.
    // Also a section's subtotal: no number and no date, only amounts (Odoo's partner rows).
    let invoice_col = col(Field::Invoice);
    let date_cols_of_row: Vec<usize> = [Field::InvoiceDate, Field::DueDate]
        .into_iter()
        .filter_map(col)
        .collect();
    let money_cols: Vec<usize> = [Field::Amount, Field::Paid, Field::Outstanding]
        .into_iter()
        .filter_map(col)
        .collect();
    data.retain(|row| {
        let cell_blank = |c: usize| row.record.get(c).is_none_or(is_blank);
        let own_number = invoice_col
            .and_then(|c| row.record.get(c))
            .is_some_and(|cell| !is_blank(cell) && !is_total_label(cell));
        // A row with its own number is kept whatever its other cells say: only the rest (few,
        // on most sheets) have every cell looked at for a label.
        if own_number {
            return true;
        }
        let labelled = row.record.iter().any(is_total_label);
        let subtotal = invoice_col.is_some()
            && !date_cols_of_row.is_empty()
            && date_cols_of_row.iter().all(|&c| cell_blank(c))
            && money_cols.iter().any(|&c| !cell_blank(c));
        if labelled || subtotal {
            skipped.push(Skipped {
                line: row.line,
                reason: SkipReason::Total,
                text: cells_text(&row.record, delimiter),
            });
            false
        } else {
            true
        }
    });
    pace.between().await;
    // The CSV reader passes over empty lines without a record: list them too.
    let line_count = text.lines().count();
    let mut covered = vec![false; line_count + 2];
    let mut covered_count = 0;
    for row in &rows {
        let spanned = row.record.newlines();
        for line in row.line..=row.line + spanned {
            if let Some(slot) = covered.get_mut(line) {
                covered_count += usize::from(!*slot && (1..=line_count).contains(&line));
                *slot = true;
            }
        }
    }
    // Most pastes have a record on every line: then there is nothing to look for.
    if covered_count < line_count {
        for (i, line) in text.lines().enumerate() {
            if !covered.get(i + 1).copied().unwrap_or(true) && is_blank(line) {
                skipped.push(Skipped {
                    line: i + 1,
                    reason: SkipReason::Blank,
                    text: String::new(),
                });
            }
        }
    }
    skipped.sort_by_key(|s| s.line);

    pace.between().await;
    let date_cols: Vec<usize> = [Field::InvoiceDate, Field::DueDate, Field::PaidDate]
        .into_iter()
        .filter_map(col)
        .collect();
    let date_cells = data
        .iter()
        .flat_map(|row| date_cols.iter().filter_map(|&c| row.record.get(c)));
    let mut date_order = dates::infer_order(date_cells, DayMonthOrder::DayFirst);
    if let Some(order) = options.day_month_order {
        date_order.order = order;
    }

    let amount_cols: Vec<usize> = [Field::Amount, Field::Paid, Field::Outstanding]
        .into_iter()
        .filter_map(col)
        .collect();
    let decimal_mark = options.decimal_mark.unwrap_or_else(|| {
        let (mut point, mut comma) = (0usize, 0usize);
        for row in &data {
            for &c in &amount_cols {
                match row.record.get(c).and_then(money::decimal_mark_evidence) {
                    Some(DecimalMark::Point) => point += 1,
                    Some(DecimalMark::Comma) => comma += 1,
                    None => {}
                }
            }
        }
        if comma > point || (comma == point && delimiter == Delimiter::Semicolon) {
            DecimalMark::Comma
        } else {
            DecimalMark::Point
        }
    });

    // Section headings carry the customer down when no column holds it, and a currency or a
    // ledger account down to the rows under them.
    let mut customer_headings: Vec<(usize, &str)> = Vec::new();
    let mut currency_headings: Vec<(usize, Currency)> = Vec::new();
    let mut account_headings: Vec<(usize, bool)> = Vec::new();
    for &(line, cell) in &headings {
        match classify_heading(cell) {
            Heading::Customer(name) => customer_headings.push((line, name)),
            Heading::Currency(code) => currency_headings.push((line, code)),
            Heading::Account { receivable } => account_headings.push((line, receivable)),
        }
    }
    let first_data_line = data.first().map_or(usize::MAX, |r| r.line);
    let customer_source = if col(Field::Customer).is_some() {
        CustomerSource::Column
    } else if customer_headings
        .first()
        .is_some_and(|h| h.0 < first_data_line)
    {
        CustomerSource::SectionHeadings
    } else {
        CustomerSource::None
    };
    let section_of = |line: usize| -> Option<&str> {
        if customer_source != CustomerSource::SectionHeadings {
            return None;
        }
        sections::last_before(&customer_headings, line).copied()
    };
    let status_col = columns.iter().position(|c| c.aux == Some(Aux::Status));
    let terms_col = columns.iter().position(|c| c.aux == Some(Aux::Terms));

    let mut unmapped = Vec::new();
    for (needed, alternatives) in [
        (Field::Invoice, &[Field::Invoice][..]),
        (Field::Customer, &[Field::Customer][..]),
        (Field::Amount, &[Field::Amount, Field::Outstanding][..]),
        (Field::DueDate, &[Field::DueDate, Field::InvoiceDate][..]),
    ] {
        let from_sections =
            needed == Field::Customer && customer_source == CustomerSource::SectionHeadings;
        if alternatives.iter().all(|&f| col(f).is_none()) && !from_sections {
            unmapped.push(needed);
        }
    }

    let default_currency = if options.default_currency.trim().is_empty() {
        "CNY"
    } else {
        options.default_currency.trim()
    };
    let reader = RowReader {
        invoice: col(Field::Invoice),
        customer: col(Field::Customer),
        invoice_date: col(Field::InvoiceDate),
        due_date: col(Field::DueDate),
        amount: col(Field::Amount),
        paid: col(Field::Paid),
        outstanding: col(Field::Outstanding),
        currency: col(Field::Currency),
        paid_date: col(Field::PaidDate),
        notes: col(Field::Notes),
        salesperson: col(Field::Salesperson),
        order: date_order.order,
        mark: decimal_mark,
        default_code: Currency::from(default_currency.to_uppercase()),
        terms_days: options
            .default_terms_days
            .clamp(*TERMS_DAYS.start(), *TERMS_DAYS.end()),
        terms: terms_col,
        legacy: legacy_columns(&columns),
    };
    let paid_known = col(Field::Paid).is_some() || col(Field::Outstanding).is_some();
    let journal_account = assign::journal_account_column(&columns, &data);
    let mut excluded = Vec::new();
    let mut due_from_terms = 0;
    let mut default_terms_used = false;
    let mut currency_from_headings = 0;
    let default_currency_code = &reader.default_code;
    let mut invoices = Vec::with_capacity(data.len());
    let mut errors = Vec::new();
    pace.within(0.5, 0.9);
    for (i, row) in data.iter().enumerate() {
        pace.tick(i, data.len()).await;
        if let Some(&field) = unmapped.first() {
            errors.push(RowError {
                line: row.line,
                column: None,
                value: cells_text(&row.record, delimiter),
                problem: Problem::Unmapped(field),
            });
            continue;
        }
        if let Some(c) = journal_account {
            if !row.record.get(c).is_some_and(is_receivable_account) {
                let number = invoice_col.and_then(|c| row.record.get(c)).unwrap_or("");
                excluded.push(documents::excluded_row(
                    row.line,
                    number,
                    ExcludeReason::NotReceivable,
                ));
                continue;
            }
        }
        if sections::last_before(&account_headings, row.line) == Some(&false) {
            let number = invoice_col.and_then(|c| row.record.get(c)).unwrap_or("");
            excluded.push(documents::excluded_row(
                row.line,
                number,
                ExcludeReason::NotReceivable,
            ));
            continue;
        }
        let status = status_col
            .and_then(|c| row.record.get(c))
            .map_or(Status::Open, read_status);
        if let Status::Exclude(reason) = status {
            let number = invoice_col.and_then(|c| row.record.get(c)).unwrap_or("");
            excluded.push(documents::excluded_row(row.line, number, reason));
            continue;
        }
        match reader.read(row, section_of(row.line)) {
            Ok(mut invoice) => {
                if status == Status::Paid && !paid_known {
                    invoice.paid = invoice.amount;
                    invoice.outstanding = Decimal::ZERO;
                }
                if invoice.due_derived {
                    match reader.row_terms(row) {
                        Some(_) => due_from_terms += 1,
                        None => default_terms_used = true,
                    }
                }
                // A currency heading names the currency of rows that name none themselves.
                let own_currency = col(Field::Currency)
                    .and_then(|c| row.record.get(c))
                    .is_some_and(|cell| !is_blank(cell));
                if let Some(code) = sections::last_before(&currency_headings, row.line) {
                    if !own_currency && invoice.currency == *default_currency_code {
                        invoice.currency = code.clone();
                        currency_from_headings += 1;
                    }
                }
                invoices.push(invoice);
            }
            Err(mut row_errors) => errors.append(&mut row_errors),
        }
    }
    pace.within(0.9, 1.0);
    pace.between().await;
    let (invoices, merged, document_rows) = merge_documents(invoices, journal_account.is_some());
    let invoices = documents::drop_reversals_of_excluded(invoices, &mut excluded);
    let mut merged = merged;
    let invoices = documents::net_red_invoices(invoices, &mut merged, &mut excluded);
    let layout = recognise_layout(columns.iter().map(|c| c.title.as_str()));

    Parsed {
        delimiter,
        header_line,
        columns,
        mapping_source,
        date_order,
        date_order_overridden: options.day_month_order.is_some(),
        decimal_mark,
        invoices,
        errors,
        skipped,
        record_count,
        quotes_ignored,
        unmapped,
        excluded,
        merged,
        document_rows,
        customer_source,
        due_from_terms,
        default_terms_used,
        layout,
        currency_from_headings,
    }
}
