//! Reading pasted text into invoices.
//!
//! Like rust-analyzer's parser, this never fails as a whole: [`parse`] returns every invoice it
//! could read together with a list of rows it could not (with row, column and what was expected)
//! and of rows it deliberately skipped (titles, blank lines, section headings, totals, repeated
//! headers). Every record of the input lands in exactly one of: the header, `invoices`, `errors`,
//! `skipped`. Nothing is dropped silently, and no input makes it panic.

use chrono::NaiveDate;
use csv::{ReaderBuilder, StringRecord};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::dates::{self, DateError, DayMonthOrder, OrderInference};
use crate::money::{self, AmountError, DecimalMark};
use crate::text::{clip, fold_width, is_blank};

/// What a column means. `Ignore` is a column we read past.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Invoice,
    Customer,
    InvoiceDate,
    DueDate,
    Amount,
    Paid,
    Outstanding,
    Currency,
    PaidDate,
    Notes,
    Ignore,
}

impl Field {
    /// In the order the mapping dropdowns list them.
    pub const ALL: [Field; 11] = [
        Field::Invoice,
        Field::Customer,
        Field::InvoiceDate,
        Field::DueDate,
        Field::Amount,
        Field::Paid,
        Field::Outstanding,
        Field::Currency,
        Field::PaidDate,
        Field::Notes,
        Field::Ignore,
    ];

    /// Stable identifier, used as option values and in saved mappings.
    pub fn key(self) -> &'static str {
        match self {
            Field::Invoice => "invoice",
            Field::Customer => "customer",
            Field::InvoiceDate => "invoice_date",
            Field::DueDate => "due_date",
            Field::Amount => "amount",
            Field::Paid => "paid",
            Field::Outstanding => "outstanding",
            Field::Currency => "currency",
            Field::PaidDate => "paid_date",
            Field::Notes => "notes",
            Field::Ignore => "ignore",
        }
    }

    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// Header words we recognise, already normalised by [`normalize_header`].
