//! Opening someone else's share link: what it would change in the user's workspace, and the
//! workspace that results. A link is untrusted input — a settings link can replace the letter
//! templates and the bank account printed in demands (payment-redirection fraud) — so the page
//! shows this review, bank details first, and asks before anything is applied.
//!
//! A template is code the page runs: each one a link changes is listed in
//! [`Review::templates`], checked against the [`crate::letters::limits`] first. One that fails
//! them is never taken by [`apply`] (the user's own, or the default, stays), and the review
//! says why.

use std::collections::BTreeMap;

use crate::i18n::Lang;
use crate::letters::{limits, SenderProfile, TemplateError};
use crate::limits::Clamped;
use crate::review::shared::Merged;
use crate::review::snapshot::Snapshots;
use crate::share::{Opened, ShareScope};
use crate::workspace::{Settings, Workspace};

/// One part of the workspace a link changes, in the order the page lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Change {
    /// The pasted invoices (and how their columns are read).
    Invoices,
    /// Notes on invoices: disputes, promises to pay, steps marked done.
    Notes,
    AsOf,
    Buckets,
    Terms,
    Currency,
    Language,
    ChargeRule,
    CustomerChargeRules,
    Playbook,
    Templates,
    LetterDefaults,
    /// Company name, address, contact, signature (bank details are [`Review::bank`]).
    SenderProfile,
    CustomerAddresses,
}

impl Change {
    pub fn label(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            Change::Invoices => ("粘贴的发票数据", "the pasted invoices"),
            Change::Notes => (
                "发票备注（争议、付款承诺、已完成的步骤）",
                "notes on invoices (disputes, promises to pay, steps done)",
            ),
            Change::AsOf => ("计算日期", "the as-of date"),
            Change::Buckets => ("账龄分段", "the aging buckets"),
            Change::Terms => ("默认账期", "the default payment terms"),
            Change::Currency => ("默认币种", "the default currency"),
            Change::Language => ("界面语言", "the page language"),
            Change::ChargeRule => ("滞纳金 / 利息规则", "the late-charge rule"),
            Change::CustomerChargeRules => ("客户专用的滞纳金规则", "customers' own charge rules"),
            Change::Playbook => ("催收步骤设置", "the collection playbook"),
            Change::Templates => ("函件模板", "the letter templates"),
            Change::LetterDefaults => (
                "函件默认设置（期限、后果、合同条款、分期）",
                "letter defaults (deadline, consequences, contract clause, instalments)",
            ),
            Change::SenderProfile => (
                "发函人信息（公司、地址、联系人、签名）",
                "the sender profile (company, address, contact, signature)",
            ),
            Change::CustomerAddresses => ("客户全称与地址", "customers' full names and addresses"),
        };
        lang.pick(zh, en)
    }
}

/// The bank details a link would put into the user's letters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BankDetails {
    pub bank_name: String,
    pub bank_account: String,
}

/// What opening a link would do to the user's workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Review {
    pub scope: ShareScope,
    /// Every part that would differ from the user's own, in [`Change`] order.
    pub changes: Vec<Change>,
    /// Set when the link changes the bank name or account printed in letters (to these values,
    /// possibly empty): the page must show them and say why they matter.
    pub bank: Option<BankDetails>,
    /// Every letter template the link carries that differs from the user's, by key.
    pub templates: Vec<TemplateChange>,
    /// The weekly snapshots a data link carries, and what merging them into the user's would
    /// do ([`review_link`]; None when it carries none).
    pub snapshots: Option<Merged>,
    /// Values of the link out of range, brought into range or left out before anything else
    /// ([`Opened::clamped`]): the page lists them before the user accepts.
    pub clamped: Vec<Clamped>,
}

/// A letter template a link would change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateChange {
    /// As in `LetterSettings::templates` (`demand.zh`).
    pub key: String,
    /// Set when the template fails the limits: it will not be taken, and this says why
    /// ([`TemplateError::describe`]).
    pub refused: Option<TemplateError>,
}

/// The limit a template from a link fails, if any (syntax errors are left for the editor).
/// Only [`limits::vet`] can find one before the template runs (compiling adds syntax errors,
/// never a limit), and it needs no template engine: the page decides on a link before the
/// letters engine has loaded.
fn refusal(template: &str) -> Option<TemplateError> {
    limits::vet(template)
        .err()
        .filter(|error| error.limit.is_some())
}

