//! The parser's public types: what a column means, the user's options, and what was read.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::layouts::Layout;
use super::sniff::Delimiter;
use crate::dates::{DateError, DayMonthOrder, OrderInference};
use crate::i18n::Lang;
use crate::money::{AmountError, Currency, DecimalMark};

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
    /// The salesperson responsible (业务员), for the collection rate per salesperson.
    Salesperson,
    Ignore,
}

impl Field {
    /// In the order the mapping dropdowns list them.
    pub const ALL: [Field; 12] = [
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
        Field::Salesperson,
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
            Field::Salesperson => "salesperson",
            Field::Ignore => "ignore",
        }
    }

    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }
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
    /// Why the column got its field (or was ignored), for the one-line reason beside it.
    pub why: Why,
    /// What an ignored column holds, when its header says (status and terms are then read).
    pub aux: Option<Aux>,
}

/// Columns that are not one of the [`Field`]s but that the parser recognises: some are read
/// (status, terms), the rest are named so they are never taken for an amount or a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Aux {
    Status,
    Terms,
    Tax,
    Discount,
    ExchangeRate,
    Quantity,
    UnitPrice,
    /// Internal record IDs, account numbers, tax numbers.
    Id,
}

impl Aux {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Aux::Status => lang.pick("单据状态", "document status"),
            Aux::Terms => lang.pick("付款条件", "payment terms"),
            Aux::Tax => lang.pick("税额", "tax"),
            Aux::Discount => lang.pick("折扣", "discount"),
            Aux::ExchangeRate => lang.pick("汇率", "exchange rate"),
            Aux::Quantity => lang.pick("数量", "quantity"),
            Aux::UnitPrice => lang.pick("单价", "unit price"),
            Aux::Id => lang.pick(
                "编号或账号（不是发票号）",
                "an ID or account number (not an invoice number)",
            ),
        }
    }
}

/// Why a column holds its field: the one-line reason shown beside the column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// The header is a known name for the field.
    Header(Field),
    /// Some of the header's words name the field, and the values agree.
    HeaderWords(Field),
    /// The header is a known kind of column that we do not take as a field.
    Aux(Aux),
    /// The header suggests the field but the values do not fit it.
    ValuesRefuse(Field),
    /// Another column is a better match for the same field.
    Duplicate(Field),
    /// Guessed from what the cells contain (no header recognised).
    Content,
    /// Chosen by the user.
    User,
    /// Nothing in the header or the values names a field.
    Unknown,
}

