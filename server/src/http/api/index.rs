//! The published 平安+ index as open data:
//! - `GET /api/v1/index/daily?date=YYYY-MM-DD&level=street|district|city`
//! - `GET /api/v1/index/monthly?month=YYYY-MM&level=…`
//! - `GET /api/v1/index/series?area=CODE&edition=daily|monthly&from=…&to=…`
//!
//! All take `format=json|csv`. Without a date or month, the latest published one.
use super::Format;
use crate::http::error::{HttpError, HttpResult};
use crate::http::lang::ReqLang;
use crate::http::AppState;
use app::areas::{AreaTree, Level};
use app::backend::Backend;
use app::i18n::{Lang, Msg};
use app::index::{Edition, Grade, Methodology};
use app::scores::{ranks, valid_period, PeriodRange, ScoreTable, SeriesPoint};
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Longest series one request may ask for, in periods.
pub const MAX_SERIES: usize = 3_700;

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
    pub dimensions: BTreeMap<String, Option<f64>>,
    pub warning: bool,
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
    pub dimensions: BTreeMap<String, Option<f64>>,
    pub warning: bool,
}

fn bad(lang: Lang, msg: Msg, args: &[(&str, &str)]) -> HttpError {
    HttpError::bad_request("bad_parameter", lang.fmt(msg, args))
}

fn not_found(code: &'static str, message: String) -> HttpError {
    HttpError { status: StatusCode::NOT_FOUND, code, message }
}

fn format_of(lang: Lang, value: Option<&str>) -> HttpResult<Format> {
    Format::parse(value).ok_or_else(|| bad(lang, Msg::ErrorBadChoice, &[("name", "format"), ("choices", "json, csv")]))
}

fn period_param(lang: Lang, edition: Edition, name: &str, value: Option<&str>) -> HttpResult<Option<String>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) if valid_period(edition, v) => Ok(Some(v.to_string())),
        Some(v) => {
            let msg = if edition == Edition::Daily { Msg::ErrorBadDate } else { Msg::ErrorBadMonth };
            Err(bad(lang, msg, &[("name", name), ("value", v)]))
        }
    }
}

pub async fn daily(state: State<AppState>, lang: ReqLang, Query(p): Query<EditionParams>) -> HttpResult<Response> {
    let period = period_param(lang.0, Edition::Daily, "date", p.date.as_deref())?;
    edition(state, lang, Edition::Daily, period, p).await
}

pub async fn monthly(state: State<AppState>, lang: ReqLang, Query(p): Query<EditionParams>) -> HttpResult<Response> {
    let period = period_param(lang.0, Edition::Monthly, "month", p.month.as_deref())?;
    edition(state, lang, Edition::Monthly, period, p).await
}

