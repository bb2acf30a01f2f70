//! `POST /staff/projects/:id/review`: the committee's decision on a proposal.
use crate::projects::error::ProjectError;
use crate::projects::service::review;
use crate::web::extract::Staff;
use crate::web::reply::{see_other, Pairs};
use crate::web::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;

pub async fn review(
    State(state): State<AppState>,
    Staff(me): Staff,
    Path(id): Path<String>,
    Form(pairs): Pairs,
) -> Result<Response, ProjectError> {
    let id = app::core::ids::RecordId::parse(&id).map_err(|_| ProjectError::NotFound)?;
    let site = state.site.snapshot().await?;
    let page = format!("/staff/projects/{id}");
    let to = match review::review(&state.db, &site.tree, &me, id.as_str(), &pairs).await? {
        Ok(_) => format!("{page}?notice=reviewed"),
        Err(f) => format!("{page}?error={}#review-h", f.code),
    };
    Ok(see_other(&to, vec![]))
}
