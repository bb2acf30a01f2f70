//! Handler arguments taken from the request: who is asking (the [`Viewer`] the session
//! layer resolved; a signed-in resident or staff member, refused with 403 without one),
//! and the client's address for rate limits.
use super::error::Refusal;
use super::AppState;
use app::core::access::{ResidentUser, StaffUser, Viewer};
use app::core::i18n::Msg;
use axum::extract::FromRequestParts;
use axum::http::{request::Parts, HeaderMap, StatusCode};
use std::net::{IpAddr, SocketAddr};

pub use super::lang::ReqLang;

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

/// The signed-in resident. Without one, a 403 that points to sign-in.
pub struct Resident(pub ResidentUser);

impl<S: Send + Sync> FromRequestParts<S> for Resident {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        viewer(parts).resident.map(Resident).ok_or_else(|| {
            Refusal::new(StatusCode::FORBIDDEN, "sign_in", Msg::AuthSignInRequired).back("/signin")
        })
    }
}

/// The signed-in staff member (active, with a live session). Without one, a 403 that
/// points to the staff sign-in.
pub struct Staff(pub StaffUser);

impl<S: Send + Sync> FromRequestParts<S> for Staff {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        viewer(parts).staff.map(Staff).ok_or_else(|| {
            Refusal::new(StatusCode::FORBIDDEN, "sign_in", Msg::StaffSignInRequired)
                .back("/staff/signin")
        })
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

/// The client address as [`client_addr`] sees it.
pub struct ClientAddr(pub String);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts.extensions.get::<axum::extract::ConnectInfo<SocketAddr>>().map(|c| c.0);
        Ok(ClientAddr(client_addr(&parts.headers, peer, state.settings.trust_proxy)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

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
}
