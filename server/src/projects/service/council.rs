//! The committee records its residents' council: the meeting and, for every project on
//! the agenda, the outcome — each project's status and timeline change with it, in
//! one transaction with the audit line.
use crate::access::authorise;
use crate::audit::{self, Audit};
use crate::db::Db;
use crate::projects::error::ProjectError;
use crate::projects::store::{council, events, projects};
use app::core::access::{Duty, StaffUser};
use app::core::areas::AreaTree;
use app::core::time::{china_date, now};
use app::projects::model::Actor;
use app::projects::rules::council::{agenda_key, posted_agenda, read_meeting};
use app::projects::rules::proposal::{Fault, FAULTS};

pub async fn record(
    db: &Db,
    tree: &AreaTree,
    me: &StaffUser,
    community: &str,
    pairs: &[(String, String)],
) -> Result<Result<(), Fault>, ProjectError> {
    crate::access::require(me, Duty::ProjectReview)?;
    authorise(me, Duty::ProjectReview, community, tree)?;
    let at = now();
    let mut tx = db.begin_write().await?;
    // The agenda is read in the write transaction: what is recorded is what was waiting.
    let agenda: Vec<_> = projects::list(&mut *tx)
        .await?
        .into_iter()
        .filter(|p| p.community_code == community && p.status.on_agenda())
        .collect();
    let ids: Vec<String> = agenda.iter().map(|p| p.id.clone()).collect();
    let shown = posted_agenda(pairs);
    if !ids.is_empty() && shown != agenda_key(agenda.iter().map(|p| (p.id.clone(), p.status))) {
        let stale = FAULTS.iter().copied().find(|f| f.code == "council_stale").unwrap_or(FAULTS[0]);
        return Ok(Err(stale));
    }
    let meeting = match read_meeting(pairs, &ids, &china_date(at)) {
        Ok(m) => m,
        Err(f) => return Ok(Err(f)),
    };
    let id = council::add(&mut tx, community, &meeting, at).await?;
    let actor = Actor::Staff { role: me.role, area: me.area_code.clone() };
    for ((pid, outcome, reason), p) in meeting.outcomes.iter().zip(&agenda) {
        let (to, event) = outcome.effect();
        let m = projects::Move {
            from: p.status,
            to,
            category: None,
            reason: reason.as_deref(),
            negative: None,
        };
        if !projects::move_status(&mut tx, pid, m, at).await? {
            let moved =
                FAULTS.iter().copied().find(|f| f.code == "council_agenda").unwrap_or(FAULTS[0]);
            return Ok(Err(moved));
        }
        events::append(&mut tx, pid, at, &actor, event, reason.as_deref(), None).await?;
    }
    let detail =
        format!("{} · {} attended · {} projects", meeting.held_on, meeting.attendees, ids.len());
    audit::write(&mut tx, Audit::by(me, "project.council", community).target(&id).detail(&detail))
        .await?;
    Db::commit(tx).await?;
    Ok(Ok(()))
}