async fn edition(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    edition: Edition,
    period: Option<String>,
    p: EditionParams,
) -> HttpResult<Response> {
    let level = match p.level.as_deref().map(str::trim) {
        None | Some("") => Level::Street,
        Some(l) => Level::parse(l).filter(|l| *l != Level::Community).ok_or_else(|| {
            bad(lang, Msg::ErrorBadChoice, &[("name", "level"), ("choices", "street, district, city")])
        })?,
    };
    let format = format_of(lang, p.format.as_deref())?;
    let backend = &state.backend;
    let period = match period {
        Some(p) => p,
        None => match backend.periods(edition).await.map_err(|e| HttpError::internal(e, lang))? {
            Some(PeriodRange { last, .. }) => last,
            None => return Err(not_found("no_scores", lang.fmt(Msg::ErrorNoScores, &[("period", "—")]))),
        },
    };
    let table = backend.scores(edition, &period).await.map_err(|e| HttpError::internal(e, lang))?;
    let Some(table) = table else {
        return Err(not_found("no_scores", lang.fmt(Msg::ErrorNoScores, &[("period", &period)])));
    };
    let snapshot = backend.snapshot().await.map_err(|e| HttpError::internal(e, lang))?;
    let body = edition_body(&table, &snapshot.tree, level);
    Ok(match format {
        Format::Json => Json(body).into_response(),
        Format::Csv => {
            let name = format!("index-{}-{}-{}.csv", edition_name(edition), period, level.as_str());
            csv_response(&name, edition_csv(&body, snapshot.methodology.as_ref()))
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

fn edition_name(e: Edition) -> &'static str {
    match e {
        Edition::Daily => "daily",
        Edition::Monthly => "monthly",
    }
}

fn grade_name(g: Option<Grade>) -> &'static str {
    match g {
        Some(Grade::Excellent) => "excellent",
        Some(Grade::Good) => "good",
        Some(Grade::Steady) => "steady",
        Some(Grade::Poor) => "poor",
        None => "",
    }
}

fn opt(x: Option<f64>) -> String {
    x.map(|v| v.to_string()).unwrap_or_default()
}

/// Dimension columns in the methodology's order (then any others, by code).
fn dimension_columns<'a>(m: Option<&'a Methodology>, seen: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut cols: Vec<String> = Vec::new();
    let present: std::collections::BTreeSet<&String> = seen.collect();
    if let Some(m) = m {
        cols.extend(m.dimensions.iter().filter(|d| present.contains(&d.code)).map(|d| d.code.clone()));
    }
    for c in present {
        if !cols.contains(c) {
            cols.push(c.clone());
        }
    }
    cols
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A CSV table: the fixed columns, then one column per dimension (empty when null).
fn csv_table<'a>(
    header: &[&str],
    dims: &[String],
    rows: impl Iterator<Item = (Vec<String>, &'a BTreeMap<String, Option<f64>>)>,
) -> String {
    let mut out = header.join(",");
    for d in dims {
        let _ = write!(out, ",{d}");
    }
    out.push('\n');
    for (fields, dimensions) in rows {
        out.push_str(&fields.join(","));
        for d in dims {
            let _ = write!(out, ",{}", opt(dimensions.get(d).copied().flatten()));
        }
        out.push('\n');
    }
    out
}

pub fn edition_csv(body: &EditionBody, m: Option<&Methodology>) -> String {
    let dims = dimension_columns(m, body.areas.iter().flat_map(|a| a.dimensions.keys()));
    let header = ["period", "methodology_version", "area_code", "name_zh", "name_en", "score", "grade", "coverage", "rank", "warning"];
    let rows = body.areas.iter().map(|a| {
        let fields = vec![
            body.period.clone(),
            csv_field(&body.methodology_version),
            a.area_code.clone(),
            csv_field(&a.name_zh),
            csv_field(&a.name_en),
            opt(a.score),
            grade_name(a.grade).to_string(),
            a.coverage.to_string(),
            a.rank.map(|r| r.to_string()).unwrap_or_default(),
            a.warning.to_string(),
        ];
        (fields, &a.dimensions)
    });
    csv_table(&header, &dims, rows)
}

fn csv_response(filename: &str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, format!("inline; filename=\"{filename}\"")),
        ],
        body,
    )
        .into_response()
}

#[derive(Debug, Default, Deserialize)]
pub struct SeriesParams {
    pub area: Option<String>,
    pub edition: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub format: Option<String>,
}

