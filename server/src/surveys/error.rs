//! What can go wrong with survey requests, and what each answer says.
use crate::db::StoreError;
use crate::web::error::Refusal;
use axum::response::{IntoResponse, Response};

#[derive(Debug, thiserror::Error)]
pub enum SurveyError {
    #[error("no such survey")]
    NotFound,
    /// Outside the staff member's role or area (or a survey they may not see).
    #[error("outside the member's rights")]
    Forbidden,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl IntoResponse for SurveyError {
    fn into_response(self) -> Response {
        match self {
            SurveyError::NotFound => Refusal::not_found("/surveys"),
            SurveyError::Forbidden => Refusal::forbidden("/staff/surveys"),
            SurveyError::Store(e) => Refusal::internal(&e),
        }
        .into_response()
    }
}

impl From<crate::access::Forbidden> for SurveyError {
    fn from(_: crate::access::Forbidden) -> Self {
        SurveyError::Forbidden
    }
}