const SYNONYMS: &[(Field, &[&str])] = &[
    (
        Field::Invoice,
        &[
            "发票号",
            "发票号码",
            "单据编号",
            "单据号",
            "单号",
            "发票编号",
            "票号",
            "凭证号",
            "单据号码",
            "invoiceno",
            "invoicenumber",
            "invoice",
            "invno",
            "inv",
            "num",
            "no",
            "number",
            "docno",
            "documentno",
            "documentnumber",
            "ref",
            "reference",
            "invoiceid",
            "billno",
            "invoicenum",
            "rechnungsnummer",
            "rechnungsnr",
            "rechnung",
            "facture",
            "numérofacture",
            "nfacture",
            "factura",
        ],
    ),
    (
        Field::Customer,
        &[
            "客户",
            "客户名称",
            "购货单位",
            "购买方",
            "购买方名称",
            "购方名称",
            "往来单位",
            "单位名称",
            "客户名",
            "customer",
            "customername",
            "name",
            "client",
            "clientname",
            "debtor",
            "accountname",
            "buyer",
            "kunde",
            "kundenname",
            "cliente",
        ],
    ),
    (
        Field::InvoiceDate,
        &[
            "开票日期",
            "单据日期",
            "发票日期",
            "日期",
            "业务日期",
            "invoicedate",
            "date",
            "docdate",
            "documentdate",
            "transactiondate",
            "invdate",
            "issuedate",
            "billdate",
            "rechnungsdatum",
            "datum",
            "datefacture",
            "fecha",
        ],
    ),
    (
        Field::DueDate,
        &[
            "到期日",
            "到期日期",
            "付款期限",
            "应收日期",
            "约定付款日",
            "最后付款日",
            "应付款日期",
            "duedate",
            "due",
            "dueon",
            "paymentdue",
            "paymentduedate",
            "fällig",
            "fälligkeit",
            "fälligkeitsdatum",
            "fälligam",
            "échéance",
            "dateéchéance",
            "vencimiento",
        ],
    ),
    (
        Field::Amount,
        &[
            "金额",
            "发票金额",
            "应收金额",
            "价税合计",
            "含税金额",
            "原币金额",
            "开票金额",
            "总金额",
            "amount",
            "total",
            "invoiceamount",
            "originalamount",
            "origamount",
            "invoicetotal",
            "totalamount",
            "amt",
            "betrag",
            "bruttobetrag",
            "rechnungsbetrag",
            "montant",
            "montantttc",
            "importe",
        ],
    ),
    (
        Field::Paid,
        &[
            "已付",
            "已收金额",
            "已收",
            "已付金额",
            "收款金额",
            "已收款",
            "已回款",
            "回款金额",
            "paid",
            "amountpaid",
            "paidamount",
            "payments",
            "received",
            "amountreceived",
            "paidtodate",
            "bezahlt",
            "payé",
        ],
    ),
    (
        Field::Outstanding,
        &[
            "未付",
            "未收金额",
            "余额",
            "未收",
            "应收余额",
            "未付金额",
            "未收款",
            "未回款",
            "欠款",
            "欠款金额",
            "未结金额",
            "openbalance",
            "balancedue",
            "outstanding",
            "balance",
            "amountdue",
            "openamount",
            "remaining",
            "dueamount",
            "outstandingamount",
            "amountoutstanding",
            "unpaid",
            "offen",
            "offenerbetrag",
            "restbetrag",
            "solde",
            "resteàpayer",
            "saldo",
        ],
    ),
    (
        Field::Currency,
        &[
            "币种",
            "货币",
            "币别",
            "币制",
            "currency",
            "ccy",
            "cur",
            "curr",
            "currencycode",
            "währung",
            "devise",
            "moneda",
        ],
    ),
    (
        Field::PaidDate,
        &[
            "付款日期",
            "收款日期",
            "到账日期",
            "回款日期",
            "实际付款日",
            "paiddate",
            "paymentdate",
            "datepaid",
            "paidon",
            "receiptdate",
        ],
    ),
    (
        Field::Notes,
        &[
            "备注",
            "说明",
            "摘要",
            "notes",
            "note",
            "memo",
            "remarks",
            "remark",
            "description",
            "comment",
            "comments",
        ],
    ),
];

