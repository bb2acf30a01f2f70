//! `GET /api/v1/methodology`: the version in force with every dimension and indicator
//! (JSON), or the indicators with their dimension as CSV (`?format=csv`).
use crate::csv_export::{self, Disposition};
use crate::index::error::IndexError;
use crate::web::api::ApiQuery;
use crate::web::api::Format;
use crate::web::AppState;
use app::core::i18n::Msg;
use app::index::model::{Frequency, Methodology, Unit};
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct Params {
    pub format: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<Params>,
) -> Result<Response, IndexError> {
    let format = Format::parse(p.format.as_deref()).ok_or_else(|| {
        IndexError::bad(Msg::ErrorBadRequest, &[("detail", "format: json | csv")])
    })?;
    let Some(m) = state.index.methodology().await? else { return Err(IndexError::NoMethodology) };
    Ok(match format {
        Format::Json => Json(&*m).into_response(),
        Format::Csv => csv_export::response("methodology.csv", to_csv(&m), Disposition::Inline),
    })
}

pub fn to_csv(m: &Methodology) -> String {
    let header = [
        "version",
        "dimension",
        "dimension_name_zh",
        "dimension_name_en",
        "dimension_weight",
        "code",
        "name_zh",
        "name_en",
        "frequency",
        "unit",
        "best",
        "worst",
        "weight",
    ];
    let rows = m.indicators.iter().filter_map(|i| {
        let d = m.dimension(&i.dimension)?;
        let freq = match i.frequency {
            Frequency::Daily => "daily",
            Frequency::Monthly => "monthly",
        };
        let unit = match i.unit {
            Unit::Rate => "rate",
            Unit::Value => "value",
        };
        Some(vec![
            m.version.clone(),
            d.code.clone(),
            d.name_zh.clone(),
            d.name_en.clone(),
            d.weight.to_string(),
            i.code.clone(),
            i.name_zh.clone(),
            i.name_en.clone(),
            freq.to_string(),
            unit.to_string(),
            i.best.to_string(),
            i.worst.to_string(),
            i.weight.to_string(),
        ])
    });
    csv_export::table(&header, rows)
}