pub async fn series(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Query(p): Query<SeriesParams>,
) -> HttpResult<Response> {
    let area = p.area.as_deref().map(str::trim).filter(|a| !a.is_empty());
    let Some(area) = area else { return Err(bad(lang, Msg::ErrorMissingParam, &[("name", "area")])) };
    let edition = match p.edition.as_deref().map(str::trim) {
        None | Some("") | Some("daily") => Edition::Daily,
        Some("monthly") => Edition::Monthly,
        Some(_) => return Err(bad(lang, Msg::ErrorBadChoice, &[("name", "edition"), ("choices", "daily, monthly")])),
    };
    let from = period_param(lang, edition, "from", p.from.as_deref())?;
    let to = period_param(lang, edition, "to", p.to.as_deref())?;
    let format = format_of(lang, p.format.as_deref())?;
    let backend = &state.backend;
    let snapshot = backend.snapshot().await.map_err(|e| HttpError::internal(e, lang))?;
    if snapshot.tree.get(area).is_none_or(|a| a.level == Level::Community) {
        return Err(not_found("unknown_area", lang.fmt(Msg::ErrorUnknownArea, &[("code", area)])));
    }
    let range = backend.periods(edition).await.map_err(|e| HttpError::internal(e, lang))?;
    // Defaults: the latest 30 days or 12 months.
    let to = match (to, &range) {
        (Some(t), _) => t,
        (None, Some(r)) => r.last.clone(),
        (None, None) => String::new(),
    };
    let from = match from {
        Some(f) => f,
        None => back_from(edition, &to),
    };
    if !to.is_empty() && from > to {
        return Err(bad(lang, Msg::ErrorBadRange, &[]));
    }
    if span(edition, &from, &to) > MAX_SERIES {
        return Err(bad(lang, Msg::ErrorRangeTooLong, &[("max", &MAX_SERIES.to_string())]));
    }
    let points = if to.is_empty() {
        Vec::new()
    } else {
        backend.series(area, edition, &from, &to).await.map_err(|e| HttpError::internal(e, lang))?
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
            let name = format!("index-{}-{}.csv", edition_name(edition), body.area_code);
            csv_response(&name, series_csv(&body, snapshot.methodology.as_ref()))
        }
    })
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
    let dims = dimension_columns(m, body.points.iter().flat_map(|p| p.dimensions.keys()));
    let header = ["period", "methodology_version", "area_code", "score", "grade", "coverage", "warning"];
    let rows = body.points.iter().map(|p| {
        let fields = vec![
            p.period.clone(),
            csv_field(&p.methodology_version),
            body.area_code.clone(),
            opt(p.score),
            grade_name(p.grade).to_string(),
            p.coverage.to_string(),
            p.warning.to_string(),
        ];
        (fields, &p.dimensions)
    });
    csv_table(&header, &dims, rows)
}

/// The period 29 days (daily) or 11 months (monthly) before `to`.
fn back_from(edition: Edition, to: &str) -> String {
    let mut p = to.to_string();
    let steps = if edition == Edition::Daily { 29 } else { 11 };
    for _ in 0..steps {
        match app::scores::previous_period(edition, &p) {
            Some(prev) => p = prev,
            None => break,
        }
    }
    p
}

/// Number of periods from `from` to `to` inclusive (0 when either is empty).
fn span(edition: Edition, from: &str, to: &str) -> usize {
    use app::scores::{split_date, split_month};
    match edition {
        Edition::Daily => match (split_date(from), split_date(to)) {
            (Some(a), Some(b)) => {
                use chrono::Datelike;
                let days = |(y, m, d): (i32, u32, u32)| {
                    chrono::NaiveDate::from_ymd_opt(y, m, d).map(|x| x.num_days_from_ce() as i64).unwrap_or(0)
                };
                (days(b) - days(a)).max(0) as usize + 1
            }
            _ => 0,
        },
        Edition::Monthly => match (split_month(from), split_month(to)) {
            (Some((y1, m1)), Some((y2, m2))) => ((y2 * 12 + m2 as i32) - (y1 * 12 + m1 as i32)).max(0) as usize + 1,
            _ => 0,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_count_both_ends() {
        assert_eq!(span(Edition::Daily, "2026-01-01", "2026-01-01"), 1);
        assert_eq!(span(Edition::Daily, "2025-12-31", "2026-01-02"), 3);
        assert_eq!(span(Edition::Monthly, "2025-11", "2026-10"), 12);
        assert_eq!(back_from(Edition::Daily, "2026-03-01"), "2026-01-31");
        assert_eq!(back_from(Edition::Monthly, "2026-10"), "2025-11");
    }

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(csv_field("Hubin Subdistrict"), "Hubin Subdistrict");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
