//! The areas' URLs.
use super::http::list;
use crate::web::AppState;
use axum::routing::get;
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/areas", get(list::list))
}
