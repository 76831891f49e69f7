//! One invoice: which stage it is in, what to do and when, and why.
//!
//! The normal track follows days past due through the stages of [`super::Ladder`]. Three
//! things bend it:
//! - a **dispute** takes the contested amount off the normal track onto the dispute track
//!   (acknowledge, ask for evidence, verify, resolve); the rest of a partly disputed invoice
//!   stays on the normal track. Marking "resolve the dispute" done (or clearing the dispute)
//!   puts the invoice back on the normal track at the stage its days past due call for.
//! - a **promise to pay** freezes the stage until the promised day has passed; the day after,
//!   escalation resumes at the start of the next stage up, and later stages follow at their
//!   usual lengths from there (the days spent waiting do not count twice).
//! - **deadlines that run whatever the stage** (the limitation period, the credit insurer's
//!   notice) add their own steps.
//!
//! A step counts as done when a matching [`super::DoneAction`] is dated on or after the day the
//! step became relevant (usually the day the invoice entered its stage) and not after the
//! as-of date, so looking at an earlier as-of date shows the state of that day.

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use crate::aging::{Aged, Status};
use crate::calendar::add_working_days;
use crate::dates::days_between;
use crate::paste::Invoice;

use super::annotations::{Annotation, Dispute, DisputeReason, LateReason, PromiseToPay};
use super::limitation::{limitation_status, write_off_check, LimitationStatus, WriteOffCheck};
use super::settings::{days, Ladder, PlaybookSettings};
use super::vocabulary::{CollectionAction, LetterKind, Money, Stage};
use super::why::Reason;

/// More days than lie between the first and last dates `chrono` can represent.
const MAX_SPAN: i64 = 200_000_000;

/// One recommended action with its date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub action: CollectionAction,
    /// When it should be done; earlier than the as-of date when it is late.
    pub due: NaiveDate,
    /// When it was marked done, if it was.
    pub done: Option<NaiveDate>,
}

impl Step {
    /// Not done, and its day has come.
    pub fn is_due(&self, as_of: NaiveDate) -> bool {
        self.done.is_none() && self.due <= as_of
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NextAction {
    pub action: CollectionAction,
    pub date: NaiveDate,
}

/// The dispute track of one invoice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisputeCase {
    pub reason: DisputeReason,
    pub since: NaiveDate,
    /// The contested amount.
    pub amount: Decimal,
    /// True when the whole outstanding amount is contested.
    pub whole: bool,
    /// The day the customer's written evidence is due.
    pub evidence_by: NaiveDate,
    pub steps: Vec<Step>,
}

/// Everything the playbook says about one invoice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assessment {
    pub days_past_due: i64,
    /// The normal-track stage; [`Stage::Disputed`] when the whole invoice is contested,
    /// [`Stage::Closed`] when nothing is owed.
    pub stage: Stage,
    /// When the invoice entered its stage (after a pause: when the pause ended).
    pub stage_since: Option<NaiveDate>,
    /// The amount the normal track chases (outstanding less a disputed part).
    pub on_track: Decimal,
    /// A promise to pay holds escalation until this day (inclusive).
    pub paused_until: Option<NaiveDate>,
    /// Normal-track steps of the current stage, then cross-cutting ones (limitation, insurer).
    pub steps: Vec<Step>,
    pub dispute: Option<DisputeCase>,
    /// The letter for the first step due now that is a letter.
    pub letter: Option<LetterKind>,
    /// The earliest step not done (possibly late), or what comes next when all are done.
    pub next_action: Option<NextAction>,
    /// The pay-by date a formal or final notice sent today (or already sent) states.
    pub payment_deadline: Option<NaiveDate>,
    pub why: Vec<Reason>,
    pub limitation: Option<LimitationStatus>,
    /// Computed from the escalation stage on, where legal action and write-off come up.
    pub write_off: Option<WriteOffCheck>,
    /// Promises to pay on this invoice that passed unpaid.
    pub broken_promises: usize,
}

impl Assessment {
    pub fn next_action_date(&self) -> Option<NaiveDate> {
        self.next_action.map(|n| n.date)
    }

    /// Steps of both tracks.
    pub fn all_steps(&self) -> impl Iterator<Item = &Step> {
        self.steps
            .iter()
            .chain(self.dispute.iter().flat_map(|d| d.steps.iter()))
    }
}

