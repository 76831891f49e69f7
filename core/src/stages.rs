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

    /// The reach of two edits made one after the other before the report caught up with the
    /// first (a sliced derive still running): every stage either reruns.
    pub fn union(self, other: Reach) -> Reach {
        const WIDEST_FIRST: [Reach; 7] = [
            Reach::Parse,
            Reach::AfterParse,
            Reach::Aging,
            Reach::Charges,
            Reach::Playbook,
            Reach::Credit,
            Reach::Nothing,
        ];
        let both = |r: Reach| {
            Stage::ALL
                .iter()
                .all(|&s| r.reruns(s) || !(self.reruns(s) || other.reruns(s)))
        };
        WIDEST_FIRST
            .into_iter()
            .rev()
            .find(|&r| both(r))
            .unwrap_or(Reach::Parse)
    }

    /// Whether `stage` reruns after an edit of this reach: it is fed by the edit, or it reads
    /// a stage that reruns.
    pub fn reruns(self, stage: Stage) -> bool {
        self.feeds().contains(&stage) || stage.reads().iter().any(|&s| self.reruns(s))
    }
}

/// What each stage runs inside: a caller times it, logs it, or does nothing (`()`). A stage may
/// pause between the two calls (a sliced derive, `crate::pace`), so they are two calls and not
/// one around a closure.
pub trait StageHook {
    fn start(&mut self, stage: Stage);
    fn end(&mut self, stage: Stage);
}

impl StageHook for () {
    fn start(&mut self, _: Stage) {}
    fn end(&mut self, _: Stage) {}
}

/// The stages that ran, in order: what the tests of the memo rule read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StageLog(pub Vec<Stage>);

impl StageHook for StageLog {
    fn start(&mut self, stage: Stage) {
        self.0.push(stage);
    }
    fn end(&mut self, _: Stage) {}
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

    #[test]
    fn the_union_of_two_reaches_is_the_narrowest_that_reruns_what_either_does() {
        let all = [
            Reach::Nothing,
            Reach::Credit,
            Reach::Playbook,
            Reach::Charges,
            Reach::Aging,
            Reach::AfterParse,
            Reach::Parse,
        ];
        for a in all {
            for b in all {
                let u = a.union(b);
                for s in Stage::ALL {
                    assert_eq!(
                        u.reruns(s),
                        a.reruns(s) || b.reruns(s),
                        "{a:?} ∪ {b:?} = {u:?}, {s:?}"
                    );
                }
            }
        }
        assert_eq!(Reach::Aging.union(Reach::Charges), Reach::AfterParse);
        assert_eq!(Reach::Credit.union(Reach::Nothing), Reach::Credit);
    }
}
