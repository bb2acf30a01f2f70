//! `POST /staff/projects/lists` and `/staff/projects/lists/remove`: the city
//! administrator's edits of the review lists.
use crate::projects::error::ProjectError;
use crate::projects::service::lists;
use crate::web::extract::Staff;
use crate::web::reply::{first, see_other, Pairs};
use crate::web::AppState;
use axum::extract::State;
use axum::response::Response;
use axum::Form;

const PAGE: &str = "/staff/projects/lists";

pub async fn add(
    State(state): State<AppState>,
    Staff(me): Staff,
    Form(pairs): Pairs,
) -> Result<Response, ProjectError> {
    let to = match lists::add(&state.db, &me, &pairs).await? {
        Ok(()) => format!("{PAGE}?notice=list_saved"),
        Err(f) => format!("{PAGE}?error={}", f.code),
    };
    Ok(see_other(&to, vec![]))
}

pub async fn remove(
    State(state): State<AppState>,
    Staff(me): Staff,
    Form(pairs): Pairs,
) -> Result<Response, ProjectError> {
    lists::remove(&state.db, &me, first(&pairs, "id")).await?;
    Ok(see_other(&format!("{PAGE}?notice=list_saved"), vec![]))
}
