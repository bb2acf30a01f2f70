//! What can go wrong with requests about areas.
use crate::db::StoreError;
use crate::web::error::Refusal;
use app::core::i18n::Msg;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[derive(Debug, thiserror::Error)]
pub enum AreaError {
    /// A malformed parameter, with what it should be.
    #[error("bad parameter: {0}")]
    BadParameter(&'static str),
    #[error("no area {0}")]
    Unknown(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl IntoResponse for AreaError {
    fn into_response(self) -> Response {
        match self {
            AreaError::BadParameter(detail) => {
                Refusal::new(StatusCode::BAD_REQUEST, "bad_parameter", Msg::ErrorBadRequest)
                    .arg("detail", detail)
            }
            AreaError::Unknown(code) => {
                Refusal::new(StatusCode::BAD_REQUEST, "unknown_area", Msg::AreaNotFound)
                    .arg("code", code)
            }
            AreaError::Store(e) => Refusal::internal(&e),
        }
        .into_response()
    }
}
