//! Staff: sign-in with lock-out, and the actions of the staff pages. Every handler
//! authorises against the member's role and area before touching anything; refusals
//! are 403 and change nothing. Actions are audited in the same transaction.
use super::auth::{q, see_other};
use super::error::HttpError;
use super::lang::ReqLang;
use super::prefs::safe_next;
use super::session::{clear_cookie, new_token, refusal, set_cookie, staff_token, ClientAddr, Staff};
use super::AppState;
use crate::auth::crypto::{hash_password, verify_password, Purpose};
use crate::domain::csv_import::Problem;
use crate::domain::roll_import;
use crate::storage::accounts::{NewStaff, SessionKind, StaffSignin};
use crate::storage::areas::ImportOutcome;
use app::auth::{Duty, Role, StaffUser, STAFF_COOKIE};
use app::backend::Backend;
use app::i18n::{Lang, Msg};
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Form;
use serde::Serialize;
use std::collections::HashMap;

type FormMap = Form<HashMap<String, String>>;

/// Cookie path of staff sessions: public pages never carry them.
pub const STAFF_PATH: &str = "/staff";
/// Largest upload accepted (observations for a year of every street fit in 10 MB).
pub const MAX_UPLOAD: usize = 64 * 1024 * 1024;
/// Shortest staff password.
pub const MIN_PASSWORD: usize = 10;

fn field<'a>(form: &'a HashMap<String, String>, name: &str) -> &'a str {
    form.get(name).map(|s| s.trim()).unwrap_or("")
}

fn forbidden(lang: Lang) -> Response {
    refusal(StatusCode::FORBIDDEN, lang, lang.t(Msg::StaffForbidden), "/staff")
}

/// `POST /staff/signin`.
pub async fn sign_in(State(state): State<AppState>, ReqLang(lang): ReqLang, ClientAddr(client): ClientAddr, Form(form): FormMap) -> Response {
    let next = match safe_next(form.get("next")) {
        n if n.starts_with(STAFF_PATH) => n,
        _ => STAFF_PATH.to_string(),
    };
    let back = |error: &str| see_other(&format!("/staff/signin?error={error}&next={}", q(&next)), vec![]);
    let limits = &state.settings.auth;
    let client_hash = state.secret.hash(Purpose::Client, &client);
    match state.db.staff_signin_attempt(&client_hash).await {
        Ok(n) if n >= limits.staff_signins_per_client_hour => return back("client_limit"),
        Ok(_) => {}
        Err(e) => return HttpError::internal(e, lang).into_response(),
    }
    let username = field(&form, "username").to_string();
    let password = form.get("password").cloned().unwrap_or_default();
    if username.is_empty() || password.is_empty() {
        return back("staff_refused");
    }
    let creds = match state.db.staff_credentials(&username).await {
        Ok(c) => c,
        Err(e) => return HttpError::internal(e, lang).into_response(),
    };
    // argon2 takes tens of milliseconds: off the async workers. An unknown name is
    // checked against a dummy hash so that both answers take as long.
    let phc = creds.as_ref().map(|c| c.1.clone()).unwrap_or_else(|| crate::auth::crypto::dummy_password_hash().to_string());
    let ok = tokio::task::spawn_blocking(move || verify_password(&password, &phc)).await.unwrap_or(false);
    let (token, hash) = new_token();
    let ttl = limits.staff_session_hours * 3600;
    let checked = creds.as_ref().map(|c| (&c.0, ok));
    match state.db.staff_sign_in(&username, checked, (limits.staff_failures, limits.staff_lock_secs), &hash, ttl).await {
        Ok(StaffSignin::Ok(_)) => {
            see_other(&next, vec![set_cookie(STAFF_COOKIE, &token, STAFF_PATH, ttl, state.settings.secure_cookies)])
        }
        Ok(StaffSignin::Refused) => back("staff_refused"),
        Ok(StaffSignin::Locked(_)) => back("staff_locked"),
        Ok(StaffSignin::Inactive) => back("staff_inactive"),
        Err(e) => HttpError::internal(e, lang).into_response(),
    }
}

/// `POST /staff/signout`.
pub async fn sign_out(State(state): State<AppState>, ReqLang(lang): ReqLang, headers: HeaderMap) -> Response {
    if let Some(hash) = staff_token(&headers) {
        if let Err(e) = state.db.end_session(&hash).await {
            return HttpError::internal(e, lang).into_response();
        }
    }
    see_other("/staff/signin?notice=signed_out", vec![clear_cookie(STAFF_COOKIE, STAFF_PATH, state.settings.secure_cookies)])
}

