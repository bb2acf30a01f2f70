//! The HTTP surface: pages (Leptos), server functions, open-data API, preference forms,
//! static assets, and the layers every response passes through.
pub mod api;
pub mod assets;
pub mod auth;
pub mod error;
pub mod health;
pub mod lang;
pub mod me;
pub mod prefs;
pub mod security;
pub mod session;
pub mod staff;
pub mod surveys;

use crate::backend::StoreBackend;
use crate::config::Settings;
use crate::storage::Db;
use app::backend::SharedBackend;
use app::AssetPaths;
use axum::{extract::{DefaultBodyLimit, FromRef}, middleware, routing::{get, post}, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::sync::Arc;
use std::time::Duration;
use tower_http::compression::{predicate::{NotForContentType, SizeAbove}, CompressionLayer, CompressionLevel, Predicate};
use tower_http::trace::TraceLayer;

/// Everything a handler may need, cloned cheaply into each request.
#[derive(Clone)]
pub struct AppState {
    pub leptos: LeptosOptions,
    pub db: Db,
    pub backend: Arc<StoreBackend>,
    pub assets: AssetPaths,
    /// Whether `/pkg` holds hashed (immutable) file names.
    pub hashed_assets: bool,
    pub settings: Arc<Settings>,
    /// Keys the stored hashes of phone numbers, openids and client addresses.
    pub secret: crate::auth::crypto::Secret,
    pub sms: crate::auth::sms::Sms,
    /// Present when the city configured a WeChat official account.
    pub wechat: Option<Arc<crate::auth::wechat::WechatClient>>,
    /// Survey submissions per client address (in memory).
    pub submit_limiter: Arc<surveys::SubmitLimiter>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}

impl AppState {
    /// How the site's absolute URLs are made (WeChat's return address, share links).
    pub fn site_origin(&self) -> app::survey_api::SiteOrigin {
        app::survey_api::SiteOrigin { fixed: self.settings.public_origin.clone(), https: self.settings.secure_cookies }
    }

    /// Context for rendering pages and running server functions.
    fn leptos_context(&self) -> impl Fn() + Clone + Send + Sync + 'static {
        let backend = SharedBackend(self.backend.clone());
        let options = app::auth::AuthOptions { wechat: self.wechat.is_some() };
        let origin = self.site_origin();
        move || {
            provide_context(backend.clone());
            provide_context(options);
            provide_context(origin.clone());
        }
    }
}

pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(app::App);
    let context = state.leptos_context();
    let shell = {
        let options = state.leptos.clone();
        let assets = state.assets.clone();
        move || app::shell(options.clone(), assets.clone())
    };
    let not_found = leptos_axum::file_and_error_handler_with_context::<AppState, _>(context.clone(), {
        let shell = shell.clone();
        move |_| shell()
    });

    // Dynamic responses (pages, JSON, CSV) are compressed on the fly; the static assets
    // were compressed once at start and carry their own Content-Encoding already.
    let compress = SizeAbove::new(1024)
        .and(NotForContentType::GRPC)
        .and(NotForContentType::IMAGES)
        .and(NotForContentType::const_new("application/wasm"));

    Router::new()
        .route("/healthz", get(health::check))
        .route("/prefs/lang", post(prefs::set_lang))
        .route("/prefs/area", post(prefs::set_area))
        .route("/auth/phone/send", post(auth::send_code))
        .route("/auth/phone/verify", post(auth::verify_code))
        .route("/auth/wechat", get(auth::wechat_start))
        .route("/auth/wechat/callback", get(auth::wechat_callback))
        .route("/auth/signout", post(auth::sign_out))
        .route("/auth/signout-all", post(auth::sign_out_everywhere))
        .route("/me/consent", post(me::consent))
        .route("/me/community", post(me::set_community))
        .route("/me/verification", post(me::request_verification))
        .route("/me/export", get(me::export))
        .route("/me/delete", post(me::delete))
        .route("/staff/signin", post(staff::sign_in))
        .route("/staff/signout", post(staff::sign_out))
        .route("/staff/signout-all", post(staff::sign_out_everywhere))
        .route("/staff/residents/decide", post(staff::decide))
        .route("/staff/roll", post(staff::import_roll).layer(DefaultBodyLimit::max(staff::MAX_UPLOAD)))
        .route("/staff/observations", post(staff::import_observations).layer(DefaultBodyLimit::max(staff::MAX_UPLOAD)))
        .route("/staff/accounts", post(staff::create_account))
        .route("/staff/accounts/active", post(staff::set_active))
        .route("/staff/surveys/new", post(surveys::create))
        .route("/staff/surveys/monthly", post(surveys::create_monthly))
        .route("/staff/surveys/{id}", post(surveys::edit))
        .route("/staff/surveys/{id}/close", post(surveys::close))
        .route("/staff/surveys/{id}/delete", post(surveys::delete))
        .route("/staff/surveys/{id}/export.csv", get(surveys::export))
        .route("/surveys/{id}/answer", post(surveys::answer))
        .route("/s/{code}", get(surveys::share_link))
        .route("/s/{code}/qr.svg", get(surveys::qr_svg))
        .route("/s/{code}/qr.png", get(surveys::qr_png))
        .nest("/api/v1", api::router())
        .nest_service("/pkg", assets::pkg_service(&state))
        .nest_service("/js", assets::js_service(&state))
        .leptos_routes_with_context(&state, routes, context, shell)
        .fallback_service(assets::site_files(&state, axum::handler::Handler::with_state(not_found, state.clone())))
        .layer(middleware::from_fn_with_state(state.clone(), assets::cache_control))
        .layer(middleware::from_fn_with_state(state.clone(), session::resolve))
        .layer(middleware::from_fn_with_state(state.clone(), security::check_origin))
        .layer(middleware::from_fn(security::headers))
        // gzip at its fastest level only. On this 2-core machine brotli (q2–4) held the
        // city index page to 1 100–1 800 requests/s and gzip 4 to 1 860; gzip 1 gives
        // 2 250 for 0.8 KB more per page (README, "Benchmarks"). Static assets are
        // brotli-compressed once at start instead.
        .layer(CompressionLayer::new().no_br().no_zstd().no_deflate().quality(CompressionLevel::Fastest).compress_when(compress))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|req: &axum::http::Request<_>| {
                    tracing::info_span!("request", method = %req.method(), path = %req.uri().path())
                })
                .on_request(())
                .on_response(|res: &axum::http::Response<_>, latency: Duration, _span: &tracing::Span| {
                    tracing::info!(status = res.status().as_u16(), latency_ms = latency.as_secs_f64() * 1000.0, "response");
                })
                .on_failure(()),
        )
        .with_state(state)
}
