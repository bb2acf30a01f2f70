//! `POST /auth/signout` (this browser) and `POST /auth/signout-all` (every session of
//! the signed-in resident).
use crate::accounts::error::AccountError;
use crate::accounts::service;
use crate::web::extract::Resident;
use crate::web::reply::see_other;
use crate::web::session::{clear_cookie, resident_token};
use crate::web::AppState;
use app::core::access::RESIDENT_COOKIE;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;

pub async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AccountError> {
    service::sign_out(&state.db, resident_token(&headers, state.settings.secure_cookies)).await?;
    let clear = clear_cookie(RESIDENT_COOKIE, "/", state.settings.secure_cookies);
    Ok(see_other("/me?notice=signed_out", vec![clear]))
}

pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    Resident(me): Resident,
) -> Result<Response, AccountError> {
    service::sign_out_everywhere(&state.db, service::SessionKind::Resident, &me.id).await?;
    let clear = clear_cookie(RESIDENT_COOKIE, "/", state.settings.secure_cookies);
    Ok(see_other("/me?notice=signed_out_all", vec![clear]))
}
