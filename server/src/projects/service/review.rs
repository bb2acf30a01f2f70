//! The committee's review of a proposal of its own community: accept under a
//! positive-list category, send back, or reject with a public reason. The status
//! moves only from "submitted", so two reviews cannot both land.
use crate::access::authorise;
use crate::audit::{self, Audit};
use crate::db::Db;
use crate::projects::error::ProjectError;
use crate::projects::store::{events, lists, projects};
use app::core::access::{Duty, StaffUser};
use app::core::areas::AreaTree;
use app::core::time::now;
use app::projects::model::{Actor, ProjectStatus};
use app::projects::rules::proposal::{read_decision, review as decide, Fault};

/// The project, when it is in `me`'s area and past its draft (a draft is the
/// author's alone: a committee is told it is not theirs, as for another area).
pub async fn in_area(
    db: &Db,
    tree: &AreaTree,
    me: &StaffUser,
    duty: Duty,
    id: &str,
) -> Result<app::projects::model::Project, ProjectError> {
    let owned = projects::get(db.reader(), id).await?.ok_or(ProjectError::NotFound)?;
    let p = owned.project;
    authorise(me, duty, &p.community_code, tree)?;
    if p.status == ProjectStatus::Draft {
        return Err(ProjectError::NotFound);
    }
    Ok(p)
}

/// Applies the review form; `Err(fault)` changes nothing.
pub async fn review(
    db: &Db,
    tree: &AreaTree,
    me: &StaffUser,
    id: &str,
    pairs: &[(String, String)],
) -> Result<Result<ProjectStatus, Fault>, ProjectError> {
    crate::access::require(me, Duty::ProjectReview)?;
    let p = in_area(db, tree, me, Duty::ProjectReview, id).await?;
    let decision = match read_decision(pairs) {
        Ok(d) => d,
        Err(f) => return Ok(Err(f)),
    };
    let lists = lists::all(db.reader()).await?;
    let reviewed = match decide(p.status, &decision, &lists) {
        Ok(r) => r,
        Err(f) => return Ok(Err(f)),
    };
    let at = now();
    let mut tx = db.begin_write().await?;
    let m = projects::Move {
        from: ProjectStatus::Submitted,
        to: reviewed.status,
        category: reviewed.category.as_deref(),
        reason: reviewed.reason.as_deref(),
        negative: reviewed.negative.as_ref(),
    };
    if !projects::move_status(&mut tx, id, m, at).await? {
        return Ok(Err(app::projects::rules::proposal::FAULTS
            .into_iter()
            .find(|f| f.code == "review_not_waiting")
            .unwrap_or(app::projects::rules::proposal::FAULTS[0])));
    }
    let actor = Actor::Staff { role: me.role, area: me.area_code.clone() };
    let reason = reviewed.reason.as_deref();
    events::append(&mut tx, id, at, &actor, reviewed.event, reason, reviewed.negative.as_ref())
        .await?;
    let detail = format!("{} {}", reviewed.status.as_str(), reason.unwrap_or(""));
    let line = Audit::by(me, "project.review", &p.community_code).target(id).detail(detail.trim());
    audit::write(&mut tx, line).await?;
    Db::commit(tx).await?;
    Ok(Ok(reviewed.status))
}
