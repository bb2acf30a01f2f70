//! Deliberation: residents comment on an open project (one level of replies) and
//! report comments; the project's committee hides a comment with a public reason.
use crate::audit::{self, Audit};
use crate::db::Db;
use crate::projects::error::ProjectError;
use crate::projects::store::{comments, projects};
use app::core::access::{Duty, ResidentUser, StaffUser};
use app::core::areas::AreaTree;
use app::core::time::now;
use app::projects::rules::comments::{
    may_reply, open_for_comments, read_comment, read_hide_reason, Parent,
};
use app::projects::rules::proposal::{Fault, FAULTS};

fn fault(code: &str) -> Fault {
    FAULTS.iter().copied().find(|f| f.code == code).unwrap_or(FAULTS[0])
}

/// What a comment post did.
#[derive(Debug, PartialEq, Eq)]
pub enum Posted {
    Added,
    Refused(Fault),
    /// The consent notice first.
    Consent,
}

/// A public project's id and status; a project nobody else may see is not found.
async fn public(db: &Db, id: &str) -> Result<app::projects::model::Project, ProjectError> {
    let owned = projects::get(db.reader(), id).await?.ok_or(ProjectError::NotFound)?;
    if !owned.project.status.is_public() {
        return Err(ProjectError::NotFound);
    }
    Ok(owned.project)
}

pub async fn post(
    db: &Db,
    me: &ResidentUser,
    project: &str,
    body: &str,
    parent: &str,
) -> Result<Posted, ProjectError> {
    let p = public(db, project).await?;
    if !me.consented {
        return Ok(Posted::Consent);
    }
    if !open_for_comments(p.status) {
        return Ok(Posted::Refused(fault("comment_closed")));
    }
    let body = match read_comment(body) {
        Ok(b) => b,
        Err(f) => return Ok(Posted::Refused(f)),
    };
    let parent = if parent.is_empty() {
        None
    } else {
        let found = comments::get(db.reader(), parent).await?.filter(|(pid, _)| pid == project);
        let found =
            found.map(|(_, c)| Parent { is_reply: c.parent.is_some(), hidden: c.hidden.is_some() });
        if let Err(f) = may_reply(found) {
            return Ok(Posted::Refused(f));
        }
        Some(parent)
    };
    let mut tx = db.begin_write().await?;
    comments::add(&mut tx, project, parent, &me.id, &body, now()).await?;
    Db::commit(tx).await?;
    Ok(Posted::Added)
}

/// A resident's report of a comment (not their own); `false` when not reportable.
pub async fn report(
    db: &Db,
    me: &ResidentUser,
    project: &str,
    comment: &str,
) -> Result<bool, ProjectError> {
    public(db, project).await?;
    let Some((pid, c)) = comments::get(db.reader(), comment).await? else {
        return Err(ProjectError::NotFound);
    };
    if pid != project {
        return Err(ProjectError::NotFound);
    }
    if c.author == me.id || c.hidden.is_some() {
        return Ok(false);
    }
    let mut tx = db.begin_write().await?;
    comments::report(&mut tx, comment, &me.id).await?;
    Db::commit(tx).await?;
    Ok(true)
}

/// The committee hides a comment of its community's project with a public reason.
pub async fn hide(
    db: &Db,
    tree: &AreaTree,
    me: &StaffUser,
    project: &str,
    comment: &str,
    reason: &str,
) -> Result<Result<(), Fault>, ProjectError> {
    crate::access::require(me, Duty::ProjectReview)?;
    let p = super::review::in_area(db, tree, me, Duty::ProjectReview, project).await?;
    let Some((pid, _)) = comments::get(db.reader(), comment).await? else {
        return Err(ProjectError::NotFound);
    };
    if pid != project {
        return Err(ProjectError::NotFound);
    }
    let reason = match read_hide_reason(reason) {
        Ok(r) => r,
        Err(f) => return Ok(Err(f)),
    };
    let mut tx = db.begin_write().await?;
    if comments::hide(&mut tx, comment, &reason, now()).await? {
        let line = Audit::by(me, "project.comment.hide", &p.community_code)
            .target(comment)
            .detail(&reason);
        audit::write(&mut tx, line).await?;
    }
    Db::commit(tx).await?;
    Ok(Ok(()))
}
