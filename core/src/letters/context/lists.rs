//! The ready-made lists of a letter: the consequences named, the enclosures, the account to
//! pay to and who to contact.

use super::*;

impl Facts<'_> {
    /// What the sender will do if the deadline passes: each a whole clause, with no "由贵司承担"
    /// repeated (the letter's lead-in says it once).
    pub(super) fn consequences(&self) -> Value {
        let lang = self.lang();
        let c = self.settings.consequences;
        let mut lines: Vec<String> = Vec::new();
        if c.late_charges {
            lines.push(
                lang.pick(
                    "继续计收逾期利息，直至贵司实际付清之日；",
                    "charge interest on the overdue amount until the day it is paid;",
                )
                .to_string(),
            );
        }
        if c.account_hold {
            lines.push(
                lang.pick(
                    "暂停向贵司发货及提供信用账期，直至欠款结清；",
                    "place your account on hold and suspend deliveries and credit until the balance is settled;",
                )
                .to_string(),
            );
        }
        if c.collection_agency {
            lines.push(
                lang.pick(
                    "委托专业催收机构追收欠款；",
                    "refer the debt to a collection agency;",
                )
                .to_string(),
            );
        }
        if c.legal_action {
            let action = forum_action(&self.contract, lang);
            lines.push(match lang {
                Lang::Zh => format!("{action}，并依法主张律师费、诉讼费等实现债权的费用。"),
                Lang::En => {
                    format!(
                        "{action} to recover the debt, with interest and the costs the law allows."
                    )
                }
            });
        }
        if let Some(last) = lines.last_mut() {
            if last.ends_with('；') {
                last.pop();
                last.push('。');
            } else if last.ends_with(';') {
                last.pop();
                last.push('.');
            }
        }
        let items = lines.iter().map(|s| Value::from(s.clone())).collect();
        let text = lines
            .iter()
            .enumerate()
            .map(|(i, s)| numbered(i + 1, s, lang))
            .collect();
        list(items, text)
    }

    /// What the user holds that backs the letter: the invoices, the contract when named, the
    /// delivery notes when kept (the dispute settings say so), the statement of account.
    pub(super) fn attachments(&self) -> Value {
        let lang = self.lang();
        let kind = self.request.kind;
        let mut lines: Vec<String> = Vec::new();
        let with_invoices = !matches!(kind, LetterKind::Courtesy | LetterKind::PaymentPlan);
        let invoices: Vec<&str> = self
            .rows
            .iter()
            .filter(|r| r.status == Status::Open)
            .map(|r| r.invoice.number.as_str())
            .collect();
        if with_invoices && !invoices.is_empty() {
            lines.push(match lang {
                Lang::Zh => format!("发票复印件（{}）", invoices.join("、")),
                Lang::En if invoices.len() == 1 => format!("copy of invoice {}", invoices[0]),
                Lang::En => format!("copies of invoices {}", invoices.join(", ")),
            });
        }
        let formal = matches!(
            kind,
            LetterKind::Demand | LetterKind::Final | LetterKind::Dispute
        );
        let name = self
            .contract
            .words(lang)
            .name
            .trim()
            .trim_matches(['《', '》']);
        if formal && !name.is_empty() {
            lines.push(match lang {
                Lang::Zh => format!("《{name}》复印件"),
                Lang::En => format!("copy of the {name}"),
            });
        }
        if formal && self.settings.dispute.delivery_note {
            lines.push(
                lang.pick(
                    "送货单及签收记录复印件",
                    "copies of the delivery notes and signed receipts",
                )
                .to_string(),
            );
        }
        if matches!(
            kind,
            LetterKind::Demand | LetterKind::Final | LetterKind::Acknowledgment
        ) {
            lines.push(match lang {
                Lang::Zh => format!("应收账款对账明细（截至{}）", self.date(self.request.date)),
                Lang::En => format!(
                    "statement of account as of {}",
                    self.date(self.request.date)
                ),
            });
        }
        let items = lines.iter().map(|s| Value::from(s.clone())).collect();
        let text = lines
            .iter()
            .enumerate()
            .map(|(i, s)| numbered(i + 1, s, lang))
            .collect();
        list(items, text)
    }

    /// The account to pay to, a line each (an account number is never split across lines);
    /// empty without an account number.
    pub(super) fn bank_lines(&self) -> Value {
        let s = &self.sender;
        let mut lines = Vec::new();
        if !s.bank_account.is_empty() {
            let lang = self.lang();
            for (label, value) in [
                (lang.pick("户名：", "Account name: "), &s.company),
                (lang.pick("开户银行：", "Bank: "), &s.bank_name),
                (lang.pick("账号：", "Account number: "), &s.bank_account),
            ] {
                if !value.is_empty() {
                    lines.push(format!("{label}{value}"));
                }
            }
        }
        let items = lines.iter().map(|l| Value::from(l.clone())).collect();
        list(items, lines)
    }

    /// Who to call: `联系人：王丽　电话：…　邮箱：…` as one line in Chinese; `Tel: …` and
    /// `Email: …` as lines in English (the contact's name signs the English letter).
    pub(super) fn contact_lines(&self) -> Value {
        let s = &self.sender;
        let lang = self.lang();
        let mut parts = Vec::new();
        let fields = match lang {
            Lang::Zh => vec![
                ("联系人：", &s.contact),
                ("电话：", &s.phone),
                ("邮箱：", &s.email),
            ],
            Lang::En => vec![("Tel: ", &s.phone), ("Email: ", &s.email)],
        };
        for (label, value) in fields {
            if !value.is_empty() {
                parts.push(format!("{label}{value}"));
            }
        }
        let lines = match lang {
            Lang::Zh if parts.is_empty() => Vec::new(),
            Lang::Zh => vec![parts.join("　")],
            Lang::En => parts,
        };
        let items = lines.iter().map(|l| Value::from(l.clone())).collect();
        list(items, lines)
    }
}
