//! Resident sign-in: a phone number and a six-digit code sent by SMS, or WeChat web
//! OAuth inside WeChat. Plain form posts and redirects, so sign-in works before (and
//! without) wasm; errors come back as `?error=<code>` for the page to show in the
//! resident's language.
use super::session::{clear_cookie, new_token, resident_token, set_cookie, ClientAddr};
use super::AppState;
use super::prefs::safe_next;
use crate::auth::crypto::{random_code, random_id, random_token, same, Purpose};
use crate::auth::wechat::Exchange;
use crate::storage::accounts::{OtpFailure, OtpLimits, OtpRefusal, Proof, SessionKind};
use app::auth::{normalize_phone, Viewer, OTP_COOKIE, RESIDENT_COOKIE};
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use std::collections::HashMap;

use super::lang::ReqLang;

const WECHAT_COOKIE: &str = "tx_wx";
const WECHAT_PATH: &str = "/auth/wechat";

/// A 303 to `location`, setting the given cookies.
pub fn see_other(location: &str, cookies: Vec<HeaderValue>) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(location) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    for c in cookies {
        res.headers_mut().append(header::SET_COOKIE, c);
    }
    res
}

/// Percent-encodes a value for a query string.
pub use app::prefs::encode_query as q;

fn signin_url(error: &str, next: &str, extra: &str) -> String {
    format!("/signin?error={error}&next={}{extra}", q(next))
}

type FormMap = Form<HashMap<String, String>>;

fn field<'a>(form: &'a HashMap<String, String>, name: &str) -> &'a str {
    form.get(name).map(|s| s.trim()).unwrap_or("")
}

/// Where a resident goes after signing in: the consent notice first, if they have
/// not accepted the one in force.
async fn after_sign_in(state: &AppState, resident: &str, next: &str) -> String {
    let consented = state.db.resident_data(resident).await.ok().flatten().and_then(|d| d.consent_version);
    if consented.as_deref() == Some(app::auth::CONSENT_VERSION) {
        next.to_string()
    } else {
        format!("/me/consent?next={}", q(next))
    }
}

/// `POST /auth/phone/send`: sends a code to the number, within the limits.
pub async fn send_code(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    ClientAddr(client): ClientAddr,
    Form(form): FormMap,
) -> Response {
    let next = safe_next(form.get("next"));
    let Some(phone) = normalize_phone(field(&form, "phone")) else {
        return see_other(&signin_url("phone_invalid", &next, ""), vec![]);
    };
    let limits = &state.settings.auth;
    let id = random_id();
    let code = random_code();
    let code_hash = state.secret.hash(Purpose::Code, &format!("{id}:{code}"));
    let phone_hash = state.secret.hash(Purpose::Phone, &phone);
    let client_hash = state.secret.hash(Purpose::Client, &client);
    let otp_limits = OtpLimits {
        ttl_secs: limits.code_ttl_secs,
        resend_secs: limits.resend_secs,
        per_phone_hour: limits.codes_per_phone_hour,
        per_client_hour: limits.codes_per_client_hour,
    };
    let tail = &phone[7..];
    match state.db.otp_issue(&id, (&phone_hash, tail), &client_hash, &code_hash, otp_limits).await {
        Err(e) => return super::error::HttpError::internal(e, lang).into_response(),
        Ok(Err(OtpRefusal::Cooldown(wait))) => {
            return see_other(&signin_url("cooldown", &next, &format!("&wait={wait}")), vec![]);
        }
        Ok(Err(OtpRefusal::PhoneLimit)) => return see_other(&signin_url("phone_limit", &next, ""), vec![]),
        Ok(Err(OtpRefusal::ClientLimit)) => return see_other(&signin_url("client_limit", &next, ""), vec![]),
        Ok(Ok(())) => {}
    }
    if let Err(e) = state.sms.send(&phone, &code, lang).await {
        tracing::error!(error = %e, "sign-in code not sent");
        let _ = state.db.otp_withdraw(&id).await;
        return see_other(&signin_url("sms_failed", &next, ""), vec![]);
    }
    let cookie = set_cookie(OTP_COOKIE, &id, "/", limits.code_ttl_secs, state.settings.secure_cookies);
    see_other(&format!("/signin?step=code&to={tail}&next={}", q(&next)), vec![cookie])
}

/// `POST /auth/phone/verify`: checks the code of the pending challenge.
pub async fn verify_code(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Extension(viewer): Extension<Viewer>,
    headers: HeaderMap,
    Form(form): FormMap,
) -> Response {
    let next = safe_next(form.get("next"));
    let secure = state.settings.secure_cookies;
    let Some(id) = super::session::cookie(&headers, OTP_COOKIE).filter(|v| v.len() == 32 && v.bytes().all(|b| b.is_ascii_hexdigit())) else {
        return see_other(&signin_url("code_expired", &next, ""), vec![]);
    };
    let id = id.to_string();
    let code: String = field(&form, "code").chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return see_other(&signin_url("code_format", &next, "&step=code"), vec![]);
    }
    let expected = state.secret.hash(Purpose::Code, &format!("{id}:{code}"));
    let checked = state.db.otp_check(&id, |stored| same(stored, &expected), state.settings.auth.code_attempts).await;
    let (phone_hash, tail) = match checked {
        Err(e) => return super::error::HttpError::internal(e, lang).into_response(),
        Ok(Ok(found)) => found,
        Ok(Err(failure)) => {
            let clear = vec![clear_cookie(OTP_COOKIE, "/", secure)];
            return match failure {
                OtpFailure::Wrong(left) => see_other(&signin_url("code_wrong", &next, &format!("&step=code&left={left}")), vec![]),
                OtpFailure::Used => see_other(&signin_url("code_used", &next, ""), clear),
                OtpFailure::Exhausted => see_other(&signin_url("code_exhausted", &next, ""), clear),
                OtpFailure::Expired | OtpFailure::Unknown => see_other(&signin_url("code_expired", &next, ""), clear),
            };
        }
    };
    let proof = Proof::Phone { hash: phone_hash, tail };
    finish_sign_in(&state, lang, &viewer, &proof, &next, vec![clear_cookie(OTP_COOKIE, "/", secure)]).await
}

