//! `POST /staff/observations` (multipart: `file`): index observations for the streets
//! inside the member's area, validated whole and applied all or nothing.
use crate::csv_import::{ImportOutcome, ProblemKind};
use crate::index::error::IndexError;
use crate::index::service::{self, Uploader};
use crate::web::extract::{ReqLang, Staff};
use crate::web::upload::{Upload, UploadReport};
use crate::web::AppState;
use app::core::access::Duty;
use app::core::i18n::Msg;
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

const BACK: &str = "/staff/observations";

pub async fn upload(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Staff(me): Staff,
    headers: HeaderMap,
    mp: Multipart,
) -> Result<Response, IndexError> {
    let site = state.site.snapshot().await?;
    let tree = &site.tree;
    crate::access::authorise(&me, Duty::Observations, &me.area_code, tree)?;
    let up = match Upload::read(mp).await {
        Ok(up) => up,
        Err(refusal) => return Ok(refusal.back(BACK).into_response()),
    };
    let (filename, bytes) = match up.csv_or_report(&headers, lang, BACK) {
        Ok(file) => file,
        Err(report) => return Ok(*report),
    };
    let by = Uploader { staff: &me, filename: &filename };
    let (status, report) = match service::import_csv(&state.db, &bytes, Some(by), &|_| {}).await? {
        ImportOutcome::Applied { inserted, updated } => {
            state.site.invalidate();
            let (count, inserted, updated) =
                ((inserted + updated).to_string(), inserted.to_string(), updated.to_string());
            let args = [("count", &*count), ("inserted", &*inserted), ("updated", &*updated)];
            (StatusCode::OK, UploadReport::applied(lang.fmt(Msg::ImportObsSummary, &args)))
        }
        ImportOutcome::Rejected(problems) => {
            // Rows outside the member's area are a matter of rights, not of data.
            let outside =
                problems.iter().any(|p| matches!(p.kind, ProblemKind::OutsideArea { .. }));
            let status =
                if outside { StatusCode::FORBIDDEN } else { StatusCode::UNPROCESSABLE_ENTITY };
            (status, UploadReport::rejected(lang, &problems))
        }
    };
    Ok(report.respond(&headers, lang, BACK, status))
}
