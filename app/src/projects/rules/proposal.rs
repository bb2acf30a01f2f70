//! What a proposal form may hold, what a proposal needs before review, and the
//! committee's decisions: each fault names its field, in words a resident reads.
use crate::core::i18n::Msg;
use crate::projects::model::{
    EventKind, ListEntry, ListKind, ProjectKind, ProjectRules, ProjectStatus, MAX_DESCRIPTION,
    MAX_LOCATION, MAX_REASON, MAX_TITLE,
};

/// A proposal's text, as the author typed it (trimmed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProposalText {
    pub title: String,
    pub description: String,
    pub kind: ProjectKind,
    /// Whole yuan; 0 while not yet estimated (a draft).
    pub cost: i64,
    pub location: String,
}

/// A fault of a form: its code (for `?error=`) and its message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fault {
    pub code: &'static str,
    pub msg: Msg,
}

const fn fault(code: &'static str, msg: Msg) -> Fault {
    Fault { code, msg }
}

/// Every fault a proposal form can have, by code (for the page's banner).
pub const FAULTS: [Fault; 35] = [
    fault("project_title", Msg::ProjectErrTitle),
    fault("project_description", Msg::ProjectErrDescription),
    fault("project_kind", Msg::ProjectErrKind),
    fault("project_cost", Msg::ProjectErrCost),
    fault("project_cost_cap", Msg::ProjectErrCostCap),
    fault("project_location", Msg::ProjectErrLocation),
    fault("project_not_editable", Msg::ProjectErrNotEditable),
    fault("project_incomplete", Msg::ProjectErrIncomplete),
    fault("review_category", Msg::ProjectErrCategory),
    fault("review_reason", Msg::ProjectErrReason),
    fault("review_not_waiting", Msg::ProjectErrNotWaiting),
    fault("review_decision", Msg::ProjectErrDecision),
    fault("list_label", Msg::ProjectErrListLabel),
    fault("comment_body", Msg::ProjectErrCommentBody),
    fault("comment_parent", Msg::ProjectErrCommentParent),
    fault("comment_closed", Msg::ProjectErrCommentClosed),
    fault("hide_reason", Msg::ProjectErrHideReason),
    fault("council_date", Msg::ProjectErrCouncilDate),
    fault("council_attendees", Msg::ProjectErrCouncilAttendees),
    fault("council_minutes", Msg::ProjectErrCouncilMinutes),
    fault("council_agenda", Msg::ProjectErrCouncilAgenda),
    fault("council_outcome", Msg::ProjectErrCouncilOutcome),
    fault("council_reason", Msg::ProjectErrCouncilReason),
    fault("council_stale", Msg::ProjectErrCouncilStale),
    fault("round_title", Msg::ProjectErrRoundTitle),
    fault("round_budget", Msg::ProjectErrRoundBudget),
    fault("round_times", Msg::ProjectErrRoundTimes),
    fault("round_projects", Msg::ProjectErrRoundProjects),
    fault("round_over_budget", Msg::ProjectErrRoundOverBudget),
    fault("round_at_most", Msg::ProjectErrRoundAtMost),
    fault("round_ballot", Msg::ProjectErrRoundBallot),
    fault("ballot_unknown", Msg::ProjectErrBallotUnknown),
    fault("ballot_empty", Msg::ProjectErrBallotEmpty),
    fault("ballot_too_many", Msg::ProjectErrBallotTooMany),
    fault("ballot_over_budget", Msg::ProjectErrBallotOverBudget),
];

/// The message of a fault code, when it is one.
pub fn fault_msg(code: &str) -> Option<Msg> {
    FAULTS.iter().find(|f| f.code == code).map(|f| f.msg)
}

pub(crate) fn find(code: &str) -> Fault {
    FAULTS.iter().copied().find(|f| f.code == code).unwrap_or(FAULTS[0])
}

/// A line of text: no control characters (a description may hold line breaks).
fn clean(s: &str, lines: bool) -> bool {
    s.chars().all(|c| !c.is_control() || (lines && (c == '\n' || c == '\r' || c == '\t')))
}

fn first<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim()).unwrap_or("")
}

/// Reads a proposal form as a draft may hold it: a title, everything else may still
/// be empty, nothing too long, a cost within the largest cap.
pub fn read_form(pairs: &[(String, String)], rules: &ProjectRules) -> Result<ProposalText, Fault> {
    let title = first(pairs, "title");
    if title.is_empty() || title.chars().count() > MAX_TITLE || !clean(title, false) {
        return Err(find("project_title"));
    }
    let description = first(pairs, "description").replace("\r\n", "\n");
    if description.chars().count() > MAX_DESCRIPTION || !clean(&description, true) {
        return Err(find("project_description"));
    }
    let kind = ProjectKind::parse(first(pairs, "kind")).ok_or(find("project_kind"))?;
    let cost = match first(pairs, "cost") {
        "" => 0,
        c => match c.replace([',', '，'], "").parse::<i64>() {
            Ok(n) if (0..=rules.max_cap()).contains(&n) => n,
            _ => return Err(find("project_cost")),
        },
    };
    let location = first(pairs, "location");
    if location.chars().count() > MAX_LOCATION || !clean(location, false) {
        return Err(find("project_location"));
    }
    Ok(ProposalText {
        title: title.to_string(),
        description,
        kind,
        cost,
        location: location.to_string(),
    })
}

