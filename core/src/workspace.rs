//! The one value the user's work lives in. Everything the page shows is derived from it
//! ([`crate::report::derive`]); local persistence (and, later, share links) serialize exactly
//! this value, versioned, so that a setting added later is remembered and migrated for free.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::aging::{Buckets, STAGE_EDGES};
use crate::calendar::CalendarSettings;
use crate::charges::ChargeSettings;
use crate::credit::CreditSettings;
use crate::dates::DayMonthOrder;
use crate::i18n::Lang;
use crate::letters::settings::LetterSettings;
use crate::money::DecimalMark;
use crate::paste::Field;
use crate::playbook::contacts::ContactLog;
use crate::playbook::evidence::EvidenceHeld;
use crate::playbook::sent::SentLog;
use crate::playbook::{Annotations, PlaybookSettings};

/// Bump when a change to the stored form needs a migration in [`Workspace::from_json`].
pub const CURRENT_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Workspace {
    pub version: u32,
    pub input: Input,
    pub settings: Settings,
    /// What the user recorded per invoice (dispute, promise to pay, actions done), keyed by
    /// customer + invoice number so that it survives re-pasting an updated ledger.
    pub annotations: Annotations,
    /// The contact log (催收记录), per customer: data, like the annotations (a data link carries
    /// it, a settings-only link does not). Left out of the JSON when empty, so saves and links
    /// made before it are unchanged.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contacts: ContactLog,
    /// The letters-sent log with proof of delivery: data, like the contact log, and left out
    /// of the JSON when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub letters_sent: SentLog,
    /// The evidence the user holds per customer (the ticked part of the checklist): data.
    #[serde(skip_serializing_if = "EvidenceHeld::is_empty")]
    pub evidence: EvidenceHeld,
}

/// What the user pasted or opened, and the choices made about how to read it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Input {
    pub text: PastedText,
    /// File name when the text came from a file.
    pub source: Option<String>,
    pub mapping: Option<Vec<Field>>,
    pub day_month_order: Option<DayMonthOrder>,
    pub decimal_mark: Option<DecimalMark>,
}

/// The pasted text, shared: the workspace an edit makes from the previous one shares it rather
/// than copying it (a ledger of 100,000 rows is megabytes). Stored and linked as a plain
/// string, so saves and links are byte for byte what a `String` gave.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PastedText(Arc<str>);

