//! `GET /api/v1/areas`: every area as JSON, or as CSV (`?format=csv`) in exactly the
//! columns `tongxin import areas` reads. `?level=` narrows to one level.
use super::Format;
use crate::domain::area_import::to_csv;
use crate::http::error::{HttpError, HttpResult};
use crate::http::lang::ReqLang;
use crate::http::AppState;
use app::areas::{Area, Level};
use app::backend::Backend;
use app::i18n::Msg;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct ListParams {
    pub format: Option<String>,
    pub level: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Query(params): Query<ListParams>,
) -> HttpResult<Response> {
    let bad = |what: &str| HttpError::bad_request("bad_parameter", lang.fmt(Msg::ErrorBadRequest, &[("detail", what)]));
    let format = Format::parse(params.format.as_deref()).ok_or_else(|| bad("format: json | csv"))?;
    let level = match params.level.as_deref() {
        None | Some("") => None,
        Some(l) => Some(Level::parse(l).ok_or_else(|| bad("level: city | district | street | community"))?),
    };
    let snapshot = state.backend.snapshot().await.map_err(|e| HttpError::internal(e, lang))?;
    let areas: Vec<Area> =
        snapshot.tree.all().iter().filter(|a| level.is_none_or(|l| a.level == l)).cloned().collect();
    Ok(match format {
        Format::Json => Json(areas).into_response(),
        Format::Csv => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (header::CONTENT_DISPOSITION, "inline; filename=\"areas.csv\""),
            ],
            to_csv(&areas),
        )
            .into_response(),
    })
}
