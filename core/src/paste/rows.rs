//! Value parsing: one data row's cells read into an invoice, or the row's errors.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::documents::read_terms;
use super::model::{Field, Invoice, Problem, RowError};
use super::records::Row;
use crate::dates::{self, DateError, DayMonthOrder};
use crate::money::{self, AmountError, Currency, DecimalMark};
use crate::text::clip;

/// Payment terms the parser applies, in days. A settings value or a share link may hold any
/// number; outside this range it is clamped, so that date arithmetic stays far from chrono's
/// limits (ten years of terms is already more than any ledger uses).
pub const TERMS_DAYS: std::ops::RangeInclusive<i64> = 0..=3660;

pub(super) struct RowReader {
    pub(super) invoice: Option<usize>,
    pub(super) customer: Option<usize>,
    pub(super) invoice_date: Option<usize>,
    pub(super) due_date: Option<usize>,
    pub(super) amount: Option<usize>,
    pub(super) paid: Option<usize>,
    pub(super) outstanding: Option<usize>,
    pub(super) currency: Option<usize>,
    pub(super) paid_date: Option<usize>,
    pub(super) notes: Option<usize>,
    pub(super) salesperson: Option<usize>,
    pub(super) order: DayMonthOrder,
    pub(super) mark: DecimalMark,
    /// The ISO code of rows that name no currency: the settings' default, upper-cased once for
    /// the sheet rather than once per row.
    pub(super) default_code: Currency,
    pub(super) terms_days: i64,
    /// A terms column (`Net 30`, `月结30天`): its days win over `terms_days` for its row.
    pub(super) terms: Option<usize>,
    /// A pre-数电 invoice's 发票代码 and 发票号码 columns (China's e-invoice export lists both
    /// beside the 数电 number). An 8-digit 号码 repeats across 代码, so such an invoice is
    /// numbered by the two together ([`document_number`]).
    pub(super) legacy: Option<LegacyColumns>,
}

/// The 发票代码 and 发票号码 columns of a sheet that has both, and its 数电 number column if any.
#[derive(Clone, Copy, Debug)]
pub(super) struct LegacyColumns {
    pub(super) code: usize,
    pub(super) number: usize,
    pub(super) digital: Option<usize>,
}

/// A sheet's 发票代码 and 发票号码 columns, when it has both (titled exactly so, as the 电子发票
/// 服务平台's 全量发票查询 export and the older tax-control exports title them).
pub(super) fn legacy_columns(columns: &[super::Column]) -> Option<LegacyColumns> {
    let titled = |names: &[&str]| columns.iter().position(|c| names.contains(&c.title.trim()));
    Some(LegacyColumns {
        code: titled(&["发票代码"])?,
        number: titled(&["发票号码"])?,
        digital: titled(&["数电发票号码", "全电发票号码", "数电票号码"]),
    })
}

/// The number a row's document goes by: its invoice cell, except on a sheet with 发票代码 and
/// 发票号码 columns, where a pre-数电 invoice goes by the two joined ("044031900111-12345678")
/// and a 数电 invoice by its 数电 number, whichever of the columns the invoice field was given.
pub(super) fn document_number(
    own: &str,
    invoice: Option<usize>,
    legacy: Option<LegacyColumns>,
    cell: impl Fn(usize) -> String,
) -> String {
    let Some(legacy) = legacy else {
        return own.to_string();
    };
    if invoice != Some(legacy.number) && !own.is_empty() {
        return own.to_string();
    }
    let (code, number) = (cell(legacy.code), cell(legacy.number));
    if !code.is_empty() && !number.is_empty() {
        return format!("{code}-{number}");
    }
    if !own.is_empty() {
        return own.to_string();
    }
    legacy
        .digital
        .map(&cell)
        .filter(|n| !n.is_empty())
        .unwrap_or_default()
}

impl RowReader {
    /// Days of credit for this row: its own terms cell when it names some, else the default.
    pub(super) fn row_terms(&self, row: &Row) -> Option<i64> {
        let cell = self.terms.and_then(|c| row.record.get(c))?;
        read_terms(cell).map(|d| d.clamp(*TERMS_DAYS.start(), *TERMS_DAYS.end()))
    }

    /// Reads one row. `section_customer` is the heading above the row's section, used when no
    /// column holds the customer.
    pub(super) fn read(
        &self,
        row: &Row,
        section_customer: Option<&str>,
    ) -> Result<Invoice, Vec<RowError>> {
        let terms_days = self.row_terms(row).unwrap_or(self.terms_days);
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

        let number = document_number(cell(self.invoice), self.invoice, self.legacy, |c| {
            cell(Some(c)).to_string()
        });
        if number.is_empty() {
            fail(self.invoice, Problem::Missing(Field::Invoice));
        }
        let customer = match (self.customer, section_customer) {
            (None, Some(heading)) => heading.trim().to_string(),
            _ => cell(self.customer).to_string(),
        };
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

        let mut symbols: Vec<Currency> = Vec::new();
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
                    column: symbol_currency.as_deref().unwrap_or_default().to_string(),
                    symbol: other.to_string(),
                },
            );
        }
        if let (Some(col), Some(sym)) = (&column_currency, &symbol_currency) {
            if col != sym {
                fail(
                    self.currency,
                    Problem::CurrencyConflict {
                        column: col.to_string(),
                        symbol: sym.to_string(),
                    },
                );
            }
        }

        // The amount (or the balance) is required even when Paid is filled: a row with only a
        // paid amount says nothing about what is owed.
        let amount_cells_empty = cell(self.amount).is_empty() && cell(self.outstanding).is_empty();
        if amount_value.is_none() && outstanding_value.is_none() && amount_cells_empty {
            fail(
                self.amount.or(self.outstanding),
                Problem::Missing(Field::Amount),
            );
        }
        let (due_date, due_derived) = match (due_date, invoice_date) {
            (Some(due), _) => (Some(due), false),
            (None, Some(issued)) if !due_unreadable => {
                (dates::checked_add_days(issued, terms_days), true)
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
            // Every path to a missing value above reported it; this keeps the row from
            // vanishing if a later change forgets to.
            errors.push(RowError {
                line: row.line,
                column: None,
                value: String::new(),
                problem: Problem::Missing(Field::Amount),
            });
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
                .unwrap_or_else(|| self.default_code.clone()),
            invoice_date,
            due_date,
            due_derived,
            amount,
            paid,
            outstanding,
            paid_date,
            notes: cell(self.notes).to_string(),
            salesperson: Some(cell(self.salesperson).trim())
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        })
    }
}