/// Lower-cases, folds full-width forms and keeps only letters and digits (CJK included), so
/// that `Invoice No.`, `invoice_no` and `ＩＮＶＯＩＣＥ　ＮＯ` compare equal.
pub fn normalize_header(cell: &str) -> String {
    fold_width(cell)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn lookup(normalized: &str) -> Option<Field> {
    if normalized.is_empty() {
        return None;
    }
    SYNONYMS
        .iter()
        .find(|(_, words)| words.contains(&normalized))
        .map(|(field, _)| *field)
}

/// The field a header cell names, if any. Bilingual headers (`客户名称 Customer`,
/// `发票号码(Invoice No.)`) are recognised by either half.
pub fn recognise_header(cell: &str) -> Option<Field> {
    let whole = normalize_header(cell);
    if let Some(field) = lookup(&whole) {
        return Some(field);
    }
    let cjk: String = whole.chars().filter(|c| !c.is_ascii()).collect();
    let latin: String = whole.chars().filter(|c| c.is_ascii()).collect();
    lookup(&cjk).or_else(|| lookup(&latin)).or_else(|| {
        fold_width(cell)
            .split(|c: char| c.is_whitespace() || "/()（）|".contains(c))
            .find_map(|part| lookup(&normalize_header(part)))
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delimiter {
    Tab,
    Comma,
    Semicolon,
    Pipe,
}

impl Delimiter {
    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Tab => b'\t',
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Pipe => b'|',
        }
    }
}

/// Picks the delimiter whose field count is the same on the most lines of the first fifty:
/// a tab for anything copied from a spreadsheet, otherwise the CSV flavour of the export.
pub fn sniff_delimiter(text: &str) -> Delimiter {
    let candidates = [
        Delimiter::Tab,
        Delimiter::Semicolon,
        Delimiter::Comma,
        Delimiter::Pipe,
    ];
    let lines: Vec<&str> = text.lines().filter(|l| !is_blank(l)).take(50).collect();
    let mut best = (Delimiter::Tab, 0usize);
    for delimiter in candidates {
        let mut counts: Vec<usize> = lines
            .iter()
            .map(|l| count_unquoted(l, delimiter.byte() as char))
            .filter(|&n| n > 0)
            .collect();
        counts.sort_unstable();
        let modal_run = longest_run(&counts);
        if modal_run > best.1 {
            best = (delimiter, modal_run);
        }
    }
    best.0
}

fn count_unquoted(line: &str, delimiter: char) -> usize {
    let mut in_quotes = false;
    let mut n = 0;
    for c in line.chars() {
        if c == '"' {
            in_quotes = !in_quotes;
        } else if c == delimiter && !in_quotes {
            n += 1;
        }
    }
    n
}

fn longest_run(sorted: &[usize]) -> usize {
    let mut best = 0;
    let mut i = 0;
    while i < sorted.len() {
        let j = sorted[i..].iter().take_while(|&&v| v == sorted[i]).count();
        best = best.max(j);
        i += j;
    }
    best
}

/// The user's choices that override what the parser would infer.
#[derive(Clone, Debug, Default)]
pub struct ParseOptions<'a> {
    /// One field per column; used when its length matches the sheet's column count.
    pub mapping: Option<&'a [Field]>,
    pub day_month_order: Option<DayMonthOrder>,
    pub decimal_mark: Option<DecimalMark>,
    /// ISO code for rows that name no currency.
    pub default_currency: &'a str,
    /// Days from invoice date to due date when a row has no due date.
    pub default_terms_days: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MappingSource {
    /// Recognised from the header row.
    Header,
    /// No header was recognised: guessed from what the cells contain. Check it.
    Content,
    /// Chosen by the user.
    User,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// The header cell, or empty when there is no header.
    pub title: String,
    pub field: Field,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invoice {
    /// 1-based line of the pasted text where the row starts (Excel's row number when the
    /// selection started at row 1).
    pub line: usize,
    pub number: String,
    pub customer: String,
    pub currency: String,
    pub invoice_date: Option<NaiveDate>,
    pub due_date: NaiveDate,
    /// True when the due date was computed from the invoice date and the default terms.
    pub due_derived: bool,
    pub amount: Decimal,
    pub paid: Decimal,
    pub outstanding: Decimal,
    pub paid_date: Option<NaiveDate>,
    pub notes: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A required value is empty.
    Missing(Field),
    /// No column is mapped to a required field.
    Unmapped(Field),
    BadDate(Field, DateError),
    BadAmount(Field, AmountError),
    UnknownCurrency,
    /// The currency column and the amount's own symbol disagree.
    CurrencyConflict {
        column: String,
        symbol: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub line: usize,
    /// 0-based column index of the offending cell, when one cell is to blame.
    pub column: Option<usize>,
    /// What the cell held (clipped), for the message.
    pub value: String,
    pub problem: Problem,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SkipReason {
    /// Lines above the header: report titles, "As of …", company names.
    Title,
    Blank,
    /// A row with a single cell filled: a section heading ("Current", a customer's name).
    Heading,
    /// "Total …", "合计", "小计" rows, which would count the invoices twice.
    Total,
    /// The header again (exports repeat it on every page).
    RepeatedHeader,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub line: usize,
    pub reason: SkipReason,
    /// The row's text (clipped), so the user can see what was skipped.
    pub text: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    pub delimiter: Delimiter,
    /// 1-based line of the recognised header row.
    pub header_line: Option<usize>,
    pub columns: Vec<Column>,
    pub mapping_source: MappingSource,
    pub date_order: OrderInference,
    pub date_order_overridden: bool,
    pub decimal_mark: DecimalMark,
    pub invoices: Vec<Invoice>,
    pub errors: Vec<RowError>,
    pub skipped: Vec<Skipped>,
    /// Records read (every row of the input that is not an empty line).
    pub record_count: usize,
    /// True when an unbalanced quote swallowed the rest of the text and quotes were then read
    /// as ordinary characters instead.
    pub quotes_ignored: bool,
    /// Required fields no column is mapped to.
    pub unmapped: Vec<Field>,
}

impl Parsed {
    pub fn field_column(&self, field: Field) -> Option<usize> {
        self.columns.iter().position(|c| c.field == field)
    }
}

/// Excel's column letters: 0 → A, 25 → Z, 26 → AA.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// Every cell of the input, unescaped, in one buffer: one allocation for the whole paste
/// instead of several per row (this matters in Wasm, where allocation is slow).
struct Store {
    text: String,
    /// Byte ranges of the cells in `text`.
    cells: Vec<(usize, usize)>,
    /// Per record: its first line, first cell and cell count.
    records: Vec<(usize, usize, usize)>,
}

impl Store {
    fn rows(&self) -> Vec<Row<'_>> {
        self.records
            .iter()
            .map(|&(line, first, count)| Row {
                line,
                record: Record {
                    store: self,
                    first,
                    count,
                },
            })
            .collect()
    }
}

/// One record's cells: the small part of `csv::StringRecord`'s interface the parser uses.
#[derive(Clone, Copy)]
struct Record<'a> {
    store: &'a Store,
    first: usize,
    count: usize,
}

impl<'a> Record<'a> {
    fn get(&self, i: usize) -> Option<&'a str> {
        if i >= self.count {
            return None;
        }
        let (start, end) = *self.store.cells.get(self.first + i)?;
        self.store.text.get(start..end)
    }

    fn len(&self) -> usize {
        self.count
    }

    fn iter(&self) -> impl Iterator<Item = &'a str> + 'a {
        let record = *self;
        (0..record.count).filter_map(move |i| record.get(i))
    }
}

#[derive(Clone, Copy)]
struct Row<'a> {
    line: usize,
    record: Record<'a>,
}

fn read_records(text: &str, delimiter: Delimiter, quoting: bool) -> Store {
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter.byte())
        .quoting(quoting)
        .from_reader(text.as_bytes());
    let mut store = Store {
        text: String::with_capacity(text.len()),
        cells: Vec::new(),
        records: Vec::new(),
    };
    let mut record = StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {
                // The reader's position is where it started looking, before any empty lines it
                // passed over: step over those to the line the record really starts on.
                let (mut line, mut byte) = record
                    .position()
                    .map_or((0, 0), |p| (p.line() as usize, p.byte() as usize));
                let bytes = text.as_bytes();
                while byte < bytes.len() && matches!(bytes[byte], b'\n' | b'\r') {
                    if bytes[byte] == b'\n' {
                        line += 1;
                    }
                    byte += 1;
                }
                let first = store.cells.len();
                for cell in record.iter() {
                    let start = store.text.len();
                    store.text.push_str(cell);
                    store.cells.push((start, store.text.len()));
                }
                store.records.push((line, first, record.len()));
            }
            Ok(false) => break,
            // Invalid UTF-8 cannot occur in a &str; any other error ends the read, and the
            // rows read so far are kept rather than the whole paste being refused.
            Err(_) => break,
        }
    }
    store
}

