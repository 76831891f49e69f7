//! What [`super::sanitize`] changed, in words a user reads (issue 20): "Default payment terms
//! (days): was 106751991168, now 3650" rather than `settings.terms_days`. The notice on load
//! and a link's review both list these lines.
//!
//! A field is a path into the workspace (`settings.charges.per_customer["ACME"].rate`). Its
//! words are the words of its *place* (the part up to the last name: "Late charges for ACME")
//! and of its *name* (the last name: "rate"), each from a table below; quoted keys (customer
//! names, currencies, invoice numbers) and list positions fill the place's blanks. A path
//! whose parts are not in the tables is shown as it is rather than hidden; the test at the
//! end walks every path `sanitize` can write, so a new bound without words fails there.

use super::{Clamped, Shown, SnapshotWhy};
use crate::i18n::Lang;

/// One line of the notice: where, what it was, what it is now.
pub fn line(clamped: &Clamped, lang: Lang) -> String {
    let field = field(&clamped.field, lang);
    if let Shown::UserRate(problem) = &clamped.was {
        // The problem's own sentence says what became of the entry.
        return match lang {
            Lang::Zh => format!("{field}：{}", problem.describe(lang)),
            Lang::En => format!("{field}: {}", problem.describe(lang)),
        };
    }
    let was = value(&clamped.was, lang);
    let now = value(&clamped.now, lang);
    match lang {
        Lang::Zh => format!("{field}：原为{was}，现为{now}"),
        Lang::En => format!("{field}: was {was}, now {now}"),
    }
}

/// A value in words.
pub fn value(shown: &Shown, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match shown {
        Shown::Value(v) => v.clone(),
        Shown::Chars(n) if zh => format!("{n}个字符"),
        Shown::Chars(n) => format!("{n} characters"),
        Shown::Entries(n) if zh => format!("{n}条"),
        Shown::Entries(n) => format!("{n} entries"),
        Shown::More(n) if zh => format!("多出{n}条"),
        Shown::More(n) => format!("{n} more"),
        Shown::DroppedLongNames if zh => "已删去（名称过长）".into(),
        Shown::DroppedLongNames => "dropped (names too long)".into(),
        Shown::DroppedOldest if zh => "已删去（最早的几条）".into(),
        Shown::DroppedOldest => "dropped (the oldest)".into(),
        Shown::InRange if zh => "范围内的值".into(),
        Shown::InRange => "brought into range".into(),
        Shown::Today if zh => "今天".into(),
        Shown::Today => "today".into(),
        Shown::Nothing if zh => "空".into(),
        Shown::Nothing => "none".into(),
        Shown::NotOpened if zh => "不打开".into(),
        Shown::NotOpened => "not opened".into(),
        Shown::UserRate(problem) => problem.describe(lang),
        Shown::Snapshot(why) => snapshot(why, lang),
    }
}

fn snapshot(why: &SnapshotWhy, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match why {
        SnapshotWhy::AsOfOutOfRange(date) if zh => format!("基准日{date}超出范围"),
        SnapshotWhy::AsOfOutOfRange(date) => format!("as-of date {date}"),
        SnapshotWhy::NoInvoices if zh => "没有发票".into(),
        SnapshotWhy::NoInvoices => "no invoices".into(),
        SnapshotWhy::TooManyInvoices(n) if zh => format!("{n}张发票，超出上限"),
        SnapshotWhy::TooManyInvoices(n) => format!("{n} invoices"),
        SnapshotWhy::InvoiceDate { number, date } if zh => {
            format!("发票{number}的日期{date}超出范围")
        }
        SnapshotWhy::InvoiceDate { number, date } => format!("invoice {number:?} dated {date}"),
        SnapshotWhy::InvoiceAmount { number } if zh => format!("发票{number}的金额超过10^15"),
        SnapshotWhy::InvoiceAmount { number } => {
            format!("invoice {number:?}: an amount over 10^15")
        }
        SnapshotWhy::InvoiceText { number } if zh => {
            format!("发票{number}的名称或编码过长")
        }
        SnapshotWhy::InvoiceText { number } => {
            format!("invoice {number:?}: a name or code too long")
        }
        SnapshotWhy::SameDate if zh => "同一日期的第二个快照".into(),
        SnapshotWhy::SameDate => "a second snapshot of this date".into(),
        SnapshotWhy::OverSnapshots(n) if zh => format!("超过{n}个快照"),
        SnapshotWhy::OverSnapshots(n) => format!("over {n} snapshots"),
        SnapshotWhy::OverInvoices(n) if zh => format!("合计超过{n}张发票"),
        SnapshotWhy::OverInvoices(n) => format!("over {n} invoices in all"),
        SnapshotWhy::InSettingsLink(n) if zh => format!("只含设置的链接中有{n}个"),
        SnapshotWhy::InSettingsLink(n) => format!("{n} in a settings-only link"),
    }
}

