//! Supports (附议): verified residents of the project's community, one per person
//! (per identity, through the participation marks, so that a new account of the
//! same phone or WeChat cannot support twice); the support that reaches the
//! threshold sends the project to the residents' council, in the same transaction.
use crate::crypto::ServerKey;
use crate::db::Db;
use crate::participation::{self, store as marks, Activity};
use crate::projects::error::ProjectError;
use crate::projects::store::{events, projects, supports};
use app::core::access::{Audience, NotEligible, ResidentUser};
use app::core::areas::AreaTree;
use app::core::time::now;
use app::projects::model::{Actor, EventKind, ProjectRules, ProjectStatus};
use app::projects::rules::proposal::{support as count, Supported};

#[derive(Debug, PartialEq, Eq)]
pub enum Support {
    Counted,
    ToCouncil,
    Already,
    /// Not collecting supports (not accepted yet, or already through).
    Closed,
    Author,
    NotEligible(NotEligible),
}

pub async fn support(
    db: &Db,
    key: &ServerKey,
    tree: &AreaTree,
    rules: &ProjectRules,
    me: &ResidentUser,
    id: &str,
) -> Result<Support, ProjectError> {
    let owned = projects::get(db.reader(), id).await?.ok_or(ProjectError::NotFound)?;
    if !owned.project.status.is_public() {
        return Err(ProjectError::NotFound);
    }
    let audience = Audience { area: owned.project.community_code.clone(), verified_only: true };
    if let Err(why) = me.may_take_part(&audience, tree) {
        return Ok(Support::NotEligible(why));
    }
    if owned.author == me.id {
        return Ok(Support::Author);
    }
    // Everything that decides is read again inside the write transaction: the status,
    // the count and the marks of every identity of the person.
    let mut tx = db.begin_write().await?;
    let Some(now_owned) = projects::get(&mut *tx, id).await? else {
        return Err(ProjectError::NotFound);
    };
    let p = now_owned.project;
    let outcome = count(p.status, p.supports, rules);
    if outcome == Supported::NotCollecting {
        return Ok(Support::Closed);
    }
    let activity = Activity::Project(id);
    let identities = crate::accounts::service::identities_in(&mut tx, &me.id).await?;
    let m = participation::marks(key, activity, &identities);
    if marks::taken(&mut *tx, activity, &m).await? {
        return Ok(Support::Already);
    }
    // The account's own record is the second guard (an account without identities
    // leaves no marks).
    if !supports::record(&mut tx, id, &me.id).await? {
        return Ok(Support::Already);
    }
    marks::leave(&mut tx, activity, &m).await?;
    projects::count_support(&mut tx, id).await?;
    let result = if outcome == Supported::ToCouncil {
        let at = now();
        let to = projects::Move {
            from: ProjectStatus::Accepted,
            to: ProjectStatus::Council,
            category: None,
            reason: None,
            negative: None,
        };
        projects::move_status(&mut tx, id, to, at).await?;
        events::append(&mut tx, id, at, &Actor::Site, EventKind::ToCouncil, None, None).await?;
        // Nobody can support it any more: the marks have done their work.
        marks::purge(&mut tx, activity).await?;
        Support::ToCouncil
    } else {
        Support::Counted
    };
    Db::commit(tx).await?;
    Ok(result)
}
