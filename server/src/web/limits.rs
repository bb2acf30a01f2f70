//! Every request body has a limit, answered with 413 in the requester's language
//! before anything reads it: the staff uploads [`MAX_UPLOAD`], everything else
//! (forms, server functions, the API) [`MAX_BODY`]. A declared length over the limit
//! is refused at once; a body without one is read up to the limit here.
use super::error::Refusal;
use super::upload::{MAX_UPLOAD, UPLOAD_PATHS};
use crate::projects::http::photos::{is_photo_post, MAX_PHOTO_POST};
use app::core::i18n::Msg;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The largest form or server-function call: a survey of 60 long answers in Chinese,
/// percent-encoded, fits.
pub const MAX_BODY: usize = 1024 * 1024;

fn limit_for(method: &Method, path: &str) -> usize {
    if method == Method::POST && UPLOAD_PATHS.contains(&path) {
        MAX_UPLOAD
    } else if method == Method::POST && is_photo_post(path) {
        MAX_PHOTO_POST
    } else {
        MAX_BODY
    }
}

fn too_large(limit: usize) -> Response {
    let max = format!("{} MB", limit / (1024 * 1024));
    Refusal::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", Msg::ErrorTooLarge)
        .arg("max", max)
        .into_response()
}

pub async fn body_limit(req: Request, next: Next) -> Response {
    let limit = limit_for(req.method(), req.uri().path());
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    match declared {
        // The server (hyper) holds the body to its declared length.
        Some(n) if n <= limit as u64 => next.run(req).await,
        Some(_) => too_large(limit),
        None => {
            let (parts, body) = req.into_parts();
            match axum::body::to_bytes(body, limit).await {
                Ok(bytes) => next.run(Request::from_parts(parts, Body::from(bytes))).await,
                Err(_) => too_large(limit),
            }
        }
    }
}

/// The longest any request may take, reading its body included (an 8 MB photo over a
/// slow mobile link fits). A request still unanswered then is ended with 503 and
/// logged: a phone never waits on a stuck request, and what it held is let go (an
/// unfinished write transaction rolls back, so nothing half-done stays).
pub const DEADLINE: std::time::Duration = std::time::Duration::from_secs(120);

pub async fn deadline(req: Request, next: Next) -> Response {
    within(DEADLINE, req, next).await
}

async fn within(limit: std::time::Duration, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(res) => res,
        Err(_) => {
            tracing::error!(%path, secs = limit.as_secs_f64(), "request ended at the deadline");
            Refusal::new(StatusCode::SERVICE_UNAVAILABLE, "timeout", Msg::ErrorServerBody)
                .into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::{routing::get, Router};
    use std::time::Duration;
    use tower::ServiceExt;

    #[tokio::test]
    async fn a_request_that_never_ends_is_answered_503_at_the_deadline() {
        let app = Router::new()
            .route("/stuck", get(std::future::pending::<&'static str>))
            .route("/quick", get(|| async { "ok" }))
            .layer(axum::middleware::from_fn(|req, next| {
                within(Duration::from_millis(50), req, next)
            }));
        let ask = |path: &str| Request::get(path).body(Body::empty()).unwrap();
        let quick = app.clone().oneshot(ask("/quick")).await.unwrap();
        assert_eq!(quick.status(), StatusCode::OK);
        let stuck = app.oneshot(ask("/stuck")).await.unwrap();
        assert_eq!(stuck.status(), StatusCode::SERVICE_UNAVAILABLE);
    }
}