/// `POST /staff/signout-all`: ends every session of this staff member.
pub async fn sign_out_everywhere(State(state): State<AppState>, ReqLang(lang): ReqLang, Staff(me): Staff) -> Response {
    if let Err(e) = state.db.end_all_sessions(SessionKind::Staff, &me.id).await {
        return HttpError::internal(e, lang).into_response();
    }
    see_other("/staff/signin?notice=signed_out_all", vec![clear_cookie(STAFF_COOKIE, STAFF_PATH, state.settings.secure_cookies)])
}

async fn may(state: &AppState, lang: Lang, me: &StaffUser, duty: Duty, area: &str) -> Result<(), Response> {
    let snapshot = state.backend.snapshot().await.map_err(|e| HttpError::internal(e, lang).into_response())?;
    if me.may(duty, area, &snapshot.tree) {
        Ok(())
    } else {
        tracing::warn!(staff = %me.username, ?duty, area, "staff action outside their rights refused");
        Err(forbidden(lang))
    }
}

/// `POST /staff/residents/decide`: approve or reject a resident's verification.
pub async fn decide(State(state): State<AppState>, ReqLang(lang): ReqLang, Staff(me): Staff, Form(form): FormMap) -> Response {
    let resident = field(&form, "resident");
    let approve = match field(&form, "decision") {
        "approve" => true,
        "reject" => false,
        _ => return refusal(StatusCode::BAD_REQUEST, lang, lang.t(Msg::StaffBadDecision), "/staff"),
    };
    // The community is the resident's own, never the form's word for it.
    let community = match state.db.resident_community(resident).await {
        Ok(Some(c)) => c,
        Ok(None) => return forbidden(lang),
        Err(e) => return HttpError::internal(e, lang).into_response(),
    };
    if let Err(r) = may(&state, lang, &me, Duty::Residents, &community).await {
        return r;
    }
    match state.db.resident_decide(&me, &community, resident, approve).await {
        Ok(true) => see_other(&format!("/staff/residents?community={}&notice=decided", q(&community)), vec![]),
        Ok(false) => forbidden(lang),
        Err(e) => HttpError::internal(e, lang).into_response(),
    }
}

/// The fields of a multipart upload: text fields and the one file.
struct Upload {
    fields: HashMap<String, String>,
    file: Option<(String, Vec<u8>)>,
}

async fn read_upload(mut mp: Multipart) -> Result<Upload, String> {
    let mut up = Upload { fields: HashMap::new(), file: None };
    while let Some(field) = mp.next_field().await.map_err(|e| e.body_text())? {
        let name = field.name().unwrap_or_default().to_string();
        if name == "file" {
            let filename = field.file_name().unwrap_or_default().to_string();
            let bytes = field.bytes().await.map_err(|e| e.body_text())?;
            up.file = Some((filename, bytes.to_vec()));
        } else {
            let text = field.text().await.map_err(|e| e.body_text())?;
            up.fields.insert(name, text);
        }
    }
    Ok(up)
}

/// Uploads must be CSV by name and text by content (no NUL bytes).
fn check_csv(lang: Lang, file: &Option<(String, Vec<u8>)>) -> Result<(), String> {
    match file {
        None => Err(lang.t(Msg::UploadMissing).into()),
        Some((_, b)) if b.is_empty() => Err(lang.t(Msg::ImportEmptyFile).into()),
        Some((name, _)) if !name.to_ascii_lowercase().ends_with(".csv") => Err(lang.t(Msg::UploadNotCsv).into()),
        Some((_, b)) if b.contains(&0) => Err(lang.t(Msg::UploadNotCsv).into()),
        Some(_) => Ok(()),
    }
}

/// The outcome of an upload, as JSON for the page's uploader and as a plain page
/// when the form was posted without JavaScript.
#[derive(Serialize)]
pub struct UploadReport {
    pub ok: bool,
    pub summary: String,
    pub problems: Vec<String>,
}

