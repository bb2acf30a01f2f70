//! The residents' council (议事会) as its committee records it: the date, how many
//! attended, the minutes, and an outcome for every project on the agenda (to the
//! ballot, deferred, or rejected — the last two with a reason residents read).
use super::proposal::{Fault, FAULTS};
use crate::projects::model::{EventKind, ProjectStatus, MAX_REASON};

pub const MAX_MINUTES: usize = 5000;

fn find(code: &str) -> Fault {
    FAULTS.iter().copied().find(|f| f.code == code).unwrap_or(FAULTS[0])
}

fn first<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim()).unwrap_or("")
}

/// The agenda as the form showed it: `<id>:<status>` of each project, sorted. A record
/// applies only to the agenda it was written for, so that a form posted twice, or from
/// a page left open, cannot decide for projects it did not show.
pub fn agenda_key(items: impl IntoIterator<Item = (String, ProjectStatus)>) -> Vec<String> {
    let mut key: Vec<String> =
        items.into_iter().map(|(id, s)| format!("{id}:{}", s.as_str())).collect();
    key.sort();
    key
}

/// The agenda a form was written for (its `agenda` fields), sorted.
pub fn posted_agenda(pairs: &[(String, String)]) -> Vec<String> {
    let mut key: Vec<String> =
        pairs.iter().filter(|(k, _)| k == "agenda").map(|(_, v)| v.trim().to_string()).collect();
    key.sort();
    key
}

/// What the council decided for one project.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Ballot,
    Deferred,
    Rejected,
}

impl Outcome {
    pub fn parse(s: &str) -> Option<Outcome> {
        match s {
            "ballot" => Some(Outcome::Ballot),
            "deferred" => Some(Outcome::Deferred),
            "rejected" => Some(Outcome::Rejected),
            _ => None,
        }
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            Outcome::Ballot => "ballot",
            Outcome::Deferred => "deferred",
            Outcome::Rejected => "rejected",
        }
    }

    /// The project's new status and its timeline's step.
    pub const fn effect(self) -> (ProjectStatus, EventKind) {
        match self {
            Outcome::Ballot => (ProjectStatus::Ballot, EventKind::CouncilBallot),
            Outcome::Deferred => (ProjectStatus::Deferred, EventKind::CouncilDeferred),
            Outcome::Rejected => (ProjectStatus::Rejected, EventKind::CouncilRejected),
        }
    }
}

/// A meeting as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meeting {
    /// `YYYY-MM-DD`.
    pub held_on: String,
    pub attendees: i64,
    pub minutes: String,
    /// Every agenda project with its outcome and reason.
    pub outcomes: Vec<(String, Outcome, Option<String>)>,
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && s.split('-').all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()))
        && (1..=12).contains(&s[5..7].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u32>().unwrap_or(0))
}

/// Reads the meeting form for `agenda` (project ids), on `today` (`YYYY-MM-DD`): a date
/// not in the future, attendees, minutes, and an outcome for every agenda project
/// (`outcome-<id>`, `reason-<id>`).
pub fn read_meeting(
    pairs: &[(String, String)],
    agenda: &[String],
    today: &str,
) -> Result<Meeting, Fault> {
    let held_on = first(pairs, "held_on");
    if !is_date(held_on) || held_on > today {
        return Err(find("council_date"));
    }
    let attendees = match first(pairs, "attendees").parse::<i64>() {
        Ok(n) if (1..=100_000).contains(&n) => n,
        _ => return Err(find("council_attendees")),
    };
    let minutes = first(pairs, "minutes").replace("\r\n", "\n");
    let n = minutes.chars().count();
    if !(2..=MAX_MINUTES).contains(&n) || minutes.chars().any(|c| c.is_control() && c != '\n') {
        return Err(find("council_minutes"));
    }
    if agenda.is_empty() {
        return Err(find("council_agenda"));
    }
    let mut outcomes = Vec::new();
    for id in agenda {
        let outcome = Outcome::parse(first(pairs, &format!("outcome-{id}")))
            .ok_or(find("council_outcome"))?;
        let reason = first(pairs, &format!("reason-{id}")).replace("\r\n", "\n");
        let reason = Some(reason).filter(|r| !r.is_empty());
        let len = reason.as_ref().map(|r| r.chars().count()).unwrap_or(0);
        if len > MAX_REASON || (outcome != Outcome::Ballot && len < 2) {
            return Err(find("council_reason"));
        }
        outcomes.push((id.clone(), outcome, reason));
    }
    Ok(Meeting { held_on: held_on.to_string(), attendees, minutes, outcomes })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(fields: &[(&str, &str)]) -> Vec<(String, String)> {
        fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn a_meeting_records_every_agenda_project_with_reasons_where_needed() {
        let agenda = vec!["p1".to_string(), "p2".to_string()];
        let mut f = form(&[
            ("held_on", "2026-11-28"),
            ("attendees", "23"),
            ("minutes", "议事会讨论了两个项目。"),
            ("outcome-p1", "ballot"),
            ("outcome-p2", "deferred"),
            ("reason-p2", "待物业确认场地权属后再议。"),
        ]);
        let m = read_meeting(&f, &agenda, "2026-12-01").unwrap();
        assert_eq!(m.attendees, 23);
        assert_eq!(m.outcomes[0], ("p1".into(), Outcome::Ballot, None));
        assert_eq!(m.outcomes[1].1.effect(), (ProjectStatus::Deferred, EventKind::CouncilDeferred));
        let code = |f: &[(String, String)], today: &str| {
            read_meeting(f, &agenda, today).map(|_| ()).map_err(|e| e.code)
        };
        assert_eq!(code(&f, "2026-11-27"), Err("council_date"), "not in the future");
        f.retain(|(k, _)| k != "reason-p2");
        assert_eq!(code(&f, "2026-12-01"), Err("council_reason"), "deferring says why");
        f.push(("reason-p2".into(), "再议".into()));
        f.retain(|(k, _)| k != "outcome-p1");
        assert_eq!(code(&f, "2026-12-01"), Err("council_outcome"), "every agenda project");
        f.push(("outcome-p1".into(), "maybe".into()));
        assert_eq!(code(&f, "2026-12-01"), Err("council_outcome"));
        let bad = |k: &str, v: &str| {
            let mut g = form(&[
                ("held_on", "2026-11-28"),
                ("attendees", "23"),
                ("minutes", "纪要"),
                ("outcome-p1", "ballot"),
                ("outcome-p2", "ballot"),
            ]);
            g.retain(|(x, _)| x != k);
            g.push((k.into(), v.into()));
            read_meeting(&g, &agenda, "2026-12-01").map(|_| ()).map_err(|e| e.code)
        };
        assert_eq!(bad("held_on", "2026-13-01"), Err("council_date"));
        assert_eq!(bad("held_on", "昨天"), Err("council_date"));
        assert_eq!(bad("attendees", "0"), Err("council_attendees"));
        assert_eq!(bad("minutes", ""), Err("council_minutes"));
        assert_eq!(bad("attendees", "12"), Ok(()));
        assert_eq!(read_meeting(&f, &[], "2026-12-01").map_err(|e| e.code), Err("council_agenda"));
    }
}
