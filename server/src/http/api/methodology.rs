//! `GET /api/v1/methodology`: the version in force with every dimension and indicator
//! (JSON), or the indicators with their dimension as CSV (`?format=csv`).
use super::Format;
use crate::http::error::{HttpError, HttpResult};
use crate::http::lang::ReqLang;
use crate::http::AppState;
use app::backend::Backend;
use app::i18n::Msg;
use app::index::{Frequency, Methodology, Unit};
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct Params {
    pub format: Option<String>,
}

pub async fn show(State(state): State<AppState>, ReqLang(lang): ReqLang, Query(p): Query<Params>) -> HttpResult<Response> {
    let format = Format::parse(p.format.as_deref()).ok_or_else(|| {
        HttpError::bad_request("bad_parameter", lang.fmt(Msg::ErrorBadRequest, &[("detail", "format: json | csv")]))
    })?;
    let snapshot = state.backend.snapshot().await.map_err(|e| HttpError::internal(e, lang))?;
    let Some(m) = snapshot.methodology.as_ref() else {
        return Err(HttpError { status: StatusCode::NOT_FOUND, code: "no_methodology", message: lang.t(Msg::ErrorNoMethodology).into() });
    };
    Ok(match format {
        Format::Json => Json(m).into_response(),
        Format::Csv => ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], to_csv(m)).into_response(),
    })
}

pub fn to_csv(m: &Methodology) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "version", "dimension", "dimension_name_zh", "dimension_name_en", "dimension_weight", "code", "name_zh",
        "name_en", "frequency", "unit", "best", "worst", "weight",
    ]);
    for i in &m.indicators {
        let Some(d) = m.dimension(&i.dimension) else { continue };
        let freq = match i.frequency { Frequency::Daily => "daily", Frequency::Monthly => "monthly" };
        let unit = match i.unit { Unit::Rate => "rate", Unit::Value => "value" };
        let _ = w.write_record([
            m.version.as_str(), &d.code, &d.name_zh, &d.name_en, &d.weight.to_string(), &i.code, &i.name_zh,
            &i.name_en, freq, unit, &i.best.to_string(), &i.worst.to_string(), &i.weight.to_string(),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