fn report(headers: &HeaderMap, lang: Lang, back: &str, status: StatusCode, report: UploadReport) -> Response {
    let wants_json = headers
        .get(axum::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("application/json"));
    if wants_json {
        return (status, axum::Json(report)).into_response();
    }
    let items: String = report.problems.iter().map(|p| format!("<li>{}</li>", super::session::escape(p))).collect();
    let body = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title></head><body><main><h1>{}</h1><ul>{items}</ul><p><a href=\"{}\">{}</a></p></main></body></html>",
        lang.tag(),
        super::session::escape(&report.summary),
        super::session::escape(&report.summary),
        super::session::escape(back),
        super::session::escape(lang.t(Msg::CommonBack)),
    );
    (status, Html(body)).into_response()
}

fn rejected(lang: Lang, problems: &[Problem]) -> UploadReport {
    UploadReport {
        ok: false,
        summary: lang.fmt(Msg::ImportSummaryFailed, &[("count", &problems.len().to_string())]),
        problems: problems.iter().map(|p| p.message(lang)).collect(),
    }
}

/// `POST /staff/roll` (multipart: `community`, `file`): replaces a community's roll.
pub async fn import_roll(State(state): State<AppState>, ReqLang(lang): ReqLang, Staff(me): Staff, headers: HeaderMap, mp: Multipart) -> Response {
    let up = match read_upload(mp).await {
        Ok(u) => u,
        Err(e) => return refusal(StatusCode::BAD_REQUEST, lang, &e, "/staff"),
    };
    let community = up.fields.get("community").map(|s| s.trim().to_string()).unwrap_or_default();
    if let Err(r) = may(&state, lang, &me, Duty::Residents, &community).await {
        return r;
    }
    let back = format!("/staff/residents?community={}", q(&community));
    if let Err(msg) = check_csv(lang, &up.file) {
        return report(&headers, lang, &back, StatusCode::BAD_REQUEST, UploadReport { ok: false, summary: msg, problems: vec![] });
    }
    let bytes = up.file.map(|f| f.1).unwrap_or_default();
    let entries = match roll_import::parse(&bytes) {
        Ok(e) => e,
        Err(problems) => return report(&headers, lang, &back, StatusCode::UNPROCESSABLE_ENTITY, rejected(lang, &problems)),
    };
    let hashed: Vec<(String, String)> = entries.into_iter().map(|(p, l)| (state.secret.hash(Purpose::Phone, &p), l)).collect();
    match state.db.roll_replace(&me, &community, &hashed).await {
        Ok((n, verified)) => {
            let summary = lang.fmt(Msg::StaffRollImported, &[("count", &n.to_string()), ("verified", &verified.to_string())]);
            report(&headers, lang, &back, StatusCode::OK, UploadReport { ok: true, summary, problems: vec![] })
        }
        Err(e) => HttpError::internal(e, lang).into_response(),
    }
}

/// `POST /staff/observations` (multipart: `file`): index observations for streets
/// inside the member's area, validated whole and applied all-or-nothing.
pub async fn import_observations(State(state): State<AppState>, ReqLang(lang): ReqLang, Staff(me): Staff, headers: HeaderMap, mp: Multipart) -> Response {
    if !me.has(Duty::Observations) {
        return forbidden(lang);
    }
    if let Err(r) = may(&state, lang, &me, Duty::Observations, &me.area_code.clone()).await {
        return r;
    }
    let back = "/staff/observations";
    let up = match read_upload(mp).await {
        Ok(u) => u,
        Err(e) => return refusal(StatusCode::BAD_REQUEST, lang, &e, back),
    };
    if let Err(msg) = check_csv(lang, &up.file) {
        return report(&headers, lang, back, StatusCode::BAD_REQUEST, UploadReport { ok: false, summary: msg, problems: vec![] });
    }
    let (filename, bytes) = up.file.unwrap_or_default();
    let scope = (me.role != Role::CityAdmin).then_some(me.area_code.as_str());
    match state.db.import_observations_csv_within(&bytes, scope, &|_| {}).await {
        Ok(ImportOutcome::Applied { inserted, updated }) => {
            state.backend.invalidate();
            let detail = format!("file={filename} inserted={inserted} updated={updated}");
            let audit = crate::storage::accounts::Audit {
                actor: &me.username,
                role: Some(me.role),
                action: "observations.import",
                area_code: Some(&me.area_code),
                target: None,
                detail: &detail,
            };
            if let Err(e) = state.db.audit(audit).await {
                tracing::error!(error = %e, "audit line for an applied import not written");
            }
            let count = (inserted + updated).to_string();
            let summary = lang.fmt(
                Msg::ImportObsSummary,
                &[("count", &count), ("inserted", &inserted.to_string()), ("updated", &updated.to_string())],
            );
            report(&headers, lang, back, StatusCode::OK, UploadReport { ok: true, summary, problems: vec![] })
        }
        Ok(ImportOutcome::Rejected(problems)) => {
            // Rows outside the member's area are a matter of rights, not of data.
            let outside = problems.iter().any(|p| matches!(p.kind, crate::domain::csv_import::ProblemKind::OutsideArea { .. }));
            let status = if outside { StatusCode::FORBIDDEN } else { StatusCode::UNPROCESSABLE_ENTITY };
            report(&headers, lang, back, status, rejected(lang, &problems))
        }
        Err(e) => HttpError::internal(e, lang).into_response(),
    }
}