/// Is the proposal complete enough for the committee? The first field missing.
pub fn ready_for_review(p: &ProposalText, rules: &ProjectRules) -> Result<(), Fault> {
    if p.description.chars().count() < 10 {
        return Err(find("project_description"));
    }
    if p.cost < 1 {
        return Err(find("project_cost"));
    }
    if p.cost > rules.cap(p.kind) {
        return Err(find("project_cost_cap"));
    }
    if p.location.is_empty() {
        return Err(find("project_location"));
    }
    Ok(())
}

/// The committee's decision on a submitted proposal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Accept, filed under a positive-list category.
    Accept { category: String },
    /// Send back for an edit, saying what to change.
    Return { reason: String },
    /// Reject with a public reason, naming the negative-list entry it falls under
    /// when there is one.
    Reject { negative: Option<String>, reason: String },
}

/// Reads the review form.
pub fn read_decision(pairs: &[(String, String)]) -> Result<Decision, Fault> {
    let reason = first(pairs, "reason").replace("\r\n", "\n");
    let reason_ok = |r: &str| {
        let n = r.chars().count();
        (2..=MAX_REASON).contains(&n) && clean(r, true)
    };
    match first(pairs, "decision") {
        "accept" => {
            let category = first(pairs, "category");
            if category.is_empty() {
                return Err(find("review_category"));
            }
            Ok(Decision::Accept { category: category.to_string() })
        }
        "return" if reason_ok(&reason) => Ok(Decision::Return { reason }),
        "reject" if reason_ok(&reason) => {
            let negative = Some(first(pairs, "negative").to_string()).filter(|n| !n.is_empty());
            Ok(Decision::Reject { negative, reason })
        }
        "return" | "reject" => Err(find("review_reason")),
        _ => Err(find("review_decision")),
    }
}

/// What a decision does: the new status, the timeline's event, the category filed
/// under, the reason kept and, for a rejection, the negative-list entry it falls under
/// (kept as it read then, in both languages).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reviewed {
    pub status: ProjectStatus,
    pub event: EventKind,
    pub category: Option<String>,
    pub reason: Option<String>,
    pub negative: Option<ListEntry>,
}

/// Applies a decision to a project in `status`, against the city's lists.
pub fn review(
    status: ProjectStatus,
    decision: &Decision,
    lists: &[ListEntry],
) -> Result<Reviewed, Fault> {
    if status != ProjectStatus::Submitted {
        return Err(find("review_not_waiting"));
    }
    let entry = |id: &str, list: ListKind| lists.iter().find(|e| e.id == id && e.list == list);
    Ok(match decision {
        Decision::Accept { category } => {
            entry(category, ListKind::Positive).ok_or(find("review_category"))?;
            Reviewed {
                status: ProjectStatus::Accepted,
                event: EventKind::Accepted,
                category: Some(category.clone()),
                reason: None,
                negative: None,
            }
        }
        Decision::Return { reason } => Reviewed {
            status: ProjectStatus::Returned,
            event: EventKind::Returned,
            category: None,
            reason: Some(reason.clone()),
            negative: None,
        },
        Decision::Reject { negative, reason } => {
            let negative = match negative {
                Some(id) => {
                    Some(entry(id, ListKind::Negative).ok_or(find("review_category"))?.clone())
                }
                None => None,
            };
            Reviewed {
                status: ProjectStatus::Rejected,
                event: EventKind::Rejected,
                category: None,
                reason: Some(reason.clone()),
                negative,
            }
        }
    })
}

/// What one more support does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Supported {
    /// Counted; still collecting.
    Counted,
    /// Counted, and the project now has what it needs for the council.
    ToCouncil,
    /// The project is not collecting supports (not accepted, or already through).
    NotCollecting,
}

/// A support on a project in `status` that had `before` supports.
pub fn support(status: ProjectStatus, before: i64, rules: &ProjectRules) -> Supported {
    if status != ProjectStatus::Accepted {
        Supported::NotCollecting
    } else if before + 1 >= rules.support_threshold {
        Supported::ToCouncil
    } else {
        Supported::Counted
    }
}

/// Reads an entry for a review list (its two labels).
pub fn read_entry(pairs: &[(String, String)]) -> Result<(ListKind, String, String), Fault> {
    let list = ListKind::parse(first(pairs, "list")).ok_or(find("list_label"))?;
    let ok = |s: &str| !s.is_empty() && s.chars().count() <= 60 && clean(s, false);
    let (zh, en) = (first(pairs, "zh"), first(pairs, "en"));
    if !ok(zh) || !ok(en) {
        return Err(find("list_label"));
    }
    Ok((list, zh.to_string(), en.to_string()))
}

#[cfg(test)]
#[path = "proposal_tests.rs"]
mod tests;
