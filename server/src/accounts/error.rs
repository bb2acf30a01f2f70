//! What can go wrong with account requests, and what each answer says.
use crate::db::StoreError;
use crate::web::error::Refusal;
use app::core::i18n::Msg;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// Outside the staff member's role or area.
    #[error("outside the member's rights")]
    Forbidden,
    /// A form value no page of ours sends (a tampered or stale form).
    #[error("bad request")]
    BadRequest,
    /// Not verifying a resident without saying why.
    #[error("a refusal needs a reason")]
    ReasonRequired,
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Hashing, a background task or another part of ours failed.
    #[error("{0}")]
    Internal(String),
}

impl AccountError {
    pub fn internal(e: impl std::fmt::Display) -> Self {
        AccountError::Internal(e.to_string())
    }
}

impl IntoResponse for AccountError {
    fn into_response(self) -> Response {
        match self {
            AccountError::Forbidden => Refusal::forbidden("/staff"),
            AccountError::BadRequest => {
                Refusal::new(StatusCode::BAD_REQUEST, "bad_request", Msg::StaffBadDecision)
                    .back("/staff")
            }
            AccountError::ReasonRequired => Refusal::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "reason_required",
                Msg::StaffErrReason,
            )
            .back("/staff"),
            AccountError::Store(e) => Refusal::internal(&e),
            AccountError::Internal(e) => Refusal::internal(&e),
        }
        .into_response()
    }
}

impl From<crate::access::Forbidden> for AccountError {
    fn from(_: crate::access::Forbidden) -> Self {
        AccountError::Forbidden
    }
}