/// Is this a username staff can type and read? (letters, digits, `.`, `_`, `-`)
pub fn valid_username(s: &str) -> bool {
    (3..=32).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// `POST /staff/accounts`: the city administrator creates a staff account.
pub async fn create_account(State(state): State<AppState>, ReqLang(lang): ReqLang, Staff(me): Staff, Form(form): FormMap) -> Response {
    if !me.has(Duty::StaffAccounts) {
        return forbidden(lang);
    }
    let back = |error: &str| see_other(&format!("/staff/accounts?error={error}#new"), vec![]);
    let username = field(&form, "username");
    let display_name = field(&form, "display_name");
    let password = form.get("password").cloned().unwrap_or_default();
    let area = field(&form, "area");
    let Some(role) = Role::parse(field(&form, "role")) else { return back("role_invalid") };
    if !valid_username(username) {
        return back("username_invalid");
    }
    if display_name.is_empty() || display_name.chars().count() > 40 {
        return back("display_name_invalid");
    }
    if password.chars().count() < MIN_PASSWORD {
        return back("password_short");
    }
    let snapshot = match state.backend.snapshot().await {
        Ok(s) => s,
        Err(e) => return HttpError::internal(e, lang).into_response(),
    };
    match snapshot.tree.get(area) {
        Some(a) if a.level == role.level() => {}
        _ => return back("area_role_mismatch"),
    }
    if !me.may(Duty::StaffAccounts, area, &snapshot.tree) {
        return forbidden(lang);
    }
    let phc = match tokio::task::spawn_blocking(move || hash_password(&password)).await {
        Ok(Ok(h)) => h,
        Ok(Err(e)) => return HttpError::internal(e, lang).into_response(),
        Err(e) => return HttpError::internal(e, lang).into_response(),
    };
    let new = NewStaff { username, display_name, password_hash: &phc, role, area_code: area, created_by: Some(&me.id) };
    match state.db.staff_add(new, &me.username).await {
        Ok(Some(_)) => see_other("/staff/accounts?notice=account_created", vec![]),
        Ok(None) => back("username_taken"),
        Err(e) => HttpError::internal(e, lang).into_response(),
    }
}

/// `POST /staff/accounts/active` (`id`, `active=0|1`): deactivation takes effect at
/// once (the member's sessions end).
pub async fn set_active(State(state): State<AppState>, ReqLang(lang): ReqLang, Staff(me): Staff, Form(form): FormMap) -> Response {
    if !me.has(Duty::StaffAccounts) {
        return forbidden(lang);
    }
    let id = field(&form, "id");
    let active = match field(&form, "active") {
        "1" => true,
        "0" => false,
        _ => return refusal(StatusCode::BAD_REQUEST, lang, lang.t(Msg::StaffBadDecision), "/staff/accounts"),
    };
    if id == me.id && !active {
        return see_other("/staff/accounts?error=self_deactivate", vec![]);
    }
    let target = match state.db.staff_by_id(id).await {
        Ok(Some(t)) => t,
        Ok(None) => return forbidden(lang),
        Err(e) => return HttpError::internal(e, lang).into_response(),
    };
    if let Err(r) = may(&state, lang, &me, Duty::StaffAccounts, &target.area_code).await {
        return r;
    }
    match state.db.staff_set_active(&me, id, active).await {
        Ok(_) => see_other("/staff/accounts?notice=account_updated", vec![]),
        Err(e) => HttpError::internal(e, lang).into_response(),
    }
}
