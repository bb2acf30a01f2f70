//! `POST /staff/surveys/:id/delete`: deletes a draft.
use crate::surveys::error::SurveyError;
use crate::surveys::service::manage;
use crate::web::extract::Staff;
use crate::web::reply::see_other;
use crate::web::AppState;
use axum::extract::{Path, State};
use axum::response::Response;

pub async fn delete(
    State(state): State<AppState>,
    Staff(me): Staff,
    Path(id): Path<String>,
) -> Result<Response, SurveyError> {
    let site = state.site.snapshot().await?;
    let tree = &site.tree;
    Ok(match manage::delete(&state.db, tree, &me, &id).await? {
        true => see_other("/staff/surveys?notice=survey_deleted", vec![]),
        false => see_other(&format!("/staff/surveys/{id}"), vec![]),
    })
}
