//! The index's URLs.
use super::http::{editions, methodology, series, upload};
use crate::web::upload::MAX_UPLOAD;
use crate::web::AppState;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/methodology", get(methodology::show))
        .route("/api/v1/index/daily", get(editions::daily))
        .route("/api/v1/index/monthly", get(editions::monthly))
        .route("/api/v1/index/series", get(series::series))
        .route("/staff/observations", post(upload::upload).layer(DefaultBodyLimit::max(MAX_UPLOAD)))
}
