//! Accounts over HTTP: residents' sign-in (phone code, WeChat), sign-out, "我的"
//! (consent, community, verification, export, deletion), and the staff forms (sign-in,
//! verification decisions, rolls, accounts). Plain form posts and redirects: errors come
//! back as `?error=<code>` for the page to show in the reader's language.
pub mod export;
pub mod me;
pub mod phone;
pub mod residents;
pub mod signout;
pub mod staff_accounts;
pub mod staff_security;
pub mod staff_signin;
pub mod wechat;

use super::service::Proof;
use super::service::{self, Identity};
use crate::web::reply::{q, see_other};
use crate::web::session::{resident_token, set_cookie};
use crate::web::AppState;
use app::core::access::RESIDENT_COOKIE;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::Response;

/// The sign-in page with an error to show, keeping where the resident was going.
pub(crate) fn signin_url(error: &str, next: &str, extra: &str) -> String {
    format!("/signin?error={error}&next={}{extra}", q(next))
}

/// Opens the resident's session (ending whatever session this browser held) and sends
/// them on: to the consent notice first, if they have not accepted the one in force.
pub(crate) async fn finish_sign_in(
    state: &AppState,
    headers: &HeaderMap,
    proof: &Proof,
    next: &str,
    mut cookies: Vec<HeaderValue>,
) -> Result<Response, super::error::AccountError> {
    let identity: &Identity = &state.identity;
    let previous = resident_token(headers, state.settings.secure_cookies);
    let signed = service::sign_in(&state.db, identity, proof, previous.as_deref()).await?;
    let ttl = identity.limits.resident_session_days * 86_400;
    cookies.push(set_cookie(
        RESIDENT_COOKIE,
        &signed.token,
        "/",
        ttl,
        state.settings.secure_cookies,
    ));
    let target = match signed.consented {
        true => next.to_string(),
        false => format!("/me/consent?next={}", q(next)),
    };
    Ok(see_other(&target, cookies))
}