/// `date` moved by `n` days, staying at the calendar's end instead of overflowing.
pub(crate) fn shift(date: NaiveDate, n: i64) -> NaiveDate {
    let moved = if n >= 0 {
        date.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(n.unsigned_abs()))
    };
    moved.unwrap_or(if n >= 0 {
        NaiveDate::MAX
    } else {
        NaiveDate::MIN
    })
}

/// Where the normal track stands after promises to pay have been applied.
struct Position {
    stage: Stage,
    /// Days past due as the ladder sees them (shifted by resumed promises).
    effective: i64,
    paused: Option<PromiseToPay>,
    broken: Option<Reason>,
    broken_count: usize,
    /// The day escalation last resumed after a broken promise.
    resumed: Option<NaiveDate>,
}

fn position(
    days_past_due: i64,
    due_date: NaiveDate,
    promises: &[PromiseToPay],
    ladder: &Ladder,
    as_of: NaiveDate,
) -> Position {
    // Days past due on another day, consistent with the `Aged` we were given.
    let past_due_on = |date: NaiveDate| days_past_due - days_between(date, as_of);
    // A promise to pay before the invoice is even due is no extension; one made "after"
    // the as-of date has not happened yet.
    let mut promises: Vec<PromiseToPay> = promises
        .iter()
        .copied()
        .filter(|p| p.pay_by >= due_date && p.made_on <= as_of)
        .collect();
    promises.sort_by_key(|p| p.made_on);

    let mut offset = 0i64;
    let mut frozen: Option<Stage> = None;
    let mut broken = None;
    let mut broken_count = 0;
    let mut resumed = None;
    for (i, promise) in promises.iter().enumerate() {
        let stage_then =
            frozen.unwrap_or_else(|| ladder.stage(past_due_on(promise.made_on) + offset));
        // A new promise made before this one fell due replaces it: the pause goes on.
        if promises
            .get(i + 1)
            .is_some_and(|next| next.made_on <= promise.pay_by)
        {
            frozen = Some(stage_then);
            continue;
        }
        if as_of <= promise.pay_by {
            return Position {
                stage: stage_then,
                effective: past_due_on(promise.made_on) + offset,
                paused: Some(*promise),
                broken,
                broken_count,
                resumed,
            };
        }
        broken_count += 1;
        frozen = None;
        let resume = shift(promise.pay_by, 1);
        let from = stage_then.max(Stage::BeforeDue);
        if let Some(last) = ladder.last_day(from) {
            offset = last + 1 - past_due_on(resume);
        }
        broken = Some(Reason::PromiseBroken {
            pay_by: promise.pay_by,
            from: stage_then,
            to: ladder.stage(past_due_on(resume) + offset),
        });
        resumed = Some(resume);
    }
    let effective = days_past_due + offset;
    Position {
        stage: ladder.stage(effective),
        effective,
        paused: None,
        broken,
        broken_count,
        resumed,
    }
}

/// The stage's main action, named when the next thing to happen is entering that stage.
fn opening_action(stage: Stage) -> Option<CollectionAction> {
    match stage {
        Stage::BeforeDue => Some(CollectionAction::SendCourtesyReminder),
        Stage::Friendly => Some(CollectionAction::SendReminder),
        Stage::Formal => Some(CollectionAction::SendFormalNotice),
        Stage::PreLegal => Some(CollectionAction::SendFinalNotice),
        Stage::Escalate => Some(CollectionAction::HandToCollector),
        Stage::BadDebt => Some(CollectionAction::ProvideForBadDebt),
        Stage::Disputed => Some(CollectionAction::AcknowledgeDispute),
        Stage::Closed | Stage::Current => None,
    }
}

/// Collects the steps of one track, leaving out actions the user switched off.
struct Steps<'a> {
    annotation: Option<&'a Annotation>,
    settings: &'a PlaybookSettings,
    as_of: NaiveDate,
    list: Vec<Step>,
}

impl<'a> Steps<'a> {
    /// `room`: the steps to make room for at once.
    fn new(
        annotation: Option<&'a Annotation>,
        settings: &'a PlaybookSettings,
        as_of: NaiveDate,
        room: usize,
    ) -> Self {
        Steps {
            annotation,
            settings,
            as_of,
            list: Vec::with_capacity(room),
        }
    }

