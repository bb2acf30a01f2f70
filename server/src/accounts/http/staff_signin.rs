//! `POST /staff/signin` (password and, when on, the TOTP code; with back-off),
//! `/staff/signout` and `/staff/signout-all`.
use crate::accounts::error::AccountError;
use crate::accounts::service::{self, StaffAttempt};
use crate::web::extract::{ClientAddr, Staff};
use crate::web::reply::{field, q, safe_next, see_other, FormMap};
use crate::web::session::{clear_cookie, set_cookie, staff_token};
use crate::web::AppState;
use app::core::access::STAFF_COOKIE;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;

/// Cookie path of staff sessions: public pages never carry them.
pub use app::core::access::STAFF_PATH;

pub async fn sign_in(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    form: FormMap,
) -> Result<Response, AccountError> {
    let next = match safe_next(form.get("next")) {
        n if n.starts_with(STAFF_PATH) => n,
        _ => STAFF_PATH.to_string(),
    };
    let back =
        |error: &str| see_other(&format!("/staff/signin?error={error}&next={}", q(&next)), vec![]);
    let username = field(&form, "username");
    let password = form.get("password").cloned().unwrap_or_default();
    let code = field(&form, "totp");
    let attempt =
        service::staff_sign_in(&state.db, &state.identity, username, password, code, &client)
            .await?;
    Ok(match attempt {
        StaffAttempt::Ok(token) => {
            let ttl = state.identity.limits.staff_session_hours * 3600;
            let cookie =
                set_cookie(STAFF_COOKIE, &token, STAFF_PATH, ttl, state.settings.secure_cookies);
            see_other(&next, vec![cookie])
        }
        StaffAttempt::ClientLimit => back("client_limit"),
        StaffAttempt::Refused => back("staff_refused"),
        StaffAttempt::Locked => back("staff_locked"),
        StaffAttempt::Inactive => back("staff_inactive"),
    })
}

pub async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AccountError> {
    service::sign_out(&state.db, staff_token(&headers, state.settings.secure_cookies)).await?;
    let clear = clear_cookie(STAFF_COOKIE, STAFF_PATH, state.settings.secure_cookies);
    Ok(see_other("/staff/signin?notice=signed_out", vec![clear]))
}

pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    Staff(me): Staff,
) -> Result<Response, AccountError> {
    service::sign_out_everywhere(&state.db, service::SessionKind::Staff, &me.id).await?;
    let clear = clear_cookie(STAFF_COOKIE, STAFF_PATH, state.settings.secure_cookies);
    Ok(see_other("/staff/signin?notice=signed_out_all", vec![clear]))
}
