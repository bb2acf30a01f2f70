//! `POST /projects/save`: the proposal form (a new draft, or the author's own), saved
//! as a draft or sent for review. A guest is sent to sign in first.
use crate::projects::error::ProjectError;
use crate::projects::service::propose::{self, Saved};
use crate::web::extract::AnyViewer;
use crate::web::reply::{first, q, see_other, Pairs};
use crate::web::AppState;
use app::core::access::NotEligible;
use axum::extract::State;
use axum::response::Response;
use axum::Form;

pub async fn save(
    State(state): State<AppState>,
    AnyViewer(viewer): AnyViewer,
    Form(pairs): Pairs,
) -> Result<Response, ProjectError> {
    let id = first(&pairs, "id");
    let id = if id.is_empty() || app::core::ids::RecordId::parse(id).is_ok() {
        id
    } else {
        return Err(ProjectError::NotFound);
    };
    let form =
        if id.is_empty() { "/projects/new".to_string() } else { format!("/projects/{id}/edit") };
    let Some(me) = viewer.resident else {
        return Ok(see_other(&format!("/signin?next={}", q(&form)), vec![]));
    };
    let site = state.site.snapshot().await?;
    let submit = first(&pairs, "action") == "submit";
    let rules = &state.settings.projects;
    let saved = propose::save(&state.db, &site.tree, rules, &me, id, &pairs, submit).await?;
    let to = match saved {
        Saved::Draft(id) => format!("/projects/{id}/edit?notice=project_saved"),
        Saved::Submitted(id) => format!("/projects/{id}?notice=project_submitted"),
        Saved::Refused(f) => format!("{form}?error={}", f.code),
        Saved::NotReady(id, f) => format!("/projects/{id}/edit?error={}", f.code),
        Saved::NotEditable(id) => format!("/projects/{id}?error=project_not_editable"),
        Saved::NotEligible(NotEligible::Consent) => format!("/me/consent?next={}", q(&form)),
        Saved::NotEligible(_) => format!("/me?next={}&error=community_first#community", q(&form)),
    };
    Ok(see_other(&to, vec![]))
}
