//! Sessions: the cookies that carry them, and the middleware that turns them into the
//! request's [`Viewer`] (handlers take it with the extractors of `extract`).
use super::error::Refusal;
use super::AppState;
use crate::crypto::token_hash;
use app::core::access::{StaffSetup, Viewer, RESIDENT_COOKIE, STAFF_COOKIE};
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

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, Secure when configured.
pub fn set_cookie(name: &str, value: &str, path: &str, max_age: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let text =
        format!("{name}={value}; Path={path}; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}");
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static("x=; Max-Age=0"))
}

pub fn clear_cookie(name: &str, path: &str, secure: bool) -> HeaderValue {
    set_cookie(name, "", path, 0, secure)
}

/// A token cookie's value, when it has a token's shape (64 hex digits).
pub fn token(headers: &HeaderMap, name: &str) -> Option<String> {
    cookie(headers, name).and_then(|t| Token::parse(t).ok()).map(|t| t.as_str().to_string())
}

/// The stored hash of a token cookie; anything that is not a token is ignored.
fn token_of(headers: &HeaderMap, name: &str) -> Option<String> {
    token(headers, name).map(|t| token_hash(&t))
}

/// Resolves the session cookies into the request's [`Viewer`]. Requests without a
/// session cookie (most page views) cost nothing.
pub async fn resolve(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let resident = token_of(req.headers(), RESIDENT_COOKIE);
    let staff = token_of(req.headers(), STAFF_COOKIE);
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
pub fn resident_token(headers: &HeaderMap) -> Option<String> {
    token_of(headers, RESIDENT_COOKIE)
}

pub fn staff_token(headers: &HeaderMap) -> Option<String> {
    token_of(headers, STAFF_COOKIE)
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
        assert_eq!(token_of(&h, "tx_sid"), None, "not a token shape");
    }

    #[test]
    fn cookies_are_http_only_and_lax() {
        let c = set_cookie("tx_sid", "t", "/", 60, true);
        assert_eq!(
            c.to_str().unwrap(),
            "tx_sid=t; Path=/; Max-Age=60; HttpOnly; SameSite=Lax; Secure"
        );
    }
}