/// `incoming`'s templates, without those that fail the limits: for those, `own`'s stays.
fn accepted_templates(
    own: &BTreeMap<String, String>,
    incoming: &BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    let mut accepted: BTreeMap<String, String> = incoming
        .iter()
        .filter(|(_, template)| refusal(template).is_none())
        .map(|(key, template)| (key.clone(), template.clone()))
        .collect();
    for key in incoming.keys() {
        if !accepted.contains_key(key) {
            if let Some(mine) = own.get(key) {
                accepted.insert(key.clone(), mine.clone());
            }
        }
    }
    accepted
}

/// What a decoded link carries: data when it has pasted text or notes, else settings only.
pub fn scope_of(incoming: &Workspace) -> ShareScope {
    if incoming.input.text.trim().is_empty() && incoming.annotations.is_empty() {
        ShareScope::SettingsOnly
    } else {
        ShareScope::SettingsAndData
    }
}

/// Whether the user has anything of their own that a link could change: data, notes, any
/// setting other than the language, or kept weekly snapshots (a link's snapshots would join
/// them, so the user is asked first even when the ledger itself is empty).
pub fn has_own_work(workspace: &Workspace, snapshots: &Snapshots) -> bool {
    !snapshots.is_empty() || workspace_has_own_work(workspace)
}

fn workspace_has_own_work(workspace: &Workspace) -> bool {
    let settings = Settings {
        lang: None,
        ..workspace.settings.clone()
    };
    !workspace.input.text.trim().is_empty()
        || !workspace.annotations.is_empty()
        || !workspace.contacts.is_empty()
        || !workspace.letters_sent.is_empty()
        || !workspace.evidence.is_empty()
        || settings != Settings::default()
}

/// The workspace after accepting `incoming`. A data link replaces everything. A settings-only
/// link replaces the settings it carries and keeps what it cannot carry: the user's invoices,
/// notes, as-of date, customers' addresses and per-customer charge rules.
pub fn apply(own: &Workspace, incoming: &Workspace) -> Workspace {
    let mut after = replaced(own, incoming);
    after.settings.letters.templates = accepted_templates(
        &own.settings.letters.templates,
        &incoming.settings.letters.templates,
    );
    after
}

/// [`apply`] before the templates are checked.
fn replaced(own: &Workspace, incoming: &Workspace) -> Workspace {
    match scope_of(incoming) {
        ShareScope::SettingsAndData => incoming.clone(),
        ShareScope::SettingsOnly => {
            let mut settings = incoming.settings.clone();
            settings.as_of = own.settings.as_of;
            settings.letters.customers = own.settings.letters.customers.clone();
            settings.charges.per_customer = own.settings.charges.per_customer.clone();
            settings.credit.customers = own.settings.credit.customers.clone();
            Workspace {
                version: incoming.version,
                input: own.input.clone(),
                settings,
                annotations: own.annotations.clone(),
                contacts: own.contacts.clone(),
                letters_sent: own.letters_sent.clone(),
                evidence: own.evidence.clone(),
            }
        }
    }
}

