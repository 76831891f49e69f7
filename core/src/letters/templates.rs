//! The default letter templates (one file per kind and language in `templates/`) and the list
//! of placeholders the template editor shows.

use crate::i18n::Lang;
use crate::playbook::LetterKind;

/// The built-in template of a letter kind in a language.
pub fn default_template(kind: LetterKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (LetterKind::Courtesy, Lang::Zh) => include_str!("templates/courtesy.zh.txt"),
        (LetterKind::Courtesy, Lang::En) => include_str!("templates/courtesy.en.txt"),
        (LetterKind::Reminder, Lang::Zh) => include_str!("templates/reminder.zh.txt"),
        (LetterKind::Reminder, Lang::En) => include_str!("templates/reminder.en.txt"),
        (LetterKind::Demand, Lang::Zh) => include_str!("templates/demand.zh.txt"),
        (LetterKind::Demand, Lang::En) => include_str!("templates/demand.en.txt"),
        (LetterKind::Final, Lang::Zh) => include_str!("templates/final.zh.txt"),
        (LetterKind::Final, Lang::En) => include_str!("templates/final.en.txt"),
        (LetterKind::Dispute, Lang::Zh) => include_str!("templates/dispute.zh.txt"),
        (LetterKind::Dispute, Lang::En) => include_str!("templates/dispute.en.txt"),
        (LetterKind::PaymentPlan, Lang::Zh) => include_str!("templates/payment-plan.zh.txt"),
        (LetterKind::PaymentPlan, Lang::En) => include_str!("templates/payment-plan.en.txt"),
        (LetterKind::Statement, Lang::Zh) => include_str!("templates/statement.zh.txt"),
        (LetterKind::Statement, Lang::En) => include_str!("templates/statement.en.txt"),
        (LetterKind::Acknowledgment, Lang::Zh) => include_str!("templates/acknowledgment.zh.txt"),
        (LetterKind::Acknowledgment, Lang::En) => include_str!("templates/acknowledgment.en.txt"),
    }
}

