//! The web layer: the application state, the router that joins every feature's routes
//! with the pages and server functions of `app`, and the layers every response passes
//! through, outside in: tracing, compression, security headers, refusal rendering, body
//! limits, the cross-site check, sessions, cache control, and light pages (no wasm
//! where there is no island).
pub mod api;
pub mod assets;
pub mod error;
pub mod extract;
pub mod health;
pub mod lang;
pub mod light;
pub mod limits;
mod openapi;
pub mod prefs;
pub mod reply;
pub mod router;
pub mod security;
pub mod session;
pub mod upload;

pub use openapi::PATHS as OPENAPI_PATHS;

use crate::accounts::service::Identity;
use crate::areas::adapter::SiteCache;
use crate::config::Settings;
use crate::db::Db;
use crate::index::adapter::IndexCache;
use crate::share::jssdk::JsSdk;
use crate::surveys::limiter::SubmitLimiter;
use app::core::site::SiteOrigin;
use app::AssetPaths;
use axum::extract::FromRef;
use axum::http::{header, HeaderMap};
use leptos::prelude::LeptosOptions;
use std::sync::Arc;

/// Everything a handler may need, cloned cheaply into each request.
#[derive(Clone)]
pub struct AppState {
    pub leptos: LeptosOptions,
    pub db: Db,
    /// The area map, cached (also the revision every cache follows).
    pub site: Arc<SiteCache>,
    /// The methodology and published scores, cached.
    pub index: Arc<IndexCache>,
    pub assets: AssetPaths,
    /// Whether `/pkg` holds hashed (immutable) file names.
    pub hashed_assets: bool,
    pub settings: Arc<Settings>,
    /// Sign-in: the server key, SMS, WeChat, limits, and the features' resident records.
    pub identity: Identity,
    /// Survey submissions per client address (in memory).
    pub submit_limiter: Arc<SubmitLimiter>,
    /// WeChat's JS-SDK ticket, with an official account configured.
    pub jssdk: Option<Arc<JsSdk>>,
    /// Photos residents attach, under the data directory.
    pub photos: crate::photos::Photos,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}

impl AppState {
    /// How the site's absolute URLs are made (WeChat's return address, share links).
    pub fn site_origin(&self) -> SiteOrigin {
        let port = self.leptos.site_addr.port();
        let ip = self.leptos.site_addr.ip();
        // Configured names first: the first is where links point when the request's
        // host is none of these.
        let mut names = self.settings.allowed_hosts.clone();
        if !ip.is_unspecified() {
            // `SocketAddr` writes the address as a Host header does ([::1]:3000).
            names.push(std::net::SocketAddr::new(ip, port).to_string());
        }
        names.push(format!("localhost:{port}"));
        if ip.is_loopback() || ip.is_unspecified() {
            names.extend([format!("127.0.0.1:{port}"), format!("[::1]:{port}")]);
        }
        let mut allowed: Vec<String> = Vec::new();
        for n in names {
            if !allowed.contains(&n) {
                allowed.push(n);
            }
        }
        SiteOrigin {
            fixed: self.settings.public_origin.clone(),
            https: self.settings.secure_cookies,
            allowed,
        }
    }

    /// "https://tongxin.example.cn" for this request.
    pub fn origin(&self, headers: &HeaderMap) -> String {
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
        self.site_origin().resolve(host)
    }
}