/// What accepting `incoming` would change in `own`.
pub fn review(own: &Workspace, incoming: &Workspace) -> Review {
    let after = apply(own, incoming);
    let (a, b) = (&own.settings, &after.settings);
    let input_changed = own.input != after.input;
    let sender_without_bank = |s: &SenderProfile| {
        let mut s = s.clone();
        s.bank_name.clear();
        s.bank_account.clear();
        s.en.bank_name.clear();
        s.en.bank_account.clear();
        s
    };
    let letter_defaults = |s: &Settings| {
        let mut letters = s.letters.clone();
        letters.sender = SenderProfile::default();
        letters.customers.clear();
        letters.templates.clear();
        letters
    };
    let checks = [
        (Change::Invoices, input_changed),
        (Change::Notes, own.annotations != after.annotations),
        (Change::AsOf, a.as_of != b.as_of),
        (Change::Buckets, a.buckets() != b.buckets()),
        (Change::Terms, a.terms_days != b.terms_days),
        (Change::Currency, a.default_currency != b.default_currency),
        (Change::Language, b.lang.is_some() && a.lang != b.lang),
        (
            Change::ChargeRule,
            a.charges.workspace != b.charges.workspace,
        ),
        (
            Change::CustomerChargeRules,
            a.charges.per_customer != b.charges.per_customer,
        ),
        (Change::Playbook, a.playbook != b.playbook),
        (
            Change::Templates,
            a.letters.templates != b.letters.templates,
        ),
        (
            Change::LetterDefaults,
            letter_defaults(a) != letter_defaults(b),
        ),
        (
            Change::SenderProfile,
            sender_without_bank(&a.letters.sender) != sender_without_bank(&b.letters.sender),
        ),
        (
            Change::CustomerAddresses,
            a.letters.customers != b.letters.customers,
        ),
    ];
    let changes = checks
        .into_iter()
        .filter_map(|(change, changed)| changed.then_some(change))
        .collect();
    let (mine, theirs) = (&a.letters.sender, &b.letters.sender);
    // Both languages' bank details count: an English account swapped in a link is as
    // dangerous as a Chinese one (issue 16 made them two).
    let bank_of = |s: &SenderProfile| {
        let both = |zh: &str, en: &str| {
            let (zh, en) = (zh.trim(), en.trim());
            if en.is_empty() || en == zh {
                zh.to_string()
            } else if zh.is_empty() {
                en.to_string()
            } else {
                format!("{zh} / {en}")
            }
        };
        (
            both(&s.bank_name, &s.en.bank_name),
            both(&s.bank_account, &s.en.bank_account),
        )
    };
    let bank = (bank_of(mine) != bank_of(theirs)).then(|| {
        let (bank_name, bank_account) = bank_of(theirs);
        BankDetails {
            bank_name,
            bank_account,
        }
    });
    let templates = incoming
        .settings
        .letters
        .templates
        .iter()
        .filter(|(key, template)| a.letters.templates.get(*key) != Some(*template))
        .map(|(key, template)| TemplateChange {
            key: key.clone(),
            refused: refusal(template),
        })
        .collect();
    Review {
        scope: scope_of(incoming),
        changes,
        bank,
        templates,
        snapshots: None,
        clamped: Vec::new(),
    }
}

