//! `GET /api/v1/index/series?area=CODE&edition=daily|monthly&from=…&to=…`: an area's
//! scores over time, as JSON or CSV. Defaults to the latest 30 days or 12 months;
//! `from` and `to` are days or months in either edition; at most [`MAX_SERIES`]
//! periods, ending at `to`.
use super::editions::format_param;
use super::tables::{grade_name, opt, with_dimensions};
use crate::csv_export::{self, Disposition};
use crate::index::error::IndexError;
use crate::web::api::ApiQuery;
use crate::web::api::Format;
use crate::web::AppState;
use app::core::areas::Level;
use app::core::i18n::Msg;
use app::index::model::{DimensionScores, Edition, Grade, Methodology, SeriesPoint};
use app::index::rules::periods::{periods_back, series_bound, span};
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};

/// Longest series one request may ask for, in periods.
pub const MAX_SERIES: usize = 3_700;

#[derive(Debug, Default, Deserialize)]
pub struct SeriesParams {
    pub area: Option<String>,
    pub edition: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub format: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct SeriesBody {
    pub area_code: String,
    pub edition: Edition,
    pub from: String,
    pub to: String,
    pub points: Vec<SeriesOut>,
}

#[derive(Debug, Serialize)]
pub struct SeriesOut {
    pub period: String,
    pub methodology_version: String,
    pub score: Option<f64>,
    pub grade: Option<Grade>,
    pub coverage: f64,
    pub dimensions: DimensionScores,
    pub warning: bool,
}

pub async fn series(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<SeriesParams>,
) -> Result<Response, IndexError> {
    let Some(area) = p.area.as_deref().map(str::trim).filter(|a| !a.is_empty()) else {
        return Err(IndexError::bad(Msg::ErrorMissingParam, &[("name", "area")]));
    };
    let edition = match p.edition.as_deref().map(str::trim) {
        None | Some("daily") => Edition::Daily,
        Some("monthly") => Edition::Monthly,
        Some(_) => {
            return Err(IndexError::bad(
                Msg::ErrorBadChoice,
                &[("name", "edition"), ("choices", "daily, monthly")],
            ))
        }
    };
    let from = bound(edition, "from", p.from.as_deref(), false)?;
    let to = bound(edition, "to", p.to.as_deref(), true)?;
    let format = format_param(p.format.as_deref())?;
    let snapshot = state.site.snapshot().await?;
    if snapshot.tree.get(area).is_none_or(|a| a.level == Level::Community) {
        return Err(IndexError::UnknownArea(area.to_string()));
    }
    // Defaults: the latest 30 days or 12 months.
    let to = match to {
        Some(t) => t,
        None => state.index.periods(edition).await?.map(|r| r.last).unwrap_or_default(),
    };
    let steps = if edition == Edition::Daily { 29 } else { 11 };
    let mut from = from.unwrap_or_else(|| periods_back(edition, &to, steps));
    // A longer series starts later: the body's `from` says where.
    if span(edition, &from, &to) > MAX_SERIES {
        from = periods_back(edition, &to, MAX_SERIES as u32 - 1);
    }
    // `from` after `to` is an empty range.
    let points = match to.is_empty() || from > to {
        true => Vec::new(),
        false => crate::index::service::series(&state.db, area, edition, &from, &to).await?,
    };
    let body = SeriesBody {
        area_code: area.to_string(),
        edition,
        from,
        to,
        points: points.into_iter().map(series_out).collect(),
    };
    Ok(match format {
        Format::Json => Json(body).into_response(),
        Format::Csv => {
            let name = format!("index-{}-{}.csv", edition.as_str(), body.area_code);
            let m = state.index.methodology().await?;
            csv_export::response(&name, series_csv(&body, m.as_deref()), Disposition::Inline)
        }
    })
}

/// `from` or `to`: a day or a month in either edition ([`series_bound`]).
fn bound(
    edition: Edition,
    name: &'static str,
    value: Option<&str>,
    end: bool,
) -> Result<Option<String>, IndexError> {
    let Some(v) = value else { return Ok(None) };
    match series_bound(edition, v, end) {
        Some(b) => Ok(Some(b)),
        None => Err(IndexError::bad(Msg::ErrorBadPeriod, &[("name", name), ("value", v)])),
    }
}

fn series_out(p: SeriesPoint) -> SeriesOut {
    SeriesOut {
        grade: p.score.map(Grade::of),
        period: p.period,
        methodology_version: p.methodology_version,
        score: p.score,
        coverage: p.coverage,
        dimensions: p.dimensions,
        warning: p.warning,
    }
}

fn series_csv(body: &SeriesBody, m: Option<&Methodology>) -> String {
    let header =
        ["period", "methodology_version", "area_code", "score", "grade", "coverage", "warning"];
    let rows = body
        .points
        .iter()
        .map(|p| {
            let fields = vec![
                p.period.clone(),
                p.methodology_version.clone(),
                body.area_code.clone(),
                opt(p.score),
                grade_name(p.grade).to_string(),
                p.coverage.to_string(),
                p.warning.to_string(),
            ];
            (fields, &p.dimensions)
        })
        .collect();
    with_dimensions(&header, m, rows)
}