    /// The first day on or after `from` (and not after the as-of date) `action` was done.
    fn done(&self, action: CollectionAction, from: NaiveDate) -> Option<NaiveDate> {
        self.annotation?
            .done
            .iter()
            .filter(|d| d.action == action && d.date >= from && d.date <= self.as_of)
            .map(|d| d.date)
            .min()
    }

    /// The latest day on or after `from` any of `actions` was done.
    fn last_done(&self, actions: &[CollectionAction], from: NaiveDate) -> Option<NaiveDate> {
        self.annotation?
            .done
            .iter()
            .filter(|d| actions.contains(&d.action) && d.date >= from && d.date <= self.as_of)
            .map(|d| d.date)
            .max()
    }

    /// The day the letter that carried out `action` on `sent` reached the customer, when the
    /// letters-sent log knows it: a notice's deadline runs from its receipt.
    fn received(&self, action: CollectionAction, sent: NaiveDate) -> Option<NaiveDate> {
        self.annotation?
            .received
            .iter()
            .filter(|r| r.action == action && r.date >= sent && r.date <= self.as_of)
            .map(|r| r.date)
            .min()
    }

    /// The day the user put `action` off to, if they did.
    fn snoozed_until(&self, action: CollectionAction) -> Option<NaiveDate> {
        self.annotation?
            .snoozed
            .iter()
            .filter(|s| s.action == action)
            .map(|s| s.until)
            .max()
    }

    fn push(
        &mut self,
        action: CollectionAction,
        due: NaiveDate,
        counts_from: NaiveDate,
    ) -> Option<&Step> {
        if !self.settings.is_enabled(action) {
            return None;
        }
        let done = self.done(action, counts_from);
        let due = self
            .snoozed_until(action)
            .map_or(due, |until| due.max(until));
        self.list.push(Step { action, due, done });
        self.list.last()
    }
}

/// What the playbook recommends for one invoice on `as_of`. `charges_owed` is the late
/// charge the charges engine computed for it (0 when none). Never panics.
pub fn assess(
    invoice: &Invoice,
    aged: &Aged,
    annotation: Option<&Annotation>,
    charges_owed: Decimal,
    settings: &PlaybookSettings,
    as_of: NaiveDate,
) -> Assessment {
    let mut assessment = Assessment {
        days_past_due: aged.days_past_due.clamp(-MAX_SPAN, MAX_SPAN),
        stage: Stage::Closed,
        stage_since: None,
        on_track: Decimal::ZERO,
        paused_until: None,
        steps: Vec::new(),
        dispute: None,
        letter: None,
        next_action: None,
        payment_deadline: None,
        why: Vec::new(),
        limitation: None,
        write_off: None,
        broken_promises: 0,
    };
    if aged.status != Status::Open || invoice.outstanding <= Decimal::ZERO {
        let status = if aged.status == Status::Open {
            Status::Paid
        } else {
            aged.status
        };
        assessment.why.push(Reason::Closed { status });
        return assessment;
    }
    let inputs = Inputs {
        invoice,
        annotation,
        charges_owed,
        settings,
        as_of,
    };
    let outstanding = invoice.outstanding;
    // Any real pair of dates is less than 200 million days apart; clamping what the caller
    // passed keeps the day arithmetic below from overflowing whatever it holds.
    let dpd = aged.days_past_due.clamp(-MAX_SPAN, MAX_SPAN);
    // An invoice past due gathers five to eight reasons and as many steps: room for eight at
    // once saves growing each list from four (at 100,000 invoices, 77,000 and 65,000
    // reallocations, each a copy). One not yet due has one or two, and grows as before.
    let room = if dpd > 0 { 8 } else { 0 };
    let mut why = Vec::with_capacity(room);

    // The dispute track, or the day the dispute was resolved.
    let (dispute, rejoined) = annotation
        .and_then(|a| a.dispute.as_ref())
        .filter(|d| d.since <= as_of)
        .map_or((None, None), |dispute| {
            dispute_track(dispute, &inputs, &mut why)
        });
    assessment.dispute = dispute;
    let whole_disputed = assessment.dispute.as_ref().is_some_and(|d| d.whole);
    assessment.on_track = match &assessment.dispute {
        Some(d) => outstanding.saturating_sub(d.amount),
        None => outstanding,
    };

    // The normal track.
    let promises = annotation.map_or(&[][..], |a| a.promises.as_slice());
    let place = position(dpd, invoice.due_date, promises, &settings.ladder(), as_of);
    assessment.broken_promises = place.broken_count;
    let mut steps = Steps::new(annotation, settings, as_of, room);
    let on_track = Track {
        place: &place,
        dpd,
        rejoined,
        whole_disputed,
    };
    let after_steps = normal_track(&inputs, &on_track, &mut steps, &mut assessment, &mut why);

    assessment.limitation = Some(standing_deadlines(&inputs, dpd, &mut steps, &mut why));
    assessment.steps = steps.list;

    // The letter and the next action, across both tracks; the dispute first when it is the
    // whole invoice.
    let dispute_steps: &[Step] = assessment.dispute.as_ref().map_or(&[], |d| &d.steps);
    let (first, then) = if whole_disputed {
        (dispute_steps, &assessment.steps[..])
    } else {
        (&assessment.steps[..], dispute_steps)
    };
    let ordered = || first.iter().chain(then);
    let letter = ordered()
        .filter(|s| s.is_due(as_of))
        .find_map(|s| s.action.letter());
    let pending = ordered()
        .filter(|s| s.done.is_none())
        .min_by_key(|s| s.due)
        .map(|s| NextAction {
            action: s.action,
            date: s.due,
        });
    assessment.letter = letter;
    assessment.next_action = match (pending, after_steps) {
        (Some(p), Some(a)) if a.date < p.date => Some(a),
        (Some(p), _) => Some(p),
        (None, a) => a,
    };
    assessment.why = why;
    assessment
}

