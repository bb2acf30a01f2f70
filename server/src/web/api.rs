//! What the open-data endpoints under `/api/v1` share: the `format` parameter and
//! the OpenAPI document's route. Each feature serves its own resources (`areas`,
//! `index`); `openapi` describes them all.
use super::AppState;
use axum::routing::get;
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/openapi.json", get(super::openapi::show))
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
