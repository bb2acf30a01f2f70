//! `POST /staff/surveys/:id/close`: closes early, once confirmed (the city's monthly
//! survey then feeds the index).
use crate::surveys::error::SurveyError;
use crate::surveys::service::manage;
use crate::web::extract::Staff;
use crate::web::reply::{first, see_other, Pairs};
use crate::web::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;

pub async fn close(
    State(state): State<AppState>,
    Staff(me): Staff,
    Path(id): Path<String>,
    Form(pairs): Pairs,
) -> Result<Response, SurveyError> {
    let site = state.site.snapshot().await?;
    let tree = &site.tree;
    let page = format!("/staff/surveys/{id}");
    if first(&pairs, "confirm") != "yes" {
        manage::managed(&state.db, tree, &me, &id).await?;
        return Ok(see_other(&format!("{page}?error=close_confirm#close-h"), vec![]));
    }
    if manage::close(&state.db, tree, &me, &id).await? {
        state.site.invalidate();
        return Ok(see_other(&format!("{page}?notice=survey_closed_ok"), vec![]));
    }
    Ok(see_other(&page, vec![]))
}