/// The deadlines that run whatever the stage: the credit insurer's notice and the limitation
/// period (whose status the assessment keeps).
fn standing_deadlines(
    inputs: &Inputs,
    dpd: i64,
    steps: &mut Steps,
    why: &mut Vec<Reason>,
) -> LimitationStatus {
    let Inputs {
        invoice,
        annotation,
        settings,
        as_of,
        ..
    } = *inputs;
    if settings.credit_insured && dpd > 0 {
        let first_late = shift(invoice.due_date, 1);
        let deadline = shift(invoice.due_date, days(settings.insurer_notice_days));
        let from = shift(deadline, -days(settings.insurer_warn_days)).max(first_late);
        if let Some(step) = steps.push(CollectionAction::NotifyInsurer, from, first_late) {
            if step.is_due(as_of) {
                why.push(Reason::InsurerDeadline {
                    by: deadline,
                    days_left: days_between(as_of, deadline),
                });
            }
        }
    }
    let limitation = limitation_status(invoice, annotation, settings, as_of);
    if limitation.warning {
        let warn_from = shift(limitation.ends, -days(settings.limitation.warn_days));
        steps.push(CollectionAction::InterruptLimitation, warn_from, warn_from);
        why.push(if limitation.days_left >= 0 {
            Reason::LimitationNear {
                jurisdiction: limitation.jurisdiction,
                years: limitation.years,
                ends: limitation.ends,
                days_left: limitation.days_left,
            }
        } else {
            Reason::LimitationEnded {
                jurisdiction: limitation.jurisdiction,
                years: limitation.years,
                ended: limitation.ends,
            }
        });
    }
    limitation
}

/// What [`assess`] reads of one invoice, handed on to each of its tracks.
#[derive(Clone, Copy)]
struct Inputs<'a> {
    invoice: &'a Invoice,
    annotation: Option<&'a Annotation>,
    charges_owed: Decimal,
    settings: &'a PlaybookSettings,
    as_of: NaiveDate,
}

