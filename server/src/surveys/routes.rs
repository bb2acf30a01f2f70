//! The surveys' URLs.
use super::http::{answer, close, confirm, create, delete, edit, export, share};
use crate::web::AppState;
use axum::routing::{get, post};
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/surveys/{id}/answer", post(answer::answer))
        .route("/surveys/{id}/confirm", post(confirm::confirm))
        .route("/surveys/{id}/confirm/send", post(confirm::send))
        .route("/s/{code}", get(share::follow))
        .route("/s/{code}/qr.svg", get(share::svg))
        .route("/s/{code}/qr.png", get(share::png))
        .route("/staff/surveys/new", post(create::create))
        .route("/staff/surveys/monthly", post(create::create_monthly))
        .route("/staff/surveys/{id}", post(edit::edit))
        .route("/staff/surveys/{id}/close", post(close::close))
        .route("/staff/surveys/{id}/delete", post(delete::delete))
        .route("/staff/surveys/{id}/export.csv", get(export::export))
}
