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

/// The client's address, for rate limits: the peer address, or behind `proxy_hops`
/// trusted reverse proxies the address the outermost of them saw. Each proxy appends the
/// address it received from to `X-Forwarded-For`, so only the last `proxy_hops` entries
/// were written by proxies we trust; whatever the client sent stands to their left and
/// is never read. A request that did not pass through every proxy counts as its peer.
pub fn client_addr(headers: &HeaderMap, peer: Option<SocketAddr>, proxy_hops: usize) -> String {
    let peer = || peer.map(|p| p.ip().to_string()).unwrap_or_else(|| "unknown".into());
    if proxy_hops == 0 {
        return peer();
    }
    // Several headers form one list, in order (RFC 9110 §5.3).
    let entries: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    if entries.len() < proxy_hops {
        return peer();
    }
    match entries[entries.len() - proxy_hops].parse::<IpAddr>() {
        Ok(ip) => ip.to_string(),
        Err(_) => peer(),
    }
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
        Ok(ClientAddr(client_addr(&parts.headers, peer, state.settings.proxy_hops)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn only_the_entries_our_proxies_wrote_count() {
        let peer: SocketAddr = "10.0.0.1:5000".parse().unwrap();
        let mut h = HeaderMap::new();
        // The client claims 1.2.3.4; our one proxy appended the address it saw.
        h.insert("x-forwarded-for", HeaderValue::from_static("1.2.3.4, 203.0.113.7"));
        assert_eq!(client_addr(&h, Some(peer), 1), "203.0.113.7");
        assert_eq!(client_addr(&h, Some(peer), 0), "10.0.0.1");
        // Two proxies: a CDN appended the client, the load balancer the CDN.
        h.insert("x-forwarded-for", HeaderValue::from_static("1.2.3.4, 203.0.113.7, 198.51.100.2"));
        assert_eq!(client_addr(&h, Some(peer), 2), "203.0.113.7");
        // Split over two headers, the list reads in order.
        h.remove("x-forwarded-for");
        h.append("x-forwarded-for", HeaderValue::from_static("1.2.3.4"));
        h.append("x-forwarded-for", HeaderValue::from_static("203.0.113.7"));
        assert_eq!(client_addr(&h, Some(peer), 1), "203.0.113.7");
        // Fewer entries than proxies, or junk where our proxy writes: the peer.
        assert_eq!(client_addr(&h, Some(peer), 3), "10.0.0.1");
        h.insert("x-forwarded-for", HeaderValue::from_static("junk"));
        assert_eq!(client_addr(&h, Some(peer), 1), "10.0.0.1");
        assert_eq!(client_addr(&HeaderMap::new(), Some(peer), 1), "10.0.0.1");
    }
}
