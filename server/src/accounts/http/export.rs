//! `GET /me/export`: everything held about the resident, as a JSON download (PIPL).
use crate::accounts::error::AccountError;
use crate::accounts::service;
use crate::web::extract::Resident;
use crate::web::reply::see_other;
use crate::web::AppState;
use app::accounts::model::ResidentData;
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

#[derive(Serialize)]
struct Export<'a> {
    exported_at: String,
    service: &'static str,
    account: &'a ResidentData,
    community: Option<ExportArea>,
    /// What each feature keeps: the surveys taken part in, with the answers to named ones.
    activities: serde_json::Map<String, serde_json::Value>,
    note: &'static str,
}

#[derive(Serialize)]
struct ExportArea {
    code: String,
    name_zh: String,
    name_en: String,
}

pub async fn export(
    State(state): State<AppState>,
    Resident(me): Resident,
) -> Result<Response, AccountError> {
    let Some(data) = service::data(&state.db, &me.id).await? else {
        return Ok(see_other("/signin", vec![]));
    };
    let snapshot = state.site.snapshot().await?;
    let community = data.community_code.as_deref().and_then(|c| snapshot.tree.get(c)).map(|a| {
        ExportArea { code: a.code.clone(), name_zh: a.name_zh.clone(), name_en: a.name_en.clone() }
    });
    let activities = service::held(&state.db, &state.identity.records, &me.id).await?;
    let body = Export {
        exported_at: crate::clock::now_iso8601(),
        service: "同心 Tongxin",
        account: &data,
        community,
        activities,
        note: "Phone numbers and WeChat openids are not stored; only keyed hashes for sign-in \
               and the last four digits of the phone. Answers to anonymous surveys are kept \
               without any link to you, so they cannot be part of this export (answers: null). \
               Times are Unix seconds.",
    };
    let json = serde_json::to_vec_pretty(&body).map_err(AccountError::internal)?;
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8")),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"tongxin-my-data.json\""),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        json,
    )
        .into_response())
}
