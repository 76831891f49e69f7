//! Header and column assignment: which row is the header and which field each column holds.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use foldhash::fast::RandomState;

use super::assign::{aux_kind, header_candidates, header_tokens};
use super::model::Field;
use super::records::{Record, Row};
use crate::dates::{self, DayMonthOrder};
use crate::money::{self, DecimalMark};
use crate::text::fold_width;

/// Header words we recognise, already normalised by [`normalize_header`].
pub(super) const SYNONYMS: &[(Field, &[&str])] = &[
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
            "数电发票号码",
            "voucherno",
            "entry",
            "全电发票号码",
            "数电票号码",
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
            // Invoicely's invoice export names its number column "Details".
            "details",
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
            "往来单位名称",
            "party",
            "partyname",
            "partner",
            "partnername",
            "contact",
            "contactname",
            "customerdisplayname",
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
            "postingdate",
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
            "invoicedamount",
            "linetotal",
            "grandtotal",
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
            "residual",
            "未核销金额",
            "未收款金额",
            "amountresidual",
            "balancedueamount",
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
    (
        Field::Salesperson,
        &[
            "业务员",
            "销售员",
            "经办人",
            "销售人员",
            "负责人",
            "salesrep",
            "salesperson",
            "salesman",
            "accountmanager",
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

pub(super) fn lookup(normalized: &str) -> Option<Field> {
    if normalized.is_empty() {
        return None;
    }
    synonym_index().get(normalized).copied()
}

/// Every synonym to its field, the first listed where a word is under two. Header detection
/// looks up each cell of the first records in several forms; scanning the whole table for
/// each was a quarter of the time on short pastes (perf, on the paste fuzz target).
fn synonym_index() -> &'static HashMap<&'static str, Field, RandomState> {
    static INDEX: OnceLock<HashMap<&'static str, Field, RandomState>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = HashMap::with_hasher(RandomState::default());
        for (field, words) in SYNONYMS {
            for word in *words {
                index.entry(*word).or_insert(*field);
            }
        }
        index
    })
}

/// The field a header cell names, if any. Bilingual headers (`客户名称 Customer`,
/// `发票号码(Invoice No.)`) are recognised by either half.
pub fn recognise_header(cell: &str) -> Option<Field> {
    // Every synonym has a letter (a test says so), so a cell without one — an amount, a date,
    // an empty cell: most cells of the thirty records searched for the header — names none.
    if !cell.chars().any(char::is_alphabetic) {
        return None;
    }
    // "Tax 1 Amount" names an amount, but not one we read.
    if aux_kind(&header_tokens(cell)).is_some() {
        return None;
    }
    let whole = normalize_header(cell);
    if let Some(field) = lookup(&whole) {
        return Some(field);
    }
    let cjk: String = whole.chars().filter(|c| !c.is_ascii()).collect();
    let latin: String = whole.chars().filter(|c| c.is_ascii()).collect();
    lookup(&cjk)
        .or_else(|| lookup(&latin))
        .or_else(|| {
            fold_width(cell)
                .split(|c: char| c.is_whitespace() || "/()（）|".contains(c))
                .find_map(|part| lookup(&normalize_header(part)))
        })
        .or_else(|| header_candidates(cell).first().map(|&(field, _)| field))
}

pub(super) fn header_score(record: &Record) -> (usize, Vec<Option<Field>>) {
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
pub(super) fn find_header(rows: &[Row]) -> Option<(usize, Vec<Option<Field>>)> {
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
pub(super) enum CellKind {
    Empty,
    Date,
    Amount,
    Currency,
    Text,
}

pub(super) fn cell_kind(cell: &str) -> CellKind {
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
pub(super) fn guess_mapping(rows: &[&Row], width: usize) -> Vec<Field> {
    let sample: Vec<&&Row> = rows.iter().take(200).collect();
    let mut kinds = Vec::with_capacity(width);
    for col in 0..width {
        let mut counts = [0usize; 5];
        let mut distinct = HashSet::new();
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

pub(super) fn looks_like_unknown_header(row: &Row, mapping: &[Field]) -> bool {
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
