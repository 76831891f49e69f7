//! The wording of the letters-sent log, the evidence checklist and the batch of letters
//! (`src/views/sent.rs`, `evidence.rs`, `batch.rs`): one struct, a value per language.

use overdue_core::i18n::Lang;

pub struct Words {
    pub record_as_sent: &'static str,
    pub recorded_today: &'static str,
    pub letters_sent: &'static str,
    pub none_sent_yet: &'static str,
    pub channel: &'static str,
    pub courier: &'static str,
    pub tracking_or_reference: &'static str,
    pub received_on: &'static str,
    pub acknowledged_on: &'static str,
    pub proof: &'static str,
    pub no_proof_yet: &'static str,
    pub received: &'static str,
    pub acknowledged: &'static str,
    pub remove: &'static str,
    pub all_open_invoices: &'static str,
    pub evidence_hint: &'static str,
    pub missing: &'static str,
    pub from_the_logs: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub print_all: &'static str,
    pub back_to_today: &'static str,
    pub list_separator: &'static str,
}

/// The Today button that opens a batch: "every letter of this kind due today (n)".
pub fn prepare_all(lang: Lang, kind: &str, n: usize) -> String {
    match lang {
        Lang::Zh => format!("一并准备今天应发的{kind}（{n}封）"),
        Lang::En => format!("Prepare every letter due today: {kind} ({n})"),
    }
}

/// Where the batch review stands: "letter 2 of 5".
pub fn position(lang: Lang, at: usize, n: usize) -> String {
    match lang {
        Lang::Zh => format!("第{at}封，共{n}封"),
        Lang::En => format!("Letter {at} of {n}"),
    }
}

/// The evidence checklist's folded line: "evidence (5 missing)".
pub fn evidence_summary(lang: Lang, missing: usize) -> String {
    match (lang, missing) {
        (Lang::Zh, 0) => "证据清单（已齐全）".to_string(),
        (Lang::Zh, n) => format!("证据清单（缺{n}项）"),
        (Lang::En, 0) => "Evidence (all held)".to_string(),
        (Lang::En, n) => format!("Evidence ({n} missing)"),
    }
}

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

static ZH: Words = Words {
    record_as_sent: "记为已发出",
    recorded_today: "今天已登记发出",
    letters_sent: "已发函件",
    none_sent_yet: "尚未登记发出的函件。",
    channel: "发送方式",
    courier: "快递公司",
    tracking_or_reference: "快递单号 / 邮件或微信记录",
    received_on: "对方签收日期",
    acknowledged_on: "对方确认欠款日期",
    proof: "送达凭证",
    no_proof_yet: "尚无送达凭证",
    received: "签收",
    acknowledged: "确认欠款",
    remove: "删除",
    all_open_invoices: "全部未结发票",
    evidence_hint: "移交催收机构、律师或保险公司之前，先备齐以下材料：",
    missing: "缺",
    from_the_logs: "（据发函/沟通记录）",
    previous: "上一封",
    next: "下一封",
    copy: "复制",
    copied: "已复制",
    print_all: "全部打印（每封一页）",
    back_to_today: "返回今日待办",
    list_separator: "、",
};

static EN: Words = Words {
    record_as_sent: "Record as sent",
    recorded_today: "Recorded as sent today",
    letters_sent: "Letters sent",
    none_sent_yet: "No letter recorded as sent yet.",
    channel: "Sent by",
    courier: "Courier",
    tracking_or_reference: "Tracking number or e-mail/WeChat reference",
    received_on: "Received on",
    acknowledged_on: "Debt acknowledged on",
    proof: "Proof of delivery",
    no_proof_yet: "no proof of delivery yet",
    received: "received",
    acknowledged: "acknowledged",
    remove: "Remove",
    all_open_invoices: "all open invoices",
    evidence_hint: "What an agency, a lawyer or an insurer will ask for before taking the debt on:",
    missing: "missing",
    from_the_logs: " (from the letters and contact logs)",
    previous: "Previous",
    next: "Next",
    copy: "Copy",
    copied: "Copied",
    print_all: "Print all (one letter a page)",
    back_to_today: "Back to Today",
    list_separator: ", ",
};
