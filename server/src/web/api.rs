//! What the open-data endpoints under `/api/v1` share: the `format` parameter and
//! the OpenAPI document's route. Each feature serves its own resources (`areas`,
//! `index`); `openapi` describes them all.
use super::error::Refusal;
use super::AppState;
use app::core::i18n::Msg;
use axum::extract::FromRequestParts;
use axum::http::{request::Parts, StatusCode};
use axum::routing::get;
use axum::Router;
use serde::de::DeserializeOwned;

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
            None | Some("json") => Some(Format::Json),
            Some("csv") => Some(Format::Csv),
            Some(_) => None,
        }
    }
}

/// The query parameters of an open-data request, refused with the API's JSON error
/// in the requester's language when a parameter is repeated (`?month=a&month=b`),
/// empty or padded with spaces, or does not parse, instead of the framework's plain-text rejection.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or("");
        let refused = |msg| Refusal::new(StatusCode::BAD_REQUEST, "bad_parameter", msg);
        let unreadable = |e: serde_urlencoded::de::Error| {
            refused(Msg::ErrorBadRequest).arg("detail", e.to_string())
        };
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).map_err(unreadable)?;
        for (i, (name, value)) in pairs.iter().enumerate() {
            if pairs[..i].iter().any(|(n, _)| n == name) {
                return Err(refused(Msg::ErrorDuplicateParam).arg("name", name.clone()));
            }
            // What the OpenAPI document declares (enums, patterns) is what is taken:
            // an empty or padded value is not quietly read as the default.
            if value.is_empty() || value.trim() != value {
                return Err(refused(Msg::ErrorBlankParam).arg("name", name.clone()));
            }
        }
        serde_urlencoded::from_str(query).map(ApiQuery).map_err(unreadable)
    }
}
