//! What can go wrong with the index's requests, and what each answer says.
use crate::db::StoreError;
use crate::web::error::Refusal;
use app::core::i18n::Msg;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// A query parameter is malformed; the message names it.
    #[error("bad parameter")]
    BadParameter(Msg, Vec<(&'static str, String)>),
    #[error("no scores for {0}")]
    NoScores(String),
    #[error("unknown area {0}")]
    UnknownArea(String),
    #[error("no methodology in force")]
    NoMethodology,
    #[error("outside the member's area")]
    Forbidden,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl IndexError {
    pub fn bad(msg: Msg, args: &[(&'static str, &str)]) -> Self {
        IndexError::BadParameter(msg, args.iter().map(|(k, v)| (*k, v.to_string())).collect())
    }
}

impl IntoResponse for IndexError {
    fn into_response(self) -> Response {
        let refusal = match self {
            IndexError::BadParameter(msg, args) => {
                let mut r = Refusal::new(StatusCode::BAD_REQUEST, "bad_parameter", msg);
                r.args = args;
                r
            }
            IndexError::NoScores(period) => {
                Refusal::new(StatusCode::NOT_FOUND, "no_scores", Msg::ErrorNoScores)
                    .arg("period", period)
            }
            IndexError::UnknownArea(code) => {
                Refusal::new(StatusCode::NOT_FOUND, "unknown_area", Msg::ErrorUnknownArea)
                    .arg("code", code)
            }
            IndexError::NoMethodology => {
                Refusal::new(StatusCode::NOT_FOUND, "no_methodology", Msg::ErrorNoMethodology)
            }
            IndexError::Forbidden => Refusal::forbidden("/staff"),
            IndexError::Store(e) => Refusal::internal(&e),
        };
        refusal.into_response()
    }
}

impl From<crate::access::Forbidden> for IndexError {
    fn from(_: crate::access::Forbidden) -> Self {
        IndexError::Forbidden
    }
}