/// A quote that never closes makes the CSV reader swallow everything after it into one cell.
fn quote_ran_away(rows: &[Row], text: &str) -> bool {
    let Some(last) = rows.last() else {
        return false;
    };
    let total_lines = text.lines().count();
    last.record.iter().any(|cell| cell.contains('\n')) && last.line + 1 < total_lines
}

fn cells_text(record: &Record, delimiter: Delimiter) -> String {
    let sep = if delimiter == Delimiter::Tab {
        "  "
    } else {
        "; "
    };
    clip(
        &record.iter().map(str::trim).collect::<Vec<_>>().join(sep),
        120,
    )
}

fn is_total_label(cell: &str) -> bool {
    // Cheap test first: this runs on every cell of every row.
    let first = cell.trim_start().chars().next();
    let maybe_latin = matches!(
        first,
        Some('t' | 'T' | 'g' | 'G' | 's' | 'S' | 'Ｔ' | 'ｔ' | 'Ｇ' | 'ｇ' | 'Ｓ' | 'ｓ')
    );
    let maybe_cjk = !cell.is_ascii() && (cell.contains('计') || cell.contains('計'));
    if !maybe_latin && !maybe_cjk {
        return false;
    }
    let lower = fold_width(cell).trim().to_lowercase();
    lower.starts_with("total")
        || lower.starts_with("grand total")
        || lower.starts_with("subtotal")
        || lower.starts_with("sub-total")
        || ["合计", "小计", "总计", "共计", "總計", "合計", "小計"]
            .iter()
            .any(|w| lower.contains(w))
}

