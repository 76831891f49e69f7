//! What a letter lacks before it goes (issue 16): the checklist shown beside it, and what
//! Copy and Print warn about, so that no letter leaves with an empty field or without the
//! clause it should cite.

use rust_decimal::Decimal;

use super::{Letter, LetterKind, LetterRequest, LetterSettings};
use crate::charges::RuleKind;
use crate::i18n::Lang;
use crate::report::Report;

/// Something the letter should carry and does not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gap {
    /// The sender's legal name in the letter's language.
    SenderName,
    SenderAddress,
    /// A letter asking for payment gives no account to pay to.
    BankAccount,
    /// Only the ledger's name is known, not the customer's full legal name.
    CustomerFullName,
    CustomerAddress,
    /// A demand or final notice cites no contract or clause.
    ContractClause,
    /// A Chinese demand, final notice or acknowledgment has no line for the company seal (an
    /// edited template dropped it).
    SealLine,
    /// The SME payment regulation is the rule, but the customer is not marked as a large
    /// enterprise or public body: the letter claims no charge under it.
    SmeDebtor,
}

impl Gap {
    /// The `data-gap` value of the page's checklist.
    pub fn key(self) -> &'static str {
        match self {
            Gap::SenderName => "sender-name",
            Gap::SenderAddress => "sender-address",
            Gap::BankAccount => "bank-account",
            Gap::CustomerFullName => "customer-name",
            Gap::CustomerAddress => "customer-address",
            Gap::ContractClause => "contract-clause",
            Gap::SealLine => "seal-line",
            Gap::SmeDebtor => "sme-debtor",
        }
    }

    /// What is missing and where to fill it in, in the page's language; `letter` is the
    /// letter's (a Chinese name missing from an English letter says "English").
    pub fn describe(self, lang: Lang, letter: Lang) -> String {
        let which = match (lang, letter) {
            (Lang::Zh, Lang::Zh) => "中文",
            (Lang::Zh, Lang::En) => "英文",
            (Lang::En, Lang::Zh) => "Chinese",
            (Lang::En, Lang::En) => "English",
        };
        match (self, lang) {
            (Gap::SenderName, Lang::Zh) => format!("我方{which}公司全称（设置 › 发函单位）"),
            (Gap::SenderName, Lang::En) => format!("your company's {which} legal name (Settings › Sender)"),
            (Gap::SenderAddress, Lang::Zh) => format!("我方{which}地址（设置 › 发函单位）"),
            (Gap::SenderAddress, Lang::En) => format!("your {which} address (Settings › Sender)"),
            (Gap::BankAccount, Lang::Zh) => "收款银行及账号（设置 › 发函单位）".to_string(),
            (Gap::BankAccount, Lang::En) => "the bank and account to pay to (Settings › Sender)".to_string(),
            (Gap::CustomerFullName, Lang::Zh) => format!("客户{which}全称（下方客户资料）"),
            (Gap::CustomerFullName, Lang::En) => format!("the customer's full {which} legal name (customer details below)"),
            (Gap::CustomerAddress, Lang::Zh) => format!("客户{which}地址（下方客户资料）"),
            (Gap::CustomerAddress, Lang::En) => format!("the customer's {which} address (customer details below)"),
            (Gap::ContractClause, Lang::Zh) => "所依据的合同及违约条款（下方合同条款）".to_string(),
            (Gap::ContractClause, Lang::En) => "the contract and the clause breached (contract terms below)".to_string(),
            (Gap::SealLine, Lang::Zh) => "盖章栏（公章）：已编辑的模板中没有".to_string(),
            (Gap::SealLine, Lang::En) => "the company-seal line (公章): the edited template has none".to_string(),
            (Gap::SmeDebtor, Lang::Zh) => "《保障中小企业款项支付条例》仅适用于机关、事业单位和大型企业欠款：确认客户属于此类后勾选，函件才主张逾期利息".to_string(),
            (Gap::SmeDebtor, Lang::En) => "the SME payment regulation applies only to a public body or large enterprise: tick it for this customer before the letter claims its interest".to_string(),
        }
    }
}

fn asks_for_payment(kind: LetterKind) -> bool {
    !matches!(kind, LetterKind::Dispute | LetterKind::Acknowledgment)
}

fn is_formal(kind: LetterKind) -> bool {
    !matches!(kind, LetterKind::Courtesy | LetterKind::Reminder)
}

/// What `letter` (rendered for `request`) lacks, in checklist order.
pub fn gaps(
    report: &Report,
    settings: &LetterSettings,
    request: &LetterRequest,
    letter: &Letter,
) -> Vec<Gap> {
    let kind = request.kind;
    let lang = request.lang;
    let sender = settings.sender.in_lang(lang);
    let customer = report_customer(report, request);
    let lines = settings.customer_in_lang(&customer, lang);
    let contract = settings.contract_for(&customer);
    let words = contract.words(lang);
    let mut out = Vec::new();
    let mut need = |missing: bool, gap: Gap| {
        if missing {
            out.push(gap);
        }
    };
    need(sender.company.is_empty(), Gap::SenderName);
    need(sender.address.is_empty(), Gap::SenderAddress);
    need(
        asks_for_payment(kind) && (sender.bank_account.is_empty() || sender.bank_name.is_empty()),
        Gap::BankAccount,
    );
    need(!lines.full_name_given, Gap::CustomerFullName);
    need(
        is_formal(kind) && lines.address.is_empty(),
        Gap::CustomerAddress,
    );
    need(
        matches!(kind, LetterKind::Demand | LetterKind::Final)
            && (words.clause.is_empty() || words.name.is_empty()),
        Gap::ContractClause,
    );
    need(
        lang == Lang::Zh
            && matches!(
                kind,
                LetterKind::Demand | LetterKind::Final | LetterKind::Acknowledgment
            )
            && !(letter.body.contains("盖章") || letter.body.contains("公章")),
        Gap::SealLine,
    );
    let large = settings
        .customers
        .get(&customer)
        .is_some_and(|p| p.large_or_public);
    let sme_charge = report.rows().any(|row| {
        row.invoice.customer == customer
            && row
                .charge
                .is_some_and(|c| c.rule == RuleKind::CnSmeRegulation && c.total > Decimal::ZERO)
    });
    need(
        !large && sme_charge && matches!(kind, LetterKind::Demand | LetterKind::Final),
        Gap::SmeDebtor,
    );
    out
}

/// The customer the letter is to: the one asked for, else the first ticked invoice's (what
/// `render` and the gaps list both go by).
pub(super) fn report_customer(report: &Report, request: &LetterRequest) -> String {
    if !request.customer.trim().is_empty() {
        return request.customer.clone();
    }
    request
        .invoices
        .iter()
        .find_map(|&i| report.row(i))
        .map(|row| row.invoice.customer.clone())
        .unwrap_or_default()
}
