//! 民生微实事's URLs.
use super::http::{comments, council, lists, photos, review, rounds, save, support};
use crate::web::AppState;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/projects/save", post(save::save))
        .route(
            "/projects/{id}/photos",
            post(photos::add).layer(DefaultBodyLimit::max(photos::MAX_PHOTO_POST)),
        )
        .route("/projects/{id}/photos/remove", post(photos::remove))
        .route("/projects/{id}/support", post(support::support))
        .route("/projects/{id}/comments", post(comments::post))
        .route("/projects/{id}/comments/{cid}/report", post(comments::report))
        .route("/staff/projects/{id}/comments/{cid}/hide", post(comments::hide))
        .route("/photos/{file}", get(photos::serve))
        .route("/staff/projects/{id}/review", post(review::review))
        .route("/staff/projects/council", post(council::record))
        .route("/staff/projects/rounds", post(rounds::create))
        .route("/rounds/{id}/ballot", post(rounds::ballot))
        .route("/staff/projects/lists", post(lists::add))
        .route("/staff/projects/lists/remove", post(lists::remove))
}