/// A field's path in words; the path itself when a part has none.
pub fn field(path: &str, lang: Lang) -> String {
    let (shape, keys) = shape_of(path);
    let (place, name) = match shape.rfind('.') {
        Some(dot) => (&shape[..dot], &shape[dot + 1..]),
        None => ("", shape.as_str()),
    };
    // A list's own entry (`settings.bucket_edges[]`): the entry is named by the list.
    let (name, entry) = match name.strip_suffix("[]") {
        Some(list) => (list, true),
        None => (name, false),
    };
    let place_words = if place.is_empty() {
        Some(String::new())
    } else {
        PLACES
            .iter()
            .find(|(shape, _, _)| *shape == place)
            .map(|(_, zh, en)| fill(if lang == Lang::Zh { zh } else { en }, &keys))
    };
    let name_words = NAMES
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, zh, en)| if lang == Lang::Zh { *zh } else { *en });
    let (Some(place_words), Some(name_words)) = (place_words, name_words) else {
        return path.to_string();
    };
    let mut words = if place_words.is_empty() {
        name_words.to_string()
    } else {
        format!("{place_words} › {name_words}")
    };
    if entry {
        // The entry's position (or its key: a snapshot's date) is the last key.
        let key = keys.last().map(String::as_str).unwrap_or("");
        let position = key.parse::<usize>().map(|i| (i + 1).to_string());
        words = match (lang, position) {
            (Lang::Zh, Ok(n)) => format!("{words}（第{n}项）"),
            (Lang::En, Ok(n)) => format!("{words} (entry {n})"),
            (Lang::Zh, Err(_)) => format!("{words}（{key}）"),
            (Lang::En, Err(_)) => format!("{words} ({key})"),
        };
    }
    if lang == Lang::En {
        // A line starts with its field: "Late charges for …", "Default payment terms …".
        let mut chars = words.chars();
        if let Some(first) = chars.next() {
            words = first.to_uppercase().chain(chars).collect();
        }
    }
    words
}

/// The path with every `[…]` emptied, and what was inside them (quotes removed; an
/// annotation's `"customer"/"number"` gives two keys).
fn shape_of(path: &str) -> (String, Vec<String>) {
    let mut shape = String::with_capacity(path.len());
    let mut keys = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('[') {
        shape.push_str(&rest[..open]);
        let inside = &rest[open + 1..];
        let close = closing_bracket(inside).unwrap_or(inside.len());
        for part in split_keys(&inside[..close]) {
            keys.push(part);
        }
        shape.push_str("[]");
        rest = inside.get(close + 1..).unwrap_or("");
    }
    shape.push_str(rest);
    (shape, keys)
}

/// Where the `]` closing a bracket is, skipping any inside a quoted (Rust-debug-escaped) key.
fn closing_bracket(inside: &str) -> Option<usize> {
    let mut quoted = false;
    let mut escaped = false;
    for (i, c) in inside.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            ']' if !quoted => return Some(i),
            _ => {}
        }
    }
    None
}

