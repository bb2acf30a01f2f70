//! `POST /staff/projects/council`: the committee's record of a council meeting.
use crate::projects::error::ProjectError;
use crate::projects::service::council;
use crate::web::extract::Staff;
use crate::web::reply::{first, q, see_other, Pairs};
use crate::web::AppState;
use axum::extract::State;
use axum::response::Response;
use axum::Form;

pub async fn record(
    State(state): State<AppState>,
    Staff(me): Staff,
    Form(pairs): Pairs,
) -> Result<Response, ProjectError> {
    let community = first(&pairs, "community").to_string();
    let site = state.site.snapshot().await?;
    let page = format!("/staff/projects/council?community={}", q(&community));
    let to = match council::record(&state.db, &site.tree, &me, &community, &pairs).await? {
        Ok(()) => format!("{page}&notice=council_saved"),
        Err(f) => format!("{page}&error={}#record-h", f.code),
    };
    Ok(see_other(&to, vec![]))
}
