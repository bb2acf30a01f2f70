//! The one router: every feature's routes, the Leptos pages and server functions (with
//! the ports they read provided as context), static files, and the layers.
use super::{assets, health, prefs, security, session, AppState};
use crate::accounts::adapter::AccountReader;
use crate::projects::adapter::ProjectReader;
use crate::share::adapter::ShareSigner;
use crate::surveys::adapter::SurveyReader;
use app::accounts::port::AccountPort;
use app::core::access::AuthOptions;
use app::core::port::SitePort;
use app::core::share::SharePort;
use app::index::port::IndexPort;
use app::projects::port::ProjectPort;
use app::surveys::port::SurveyPort;
use axum::{
    middleware,
    routing::{get, post},
    Router,
};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::sync::Arc;
use std::time::Duration;
use tower_http::compression::predicate::{NotForContentType, SizeAbove};
use tower_http::compression::{CompressionLayer, CompressionLevel, Predicate};
use tower_http::trace::TraceLayer;

/// Context for rendering pages and running server functions: the ports and what pages
/// need to know about sign-in and the site's origin.
fn leptos_context(state: &AppState) -> impl Fn() + Clone + Send + Sync + 'static {
    let site: Arc<dyn SitePort> = state.site.clone();
    let index: Arc<dyn IndexPort> = state.index.clone();
    let surveys: Arc<dyn SurveyPort> = Arc::new(SurveyReader(state.db.clone()));
    let accounts: Arc<dyn AccountPort> = Arc::new(AccountReader(
        state.db.clone(),
        state.identity.key.clone(),
        state.identity.records.clone(),
    ));
    let options = AuthOptions { wechat: state.identity.wechat.is_some() };
    let origin = state.site_origin();
    let share: Arc<dyn SharePort> = Arc::new(ShareSigner(state.jssdk.clone()));
    let projects: Arc<dyn ProjectPort> = Arc::new(ProjectReader {
        db: state.db.clone(),
        key: state.identity.key.clone(),
        rules: state.settings.projects,
    });
    move || {
        provide_context(site.clone());
        provide_context(index.clone());
        provide_context(surveys.clone());
        provide_context(accounts.clone());
        provide_context(options);
        provide_context(origin.clone());
        provide_context(share.clone());
        provide_context(projects.clone());
    }
}

pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(app::App);
    let context = leptos_context(&state);
    let shell = {
        let options = state.leptos.clone();
        let assets = state.assets.clone();
        move || app::shell(options.clone(), assets.clone())
    };
    let not_found =
        leptos_axum::file_and_error_handler_with_context::<AppState, _>(context.clone(), {
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
        .route("/prefs/elder", post(prefs::set_elder))
        .route("/prefs/area", post(prefs::set_area))
        .merge(crate::areas::routes::routes())
        .merge(crate::index::routes::routes())
        .merge(crate::accounts::routes::routes())
        .merge(crate::surveys::routes::routes())
        .merge(crate::projects::routes::routes())
        .merge(super::api::routes())
        .nest_service("/pkg", assets::pkg_service(&state))
        .nest_service("/js", assets::js_service(&state))
        .leptos_routes_with_context(&state, routes, context, shell)
        .fallback_service(assets::site_files(&state, axum::handler::Handler::with_state(not_found, state.clone())))
        .layer(middleware::from_fn(super::light::light_pages))
        .layer(middleware::from_fn_with_state(state.clone(), assets::cache_control))
        .layer(middleware::from_fn_with_state(state.clone(), session::resolve))
        .layer(middleware::from_fn_with_state(state.clone(), security::check_origin))
        .layer(middleware::from_fn(super::limits::body_limit))
        .layer(middleware::from_fn(super::limits::deadline))
        .layer(middleware::from_fn(super::error::render))
        .layer(middleware::from_fn_with_state(state.clone(), security::headers))
        // gzip at its fastest level only. On this 2-core machine brotli (q2–4) held the
        // city index page to 1 100–1 800 requests/s and gzip 4 to 1 860; gzip 1 gives
        // 2 250 for 0.8 KB more per page (README, "Figures"). Static assets are
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