/// The dispute track of an invoice under dispute since `dispute.since`: its case (steps,
/// disputed amount, evidence deadline), or — once resolved — the day the normal track
/// rejoins from.
fn dispute_track(
    dispute: &Dispute,
    inputs: &Inputs,
    why: &mut Vec<Reason>,
) -> (Option<DisputeCase>, Option<NaiveDate>) {
    let settings = inputs.settings;
    let (outstanding, currency) = (inputs.invoice.outstanding, &inputs.invoice.currency);
    let mut dispute_steps = Steps::new(inputs.annotation, settings, inputs.as_of, 0);
    match dispute_steps.done(CollectionAction::ResolveDispute, dispute.since) {
        Some(on) => {
            why.push(Reason::DisputeResolved { on });
            (None, Some(on))
        }
        None => {
            let (amount, whole) = match dispute.disputed_amount {
                Some(a) if a > Decimal::ZERO && a < outstanding => (a, false),
                _ => (outstanding, true),
            };
            let since = dispute.since;
            // Both go out at once, in the dispute letter, as soon as the dispute is in;
            // the acknowledgment's deadline is the reason's to state.
            let ack_by = add_working_days(
                since,
                settings.dispute_ack_working_days,
                &settings.working_days,
            );
            let acknowledged = dispute_steps
                .push(CollectionAction::AcknowledgeDispute, since, since)
                .and_then(|s| s.done);
            let asked = dispute_steps
                .push(CollectionAction::RequestEvidence, since, since)
                .and_then(|s| s.done);
            let asked = asked.unwrap_or(ack_by.max(since));
            let quality = dispute.reason == DisputeReason::Quality;
            let evidence_by = if quality {
                let hours = i64::from(settings.quality_evidence_hours);
                shift(asked, (hours + 23) / 24)
            } else {
                add_working_days(
                    asked,
                    settings.dispute_evidence_working_days,
                    &settings.working_days,
                )
            };
            let verified = dispute_steps
                .push(CollectionAction::VerifyDispute, evidence_by, since)
                .and_then(|s| s.done);
            dispute_steps.push(
                CollectionAction::ResolveDispute,
                verified.unwrap_or(evidence_by),
                since,
            );
            why.push(Reason::Disputed {
                reason: dispute.reason,
                since,
                amount: Money::new(amount, currency),
            });
            if acknowledged.is_none() && settings.is_enabled(CollectionAction::AcknowledgeDispute) {
                why.push(Reason::AcknowledgeBy { by: ack_by });
            }
            if !whole {
                why.push(Reason::UndisputedOnTrack {
                    amount: Money::new(outstanding.saturating_sub(amount), currency),
                });
            }
            if dispute_steps
                .list
                .iter()
                .any(|s| s.action == CollectionAction::VerifyDispute && s.done.is_none())
            {
                why.push(Reason::EvidenceDeadline {
                    by: evidence_by,
                    quality,
                });
            }
            let case = DisputeCase {
                reason: dispute.reason,
                since,
                amount,
                whole,
                evidence_by,
                steps: dispute_steps.list,
            };
            (Some(case), None)
        }
    }
}

/// Where the normal track stands: the place the days and promises give, and the dispute's.
struct Track<'a> {
    place: &'a Position,
    dpd: i64,
    /// The day a resolved dispute rejoined the normal track.
    rejoined: Option<NaiveDate>,
    whole_disputed: bool,
}

/// The normal track: the stage, its reasons and its steps; what comes after them (the next
/// stage, or the courtesy reminder of an invoice not yet due) when that is the next action.
fn normal_track(
    inputs: &Inputs,
    track: &Track,
    steps: &mut Steps,
    assessment: &mut Assessment,
    why: &mut Vec<Reason>,
) -> Option<NextAction> {
    let Inputs {
        invoice,
        annotation,
        charges_owed,
        settings,
        as_of,
    } = *inputs;
    let Track {
        place,
        dpd,
        rejoined,
        whole_disputed,
    } = *track;
    let ladder = settings.ladder();
    if whole_disputed {
        assessment.stage = Stage::Disputed;
        if dpd > 0 {
            why.insert(0, Reason::PastDue { days: dpd });
        }
        None
    } else if let Some(promise) = place.paused {
        assessment.stage = place.stage;
        assessment.paused_until = Some(promise.pay_by);
        if dpd > 0 {
            why.insert(0, Reason::PastDue { days: dpd });
        }
        why.push(Reason::PromisePending {
            pay_by: promise.pay_by,
            stage: place.stage,
        });
        steps.push(
            CollectionAction::CheckPromisedPayment,
            shift(promise.pay_by, 1),
            promise.made_on,
        );
        None
    } else {
        let stage = place.stage;
        assessment.stage = stage;
        let first = ladder.first_day(stage).unwrap_or(1);
        let last = ladder.last_day(stage);
        let positional = match stage {
            _ if place.resumed.is_some() => Reason::CountedDays {
                days: dpd,
                counted: place.effective,
                stage,
                first,
                last,
            },
            Stage::Current => Reason::NotYetDue {
                days_to_due: -dpd,
                lead: ladder.lead,
            },
            Stage::BeforeDue => Reason::FallsDueSoon {
                days_to_due: -dpd,
                lead: ladder.lead,
            },
            _ => Reason::DaysPastDue {
                days: dpd,
                stage,
                first,
                last,
            },
        };
        why.insert(0, positional);
        if let Some(broken) = place.broken.clone() {
            why.insert(1, broken);
        }
        match ladder.first_day(stage) {
            None => {
                // Not yet due: the next thing is the courtesy reminder.
                let on = shift(as_of, -ladder.lead - place.effective);
                Some(NextAction {
                    action: CollectionAction::SendCourtesyReminder,
                    date: on,
                })
            }
            Some(first) => {
                let mut since = shift(as_of, first - place.effective);
                for start in [place.resumed, rejoined].into_iter().flatten() {
                    since = since.max(start.min(as_of));
                }
                assessment.stage_since = Some(since);
                stage_steps(
                    steps,
                    stage,
                    since,
                    invoice,
                    annotation,
                    assessment.on_track,
                    charges_owed,
                    settings,
                    assessment,
                    why,
                );
                after_stage(steps, stage, since, &ladder, place.effective, settings, why)
            }
        }
    }
}