/// `"ACME"/"A1"` → `ACME`, `A1`; `3` → `3`. Quoted keys are written with `{:?}`: read them back
/// through the JSON string rules, which agree with Rust's for what a name holds; one that does
/// not read is shown as written.
fn split_keys(inside: &str) -> Vec<String> {
    if !inside.starts_with('"') {
        return vec![inside.to_string()];
    }
    let mut keys = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    let mut escaped = false;
    for (i, c) in inside.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' if !quoted => {
                quoted = true;
                start = i;
            }
            '"' => {
                quoted = false;
                let literal = &inside[start..=i];
                let key = serde_json::from_str::<String>(literal)
                    .unwrap_or_else(|_| literal.trim_matches('"').to_string());
                keys.push(key);
            }
            _ => {}
        }
    }
    keys
}

/// Longest key shown: a name from a link can be a thousand characters long.
const MAX_KEY_CHARS: usize = 40;

/// `{0}`, `{1}` … replaced by the keys, each cut to [`MAX_KEY_CHARS`].
fn fill(template: &str, keys: &[String]) -> String {
    let mut out = template.to_string();
    for (i, key) in keys.iter().enumerate() {
        let shown = match key.char_indices().nth(MAX_KEY_CHARS) {
            Some((at, _)) => format!("{}…", &key[..at]),
            None => key.clone(),
        };
        out = out.replace(&format!("{{{i}}}"), &shown);
    }
    out
}

/// The places a bounded value sits in (a path up to its last name, keys emptied): (shape,
/// Chinese, English). `{0}` and `{1}` are the path's keys in order.
const PLACES: &[(&str, &str, &str)] = &[
    // The general settings need no place: "Default payment terms (days)".
    ("settings", "", ""),
    ("settings.charges", "逾期费用", "Late charges"),
    (
        "settings.charges.per_customer[]",
        "客户“{0}”的逾期费用",
        "Late charges for {0}",
    ),
    ("settings.playbook", "催收步骤", "Collection steps"),
    (
        "settings.playbook.limitation",
        "诉讼时效",
        "Limitation period",
    ),
    ("settings.letters", "催款函", "Letters"),
    (
        "settings.letters.sender",
        "寄件方信息",
        "Your company's details",
    ),
    (
        "settings.letters.customers[]",
        "客户“{0}”的资料",
        "Details of {0}",
    ),
    (
        "settings.letters.customers[].en",
        "客户“{0}”的英文资料",
        "Details of {0} in English",
    ),
    (
        "settings.letters.customers[].contract",
        "与客户“{0}”的合同",
        "Contract with {0}",
    ),
    (
        "settings.letters.customers[].contract.zh",
        "与客户“{0}”的合同（中文）",
        "Contract with {0} (Chinese)",
    ),
    (
        "settings.letters.customers[].contract.en",
        "与客户“{0}”的合同（英文）",
        "Contract with {0} (English)",
    ),
    (
        "settings.letters.contract",
        "合同（默认）",
        "Contract (default)",
    ),
    (
        "settings.letters.contract.zh",
        "合同（默认，中文）",
        "Contract (default, Chinese)",
    ),
    (
        "settings.letters.contract.en",
        "合同（默认，英文）",
        "Contract (default, English)",
    ),
    ("settings.calendar", "工作日历", "Working-day calendar"),
    ("settings.credit", "信用额度", "Credit control"),
    (
        "settings.credit.customers[]",
        "客户“{0}”的信用额度",
        "Credit terms of {0}",
    ),
    (
        "settings.credit.customers",
        "各客户的信用额度",
        "Customers' credit terms",
    ),
    ("input", "粘贴的数据", "Pasted data"),
    ("annotations[]", "客户“{0}”的发票{1}", "Invoice {1} of {0}"),
    (
        "annotations[].dispute",
        "客户“{0}”的发票{1}的争议",
        "Dispute over invoice {1} of {0}",
    ),
    (
        "annotations[].promises[]",
        "客户“{0}”的发票{1}的付款承诺",
        "Promise to pay invoice {1} of {0}",
    ),
    (
        "annotations[].done[]",
        "客户“{0}”的发票{1}已做的事",
        "Action taken on invoice {1} of {0}",
    ),
];

