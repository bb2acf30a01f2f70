//! The published index as open data, one edition at a time:
//! - `GET /api/v1/index/daily?date=YYYY-MM-DD&level=street|district|city`
//! - `GET /api/v1/index/monthly?month=YYYY-MM&level=…`
//!
//! Both take `format=json|csv`. Without a date or month, the latest published one.
use super::tables::{grade_name, opt, with_dimensions};
use crate::csv_export::{self, Disposition};
use crate::index::error::IndexError;
use crate::web::api::ApiQuery;
use crate::web::api::Format;
use crate::web::AppState;
use app::core::areas::{AreaTree, Level};
use app::core::i18n::Msg;
use app::index::model::{DimensionScores, Edition, Grade, Methodology, ScoreTable};
use app::index::rules::periods::valid_period;
use app::index::rules::ranking::ranks;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};

#[derive(Debug, Default, Deserialize)]
pub struct EditionParams {
    pub date: Option<String>,
    pub month: Option<String>,
    pub level: Option<String>,
    pub format: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct EditionBody {
    pub edition: Edition,
    pub period: String,
    pub level: Level,
    pub methodology_version: String,
    pub areas: Vec<AreaScore>,
}

#[derive(Debug, Serialize)]
pub struct AreaScore {
    pub area_code: String,
    pub name_zh: String,
    pub name_en: String,
    pub parent_code: Option<String>,
    pub score: Option<f64>,
    pub grade: Option<Grade>,
    pub coverage: f64,
    pub rank: Option<u32>,
    pub dimensions: DimensionScores,
    pub warning: bool,
}

/// A `date`, `month`, `from` or `to` parameter: absent, or a well-formed period.
pub fn period_param(
    edition: Edition,
    name: &'static str,
    value: Option<&str>,
) -> Result<Option<String>, IndexError> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) if valid_period(edition, v) => Ok(Some(v.to_string())),
        Some(v) => {
            let msg =
                if edition == Edition::Daily { Msg::ErrorBadDate } else { Msg::ErrorBadMonth };
            Err(IndexError::bad(msg, &[("name", name), ("value", v)]))
        }
    }
}

/// `format=json|csv`.
pub fn format_param(value: Option<&str>) -> Result<Format, IndexError> {
    Format::parse(value).ok_or_else(|| {
        IndexError::bad(Msg::ErrorBadChoice, &[("name", "format"), ("choices", "json, csv")])
    })
}

/// `GET /api/v1/index/daily`.
pub async fn daily(
    state: State<AppState>,
    ApiQuery(p): ApiQuery<EditionParams>,
) -> Result<Response, IndexError> {
    let period = period_param(Edition::Daily, "date", p.date.as_deref())?;
    edition(state, Edition::Daily, period, p).await
}

/// `GET /api/v1/index/monthly`.
pub async fn monthly(
    state: State<AppState>,
    ApiQuery(p): ApiQuery<EditionParams>,
) -> Result<Response, IndexError> {
    let period = period_param(Edition::Monthly, "month", p.month.as_deref())?;
    edition(state, Edition::Monthly, period, p).await
}

async fn edition(
    State(state): State<AppState>,
    edition: Edition,
    period: Option<String>,
    p: EditionParams,
) -> Result<Response, IndexError> {
    let level = match p.level.as_deref().map(str::trim) {
        None | Some("") => Level::Street,
        Some(l) => Level::parse(l).filter(|l| *l != Level::Community).ok_or_else(|| {
            IndexError::bad(
                Msg::ErrorBadChoice,
                &[("name", "level"), ("choices", "street, district, city")],
            )
        })?,
    };
    let format = format_param(p.format.as_deref())?;
    let index = &state.index;
    let period = match period {
        Some(p) => p,
        None => {
            index.periods(edition).await?.map(|r| r.last).ok_or(IndexError::NoScores("—".into()))?
        }
    };
    let Some(table) = index.scores(edition, &period).await? else {
        return Err(IndexError::NoScores(period));
    };
    let snapshot = state.site.snapshot().await?;
    let body = edition_body(&table, &snapshot.tree, level);
    Ok(match format {
        Format::Json => Json(body).into_response(),
        Format::Csv => {
            let name = format!("index-{}-{}-{}.csv", edition.as_str(), period, level.as_str());
            let m = index.methodology().await?;
            csv_export::response(&name, edition_csv(&body, m.as_deref()), Disposition::Inline)
        }
    })
}

/// Every area of `level` in the table, ranked, best first; areas without a score last.
pub fn edition_body(table: &ScoreTable, tree: &AreaTree, level: Level) -> EditionBody {
    let rows: Vec<_> = table
        .rows
        .iter()
        .filter_map(|r| tree.get(&r.area_code).filter(|a| a.level == level).map(|a| (a, r)))
        .collect();
    let rank = ranks(rows.iter().map(|(a, r)| (a.code.as_str(), r.score)));
    let mut areas: Vec<AreaScore> = rows
        .iter()
        .map(|(a, r)| AreaScore {
            area_code: a.code.clone(),
            name_zh: a.name_zh.clone(),
            name_en: a.name_en.clone(),
            parent_code: a.parent_code.clone(),
            score: r.score,
            grade: r.grade(),
            coverage: r.coverage,
            rank: rank.get(a.code.as_str()).copied(),
            dimensions: r.dimensions.clone(),
            warning: r.warning,
        })
        .collect();
    areas.sort_by(|a, b| match (a.rank, b.rank) {
        (Some(x), Some(y)) => x.cmp(&y).then_with(|| a.area_code.cmp(&b.area_code)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.area_code.cmp(&b.area_code),
    });
    EditionBody {
        edition: table.edition,
        period: table.period.clone(),
        level,
        methodology_version: table.methodology_version.clone(),
        areas,
    }
}

pub fn edition_csv(body: &EditionBody, m: Option<&Methodology>) -> String {
    let header = [
        "period",
        "methodology_version",
        "area_code",
        "name_zh",
        "name_en",
        "score",
        "grade",
        "coverage",
        "rank",
        "warning",
    ];
    let rows = body
        .areas
        .iter()
        .map(|a| {
            let fields = vec![
                body.period.clone(),
                body.methodology_version.clone(),
                a.area_code.clone(),
                a.name_zh.clone(),
                a.name_en.clone(),
                opt(a.score),
                grade_name(a.grade).to_string(),
                a.coverage.to_string(),
                a.rank.map(|r| r.to_string()).unwrap_or_default(),
                a.warning.to_string(),
            ];
            (fields, &a.dimensions)
        })
        .collect();
    with_dimensions(&header, m, rows)
}