/// (name, 中文说明, English description)
const PLACEHOLDERS: &[(&str, &str, &str)] = &[
    ("sender.company", "我方公司名称", "Your company's name"),
    ("sender.address", "我方地址", "Your address"),
    ("sender.contact", "我方联系人", "Your contact person"),
    ("sender.phone", "我方电话", "Your phone"),
    ("sender.email", "我方电子邮箱", "Your e-mail"),
    ("sender.bank_name", "收款银行", "Your bank"),
    ("sender.bank_account", "收款账号", "Your bank account"),
    ("sender.signature", "落款署名（如：财务部）", "Signature line (e.g. Accounts Receivable)"),
    ("customer.name", "客户全称（客户资料中的全称，否则为台账中的名称）", "Customer's full name (from its profile, else as in the ledger)"),
    ("customer.address", "客户地址", "Customer's address"),
    ("customer.contact", "客户联系人", "Customer's contact person"),
    ("greeting", "称呼行（致…：/ Dear …,）", "Greeting line (Dear …,)"),
    ("closing", "结尾敬语（此致 / Yours faithfully,）", "Closing (Yours faithfully, / Sincerely,)"),
    ("british", "英文信件是否用英式格式", "Whether English letters use British form"),
    ("bank_lines", "收款账户（户名、开户银行、账号，各占一行）", "Account to pay to (name, bank, number, a line each)"),
    ("contact_lines", "我方联系方式", "Your contact lines"),
    ("attachments", "附件清单", "Enclosures (a list)"),
    ("contract.cited", "合同及条款的完整引用", "The contract and clause as cited"),
    ("contract.payment_terms", "约定的付款条件", "Agreed payment terms"),
    ("contract.late_charge_clause", "逾期付款违约条款", "Late-charge clause"),
    ("contract.forum", "争议解决机构（法院或仲裁机构）", "Dispute forum (court or arbitration body)"),
    ("contract.forum_action", "起诉或申请仲裁的表述", "What legal action says (before the forum)"),
    ("history.first", "是否首次催告", "Whether this is the first letter"),
    ("history.reminders", "此前已发提醒/催告次数", "Reminders sent before"),
    ("history.last_date", "上次发函日期", "Date of the last letter"),
    ("history.last_kind", "上次发函种类", "Kind of the last letter"),
    ("deadline_working_days", "以工作日计的付款期限天数（0为按日历日）", "Deadline in working days (0: calendar days)"),
    ("charges_per_day", "本函日期后每日新增的逾期利息", "Interest added per day after the letter date"),
    ("subject", "事由/主题", "Subject line"),
    ("kind", "函件种类名称", "Kind of letter"),
    ("date", "函件日期", "Letter date"),
    ("date_iso", "函件日期（2025-11-20 格式）", "Letter date as 2025-11-20"),
    ("deadline", "最后付款期限（日期）", "Payment deadline (a date)"),
    ("deadline_iso", "最后付款期限（2025-11-27 格式）", "Payment deadline as 2025-11-27"),
    ("deadline_days", "距最后期限的天数", "Days from the letter date to the deadline"),
    ("invoices", "发票清单（可直接输出，也可 {% for inv in invoices %} 循环：inv.number、inv.invoice_date、inv.due_date、inv.amount、inv.paid、inv.outstanding、inv.days_overdue、inv.days_to_due、inv.bucket、inv.status、inv.age、inv.line、inv.charge、inv.notes）", "The invoices (print whole, or loop {% for inv in invoices %}: inv.number, inv.invoice_date, inv.due_date, inv.amount, inv.paid, inv.outstanding, inv.days_overdue, inv.days_to_due, inv.bucket, inv.status, inv.age, inv.line, inv.charge, inv.notes)"),
    ("invoice_numbers", "发票号（以顿号分隔）", "Invoice numbers, comma-separated"),
    ("invoice_count", "发票张数", "Number of invoices"),
    ("days_overdue", "最长逾期天数", "Longest days overdue"),
    ("earliest_due_date", "最早到期日", "Earliest due date"),
    ("total_due", "欠款合计（按币种）", "Total due (per currency)"),
    ("total_due_words", "欠款合计大写", "Total due in Chinese capital numerals (大写)"),
    ("has_charges", "是否有逾期费用", "Whether late charges apply"),
    ("charges", "逾期费用明细（可循环：c.number、c.interest、c.fixed、c.total、c.formula、c.line）", "Late charges per invoice (loop: c.number, c.interest, c.fixed, c.total, c.formula, c.line)"),
    ("charges_total", "逾期费用合计", "Late charges, total"),
    ("charges_basis", "逾期费用的依据（句首，如“依据……，”）", "Legal basis of the late charges (a sentence's start: \"Under …, \")"),
    ("total_with_charges", "欠款及逾期费用合计", "Total due including late charges"),
    ("total_with_charges_words", "欠款及逾期费用合计大写", "Total including charges in 大写"),
    ("contract_clause", "违反的合同条款", "Contract clause breached"),
    ("consequences", "逾期不付的后果（清单）", "Consequences if unpaid (a list)"),
    ("dispute.invoice", "有争议的发票号", "Disputed invoice"),
    ("dispute.reason", "异议事由", "Reason given"),
    ("dispute.since", "提出异议日期", "Date the objection was raised"),
    ("dispute.amount", "争议金额", "Disputed amount"),
    ("dispute.undisputed", "无争议金额", "Undisputed amount"),
    ("dispute.whole", "是否整张发票有争议", "Whether the whole invoice is disputed"),
    ("dispute.is_quality", "是否质量异议", "Whether it is a quality claim"),
    ("dispute.evidence_by", "提交书面证据的期限", "Deadline for written evidence"),
    ("dispute.documents", "支持文件清单", "Supporting documents (a list)"),
    ("dispute.resolutions", "解决方案（清单）", "Resolutions proposed (a list)"),
    ("plan.rows", "分期付款计划（可循环：p.n、p.date、p.amount）", "Instalment schedule (loop: p.n, p.date, p.amount)"),
    ("plan.count", "期数", "Number of instalments"),
    ("plan.total", "分期总额", "Total of the plan"),
    ("plan.total_words", "分期总额大写", "Plan total in 大写"),
    ("plan.first", "首期日期", "First instalment date"),
    ("plan.last", "末期日期", "Last instalment date"),
];

/// The placeholders a template can use, with what each holds, for the template editor.
pub fn placeholders(lang: Lang) -> Vec<(&'static str, &'static str)> {
    PLACEHOLDERS
        .iter()
        .map(|(name, zh, en)| (*name, lang.pick(*zh, *en)))
        .collect()
}