async fn finish_sign_in(
    state: &AppState,
    lang: app::i18n::Lang,
    viewer: &Viewer,
    proof: &Proof,
    next: &str,
    mut cookies: Vec<HeaderValue>,
) -> Response {
    let (token, hash) = new_token();
    let ttl = state.settings.auth.resident_session_days * 86_400;
    let current = viewer.resident.as_ref().map(|r| r.id.as_str());
    let id = match state.db.resident_sign_in(proof, current, &hash, ttl).await {
        Ok(id) => id,
        Err(e) => return super::error::HttpError::internal(e, lang).into_response(),
    };
    cookies.push(set_cookie(RESIDENT_COOKIE, &token, "/", ttl, state.settings.secure_cookies));
    let target = after_sign_in(state, &id, next).await;
    see_other(&target, cookies)
}

/// The origin WeChat must send the resident back to.
pub(super) fn origin(state: &AppState, headers: &HeaderMap) -> String {
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    state.site_origin().resolve(host)
}

/// `GET /auth/wechat?next=…`: to WeChat's authorize page with a fresh `state`.
pub async fn wechat_start(State(state): State<AppState>, headers: HeaderMap, Query(query): Query<HashMap<String, String>>) -> Response {
    let next = safe_next(query.get("next"));
    let Some(wechat) = &state.wechat else {
        return see_other(&signin_url("wechat_unavailable", &next, ""), vec![]);
    };
    let nonce = random_token();
    let value = format!("{nonce}.{}", hex::encode(next.as_bytes()));
    let cookie = set_cookie(WECHAT_COOKIE, &value, WECHAT_PATH, 600, state.settings.secure_cookies);
    let url = wechat.authorize_url(&format!("{}/auth/wechat/callback", origin(&state, &headers)), &nonce);
    let mut res = see_other(&url, vec![cookie]);
    *res.status_mut() = StatusCode::FOUND;
    res
}

/// `GET /auth/wechat/callback?code=…&state=…`: checks `state`, exchanges the code
/// server to server and signs the resident in.
pub async fn wechat_callback(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Extension(viewer): Extension<Viewer>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let secure = state.settings.secure_cookies;
    let clear = || vec![clear_cookie(WECHAT_COOKIE, WECHAT_PATH, secure)];
    let stored = super::session::cookie(&headers, WECHAT_COOKIE).and_then(|v| v.split_once('.'));
    let next = stored
        .and_then(|(_, n)| hex::decode(n).ok())
        .and_then(|b| String::from_utf8(b).ok())
        .map(|n| safe_next(Some(&n)))
        .unwrap_or_else(|| "/".into());
    let returned = query.get("state").map(String::as_str).unwrap_or("");
    let Some((nonce, _)) = stored.filter(|(nonce, _)| !returned.is_empty() && same(nonce, returned)) else {
        tracing::warn!("WeChat sign-in: state missing or mismatched");
        return see_other(&signin_url("wechat_state", &next, ""), clear());
    };
    let _ = nonce;
    let Some(wechat) = &state.wechat else {
        return see_other(&signin_url("wechat_unavailable", &next, ""), clear());
    };
    let Some(code) = query.get("code").filter(|c| !c.is_empty() && c.len() <= 256) else {
        return see_other(&signin_url("wechat_denied", &next, ""), clear());
    };
    match wechat.exchange(code).await {
        Ok(Exchange::OpenId(openid)) => {
            let proof = Proof::OpenId { hash: state.secret.hash(Purpose::OpenId, &openid) };
            finish_sign_in(&state, lang, &viewer, &proof, &next, clear()).await
        }
        Ok(Exchange::Snapshot) => see_other(&signin_url("wechat_snapshot", &next, ""), clear()),
        Ok(Exchange::Refused { errcode, errmsg }) => {
            tracing::warn!(errcode, errmsg, "WeChat refused the code exchange");
            see_other(&signin_url("wechat_retry", &next, ""), clear())
        }
        Err(e) => {
            tracing::error!(error = %e, "WeChat code exchange failed");
            see_other(&signin_url("wechat_retry", &next, ""), clear())
        }
    }
}

/// `POST /auth/signout`: ends this session.
pub async fn sign_out(State(state): State<AppState>, ReqLang(lang): ReqLang, headers: HeaderMap) -> Response {
    if let Some(hash) = resident_token(&headers) {
        if let Err(e) = state.db.end_session(&hash).await {
            return super::error::HttpError::internal(e, lang).into_response();
        }
    }
    see_other("/me?notice=signed_out", vec![clear_cookie(RESIDENT_COOKIE, "/", state.settings.secure_cookies)])
}

/// `POST /auth/signout-all`: ends every session of the signed-in resident.
pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    super::session::Resident(me): super::session::Resident,
) -> Response {
    if let Err(e) = state.db.end_all_sessions(SessionKind::Resident, &me.id).await {
        return super::error::HttpError::internal(e, lang).into_response();
    }
    see_other("/me?notice=signed_out_all", vec![clear_cookie(RESIDENT_COOKIE, "/", state.settings.secure_cookies)])
}
