//! Sessions: the cookies that carry them, the middleware that turns them into the
//! request's [`Viewer`], and extractors for handlers that need a signed-in resident
//! or staff member.
use super::AppState;
use crate::auth::crypto::{random_token, token_hash};
use app::auth::{ResidentUser, StaffUser, Viewer, RESIDENT_COOKIE, STAFF_COOKIE};
use app::i18n::Msg;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::{header, request::Parts, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use std::net::{IpAddr, SocketAddr};

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
    let text = format!("{name}={value}; Path={path}; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}");
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static("x=; Max-Age=0"))
}

pub fn clear_cookie(name: &str, path: &str, secure: bool) -> HeaderValue {
    set_cookie(name, "", path, 0, secure)
}

/// A new session token and the hash to store for it.
pub fn new_token() -> (String, String) {
    let token = random_token();
    let hash = token_hash(&token);
    (token, hash)
}

/// Session tokens are 64 hex digits; anything else in a cookie is ignored.
fn token_of(headers: &HeaderMap, name: &str) -> Option<String> {
    cookie(headers, name)
        .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(token_hash)
}

/// Resolves the session cookies into the request's [`Viewer`]. Requests without a
/// session cookie (most page views) cost nothing.
pub async fn resolve(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let resident = token_of(req.headers(), RESIDENT_COOKIE);
    let staff = token_of(req.headers(), STAFF_COOKIE);
    if resident.is_some() || staff.is_some() {
        match state.db.viewer(resident.as_deref(), staff.as_deref()).await {
            Ok(viewer) => {
                req.extensions_mut().insert(viewer);
            }
            Err(e) => {
                let lang = super::lang::from_headers(req.headers());
                return super::error::HttpError::internal(e, lang).into_response();
            }
        }
    } else {
        req.extensions_mut().insert(Viewer::default());
    }
    next.run(req).await
}

/// The signed-in resident's session token hash, if any.
pub fn resident_token(headers: &HeaderMap) -> Option<String> {
    token_of(headers, RESIDENT_COOKIE)
}

pub fn staff_token(headers: &HeaderMap) -> Option<String> {
    token_of(headers, STAFF_COOKIE)
}

fn viewer(parts: &Parts) -> Viewer {
    parts.extensions.get::<Viewer>().cloned().unwrap_or_default()
}

/// The request's viewer, whoever it is (a guest too).
pub struct AnyViewer(pub Viewer);

impl<S: Send + Sync> FromRequestParts<S> for AnyViewer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(AnyViewer(viewer(parts)))
    }
}

/// A small page for refusals of form posts (403): in the resident's language, with a
/// way back.
pub fn refusal(status: StatusCode, lang: app::i18n::Lang, message: &str, back: &str) -> Response {
    let body = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title></head><body><main><h1>{}</h1><p><a href=\"{}\">{}</a></p></main></body></html>",
        lang.tag(),
        escape(message),
        escape(message),
        escape(back),
        escape(lang.t(Msg::CommonBack)),
    );
    (status, Html(body)).into_response()
}

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A handler argument: the signed-in resident. Without one, a 403 that points to
/// sign-in.
pub struct Resident(pub ResidentUser);

impl<S: Send + Sync> FromRequestParts<S> for Resident {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        match viewer(parts).resident {
            Some(r) => Ok(Resident(r)),
            None => {
                let lang = super::lang::from_headers(&parts.headers);
                Err(refusal(StatusCode::FORBIDDEN, lang, lang.t(Msg::AuthSignInRequired), "/signin"))
            }
        }
    }
}

/// A handler argument: the signed-in staff member (active, with a live session).
pub struct Staff(pub StaffUser);

impl<S: Send + Sync> FromRequestParts<S> for Staff {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        match viewer(parts).staff {
            Some(s) => Ok(Staff(s)),
            None => {
                let lang = super::lang::from_headers(&parts.headers);
                Err(refusal(StatusCode::FORBIDDEN, lang, lang.t(Msg::StaffSignInRequired), "/staff/signin"))
            }
        }
    }
}

/// The client's address, for rate limits: the peer address, or behind a trusted
/// proxy the first `X-Forwarded-For` entry (else `X-Real-IP`).
pub fn client_addr(headers: &HeaderMap, peer: Option<SocketAddr>, trust_proxy: bool) -> String {
    if trust_proxy {
        let forwarded = headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .or_else(|| headers.get("x-real-ip").and_then(|v| v.to_str().ok()))
            .and_then(|v| v.trim().parse::<IpAddr>().ok());
        if let Some(ip) = forwarded {
            return ip.to_string();
        }
    }
    peer.map(|p| p.ip().to_string()).unwrap_or_else(|| "unknown".into())
}

/// A handler argument: the client address as [`client_addr`] sees it.
pub struct ClientAddr(pub String);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let peer = parts.extensions.get::<axum::extract::ConnectInfo<SocketAddr>>().map(|c| c.0);
        Ok(ClientAddr(client_addr(&parts.headers, peer, state.settings.trust_proxy)))
    }
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
    fn proxy_headers_count_only_when_trusted() {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", HeaderValue::from_static("203.0.113.7, 10.0.0.1"));
        let peer: SocketAddr = "10.0.0.1:5000".parse().unwrap();
        assert_eq!(client_addr(&h, Some(peer), true), "203.0.113.7");
        assert_eq!(client_addr(&h, Some(peer), false), "10.0.0.1");
        h.insert("x-forwarded-for", HeaderValue::from_static("junk"));
        assert_eq!(client_addr(&h, Some(peer), true), "10.0.0.1");
    }

    #[test]
    fn cookies_are_http_only_and_lax() {
        let c = set_cookie("tx_sid", "t", "/", 60, true);
        assert_eq!(c.to_str().unwrap(), "tx_sid=t; Path=/; Max-Age=60; HttpOnly; SameSite=Lax; Secure");
    }
}
