//! Comments: `POST /projects/:id/comments` (a comment or a reply),
//! `POST /projects/:id/comments/:cid/report`, and the committee's
//! `POST /staff/projects/:id/comments/:cid/hide`.
use crate::projects::error::ProjectError;
use crate::projects::service::comments::{self, Posted};
use crate::web::extract::{AnyViewer, Resident, Staff};
use crate::web::reply::{first, q, see_other, Pairs};
use crate::web::AppState;
use app::core::ids::RecordId;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;

fn ids(id: &str, cid: Option<&str>) -> Result<(String, String), ProjectError> {
    let id = RecordId::parse(id).map_err(|_| ProjectError::NotFound)?;
    let cid = match cid {
        Some(c) => RecordId::parse(c).map_err(|_| ProjectError::NotFound)?.as_str().to_string(),
        None => String::new(),
    };
    Ok((id.as_str().to_string(), cid))
}

pub async fn post(
    State(state): State<AppState>,
    AnyViewer(viewer): AnyViewer,
    Path(id): Path<String>,
    Form(pairs): Pairs,
) -> Result<Response, ProjectError> {
    let (id, _) = ids(&id, None)?;
    let page = format!("/projects/{id}");
    let Some(me) = viewer.resident else {
        return Ok(see_other(&format!("/signin?next={}", q(&format!("{page}#comments"))), vec![]));
    };
    let parent = first(&pairs, "parent");
    let to = match comments::post(&state.db, &me, &id, first(&pairs, "body"), parent).await? {
        Posted::Added => format!("{page}?notice=comment_added#comments"),
        Posted::Refused(f) => format!("{page}?error={}#comments", f.code),
        Posted::Consent => format!("/me/consent?next={}", q(&format!("{page}#comments"))),
    };
    Ok(see_other(&to, vec![]))
}

pub async fn report(
    State(state): State<AppState>,
    Resident(me): Resident,
    Path((id, cid)): Path<(String, String)>,
) -> Result<Response, ProjectError> {
    let (id, cid) = ids(&id, Some(&cid))?;
    let done = comments::report(&state.db, &me, &id, &cid).await?;
    let code = if done { "notice=comment_reported" } else { "" };
    Ok(see_other(&format!("/projects/{id}?{code}#comments"), vec![]))
}

pub async fn hide(
    State(state): State<AppState>,
    Staff(me): Staff,
    Path((id, cid)): Path<(String, String)>,
    Form(pairs): Pairs,
) -> Result<Response, ProjectError> {
    let (id, cid) = ids(&id, Some(&cid))?;
    let site = state.site.snapshot().await?;
    let reason = first(&pairs, "reason");
    let page = format!("/staff/projects/{id}");
    let to = match comments::hide(&state.db, &site.tree, &me, &id, &cid, reason).await? {
        Ok(()) => format!("{page}?notice=comment_hidden#comments"),
        Err(f) => format!("{page}?error={}#comments", f.code),
    };
    Ok(see_other(&to, vec![]))
}
