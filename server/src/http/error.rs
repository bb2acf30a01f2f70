//! One HTTP error type (as in realworld-axum-sqlx): a status, a stable code for
//! programs, and a message in the requester's language. Internal details are logged,
//! never shown.
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

#[derive(Debug)]
pub struct HttpError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

#[derive(Serialize)]
struct Body<'a> {
    error: Inner<'a>,
}

#[derive(Serialize)]
struct Inner<'a> {
    code: &'a str,
    message: &'a str,
}

impl HttpError {
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        HttpError { status: StatusCode::BAD_REQUEST, code, message: message.into() }
    }

    pub fn internal(err: impl std::fmt::Display, lang: app::i18n::Lang) -> Self {
        tracing::error!(error = %err, "internal error");
        HttpError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "internal",
            message: lang.t(app::i18n::Msg::ErrorServerBody).to_string(),
        }
    }
}

impl IntoResponse for HttpError {
    fn into_response(self) -> Response {
        let body = Body { error: Inner { code: self.code, message: &self.message } };
        (self.status, Json(body)).into_response()
    }
}

pub type HttpResult<T> = Result<T, HttpError>;
