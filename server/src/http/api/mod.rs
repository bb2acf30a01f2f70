//! The open-data API under `/api/v1` (handlers in `<resource>.rs`, as in crates.io).
pub mod areas;
pub mod index;
pub mod methodology;
pub mod openapi;

use super::AppState;
use axum::{routing::get, Router};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/areas", get(areas::list))
        .route("/methodology", get(methodology::show))
        .route("/index/daily", get(index::daily))
        .route("/index/monthly", get(index::monthly))
        .route("/index/series", get(index::series))
        .route("/openapi.json", get(openapi::show))
}

/// `format=json|csv` on every list endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
}

impl Format {
    pub fn parse(value: Option<&str>) -> Option<Format> {
        match value.map(str::trim) {
            None | Some("") | Some("json") => Some(Format::Json),
            Some("csv") => Some(Format::Csv),
            Some(_) => None,
        }
    }
}