/// The steps of a normal-track stage.
#[allow(clippy::too_many_arguments)]
fn stage_steps(
    steps: &mut Steps,
    stage: Stage,
    since: NaiveDate,
    invoice: &Invoice,
    annotation: Option<&Annotation>,
    on_track: Decimal,
    charges_owed: Decimal,
    settings: &PlaybookSettings,
    assessment: &mut Assessment,
    why: &mut Vec<Reason>,
) {
    let as_of = steps.as_of;
    let deadline = |sent: Option<NaiveDate>| {
        shift(sent.unwrap_or(as_of), days(settings.payment_deadline_days))
    };
    // A notice takes effect when it reaches the customer (民法典 第一百三十七条: a declaration
    // to a party takes effect on arrival), so its deadline counts from the receipt when known.
    let effective = |steps: &Steps, action: CollectionAction, sent: Option<NaiveDate>| {
        sent.map(|sent| steps.received(action, sent).unwrap_or(sent))
    };
    match stage {
        Stage::BeforeDue => {
            steps.push(CollectionAction::SendCourtesyReminder, since, since);
        }
        Stage::Friendly => {
            steps.push(CollectionAction::CheckInvoiceReceived, since, since);
            // One first reminder per invoice: one sent earlier (even before this stage, or
            // before a dispute sent the invoice off the track) is not asked for again.
            steps.push(CollectionAction::SendReminder, since, NaiveDate::MIN);
            steps.push(CollectionAction::AskReasonForDelay, since, since);
        }
        Stage::Formal => {
            let sent = steps
                .push(CollectionAction::SendFormalNotice, since, since)
                .and_then(|s| s.done);
            if annotation.and_then(|a| a.late_reason) == Some(LateReason::CashFlow) {
                steps.push(CollectionAction::OfferPaymentPlan, since, since);
                why.push(Reason::CashFlow);
            }
            let arrived = effective(steps, CollectionAction::SendFormalNotice, sent);
            let call_after = days(settings.call_after_days);
            let call_on = shift(arrived.unwrap_or(since.max(as_of)), call_after);
            steps.push(CollectionAction::CallPayablesContact, call_on, since);
            assessment.payment_deadline = Some(deadline(arrived));
            if let Some(sent) = sent {
                why.push(Reason::NoticeSent {
                    sent,
                    pay_by: deadline(arrived),
                    call_on,
                });
            }
            if let Some(received) = arrived.filter(|r| Some(*r) != sent) {
                why.push(Reason::NoticeReceived {
                    received,
                    pay_by: deadline(Some(received)),
                });
            }
        }
        Stage::PreLegal => {
            let sent = steps
                .push(CollectionAction::SendFinalNotice, since, since)
                .and_then(|s| s.done);
            steps.push(CollectionAction::HoldAccount, since, since);
            steps.push(CollectionAction::ReduceCredit, since, since);
            steps.push(CollectionAction::GatherEvidence, since, since);
            let arrived = effective(steps, CollectionAction::SendFinalNotice, sent);
            assessment.payment_deadline = Some(deadline(arrived));
            if let Some(received) = arrived.filter(|r| Some(*r) != sent) {
                why.push(Reason::NoticeReceived {
                    received,
                    pay_by: deadline(Some(received)),
                });
            }
        }
        Stage::Escalate | Stage::BadDebt => {
            let check = write_off_check(on_track, charges_owed, &invoice.currency, settings);
            let recoverable = Money::new(check.recoverable, &invoice.currency);
            let cost = Money::new(check.cost, &invoice.currency);
            // No hand-over and no lawyer without a written demand first: an old debt read in
            // for the first time has none on record, so the demand comes first and the
            // hand-over waits for its deadline.
            let demands = [
                CollectionAction::SendFormalNotice,
                CollectionAction::SendFinalNotice,
            ];
            let before_stage = steps
                .last_done(&demands, NaiveDate::MIN)
                .filter(|d| *d < since);
            let hand_over_on = match before_stage {
                Some(sent) => {
                    let arrived = demands
                        .iter()
                        .filter_map(|a| steps.received(*a, sent))
                        .min()
                        .unwrap_or(sent);
                    deadline(Some(arrived)).max(since)
                }
                None => {
                    let sent = steps
                        .push(CollectionAction::SendFinalNotice, since, since)
                        .and_then(|s| s.done);
                    if sent.is_none() {
                        why.push(Reason::CatchUpDemand);
                    }
                    deadline(sent)
                }
            };
            // A large debt goes to an agency or a lawyer before it is provided for: only what
            // is not worth pursuing (or has been handed over already) skips straight on.
            let handed_over = steps
                .last_done(&[CollectionAction::HandToCollector], NaiveDate::MIN)
                .is_some_and(|d| d < since);
            if stage == Stage::Escalate || (check.worth_pursuing && !handed_over) {
                steps.push(CollectionAction::HandToCollector, hand_over_on, since);
                if check.worth_pursuing {
                    steps.push(CollectionAction::ConsiderLegalAction, hand_over_on, since);
                }
                if stage == Stage::BadDebt {
                    why.push(Reason::EscalateBeforeProvision);
                }
            }
            if stage == Stage::BadDebt {
                steps.push(CollectionAction::ProvideForBadDebt, since, since);
                if check.write_off {
                    steps.push(CollectionAction::ConsiderWriteOff, since, since);
                }
                if check.waivable_charges > Decimal::ZERO {
                    steps.push(CollectionAction::OfferChargeWaiver, since, since);
                    why.push(Reason::ChargesWaivable {
                        charges: Money::new(check.waivable_charges, &invoice.currency),
                    });
                }
            }
            if check.cost_estimated {
                why.push(Reason::CostEstimated { cost });
            }
            let cost = check.cost;
            why.push(if check.write_off {
                Reason::CollectionNotWorthwhile { recoverable, cost }
            } else if check.worth_pursuing {
                Reason::CollectionWorthwhile { recoverable, cost }
            } else {
                Reason::CollectionBreakEven {
                    amount: recoverable,
                }
            });
            assessment.write_off = Some(check);
        }
        Stage::Closed | Stage::Current | Stage::Disputed => {}
    }
}