impl PastedText {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether two texts are one shared value (not merely equal).
    pub fn is_shared_with(&self, other: &PastedText) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for PastedText {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<String> for PastedText {
    fn from(text: String) -> Self {
        PastedText(text.into())
    }
}

impl From<&str> for PastedText {
    fn from(text: &str) -> Self {
        PastedText(text.into())
    }
}

impl PartialEq<str> for PastedText {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for PastedText {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for PastedText {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl std::fmt::Display for PastedText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for PastedText {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for PastedText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(PastedText::from)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// None: today, in the user's time zone.
    pub as_of: Option<NaiveDate>,
    pub default_currency: String,
    pub terms_days: i64,
    pub bucket_edges: Vec<u32>,
    /// None: the browser's language.
    pub lang: Option<Lang>,
    /// Late fees and interest: the workspace's rule and per-customer overrides.
    pub charges: ChargeSettings,
    /// The collection playbook's thresholds and options.
    pub playbook: PlaybookSettings,
    /// The sender's profile, customers' addresses, edited letter templates, letter defaults.
    pub letters: LetterSettings,
    /// Which working-day calendar the deadlines count with, and the user's own days off. Left
    /// out of the JSON while it is the default, so older saves and links are unchanged.
    #[serde(skip_serializing_if = "CalendarSettings::is_default")]
    pub calendar: CalendarSettings,
    /// Credit control: the default limit and grade thresholds (settings) and, under
    /// `customers`, each customer's own limit and hold (data: cleared from settings-only links).
    #[serde(skip_serializing_if = "CreditSettings::is_default")]
    pub credit: CreditSettings,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            as_of: None,
            default_currency: "CNY".to_string(),
            terms_days: 30,
            bucket_edges: STAGE_EDGES.to_vec(),
            lang: None,
            charges: ChargeSettings::default(),
            playbook: PlaybookSettings::default(),
            letters: LetterSettings::default(),
            calendar: CalendarSettings::default(),
            credit: CreditSettings::default(),
        }
    }
}

impl Settings {
    pub fn buckets(&self) -> Buckets {
        let buckets = Buckets::new(&self.bucket_edges);
        if buckets.edges().is_empty() {
            Buckets::stages()
        } else {
            buckets
        }
    }
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace {
            version: CURRENT_VERSION,
            input: Input::default(),
            settings: Settings::default(),
            annotations: Annotations::default(),
            contacts: ContactLog::default(),
            letters_sent: SentLog::default(),
            evidence: EvidenceHeld::default(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// Not JSON, or not a workspace.
    Damaged(String),
    /// Written by a newer version of the page than this one.
    TooNew(u32),
}

impl Workspace {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a stored workspace, migrating older versions. Unknown fields are ignored and
    /// missing ones take their defaults, so adding a setting needs no migration.
    pub fn from_json(json: &str) -> Result<Workspace, LoadError> {
        // The version first, skipping everything else without building it, then straight into
        // the typed workspace: never a generic JSON value, whose size an untrusted text
        // controls (issue 20: 21 million empty arrays in an unknown field cost 742 MB).
        #[derive(Deserialize)]
        struct VersionProbe {
            #[serde(default)]
            version: u64,
        }
        let probe: VersionProbe =
            serde_json::from_str(json).map_err(|e| LoadError::Damaged(e.to_string()))?;
        if probe.version > u64::from(CURRENT_VERSION) {
            return Err(LoadError::TooNew(
                u32::try_from(probe.version).unwrap_or(u32::MAX),
            ));
        }
        // Version 0 never existed outside development; version 1 is the first stored form.
        let mut workspace: Workspace =
            serde_json::from_str(json).map_err(|e| LoadError::Damaged(e.to_string()))?;
        workspace.version = CURRENT_VERSION;
        // A stored or shared log is untrusted: kept within its bounds.
        workspace.contacts =
            crate::playbook::contacts::bounded(std::mem::take(&mut workspace.contacts));
        workspace.letters_sent =
            crate::playbook::sent::bounded(std::mem::take(&mut workspace.letters_sent));
        workspace.evidence =
            crate::playbook::evidence::bounded(std::mem::take(&mut workspace.evidence));
        Ok(workspace)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_json() {
        let mut ws = Workspace::default();
        ws.input.text = "发票号\t客户\nA\tB".into();
        ws.input.mapping = Some(vec![Field::Invoice, Field::Customer]);
        ws.input.day_month_order = Some(DayMonthOrder::MonthFirst);
        ws.settings.as_of = NaiveDate::from_ymd_opt(2025, 10, 31);
        ws.settings.lang = Some(Lang::En);
        ws.settings.charges.workspace.rule = crate::charges::RuleKind::UkStatutory;
        assert_eq!(Workspace::from_json(&ws.to_json()), Ok(ws));
    }

    #[test]
    fn missing_fields_take_defaults_and_newer_versions_are_refused() {
        let ws = Workspace::from_json(r#"{"version":1,"input":{"text":"x"}}"#).unwrap();
        assert_eq!(ws.input.text, "x");
        assert_eq!(ws.settings, Settings::default());
        assert_eq!(
            Workspace::from_json(r#"{"version":99}"#),
            Err(LoadError::TooNew(99))
        );
        assert!(matches!(
            Workspace::from_json("{not json"),
            Err(LoadError::Damaged(_))
        ));
    }

    #[test]
    fn stored_field_names_are_stable() {
        let mut ws = Workspace::default();
        ws.input.mapping = Some(vec![Field::DueDate]);
        ws.input.day_month_order = Some(DayMonthOrder::DayFirst);
        let json = ws.to_json();
        assert!(json.contains(r#""mapping":["due_date"]"#), "{json}");
        assert!(json.contains(r#""day_month_order":"day_first""#), "{json}");
    }

    /// The shared text is stored as the plain string it was, and an edit shares it.
    #[test]
    fn the_pasted_text_is_a_plain_string_in_json_and_shared_by_an_edit() {
        let mut ws = Workspace::default();
        ws.input.text = "A\t\"B\"\n发票".into();
        let json = ws.to_json();
        assert!(
            json.contains(r#""input":{"text":"A\t\"B\"\n发票","#),
            "{json}"
        );
        let mut edited = ws.clone();
        edited.apply(crate::edit::Edit::SetTerms(45));
        assert!(edited.input.text.is_shared_with(&ws.input.text));
        edited.apply(crate::edit::Edit::Paste {
            text: "A\t\"B\"\n发票".into(),
            source: None,
        });
        assert!(!edited.input.text.is_shared_with(&ws.input.text));
        assert_eq!(edited.input.text, ws.input.text);
    }
}
