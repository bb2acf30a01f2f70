//! What can go wrong with 民生微实事 requests, and what each answer says.
use crate::db::StoreError;
use crate::web::error::Refusal;
use axum::response::{IntoResponse, Response};

#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    #[error("no such project")]
    NotFound,
    /// Outside the staff member's role or area, or not the resident's proposal.
    #[error("outside the member's rights")]
    Forbidden,
    #[error("photo storage failed: {0}")]
    Photo(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl IntoResponse for ProjectError {
    fn into_response(self) -> Response {
        match self {
            ProjectError::NotFound => Refusal::not_found("/projects"),
            ProjectError::Forbidden => Refusal::forbidden("/projects"),
            ProjectError::Photo(e) => Refusal::internal(&e),
            ProjectError::Store(e) => Refusal::internal(&e),
        }
        .into_response()
    }
}

impl From<crate::access::Forbidden> for ProjectError {
    fn from(_: crate::access::Forbidden) -> Self {
        ProjectError::Forbidden
    }
}