fn header_score(record: &Record) -> (usize, Vec<Option<Field>>) {
    let mut seen = Vec::new();
    let fields: Vec<Option<Field>> = record
        .iter()
        .map(|cell| {
            let field = recognise_header(cell).filter(|f| !seen.contains(f));
            if let Some(f) = field {
                seen.push(f);
            }
            field
        })
        .collect();
    (seen.len(), fields)
}

/// The header is the record among the first thirty that names the most known columns (at
/// least two), the first of them on a tie.
fn find_header(rows: &[Row]) -> Option<(usize, Vec<Option<Field>>)> {
    let mut best: Option<(usize, usize, Vec<Option<Field>>)> = None;
    for (i, row) in rows.iter().take(30).enumerate() {
        let (score, fields) = header_score(&row.record);
        if score >= 2 && best.as_ref().is_none_or(|b| score > b.1) {
            best = Some((i, score, fields));
        }
    }
    best.map(|(i, _, fields)| (i, fields))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CellKind {
    Empty,
    Date,
    Amount,
    Currency,
    Text,
}

fn cell_kind(cell: &str) -> CellKind {
    let t = cell.trim();
    if t.is_empty() {
        return CellKind::Empty;
    }
    let digits_only = t.bytes().all(|b| b.is_ascii_digit());
    if !digits_only && dates::parse_date(t, DayMonthOrder::DayFirst).is_ok() {
        return CellKind::Date;
    }
    if money::parse_amount(t, DecimalMark::Point).is_ok() {
        return CellKind::Amount;
    }
    if t.chars().count() <= 4 && money::normalize_currency(t).is_some() {
        return CellKind::Currency;
    }
    CellKind::Text
}

/// Without a header, guesses what each column holds from its cells: dates become the invoice
/// date then the due date, numbers the amount (then outstanding, or paid and outstanding), the
/// most varied text column the invoice number and the next the customer.
fn guess_mapping(rows: &[&Row], width: usize) -> Vec<Field> {
    let sample: Vec<&&Row> = rows.iter().take(200).collect();
    let mut kinds = Vec::with_capacity(width);
    for col in 0..width {
        let mut counts = [0usize; 5];
        let mut distinct = std::collections::HashSet::new();
        for row in &sample {
            let cell = row.record.get(col).unwrap_or("");
            let kind = cell_kind(cell);
            counts[kind as usize] += 1;
            if kind == CellKind::Text {
                distinct.insert(cell.trim());
            }
        }
        let filled: usize = counts[1..].iter().sum();
        let majority = |k: CellKind| filled > 0 && counts[k as usize] * 2 > filled;
        let kind = [
            CellKind::Date,
            CellKind::Amount,
            CellKind::Currency,
            CellKind::Text,
        ]
        .into_iter()
        .find(|&k| majority(k))
        .unwrap_or(CellKind::Empty);
        kinds.push((kind, distinct.len()));
    }
    let mut mapping = vec![Field::Ignore; width];
    let of_kind = |k: CellKind| -> Vec<usize> { (0..width).filter(|&c| kinds[c].0 == k).collect() };
    let date_cols = of_kind(CellKind::Date);
    for (col, field) in date_cols
        .iter()
        .zip([Field::InvoiceDate, Field::DueDate, Field::PaidDate])
    {
        mapping[*col] = field;
    }
    let amount_cols = of_kind(CellKind::Amount);
    let amount_fields: &[Field] = match amount_cols.len() {
        0 => &[],
        1 => &[Field::Amount],
        2 => &[Field::Amount, Field::Outstanding],
        _ => &[Field::Amount, Field::Paid, Field::Outstanding],
    };
    for (col, field) in amount_cols.iter().zip(amount_fields) {
        mapping[*col] = *field;
    }
    if let Some(col) = of_kind(CellKind::Currency).first() {
        mapping[*col] = Field::Currency;
    }
    let mut text_cols = of_kind(CellKind::Text);
    // Most distinct values first; on a tie, the leftmost.
    text_cols.sort_by_key(|&c| (std::cmp::Reverse(kinds[c].1), c));
    let text_fields: &[Field] = if text_cols.len() == 1 {
        &[Field::Customer]
    } else {
        &[Field::Invoice, Field::Customer]
    };
    for (col, field) in text_cols.iter().zip(text_fields) {
        mapping[*col] = *field;
    }
    mapping
}

fn looks_like_unknown_header(row: &Row, mapping: &[Field]) -> bool {
    let typed: Vec<(usize, Field)> = mapping
        .iter()
        .enumerate()
        .filter(|(_, f)| {
            matches!(
                f,
                Field::InvoiceDate | Field::DueDate | Field::Amount | Field::Outstanding
            )
        })
        .map(|(i, f)| (i, *f))
        .collect();
    !typed.is_empty()
        && typed.iter().all(|&(i, field)| {
            let kind = cell_kind(row.record.get(i).unwrap_or(""));
            let expected = if matches!(field, Field::InvoiceDate | Field::DueDate) {
                CellKind::Date
            } else {
                CellKind::Amount
            };
            kind != expected
        })
}

/// Reads pasted or opened text into invoices, row errors and skipped rows. See the module doc.
pub fn parse(text: &str, options: &ParseOptions) -> Parsed {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let delimiter = sniff_delimiter(text);
    let mut store = read_records(text, delimiter, true);
    let quotes_ignored = quote_ran_away(&store.rows(), text);
    if quotes_ignored {
        store = read_records(text, delimiter, false);
    }
    let rows = store.rows();
    let record_count = rows.len();
    let width = rows.iter().map(|r| r.record.len()).max().unwrap_or(0);

    let mut skipped = Vec::new();
    let header = find_header(&rows);
    let (header_index, header_fields) = match &header {
        Some((i, fields)) => (Some(*i), Some(fields.clone())),
        None => (None, None),
    };
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
    for row in &rows[body_start..] {
        let filled = row.record.iter().filter(|c| !is_blank(c)).count();
        let reason = if filled == 0 {
            Some(SkipReason::Blank)
        } else if header_record
            .as_ref()
            .is_some_and(|h| row.record.iter().map(str::trim).eq(h.iter().map(str::trim)))
        {
            Some(SkipReason::RepeatedHeader)
        } else if filled == 1 && width > 1 {
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

    let user_mapping = options.mapping.filter(|m| m.len() == width && width > 0);
    let (mapping, mapping_source): (Vec<Field>, MappingSource) =
        match (user_mapping, &header_fields) {
            (Some(m), _) => (m.to_vec(), MappingSource::User),
            (None, Some(fields)) => {
                let mut m: Vec<Field> = fields.iter().map(|f| f.unwrap_or(Field::Ignore)).collect();
                m.resize(width, Field::Ignore);
                (m, MappingSource::Header)
            }
            (None, None) => (guess_mapping(&data, width), MappingSource::Content),
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
        })
        .collect();
    let col = |field: Field| mapping.iter().position(|&f| f == field);

    // Totals: a row with a "Total …"/"合计" label and no invoice number of its own.
    let invoice_col = col(Field::Invoice);
    data.retain(|row| {
        let labelled = row.record.iter().any(is_total_label);
        let own_number = invoice_col
            .and_then(|c| row.record.get(c))
            .is_some_and(|cell| !is_blank(cell) && !is_total_label(cell));
        if labelled && !own_number {
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
    // The CSV reader passes over empty lines without a record: list them too.
    let mut covered = vec![false; text.lines().count() + 2];
    for row in &rows {
        let spanned = row
            .record
            .iter()
            .map(|cell| cell.matches('\n').count())
            .sum::<usize>();
        for line in row.line..=row.line + spanned {
            if let Some(slot) = covered.get_mut(line) {
                *slot = true;
            }
        }
    }
    for (i, line) in text.lines().enumerate() {
        if !covered.get(i + 1).copied().unwrap_or(true) && is_blank(line) {
            skipped.push(Skipped {
                line: i + 1,
                reason: SkipReason::Blank,
                text: String::new(),
            });
        }
    }
    skipped.sort_by_key(|s| s.line);

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

    let mut unmapped = Vec::new();
    for (needed, alternatives) in [
        (Field::Invoice, &[Field::Invoice][..]),
        (Field::Customer, &[Field::Customer][..]),
        (Field::Amount, &[Field::Amount, Field::Outstanding][..]),
        (Field::DueDate, &[Field::DueDate, Field::InvoiceDate][..]),
    ] {
        if alternatives.iter().all(|&f| col(f).is_none()) {
            unmapped.push(needed);
        }
    }

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
        order: date_order.order,
        mark: decimal_mark,
        default_currency: if options.default_currency.trim().is_empty() {
            "CNY"
        } else {
            options.default_currency.trim()
        },
        terms_days: options.default_terms_days,
    };
    let mut invoices = Vec::with_capacity(data.len());
    let mut errors = Vec::new();
    for row in &data {
        if let Some(&field) = unmapped.first() {
            errors.push(RowError {
                line: row.line,
                column: None,
                value: cells_text(&row.record, delimiter),
                problem: Problem::Unmapped(field),
            });
            continue;
        }
        match reader.read(row) {
            Ok(invoice) => invoices.push(invoice),
            Err(mut row_errors) => errors.append(&mut row_errors),
        }
    }

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
    }
}

struct RowReader<'a> {
    invoice: Option<usize>,
    customer: Option<usize>,
    invoice_date: Option<usize>,
    due_date: Option<usize>,
    amount: Option<usize>,
    paid: Option<usize>,
    outstanding: Option<usize>,
    currency: Option<usize>,
    paid_date: Option<usize>,
    notes: Option<usize>,
    order: DayMonthOrder,
    mark: DecimalMark,
    default_currency: &'a str,
    terms_days: i64,
}

impl RowReader<'_> {
    fn read(&self, row: &Row) -> Result<Invoice, Vec<RowError>> {
        let mut errors = Vec::new();
        let cell = |c: Option<usize>| {
            c.and_then(|c| row.record.get(c))
                .map(str::trim)
                .unwrap_or("")
        };
        let mut fail = |column: Option<usize>, problem: Problem| {
            errors.push(RowError {
                line: row.line,
                column,
                value: clip(cell(column), 60),
                problem,
            })
        };

        let number = cell(self.invoice).to_string();
        if number.is_empty() {
            fail(self.invoice, Problem::Missing(Field::Invoice));
        }
        let customer = cell(self.customer).to_string();
        if customer.is_empty() {
            fail(self.customer, Problem::Missing(Field::Customer));
        }

        let mut date = |field: Field, column: Option<usize>| -> Option<NaiveDate> {
            match dates::parse_date(cell(column), self.order) {
                Ok(d) => Some(d),
                Err(DateError::Empty) => None,
                Err(e) => {
                    fail(column, Problem::BadDate(field, e));
                    None
                }
            }
        };
        let invoice_date = date(Field::InvoiceDate, self.invoice_date);
        let due_date = date(Field::DueDate, self.due_date);
        let paid_date = date(Field::PaidDate, self.paid_date);
        let invoice_date_unreadable = !cell(self.invoice_date).is_empty() && invoice_date.is_none();
        let due_unreadable = !cell(self.due_date).is_empty() && due_date.is_none();

        let mut symbols: Vec<String> = Vec::new();
        let mut amount = |field: Field, column: Option<usize>| -> Option<Decimal> {
            match money::parse_amount(cell(column), self.mark) {
                Ok(parsed) => {
                    if let Some(code) = parsed.currency {
                        symbols.push(code);
                    }
                    Some(parsed.value)
                }
                Err(AmountError::Empty) => None,
                Err(e) => {
                    fail(column, Problem::BadAmount(field, e));
                    None
                }
            }
        };
        let amount_value = amount(Field::Amount, self.amount);
        let paid_value = amount(Field::Paid, self.paid);
        let outstanding_value = amount(Field::Outstanding, self.outstanding);
        let amounts_unreadable = [self.amount, self.paid, self.outstanding]
            .iter()
            .any(|&c| !cell(c).is_empty())
            && amount_value.is_none()
            && outstanding_value.is_none();

        let currency_cell = cell(self.currency);
        let column_currency = if currency_cell.is_empty() {
            None
        } else {
            match money::normalize_currency(currency_cell) {
                Some(code) => Some(code),
                None => {
                    fail(self.currency, Problem::UnknownCurrency);
                    None
                }
            }
        };
        let symbol_currency = symbols.first().cloned();
        if let Some(other) = symbols
            .iter()
            .find(|s| Some(*s) != symbol_currency.as_ref())
        {
            let column = self.amount.or(self.outstanding);
            fail(
                column,
                Problem::CurrencyConflict {
                    column: symbol_currency.clone().unwrap_or_default(),
                    symbol: other.clone(),
                },
            );
        }
        if let (Some(col), Some(sym)) = (&column_currency, &symbol_currency) {
            if col != sym {
                fail(
                    self.currency,
                    Problem::CurrencyConflict {
                        column: col.clone(),
                        symbol: sym.clone(),
                    },
                );
            }
        }

        if amount_value.is_none() && outstanding_value.is_none() && !amounts_unreadable {
            fail(
                self.amount.or(self.outstanding),
                Problem::Missing(Field::Amount),
            );
        }
        let (due_date, due_derived) = match (due_date, invoice_date) {
            (Some(due), _) => (Some(due), false),
            (None, Some(issued)) if !due_unreadable => {
                (Some(dates::add_days(issued, self.terms_days)), true)
            }
            _ => {
                if !due_unreadable && !invoice_date_unreadable {
                    fail(
                        self.due_date.or(self.invoice_date),
                        Problem::Missing(Field::DueDate),
                    );
                }
                (None, false)
            }
        };

        if !errors.is_empty() {
            return Err(errors);
        }
        let (Some(due_date), Some(amount_or_balance)) =
            (due_date, amount_value.or(outstanding_value))
        else {
            return Err(errors);
        };
        let paid = paid_value.unwrap_or(Decimal::ZERO);
        let (amount, outstanding) = match (amount_value, outstanding_value) {
            (Some(a), Some(o)) => (a, o),
            (Some(a), None) => (a, a - paid),
            (None, Some(o)) => (o + paid, o),
            (None, None) => (amount_or_balance, amount_or_balance),
        };
        Ok(Invoice {
            line: row.line,
            number,
            customer,
            currency: column_currency
                .or(symbol_currency)
                .unwrap_or_else(|| self.default_currency.to_uppercase()),
            invoice_date,
            due_date,
            due_derived,
            amount,
            paid,
            outstanding,
            paid_date,
            notes: cell(self.notes).to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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

        let headerless =
            "R-1\tMüller GmbH\t2025-09-28\t1,234.56\nR-2\tSchmidt AG\t2025-10-01\t500\n";
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
        let text =
            "发票号\t客户\t开票日期\t到期日\t金额\nF1\t甲\t45900\t45930\t１２，３４５．６０\n";
        let parsed = parse(text, &options());
        assert_eq!(parsed.errors, vec![]);
        assert_eq!(
            parsed.invoices[0].due_date,
            NaiveDate::from_ymd_opt(2025, 9, 30).unwrap()
        );
        assert_eq!(parsed.invoices[0].amount, d("12345.60"));
    }
}