/// Once every step of the stage is done: a review if the next stage is further away than
/// the review interval, else the next stage. Returns what comes next when no step does.
fn after_stage(
    steps: &mut Steps,
    stage: Stage,
    since: NaiveDate,
    ladder: &Ladder,
    effective: i64,
    settings: &PlaybookSettings,
    why: &mut Vec<Reason>,
) -> Option<NextAction> {
    if steps.list.iter().any(|s| s.done.is_none()) {
        return None;
    }
    let as_of = steps.as_of;
    let next_stage = ladder.last_day(stage).map(|last| {
        let next = ladder.stage(last + 1);
        (next, shift(as_of, last + 1 - effective))
    });
    let mut actions: Vec<CollectionAction> = steps.list.iter().map(|s| s.action).collect();
    actions.push(CollectionAction::Review);
    let last_done = steps.last_done(&actions, since).unwrap_or(since);
    let review_on = shift(last_done, days(settings.review_every_days).max(1));
    let review_first = next_stage.is_none_or(|(_, on)| review_on < on);
    if review_first && settings.is_enabled(CollectionAction::Review) {
        steps.list.push(Step {
            action: CollectionAction::Review,
            due: review_on,
            done: None,
        });
        why.push(Reason::ReviewDue { on: review_on });
        return None;
    }
    let (next, on) = next_stage?;
    why.push(Reason::StageDone { next, on });
    opening_action(next).map(|action| NextAction { action, date: on })
}