/// The last name of a path: (name, Chinese, English).
const NAMES: &[(&str, &str, &str)] = &[
    ("as_of", "基准日", "as-of date"),
    (
        "terms_days",
        "默认账期（天）",
        "default payment terms (days)",
    ),
    ("bucket_edges", "账龄分段", "aging buckets"),
    ("default_currency", "默认币种", "default currency"),
    ("fixed_fee", "固定费用", "fixed fee"),
    ("percent_fee", "按比例收取的费用（%）", "percentage fee (%)"),
    ("rate", "利率（%）", "rate (%)"),
    ("grace_days", "宽限期（天）", "grace period (days)"),
    ("cap_amount", "上限金额", "cap (amount)"),
    ("cap_percent", "上限（%）", "cap (%)"),
    ("cn_multiplier", "LPR倍数", "LPR multiple"),
    ("lpr_multiplier", "LPR倍数", "LPR multiple"),
    ("lpr_start", "LPR起算日", "LPR start date"),
    ("cn_agreed_rate", "约定利率（%）", "agreed rate (%)"),
    ("cn_contract_date", "合同日期", "contract date"),
    ("user_rates", "自填利率", "entered reference rates"),
    (
        "per_customer",
        "按客户设置的逾期费用",
        "per-customer late charges",
    ),
    (
        "courtesy_lead_days",
        "到期前提醒提前天数",
        "days before due for the courtesy reminder",
    ),
    (
        "friendly_until_days",
        "友好提醒阶段截止（逾期天数）",
        "friendly reminders until (days late)",
    ),
    (
        "formal_until_days",
        "正式催告阶段截止（逾期天数）",
        "formal notices until (days late)",
    ),
    (
        "pre_legal_until_days",
        "诉前阶段截止（逾期天数）",
        "pre-legal stage until (days late)",
    ),
    (
        "escalate_until_days",
        "升级处理阶段截止（逾期天数）",
        "escalation until (days late)",
    ),
    (
        "payment_deadline_days",
        "付款期限（天）",
        "payment deadline (days)",
    ),
    (
        "call_after_days",
        "未回复后电话跟进（天）",
        "call after no reply (days)",
    ),
    ("review_every_days", "复查间隔（天）", "review every (days)"),
    (
        "insurer_notice_days",
        "报损期限（逾期天数）",
        "insurer notice by (days late)",
    ),
    (
        "insurer_warn_days",
        "报损提前提醒（天）",
        "insurer notice warning (days before)",
    ),
    (
        "dispute_ack_working_days",
        "争议确认期限（工作日）",
        "dispute acknowledgement (working days)",
    ),
    (
        "dispute_evidence_working_days",
        "争议举证期限（工作日）",
        "dispute evidence (working days)",
    ),
    (
        "quality_evidence_hours",
        "质量异议举证期限（小时）",
        "quality claim evidence (hours)",
    ),
    ("dso_period_days", "DSO计算期间（天）", "DSO period (days)"),
    ("years", "年限", "years"),
    ("warn_days", "提前提醒（天）", "warning (days before)"),
    (
        "collection_cost_fixed",
        "固定催收成本",
        "fixed collection cost",
    ),
    (
        "collection_cost_percent",
        "按比例催收成本（%）",
        "collection cost (%)",
    ),
    (
        "risk_share_percent",
        "风险评分中的逾期占比（%）",
        "overdue share in the risk score (%)",
    ),
    ("deadline_days", "付款期限（天）", "payment deadline (days)"),
    (
        "first_instalment_days",
        "首期付款期限（天）",
        "first instalment due in (days)",
    ),
    ("instalment_count", "分期期数", "number of instalments"),
    ("since", "争议日期", "disputed since"),
    ("disputed_amount", "争议金额", "disputed amount"),
    ("pay_by", "承诺付款日", "promised date"),
    ("made_on", "承诺日期", "date of the promise"),
    ("date", "日期", "date"),
    ("company", "公司名称", "company name"),
    ("address", "地址", "address"),
    ("contact", "联系人", "contact"),
    ("phone", "电话", "phone"),
    ("email", "电子邮箱", "email"),
    ("bank_name", "开户行", "bank"),
    ("bank_account", "银行账号", "bank account"),
    ("signature", "落款", "signature"),
    ("full_name", "全称", "full name"),
    ("contract_clause", "合同条款", "contract clause"),
    ("customers", "客户资料", "customer details"),
    ("number", "合同编号", "contract number"),
    ("name", "合同名称", "contract name"),
    ("clause", "合同条款", "clause"),
    ("payment_terms", "付款条款", "payment terms"),
    (
        "late_charge_clause",
        "逾期违约金条款",
        "late-payment clause",
    ),
    ("forum", "争议解决", "forum"),
    ("templates", "自定义模板", "edited templates"),
    ("holidays", "节假日", "holidays"),
    ("on_time_percent", "按时付款比例（%）", "on-time share (%)"),
    ("days_late", "逾期天数分级", "days-late grades"),
    ("trend_days", "趋势期间（天）", "trend period (days)"),
    (
        "suggest_months",
        "建议额度的月数",
        "months of sales for a suggested limit",
    ),
    ("history_months", "历史月数", "months of history"),
    (
        "new_customer_orders",
        "新客户的订单数",
        "orders of a new customer",
    ),
    (
        "claim_waiting_days",
        "理赔等待期（天）",
        "claim waiting period (days)",
    ),
    ("default_limit", "默认额度", "default limit"),
    ("limit", "信用额度", "credit limit"),
    ("insured_limit", "投保额度", "insured limit"),
    ("hold_since", "暂停发货日期", "on hold since"),
    ("mapping", "列的对应", "column mapping"),
    ("source", "来源文件名", "source file name"),
    ("annotations", "发票备注", "invoice notes"),
    ("note", "备注", "note"),
    ("promises", "付款承诺", "promises to pay"),
    ("done", "已做的事", "actions taken"),
    ("snoozed", "暂缓记录", "snoozes"),
    ("contacts", "联系记录", "contact log"),
    ("snapshots", "快照", "snapshots"),
];

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use rust_decimal::Decimal;

    use super::*;
    use crate::credit::{CreditLimit, CustomerCredit};
    use crate::letters::CustomerProfile;
    use crate::limits::*;
    use crate::playbook::{Annotation, InvoiceKey, PromiseToPay};
    use crate::workspace::Workspace;

    /// A workspace with something past its bound in every part `sanitize` looks at.
    fn hostile() -> Workspace {
        let far = NaiveDate::from_ymd_opt(30_000, 1, 1).unwrap();
        let huge = Decimal::from(10_i64.pow(18));
        let long = "x".repeat(MAX_LONG_TEXT_CHARS + 1);
        let mut ws = Workspace::default();
        let s = &mut ws.settings;
        s.as_of = Some(far);
        s.terms_days = i64::MAX;
        s.bucket_edges = vec![u32::MAX; MAX_BUCKET_EDGES + 1];
        s.default_currency = long.clone();
        let mut params = crate::charges::ChargeRuleParams {
            fixed_fee: huge,
            percent_fee: huge,
            rate: huge,
            grace_days: u32::MAX,
            cap_amount: Some(huge),
            cap_percent: Some(huge),
            cn_multiplier: huge,
            lpr_multiplier: huge,
            lpr_start: Some(far),
            cn_agreed_rate: Some(huge),
            cn_contract_date: Some(far),
            ..Default::default()
        };
        s.charges.per_customer.insert("ACME".into(), params.clone());
        s.charges
            .per_customer
            .insert("N".repeat(MAX_NAME_CHARS + 1), params.clone());
        std::mem::swap(&mut s.charges.workspace, &mut params);
        let p = &mut s.playbook;
        p.friendly_until_days = u32::MAX;
        p.quality_evidence_hours = u32::MAX;
        p.limitation.years = Some(u32::MAX);
        p.limitation.warn_days = u32::MAX;
        p.collection_cost_fixed.insert("USD".into(), huge);
        p.collection_cost_percent = huge;
        p.risk_share_percent = huge;
        let l = &mut s.letters;
        l.deadline_days = u32::MAX;
        l.first_instalment_days = u32::MAX;
        l.instalment_count = 0;
        l.sender.company = long.clone();
        l.contract_clause = long.clone() + "x";
        l.contract.number = long.clone();
        l.contract.en.forum = long.clone() + "x";
        let mut profile = CustomerProfile {
            full_name: long.clone(),
            ..Default::default()
        };
        profile.en.address = long.clone();
        profile.contract.zh.clause = long.clone() + "x";
        l.customers.insert("ACME".into(), profile);
        for i in 0..MAX_TEMPLATES + 1 {
            l.templates.insert(format!("t{i}"), String::new());
        }
        s.calendar.holidays = vec![far];
        s.credit.grace_days = u32::MAX;
        s.credit.default_limit = Some(huge);
        s.credit.customers.insert(
            "ACME".into(),
            CustomerCredit {
                limit: Some(CreditLimit {
                    amount: huge,
                    currency: "USD".into(),
                }),
                insured_limit: Some(-huge),
                hold_since: Some(far),
            },
        );
        ws.input.source = Some(long.clone());
        let promise = PromiseToPay {
            pay_by: far,
            made_on: far,
        };
        ws.annotations.insert(
            InvoiceKey::new("ACME \"Ltd\"", "A1"),
            Annotation {
                note: long.clone() + "x",
                promises: vec![promise; MAX_ANNOTATION_ENTRIES + 1],
                ..Default::default()
            },
        );
        ws
    }

    #[test]
    fn every_field_sanitize_lists_has_words_in_both_languages() {
        let (_, clamped) = sanitize(hostile());
        assert!(clamped.len() > 40, "{}", clamped.len());
        if std::env::var_os("SHOW_LINES").is_some() {
            for c in &clamped {
                println!("{}\n{}", line(c, Lang::Zh), line(c, Lang::En));
            }
        }
        for c in &clamped {
            for lang in [Lang::Zh, Lang::En] {
                let words = field(&c.field, lang);
                assert_ne!(words, c.field, "no words for {}", c.field);
                assert!(
                    !words.contains('_') && !words.contains("settings"),
                    "{words}"
                );
            }
            // Chinese lines hold no English words but the user's own keys and the numbers.
            let zh = line(c, Lang::Zh);
            let english = zh
                .replace("ACME \"Ltd\"", "")
                .replace("ACME", "")
                .replace("A1", "")
                .replace("LPR", "")
                .replace("DSO", "")
                .replace("USD", "");
            assert!(
                !english
                    .chars()
                    .any(|ch| ch.is_ascii_alphabetic() && ch != 'x' && ch != 'N'),
                "{zh}"
            );
        }
    }

    #[test]
    fn a_field_reads_as_its_place_and_name_with_the_keys_filled_in() {
        let cases = [
            (
                "settings.terms_days",
                "默认账期（天）",
                "Default payment terms (days)",
            ),
            (
                "settings.charges.per_customer[\"ACME\"].grace_days",
                "客户“ACME”的逾期费用 › 宽限期（天）",
                "Late charges for ACME › grace period (days)",
            ),
            (
                "settings.bucket_edges[1]",
                "账龄分段（第2项）",
                "Aging buckets (entry 2)",
            ),
            (
                "annotations[\"ACME \\\"Ltd\\\"\"/\"A]1\"].promises[0].pay_by",
                "客户“ACME \"Ltd\"”的发票A]1的付款承诺 › 承诺付款日",
                "Promise to pay invoice A]1 of ACME \"Ltd\" › promised date",
            ),
            (
                "snapshots[2026-11-20]",
                "快照（2026-11-20）",
                "Snapshots (2026-11-20)",
            ),
        ];
        for (path, zh, en) in cases {
            assert_eq!(field(path, Lang::Zh), zh);
            assert_eq!(field(path, Lang::En), en);
        }
        // A path the tables do not know is shown as it is, never hidden.
        assert_eq!(field("settings.new_thing", Lang::En), "settings.new_thing");
    }

    #[test]
    fn a_line_says_what_it_was_and_what_it_is_now() {
        let c = Clamped {
            field: "settings.letters.sender.bank_account".into(),
            was: Shown::Chars(5_000),
            now: Shown::Chars(MAX_TEXT_CHARS),
        };
        assert_eq!(
            line(&c, Lang::Zh),
            "寄件方信息 › 银行账号：原为5000个字符，现为2000个字符"
        );
        assert_eq!(
            line(&c, Lang::En),
            "Your company's details › bank account: was 5000 characters, now 2000 characters"
        );
    }
}
