//! Security headers on every response, and the cross-site check on every request that
//! can change state (Leptos server functions have no CSRF protection of their own).
use super::error::Refusal;
use super::AppState;
use app::core::i18n::Msg;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The CSP for responses that are not pages (pages set their own, with a nonce).
const DEFAULT_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

pub async fn headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    // Served over HTTPS (what `secure_cookies` says): browsers keep to it for a year.
    if state.settings.secure_cookies {
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
    );
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(DEFAULT_CSP));
    }
    res
}

/// Decides whether a state-changing request comes from our own pages.
///
/// Browsers send `Sec-Fetch-Site` (all current ones) or at least `Origin` on POST; a
/// cross-site value is refused. A request with neither comes from a program that
/// cannot carry a resident's cookies, so it is let through.
pub fn same_origin(headers: &HeaderMap, public_origin: Option<&str>) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return matches!(site, "same-origin" | "none");
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    if let Some(expected) = public_origin {
        return origin.eq_ignore_ascii_case(expected.trim_end_matches('/'));
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
    let origin_host = origin.split_once("://").map(|(_, rest)| rest).unwrap_or("");
    !host.is_empty() && origin_host.eq_ignore_ascii_case(host)
}

pub async fn check_origin(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || same_origin(req.headers(), state.settings.public_origin.as_deref()) {
        return next.run(req).await;
    }
    tracing::warn!(path = %req.uri().path(), "cross-site request refused");
    Refusal::new(StatusCode::FORBIDDEN, "cross_site", Msg::ErrorCsrf).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut m = HeaderMap::new();
        for (k, v) in pairs {
            m.insert(*k, HeaderValue::from_static(v));
        }
        m
    }

    #[test]
    fn fetch_metadata_decides_first() {
        assert!(same_origin(&h(&[("sec-fetch-site", "same-origin")]), None));
        assert!(!same_origin(
            &h(&[("sec-fetch-site", "cross-site"), ("origin", "http://a"), ("host", "a")]),
            None
        ));
        assert!(!same_origin(&h(&[("sec-fetch-site", "same-site")]), None));
    }

    #[test]
    fn origin_must_match_host_or_the_configured_origin() {
        assert!(same_origin(
            &h(&[("origin", "http://127.0.0.1:3000"), ("host", "127.0.0.1:3000")]),
            None
        ));
        assert!(!same_origin(
            &h(&[("origin", "http://evil.example"), ("host", "127.0.0.1:3000")]),
            None
        ));
        assert!(!same_origin(&h(&[("origin", "null"), ("host", "127.0.0.1:3000")]), None));
        let proxied = h(&[("origin", "https://tongxin.example.cn"), ("host", "10.0.0.5:3000")]);
        assert!(same_origin(&proxied, Some("https://tongxin.example.cn/")));
        assert!(!same_origin(&proxied, None));
        assert!(same_origin(&h(&[]), None), "non-browser clients carry no cookies");
    }
}
