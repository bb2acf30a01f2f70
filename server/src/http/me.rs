//! "我的": the signed-in resident's consent, home community, verification request,
//! data export and account deletion (PIPL rights). Plain form posts.
use super::auth::{q, see_other};
use super::error::HttpError;
use super::lang::ReqLang;
use super::prefs::safe_next;
use super::session::{clear_cookie, Resident};
use super::AppState;
use app::areas::Level;
use app::auth::RESIDENT_COOKIE;
use app::backend::Backend;
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Form;
use serde::Serialize;
use std::collections::HashMap;

type FormMap = Form<HashMap<String, String>>;

fn field<'a>(form: &'a HashMap<String, String>, name: &str) -> &'a str {
    form.get(name).map(|s| s.trim()).unwrap_or("")
}

/// `POST /me/consent`: accepts the consent notice in force.
pub async fn consent(State(state): State<AppState>, ReqLang(lang): ReqLang, Resident(me): Resident, Form(form): FormMap) -> Response {
    let next = safe_next(form.get("next"));
    if field(&form, "accept") != "yes" {
        return see_other(&format!("/me/consent?error=consent_required&next={}", q(&next)), vec![]);
    }
    match state.db.resident_consent(&me.id).await {
        Ok(()) => see_other(&next, vec![]),
        Err(e) => HttpError::internal(e, lang).into_response(),
    }
}

/// `POST /me/community`: chooses the home community.
/// A resident who has not yet picked an area to show first gets their home community.
pub async fn set_community(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Resident(me): Resident,
    headers: axum::http::HeaderMap,
    Form(form): FormMap,
) -> Response {
    if !me.consented {
        return see_other("/me/consent?next=/me", vec![]);
    }
    let code = field(&form, "community");
    let snapshot = match state.backend.snapshot().await {
        Ok(s) => s,
        Err(e) => return HttpError::internal(e, lang).into_response(),
    };
    if !snapshot.tree.get(code).is_some_and(|a| a.level == Level::Community) {
        return see_other("/me?error=community_unknown#community", vec![]);
    }
    let area_cookie = super::session::cookie(&headers, app::prefs::AREA_COOKIE)
        .is_none()
        .then(|| super::prefs::cookie(app::prefs::AREA_COOKIE, code, state.settings.secure_cookies))
        .into_iter()
        .collect::<Vec<_>>();
    // From an activity's page (a survey reached by a share link): back there.
    let back = form.get("next").is_some_and(|n| !n.trim().is_empty()).then(|| safe_next(form.get("next")));
    match state.db.resident_set_community(&me.id, code).await {
        Ok(_) if back.is_some() => see_other(&back.unwrap_or_default(), area_cookie),
        Ok(app::auth::Verification::Verified) => see_other("/me?notice=community_verified#community", area_cookie),
        Ok(_) => see_other("/me?notice=community_set#community", area_cookie),
        Err(e) => HttpError::internal(e, lang).into_response(),
    }
}

/// The longest name and address a resident may give their committee.
pub const MAX_NAME: usize = 40;
pub const MAX_ADDRESS: usize = 80;

/// `POST /me/verification`: asks the committee to verify, with name and address.
pub async fn request_verification(State(state): State<AppState>, ReqLang(lang): ReqLang, Resident(me): Resident, Form(form): FormMap) -> Response {
    if !me.consented {
        return see_other("/me/consent?next=/me", vec![]);
    }
    let name = field(&form, "name");
    let address = field(&form, "address");
    let bad = |s: &str, max: usize| s.is_empty() || s.chars().count() > max || s.chars().any(char::is_control);
    if bad(name, MAX_NAME) {
        return see_other("/me?error=claim_name#verification", vec![]);
    }
    if bad(address, MAX_ADDRESS) {
        return see_other("/me?error=claim_address#verification", vec![]);
    }
    match state.db.resident_request_verification(&me.id, name, address).await {
        Ok(true) => see_other("/me?notice=verification_sent#verification", vec![]),
        Ok(false) => see_other("/me?error=community_first#community", vec![]),
        Err(e) => HttpError::internal(e, lang).into_response(),
    }
}

#[derive(Serialize)]
struct Export<'a> {
    exported_at: String,
    service: &'static str,
    account: &'a app::accounts::ResidentData,
    community: Option<ExportArea>,
    note: &'static str,
}

#[derive(Serialize)]
struct ExportArea {
    code: String,
    name_zh: String,
    name_en: String,
}

/// `GET /me/export`: everything held about the resident, as a JSON download.
pub async fn export(State(state): State<AppState>, ReqLang(lang): ReqLang, Resident(me): Resident) -> Response {
    let data = match state.db.resident_data(&me.id).await {
        Ok(Some(d)) => d,
        Ok(None) => return see_other("/signin", vec![]),
        Err(e) => return HttpError::internal(e, lang).into_response(),
    };
    let snapshot = match state.backend.snapshot().await {
        Ok(s) => s,
        Err(e) => return HttpError::internal(e, lang).into_response(),
    };
    let community = data.community_code.as_deref().and_then(|c| snapshot.tree.get(c)).map(|a| ExportArea {
        code: a.code.clone(),
        name_zh: a.name_zh.clone(),
        name_en: a.name_en.clone(),
    });
    let body = Export {
        exported_at: crate::startup::now_iso8601(),
        service: "同心 Tongxin",
        account: &data,
        community,
        note: "Phone numbers and WeChat openids are not stored; only keyed hashes for sign-in and the last four digits of the phone. Times are Unix seconds.",
    };
    let json = serde_json::to_vec_pretty(&body).unwrap_or_default();
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8")),
            (header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"tongxin-my-data.json\"")),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        json,
    )
        .into_response()
}

/// `POST /me/delete`: deletes the account, once confirmed.
pub async fn delete(State(state): State<AppState>, ReqLang(lang): ReqLang, Resident(me): Resident, Form(form): FormMap) -> Response {
    if field(&form, "confirm") != "yes" {
        return see_other("/me?error=delete_confirm#delete", vec![]);
    }
    match state.db.resident_delete(&me.id).await {
        Ok(_) => see_other("/me?notice=account_deleted", vec![clear_cookie(RESIDENT_COOKIE, "/", state.settings.secure_cookies)]),
        Err(e) => HttpError::internal(e, lang).into_response(),
    }
}