impl Why {
    /// The reason in one line. `field_name` is the shell's label for a field, so the sentence
    /// uses the same words as the column dropdowns.
    pub fn text(self, lang: Lang, field_name: impl Fn(Field) -> String) -> String {
        match (self, lang) {
            (Why::Header(f), Lang::Zh) => format!("表头是“{}”的常见写法", field_name(f)),
            (Why::Header(f), Lang::En) => {
                format!("the header is a usual name for “{}”", field_name(f))
            }
            (Why::HeaderWords(f), Lang::Zh) => {
                format!("表头中的词指向“{}”，且数据相符", field_name(f))
            }
            (Why::HeaderWords(f), Lang::En) => format!(
                "words of the header name “{}”, and the values fit",
                field_name(f)
            ),
            (Why::Aux(a), Lang::Zh) => format!("忽略：这是{}列", a.label(lang)),
            (Why::Aux(a), Lang::En) => format!("ignored: a column of {}", a.label(lang)),
            (Why::ValuesRefuse(f), Lang::Zh) => {
                format!("忽略：表头像“{}”，但数据不符", field_name(f))
            }
            (Why::ValuesRefuse(f), Lang::En) => format!(
                "ignored: the header suggests “{}” but the values do not fit",
                field_name(f)
            ),
            (Why::Duplicate(f), Lang::Zh) => format!("忽略：另一列更符合“{}”", field_name(f)),
            (Why::Duplicate(f), Lang::En) => {
                format!("ignored: another column fits “{}” better", field_name(f))
            }
            (Why::Content, Lang::Zh) => "按单元格内容推测，请核对".to_string(),
            (Why::Content, Lang::En) => "guessed from the cells: please check".to_string(),
            (Why::User, Lang::Zh) => "由你指定".to_string(),
            (Why::User, Lang::En) => "chosen by you".to_string(),
            (Why::Unknown, Lang::Zh) => "忽略：表头和数据都不对应任何字段".to_string(),
            (Why::Unknown, Lang::En) => {
                "ignored: neither header nor values name a field".to_string()
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invoice {
    /// 1-based line of the pasted text where the row starts (Excel's row number when the
    /// selection started at row 1).
    pub line: usize,
    pub number: String,
    pub customer: String,
    pub currency: Currency,
    pub invoice_date: Option<NaiveDate>,
    pub due_date: NaiveDate,
    /// True when the due date was computed from the invoice date and the default terms.
    pub due_derived: bool,
    pub amount: Decimal,
    pub paid: Decimal,
    pub outstanding: Decimal,
    pub paid_date: Option<NaiveDate>,
    pub notes: String,
    /// From a salesperson column (业务员 / 销售员 / 经办人), when the ledger has one.
    pub salesperson: Option<String>,
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

/// A document the status column set aside: not a receivable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Excluded {
    pub line: usize,
    pub number: String,
    pub reason: ExcludeReason,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExcludeReason {
    Draft,
    Void,
    /// Fully reversed by a red invoice (已红冲).
    Reversed,
    /// A journal line on another account than the receivable (income, cash, tax).
    NotReceivable,
}

impl ExcludeReason {
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            ExcludeReason::Draft => lang.pick("草稿，尚未开出", "a draft, not yet issued"),
            ExcludeReason::Void => lang.pick("已作废或取消", "void or cancelled"),
            ExcludeReason::Reversed => {
                lang.pick("已被红字发票全额冲销", "fully reversed by a credit note")
            }
            ExcludeReason::NotReceivable => lang.pick(
                "凭证中非应收账款科目的分录（收入、现金、税金）",
                "a journal line on another account than receivables (income, cash, tax)",
            ),
        }
    }
}

/// A row that is a line (or a repeated copy) of a document read on an earlier row, or a red
/// invoice netted against the blue invoice it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergedLine {
    pub line: usize,
    /// The line of the invoice it was merged into.
    pub into_line: usize,
    /// The number of the document it was merged into.
    pub number: String,
    /// Set when the row is a red invoice (部分红冲) netted against the blue invoice `number`.
    pub red: Option<RedNetting>,
}

/// A red invoice that reverses part of a blue one: its number and (negative) amount, which
/// were taken off the blue invoice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RedNetting {
    pub number: String,
    pub amount: Decimal,
}

impl MergedLine {
    /// What the row became, for the merged-lines list: "red invoice 2531… (−226.00) taken off
    /// blue invoice 2531… on row 4", or `None` for an ordinary merged line.
    pub fn red_text(&self, lang: Lang) -> Option<String> {
        let red = self.red.as_ref()?;
        Some(match lang {
            Lang::Zh => format!(
                "红字发票 {}（{}）已冲减第 {} 行的蓝字发票 {}，余额仍未收",
                red.number, red.amount, self.into_line, self.number
            ),
            Lang::En => format!(
                "red invoice {} ({}) taken off blue invoice {} on row {}; the rest stays open",
                red.number, red.amount, self.number, self.into_line
            ),
        })
    }
}

/// How the rows of the sheet relate to documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocumentRows {
    OnePerDocument,
    /// Rows sharing a number repeat the document's amounts: taken once.
    RepeatedTotals,
    /// Rows sharing a number are line items: their amounts added up.
    LineItems,
    /// A double-entry journal: receivable lines only, positive ones the invoice, negative ones
    /// its payments.
    Journal,
}

/// Where each invoice's customer came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CustomerSource {
    Column,
    /// From the heading row above each section (Xero, Odoo, Kingdee reports).
    SectionHeadings,
    None,
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
    /// Documents set aside by their status (drafts, voids, reversed).
    pub excluded: Vec<Excluded>,
    /// Rows merged into an invoice read on an earlier row.
    pub merged: Vec<MergedLine>,
    pub document_rows: DocumentRows,
    pub customer_source: CustomerSource,
    /// Invoices whose due date came from the row's own terms cell (not the default terms).
    pub due_from_terms: usize,
    /// Some row's due date came from the default terms (`ParseOptions::default_terms_days`).
    /// When none did, the parse is the same whatever the default terms, so changing them
    /// reruns nothing (`Edit::reach_on`).
    pub default_terms_used: bool,
    /// The tool whose export the header matches, when it matches one.
    pub layout: Option<&'static Layout>,
    /// Rows whose currency came from a section heading ("USD") above them.
    pub currency_from_headings: usize,
}

impl Parsed {
    pub fn field_column(&self, field: Field) -> Option<usize> {
        self.columns.iter().position(|c| c.field == field)
    }

    /// Columns read past, with why: the "ignored columns" list.
    pub fn ignored_columns(&self) -> impl Iterator<Item = (usize, &Column)> {
        self.columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.field == Field::Ignore)
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
