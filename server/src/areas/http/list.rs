//! `GET /api/v1/areas`: every area as JSON, or as CSV (`?format=csv`) in exactly the
//! columns `tongxin import areas` reads. `?level=` narrows to one level.
use crate::areas::error::AreaError;
use crate::areas::import::to_csv;
use crate::csv_export::{self, Disposition};
use crate::web::api::ApiQuery;
use crate::web::api::Format;
use crate::web::AppState;
use app::core::areas::{Area, Level};
use axum::extract::State;
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
    ApiQuery(params): ApiQuery<ListParams>,
) -> Result<Response, AreaError> {
    let format = Format::parse(params.format.as_deref())
        .ok_or(AreaError::BadParameter("format: json | csv"))?;
    let level = match params.level.as_deref() {
        None | Some("") => None,
        Some(l) => Some(
            Level::parse(l)
                .ok_or(AreaError::BadParameter("level: city | district | street | community"))?,
        ),
    };
    let snapshot = state.site.snapshot().await?;
    let areas: Vec<Area> = snapshot
        .tree
        .all()
        .iter()
        .filter(|a| level.is_none_or(|l| a.level == l))
        .cloned()
        .collect();
    Ok(match format {
        Format::Json => Json(areas).into_response(),
        Format::Csv => csv_export::response("areas.csv", to_csv(&areas), Disposition::Inline),
    })
}
