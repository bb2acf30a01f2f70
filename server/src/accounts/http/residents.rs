//! A committee's residents: `POST /staff/residents/decide` (approve or reject a
//! verification) and `POST /staff/roll` (replace the community's roll).
use crate::accounts::error::AccountError;
use crate::accounts::service::{self, RollOutcome};
use crate::web::extract::{ReqLang, Staff};
use crate::web::reply::{field, q, see_other, FormMap};
use crate::web::upload::{Upload, UploadReport};
use crate::web::AppState;
use app::accounts::model::MAX_REASON;
use app::core::access::Duty;
use app::core::i18n::Msg;
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

pub async fn decide(
    State(state): State<AppState>,
    Staff(me): Staff,
    form: FormMap,
) -> Result<Response, AccountError> {
    let reason = field(&form, "reason").trim();
    let decision = match field(&form, "decision") {
        "approve" => Ok(()),
        "reject" if !valid_reason(reason) => return Err(AccountError::ReasonRequired),
        "reject" => Err(reason),
        _ => return Err(AccountError::BadRequest),
    };
    let site = state.site.snapshot().await?;
    let tree = &site.tree;
    let community =
        service::decide(&state.db, tree, &me, field(&form, "resident"), decision).await?;
    Ok(see_other(&format!("/staff/residents?community={}&notice=decided", q(&community)), vec![]))
}

/// A refusal's reason, as the resident will read it: 2 to 200 characters, no control
/// characters.
fn valid_reason(reason: &str) -> bool {
    let n = reason.chars().count();
    (2..=MAX_REASON).contains(&n) && !reason.chars().any(char::is_control)
}

/// Multipart `community`, `file`.
pub async fn import_roll(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Staff(me): Staff,
    headers: HeaderMap,
    mp: Multipart,
) -> Result<Response, AccountError> {
    let up = match Upload::read(mp).await {
        Ok(up) => up,
        Err(refusal) => return Ok(refusal.back("/staff").into_response()),
    };
    let community = up.field("community").to_string();
    let site = state.site.snapshot().await?;
    let tree = &site.tree;
    crate::access::authorise(&me, Duty::Residents, &community, tree)?;
    let back = format!("/staff/residents?community={}", q(&community));
    let bytes = match up.csv_or_report(&headers, lang, &back) {
        Ok((_, bytes)) => bytes,
        Err(report) => return Ok(*report),
    };
    let (status, report) =
        match service::replace_roll(&state.db, &state.identity, &me, &community, &bytes).await? {
            RollOutcome::Replaced { entries, verified } => {
                let (count, verified) = (entries.to_string(), verified.to_string());
                let args = [("count", count.as_str()), ("verified", verified.as_str())];
                (StatusCode::OK, UploadReport::applied(lang.fmt(Msg::StaffRollImported, &args)))
            }
            RollOutcome::Rejected(problems) => {
                (StatusCode::UNPROCESSABLE_ENTITY, UploadReport::rejected(lang, &problems))
            }
        };
    Ok(report.respond(&headers, lang, &back, status))
}
