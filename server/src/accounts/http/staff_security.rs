//! `/staff/security`: a staff member's own password and second factor. `POST
//! /staff/security/password`, `…/totp/start`, `…/totp/confirm`, `…/totp/off`, and the
//! QR code of the secret being enrolled (`GET …/totp.svg`, never cached).
use crate::accounts::error::AccountError;
use crate::accounts::service::{self, PasswordChange};
use crate::web::extract::Staff;
use crate::web::reply::{field, see_other, FormMap};
use crate::web::session::staff_token;
use crate::web::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};

const PAGE: &str = "/staff/security";

fn back(query: &str, anchor: &str) -> Response {
    see_other(&format!("{PAGE}?{query}#{anchor}"), vec![])
}

fn secret(form: &FormMap, name: &str) -> String {
    form.get(name).cloned().unwrap_or_default()
}

pub async fn change_password(
    State(state): State<AppState>,
    Staff(me): Staff,
    headers: HeaderMap,
    form: FormMap,
) -> Result<Response, AccountError> {
    let session = staff_token(&headers, state.settings.secure_cookies);
    let changed = service::change_password(
        &state.db,
        &me,
        secret(&form, "current"),
        secret(&form, "new"),
        form.get("repeat").map(String::as_str).unwrap_or(""),
        session.as_deref(),
    )
    .await?;
    Ok(match changed {
        PasswordChange::Changed => back("notice=password_changed", "password"),
        PasswordChange::Refused(code) => back(&format!("error={code}"), "password"),
    })
}

pub async fn totp_start(
    State(state): State<AppState>,
    Staff(me): Staff,
) -> Result<Response, AccountError> {
    if service::totp_on(&state.db, &me).await? {
        return Ok(back("", "totp"));
    }
    service::totp_start(&state.db, &state.identity, &me).await?;
    Ok(back("step=scan", "totp"))
}

pub async fn totp_confirm(
    State(state): State<AppState>,
    Staff(me): Staff,
    form: FormMap,
) -> Result<Response, AccountError> {
    let code = field(&form, "code");
    Ok(if service::totp_confirm(&state.db, &state.identity, &me, code).await? {
        back("notice=totp_enabled", "totp")
    } else {
        back("step=scan&error=totp_wrong", "totp")
    })
}

pub async fn totp_off(
    State(state): State<AppState>,
    Staff(me): Staff,
    form: FormMap,
) -> Result<Response, AccountError> {
    Ok(match service::totp_disable(&state.db, &me, secret(&form, "password")).await? {
        Ok(()) => back("notice=totp_disabled", "totp"),
        Err(code) => back(&format!("error={code}"), "totp"),
    })
}

pub async fn totp_qr(
    State(state): State<AppState>,
    Staff(me): Staff,
) -> Result<Response, AccountError> {
    let pending = service::totp_pending(&state.db, &state.identity, &me).await?;
    let code = pending.and_then(|p| crate::qr::code(&p.uri)).ok_or(AccountError::BadRequest)?;
    let headers = [(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, "no-store")];
    Ok((headers, crate::qr::svg(&code)).into_response())
}