/// [`review`] of everything a link held: its workspace, its snapshots against the user's own
/// (`own_snapshots`), and what was clamped on the way in.
pub fn review_link(own: &Workspace, own_snapshots: &Snapshots, opened: &Opened) -> Review {
    Review {
        snapshots: (!opened.snapshots.is_empty())
            .then(|| own_snapshots.merge_plan(&opened.snapshots)),
        clamped: opened.clamped.clone(),
        ..review(own, &opened.workspace)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charges::RuleKind;
    use crate::share::{decode, encode, Fragment};
    use chrono::NaiveDate;

    fn through_link(ws: &Workspace, scope: ShareScope) -> Workspace {
        match decode(&encode(ws, scope)) {
            Ok(Fragment::Plain(ws)) => ws,
            other => panic!("{other:?}"),
        }
    }

    fn colleague() -> Workspace {
        let mut ws = Workspace::default();
        ws.input.text = "Invoice\tCustomer\tDue\tAmount\nA1\tACME\t2025-01-01\t100".into();
        ws.settings.terms_days = 45;
        ws.settings.charges.workspace.rule = RuleKind::UkStatutory;
        ws.settings.letters.sender.company = "Colleague Ltd".into();
        ws.settings.letters.sender.bank_account = "GB00 1234".into();
        ws.settings
            .letters
            .customers
            .insert("ACME".into(), Default::default());
        ws
    }

    #[test]
    fn a_blank_workspace_has_nothing_to_lose_but_a_language_alone_is_not_work() {
        let none = Snapshots::default();
        let mut ws = Workspace::default();
        assert!(!has_own_work(&ws, &none));
        ws.settings.lang = Some(Lang::En);
        assert!(!has_own_work(&ws, &none));
        ws.settings.terms_days = 60;
        assert!(has_own_work(&ws, &none));
        let mut ws = Workspace::default();
        ws.input.text = "x".into();
        assert!(has_own_work(&ws, &none));
        // Kept snapshots are the user's own history, even with nothing pasted now.
        let mut kept = Snapshots::default();
        let text = "Invoice\tCustomer\tDue date\tAmount\nA1\tACME\t2026-10-01\t100\n";
        let mut dated = Workspace::default();
        dated.input.text = text.into();
        let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let report = crate::report::derive(&dated, day);
        kept.keep(crate::review::snapshot::Snapshot::of(&report, &dated))
            .unwrap();
        assert!(has_own_work(&Workspace::default(), &kept));
    }

    #[test]
    fn settings_link_keeps_my_invoices_and_my_customers() {
        let incoming = through_link(&colleague(), ShareScope::SettingsOnly);
        assert_eq!(scope_of(&incoming), ShareScope::SettingsOnly);
        let mut mine = Workspace::default();
        mine.input.text = "my ledger".into();
        mine.settings.as_of = chrono::NaiveDate::from_ymd_opt(2026, 1, 31);
        mine.settings
            .letters
            .customers
            .insert("Mine Co".into(), Default::default());
        let after = apply(&mine, &incoming);
        assert_eq!(after.input.text, "my ledger");
        assert_eq!(after.settings.as_of, mine.settings.as_of);
        assert_eq!(
            after.settings.letters.customers,
            mine.settings.letters.customers
        );
        assert_eq!(after.settings.terms_days, 45);
        assert_eq!(after.settings.charges.workspace.rule, RuleKind::UkStatutory);

        let review = review(&mine, &incoming);
        assert_eq!(review.scope, ShareScope::SettingsOnly);
        assert_eq!(
            review.changes,
            vec![Change::Terms, Change::ChargeRule, Change::SenderProfile]
        );
        assert_eq!(
            review.bank,
            Some(BankDetails {
                bank_name: String::new(),
                bank_account: "GB00 1234".into()
            })
        );
    }

    #[test]
    fn data_link_replaces_everything_and_says_so() {
        let incoming = through_link(&colleague(), ShareScope::SettingsAndData);
        assert_eq!(scope_of(&incoming), ShareScope::SettingsAndData);
        let mut mine = Workspace::default();
        mine.input.text = "my ledger".into();
        assert_eq!(apply(&mine, &incoming), incoming);
        let review = review(&mine, &incoming);
        assert_eq!(review.scope, ShareScope::SettingsAndData);
        assert_eq!(review.changes[0], Change::Invoices);
        assert!(review.changes.contains(&Change::CustomerAddresses));
    }

    #[test]
    fn a_template_from_a_link_is_listed_and_one_over_the_limits_is_not_taken() {
        let mut mine = Workspace::default();
        mine.settings.terms_days = 60;
        mine.settings
            .letters
            .templates
            .insert("demand.en".into(), "My demand {{ subject }}".into());
        let mut theirs = colleague();
        let hang = "{% for a in [0] * 1000 %}{% for b in [0] * 1000 %}{% for c in [0] * 1000 %}\
                    {% endfor %}{% endfor %}{% endfor %}";
        theirs
            .settings
            .letters
            .templates
            .insert("demand.en".into(), hang.into());
        theirs
            .settings
            .letters
            .templates
            .insert("reminder.zh".into(), "您好 {{ subject }}".into());
        let incoming = through_link(&theirs, ShareScope::SettingsOnly);
        let review = review(&mine, &incoming);
        assert!(review.changes.contains(&Change::Templates));
        let keys: Vec<&str> = review.templates.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(keys, ["demand.en", "reminder.zh"]);
        let refused = review.templates[0].refused.as_ref().expect("refused");
        assert_eq!(refused.line, Some(1));
        assert!(refused.describe(Lang::Zh).contains("模板第 1 行"));
        assert_eq!(review.templates[1].refused, None);

        let after = apply(&mine, &incoming);
        let templates = &after.settings.letters.templates;
        assert_eq!(templates["demand.en"], "My demand {{ subject }}");
        assert_eq!(templates["reminder.zh"], "您好 {{ subject }}");
        // Into a workspace without its own edit, the refused one is simply not there.
        let after = apply(&Workspace::default(), &incoming);
        assert!(!after.settings.letters.templates.contains_key("demand.en"));
    }

    #[test]
    fn the_same_settings_change_nothing_and_the_bank_is_flagged_only_when_it_differs() {
        let ws = colleague();
        let incoming = through_link(&ws, ShareScope::SettingsOnly);
        let review = review(&ws, &incoming);
        assert_eq!(review.changes, Vec::<Change>::new());
        assert_eq!(review.bank, None);

        let mut mine = ws.clone();
        mine.settings.letters.sender.bank_account = "CN 6222 0000".into();
        let review = super::review(&mine, &incoming);
        assert_eq!(review.changes, Vec::<Change>::new());
        assert_eq!(review.bank.unwrap().bank_account, "GB00 1234");

        // The English letters' account (issue 16) is flagged the same way.
        let mut theirs = ws.clone();
        theirs.settings.letters.sender.en.bank_account = "GB99 9999 SWIFT XYZ".into();
        let incoming = through_link(&theirs, ShareScope::SettingsOnly);
        let review = super::review(&ws, &incoming);
        assert_eq!(review.changes, Vec::<Change>::new());
        assert_eq!(
            review.bank.unwrap().bank_account,
            "GB00 1234 / GB99 9999 SWIFT XYZ"
        );
    }
}
