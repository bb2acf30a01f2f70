//! `POST /surveys/:id/answer`: a resident's answers, a plain form post.
use crate::surveys::error::SurveyError;
use crate::surveys::service::answer::DRAFT_TTL;
use crate::surveys::service::answer::{self, Submission};
use crate::web::extract::{AnyViewer, ClientAddr};
use crate::web::reply::{see_other, Pairs};
use crate::web::session::{set_cookie, token};
use crate::web::AppState;
use app::core::ids::RecordId;
use app::surveys::api::DRAFT_COOKIE;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Form;

pub async fn answer(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    AnyViewer(viewer): AnyViewer,
    Path(id): Path<String>,
    headers: HeaderMap,
    Form(pairs): Pairs,
) -> Result<Response, SurveyError> {
    let id = RecordId::parse(&id).map_err(|_| SurveyError::NotFound)?;
    if !state.submit_limiter.allow(&client) {
        return Ok(see_other(&format!("/surveys/{id}?error=rate_limit"), vec![]));
    }
    let site = state.site.snapshot().await?;
    let tree = &site.tree;
    let sub = Submission {
        pairs,
        draft_token: token(&headers, DRAFT_COOKIE, state.settings.secure_cookies),
        client,
        drafts_per_client_day: state.identity.limits.drafts_per_client_day,
    };
    let answered = answer::answer(
        &state.db,
        &state.identity.key,
        tree,
        viewer.resident.as_ref(),
        id.as_str(),
        sub,
    )
    .await?;
    let to = super::landing::destination(&id, &answered)?;
    let cookies = answered
        .new_token
        .map(|t| set_cookie(DRAFT_COOKIE, &t, "/", DRAFT_TTL, state.settings.secure_cookies))
        .into_iter()
        .collect();
    Ok(see_other(&to, cookies))
}
