//! `GET /staff/surveys/:id/export.csv?area=`: the answers from the member's area (or a
//! part of it), anonymised: no resident, no date, rows in a random-id order unrelated
//! to submission; refused under 5 responses.
use crate::csv_export::{self, Disposition};
use crate::surveys::error::SurveyError;
use crate::surveys::service::manage;
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
    let Some(export) = manage::export(&state.db, tree, &me, &id, area, lang).await? else {
        return Ok(see_other(&format!("/staff/surveys/{id}?error=export_small"), vec![]));
    };
    let header: Vec<&str> = export.header.iter().map(String::as_str).collect();
    let body = format!("{BOM}{}", csv_export::table(&header, export.rows));
    let name = format!("survey-{id}-{}.csv", export.area);
    Ok(csv_export::response(&name, body, Disposition::Attachment))
}
