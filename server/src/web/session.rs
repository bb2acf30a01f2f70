//! Sessions: the cookies that carry them, and the middleware that turns them into the
//! request's [`Viewer`] (handlers take it with the extractors of `extract`).
use super::error::Refusal;
use super::AppState;
use crate::crypto::token_hash;
pub use app::core::access::stored_name;
use app::core::access::{StaffSetup, Viewer, RESIDENT_COOKIE, STAFF_COOKIE, STAFF_PATH};
use app::core::i18n::Msg;
use app::core::ids::Token;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The value of cookie `name` in the request, if present.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| k.trim() == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

fn header_value(stored: &str, value: &str, path: &str, max_age: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let text =
        format!("{stored}={value}; Path={path}; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}");
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static("x=; Max-Age=0"))
}

/// A `Set-Cookie` value for a session or sign-in cookie: HttpOnly, SameSite=Lax, and
/// with `secure_cookies` Secure under its prefixed name ([`stored_name`]).
pub fn set_cookie(name: &str, value: &str, path: &str, max_age: i64, secure: bool) -> HeaderValue {
    header_value(&stored_name(name, path, secure), value, path, max_age, secure)
}

pub fn clear_cookie(name: &str, path: &str, secure: bool) -> HeaderValue {
    set_cookie(name, "", path, 0, secure)
}

/// A preference cookie (language, area): its plain name in every setting, as pages
/// read it; Secure with `secure_cookies`.
pub fn set_plain_cookie(name: &str, value: &str, max_age: i64, secure: bool) -> HeaderValue {
    header_value(name, value, "/", max_age, secure)
}

/// The value of a cookie set with [`set_cookie`] (its stored name).
pub fn cookie_at<'a>(
    headers: &'a HeaderMap,
    name: &str,
    path: &str,
    secure: bool,
) -> Option<&'a str> {
    cookie(headers, &stored_name(name, path, secure))
}

/// A token cookie's value (set at path `/`), when it has a token's shape (64 hex digits).
pub fn token(headers: &HeaderMap, name: &str, secure: bool) -> Option<String> {
    token_at(headers, name, "/", secure)
}

fn token_at(headers: &HeaderMap, name: &str, path: &str, secure: bool) -> Option<String> {
    cookie_at(headers, name, path, secure)
        .and_then(|t| Token::parse(t).ok())
        .map(|t| t.as_str().to_string())
}

/// Resolves the session cookies into the request's [`Viewer`]. Requests without a
/// session cookie (most page views) cost nothing.
pub async fn resolve(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let secure = state.settings.secure_cookies;
    let resident = resident_token(req.headers(), secure);
    let staff = staff_token(req.headers(), secure);
    let viewer = if resident.is_some() || staff.is_some() {
        let (resident, staff) = (resident.as_deref(), staff.as_deref());
        match crate::accounts::service::viewer(&state.db, &state.identity, resident, staff).await {
            Ok(viewer) => viewer,
            Err(e) => return Refusal::internal(&e).into_response(),
        }
    } else {
        Viewer::default()
    };
    if let Some(refused) = viewer.staff.as_ref().and_then(|s| setup_first(s.setup, &req)) {
        return refused;
    }
    req.extensions_mut().insert(viewer);
    next.run(req).await
}

/// Where a staff member may go while their account's security is not set up: the
/// security page and its forms, and signing out. Pages elsewhere send them there;
/// anything else is refused.
const SETUP_PATHS: &[&str] =
    &["/staff/security", "/staff/rpc/security", "/staff/signout", "/staff/signin"];

fn setup_first(setup: StaffSetup, req: &Request) -> Option<Response> {
    let path = req.uri().path();
    if setup == StaffSetup::Ready
        || !path.starts_with("/staff")
        || SETUP_PATHS.iter().any(|p| path == *p || path.starts_with(&format!("{p}/")))
    {
        return None;
    }
    if req.method() == Method::GET && !path.starts_with("/staff/rpc/") {
        return Some(super::reply::see_other("/staff/security", vec![]));
    }
    Some(
        Refusal::new(StatusCode::FORBIDDEN, "setup_required", Msg::StaffErrSetupRequired)
            .back("/staff/security")
            .into_response(),
    )
}

/// The signed-in resident's session token hash, if any.
pub fn resident_token(headers: &HeaderMap, secure: bool) -> Option<String> {
    token(headers, RESIDENT_COOKIE, secure).map(|t| token_hash(&t))
}

/// The staff session's token hash, if any (its cookie lives under [`STAFF_PATH`]).
pub fn staff_token(headers: &HeaderMap, secure: bool) -> Option<String> {
    token_at(headers, STAFF_COOKIE, STAFF_PATH, secure).map(|t| token_hash(&t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_found_by_exact_name() {
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, HeaderValue::from_static("tx_sidx=1; tx_sid=abc; tx_lang=en"));
        assert_eq!(cookie(&h, "tx_sid"), Some("abc"));
        assert_eq!(cookie(&h, "tx_staff"), None);
        assert_eq!(resident_token(&h, false), None, "not a token shape");
    }

    #[test]
    fn over_https_session_cookies_carry_the_host_or_secure_prefix() {
        let t = "ab".repeat(32);
        let c = set_cookie("tx_sid", &t, "/", 60, true);
        assert!(c.to_str().unwrap().starts_with(&format!("__Host-tx_sid={t}; Path=/;")));
        let c = set_cookie("tx_staff", &t, "/staff", 60, true);
        assert!(c.to_str().unwrap().starts_with(&format!("__Secure-tx_staff={t}; Path=/staff;")));
        // Read under the prefixed name only: a plain one planted over HTTP is ignored.
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, HeaderValue::from_str(&format!("tx_sid={t}")).unwrap());
        assert_eq!(resident_token(&h, true), None);
        assert!(resident_token(&h, false).is_some());
        let both = format!("tx_staff={}; __Secure-tx_staff={t}", "cd".repeat(32));
        h.insert(header::COOKIE, HeaderValue::from_str(&both).unwrap());
        assert_eq!(staff_token(&h, true), Some(token_hash(&t)));
        // Preferences keep their plain names.
        let c = set_plain_cookie("tx_lang", "en", 60, true);
        assert!(c.to_str().unwrap().starts_with("tx_lang=en; Path=/;"));
    }

    #[test]
    fn cookies_are_http_only_and_lax() {
        let c = set_cookie("tx_sid", "t", "/", 60, false);
        assert_eq!(c.to_str().unwrap(), "tx_sid=t; Path=/; Max-Age=60; HttpOnly; SameSite=Lax");
        let c = set_cookie("tx_sid", "t", "/", 60, true);
        assert_eq!(
            c.to_str().unwrap(),
            "__Host-tx_sid=t; Path=/; Max-Age=60; HttpOnly; SameSite=Lax; Secure"
        );
    }
}
