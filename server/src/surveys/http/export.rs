//! `GET /staff/surveys/:id/export.csv?area=[&part=texts]`: the answers from the
//! member's area (or a part of it), anonymised: no resident, no date, rows in a
//! random-id order unrelated to submission; refused under 5 responses (or where the
//! results withhold the part), and for anonymous surveys until they close.
use crate::csv_export::{self, Disposition};
use crate::surveys::error::SurveyError;
use crate::surveys::service::manage::{self, Exported, Part};
use crate::web::extract::{ReqLang, Staff};
use crate::web::reply::see_other;
use crate::web::AppState;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use std::collections::HashMap;

/// Excel and WPS read UTF-8 only after a byte-order mark.
const BOM: &str = "\u{feff}";

pub async fn export(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Staff(me): Staff,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, SurveyError> {
    let site = state.site.snapshot().await?;
    let tree = &site.tree;
    let area = query.get("area").map(String::as_str);
    let part = match query.get("part").map(String::as_str) {
        Some("texts") => Part::Texts,
        _ => Part::Answers,
    };
    let export = match manage::export(&state.db, tree, &me, &id, area, part, lang).await? {
        Exported::File(export) => export,
        Exported::TooFew => {
            return Ok(see_other(&format!("/staff/surveys/{id}?error=export_small"), vec![]))
        }
        Exported::AfterClose => {
            return Ok(see_other(&format!("/staff/surveys/{id}?error=export_after_close"), vec![]))
        }
    };
    let header: Vec<&str> = export.header.iter().map(String::as_str).collect();
    let body = format!("{BOM}{}", csv_export::table(&header, export.rows));
    let suffix = if part == Part::Texts { "-texts" } else { "" };
    let name = format!("survey-{id}-{}{suffix}.csv", export.area);
    Ok(csv_export::response(&name, body, Disposition::Attachment))
}
