//! The stages of [`crate::report::derive`] and what each reads, how far an edit reaches into
//! them, and the hook a caller times (or logs) each stage through.
//!
//! The rule: an edit names the stage it feeds ([`Reach`]); that stage reruns, and so does
//! every stage that reads one that reran ([`Stage::reads`]). The others are reused from the
//! previous report as they are (shared, not copied).

/// One stage of `derive`, in the order they run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stage {
    /// The pasted text read with the workspace's choices (`report::parse_input`).
    Parse,
    /// Days past due, buckets, the roll-ups per customer and currency.
    Aging,
    /// Late fees and interest per invoice, and their totals.
    Charges,
    /// Stage, steps and letter per invoice; the today list; risk and DSO per customer. Reads
    /// the annotations, both logs, the playbook settings and the working-day calendar.
    Playbook,
    /// Limit, exposure, grade and hold per customer.
    Credit,
}

impl Stage {
    pub const ALL: [Stage; 5] = [
        Stage::Parse,
        Stage::Aging,
        Stage::Charges,
        Stage::Playbook,
        Stage::Credit,
    ];

    /// The stages whose output this one reads.
    pub fn reads(self) -> &'static [Stage] {
        match self {
            Stage::Parse => &[],
            Stage::Aging | Stage::Charges => &[Stage::Parse],
            Stage::Playbook => &[Stage::Parse, Stage::Aging, Stage::Charges],
            Stage::Credit => &[Stage::Parse, Stage::Aging, Stage::Playbook],
        }
    }

    /// The name of its User Timing measure in the page (`overdue:` and this).
    pub fn measure(self) -> &'static str {
        match self {
            Stage::Parse => "derive:parse",
            Stage::Aging => "derive:aging",
            Stage::Charges => "derive:charges",
            Stage::Playbook => "derive:playbook",
            Stage::Credit => "derive:credit",
        }
    }
}

/// How much of the report an edit can change: the first stage it feeds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// Nothing `derive` reads: the language, letters, templates, the sender, the evidence ticks.
    Nothing,
    /// Credit settings and a customer's limit or hold.
    Credit,
    /// Playbook thresholds, annotations, the two logs, the working-day calendar.
    Playbook,
    /// The late-charge rules and the reference rates.
    Charges,
    /// The bucket edges.
    Aging,
    /// Every stage after the parse (the as-of date); also the safe choice for a new edit.
    AfterParse,
    /// The pasted text or how it is read: everything.
    Parse,
}

impl Reach {
    /// The stages an edit of this reach changes the input of directly.
    fn feeds(self) -> &'static [Stage] {
        match self {
            Reach::Nothing => &[],
            Reach::Credit => &[Stage::Credit],
            Reach::Playbook => &[Stage::Playbook],
            Reach::Charges => &[Stage::Charges],
            Reach::Aging => &[Stage::Aging],
            Reach::AfterParse => &[Stage::Aging, Stage::Charges, Stage::Playbook, Stage::Credit],
            Reach::Parse => &[Stage::Parse],
        }
    }

    /// Whether `stage` reruns after an edit of this reach: it is fed by the edit, or it reads
    /// a stage that reruns.
    pub fn reruns(self, stage: Stage) -> bool {
        self.feeds().contains(&stage) || stage.reads().iter().any(|&s| self.reruns(s))
    }
}

/// What runs each stage: times it, logs it, or just runs it (`()`).
pub trait StageHook {
    fn run<T>(&mut self, stage: Stage, work: impl FnOnce() -> T) -> T;
}

impl StageHook for () {
    fn run<T>(&mut self, _: Stage, work: impl FnOnce() -> T) -> T {
        work()
    }
}

/// The stages that ran, in order: what the tests of the memo rule read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StageLog(pub Vec<Stage>);

impl StageHook for StageLog {
    fn run<T>(&mut self, stage: Stage, work: impl FnOnce() -> T) -> T {
        self.0.push(stage);
        work()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rerun(reach: Reach) -> Vec<Stage> {
        Stage::ALL
            .into_iter()
            .filter(|&s| reach.reruns(s))
            .collect()
    }

    #[test]
    fn a_stage_reruns_when_fed_or_when_a_stage_it_reads_reruns() {
        use Stage::*;
        assert_eq!(rerun(Reach::Nothing), []);
        assert_eq!(rerun(Reach::Credit), [Credit]);
        assert_eq!(rerun(Reach::Playbook), [Playbook, Credit]);
        assert_eq!(rerun(Reach::Charges), [Charges, Playbook, Credit]);
        assert_eq!(rerun(Reach::Aging), [Aging, Playbook, Credit]);
        assert_eq!(rerun(Reach::AfterParse), [Aging, Charges, Playbook, Credit]);
        assert_eq!(rerun(Reach::Parse), Stage::ALL);
    }
}
