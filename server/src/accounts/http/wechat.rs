//! `GET /auth/wechat` and its callback: WeChat web OAuth (snsapi_base) inside WeChat,
//! to sign in, or (`?link=1`, from 我的) to link WeChat to the signed-in account.
use super::{finish_sign_in, signin_url};
use crate::accounts::error::AccountError;
use crate::accounts::service::{self, Linked, Proof};
use crate::accounts::wechat::Exchange;
use crate::crypto::{random_token, same, Purpose};
use crate::web::extract::AnyViewer;
use crate::web::reply::{safe_next, see_other};
use crate::web::session::{clear_cookie, cookie_at, set_cookie};
use crate::web::AppState;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use std::collections::HashMap;

/// The cookie that carries `state` (and where to go next) through WeChat.
const WECHAT_COOKIE: &str = "tx_wx";
const WECHAT_PATH: &str = "/auth/wechat";

/// `GET /auth/wechat?next=…[&link=1]`: to WeChat's authorize page with a fresh `state`.
pub async fn start(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let next = safe_next(query.get("next"));
    let Some(wechat) = &state.identity.wechat else {
        return see_other(&signin_url("wechat_unavailable", &next, ""), vec![]);
    };
    let nonce = random_token();
    let intent = if query.get("link").map(String::as_str) == Some("1") { "link" } else { "signin" };
    let value = format!("{nonce}.{}.{intent}", hex::encode(next.as_bytes()));
    let cookie = set_cookie(WECHAT_COOKIE, &value, WECHAT_PATH, 600, state.settings.secure_cookies);
    let back = format!("{}/auth/wechat/callback", state.origin(&headers));
    let mut res = see_other(&wechat.authorize_url(&back, &nonce), vec![cookie]);
    *res.status_mut() = StatusCode::FOUND;
    res
}

/// `GET /auth/wechat/callback?code=…&state=…`: checks `state`, exchanges the code
/// server to server and signs the resident in.
pub async fn callback(
    State(state): State<AppState>,
    AnyViewer(viewer): AnyViewer,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, AccountError> {
    let secure = state.settings.secure_cookies;
    let clear = || vec![clear_cookie(WECHAT_COOKIE, WECHAT_PATH, secure)];
    let stored =
        cookie_at(&headers, WECHAT_COOKIE, WECHAT_PATH, secure).and_then(|v| v.split_once('.'));
    let link = stored.is_some_and(|(_, rest)| rest.ends_with(".link"));
    let next = stored
        .and_then(|(_, rest)| hex::decode(rest.split('.').next().unwrap_or("")).ok())
        .and_then(|b| String::from_utf8(b).ok())
        .map(|n| safe_next(Some(&n)))
        .unwrap_or_else(|| "/".into());
    let back = |error: &str| Ok(see_other(&signin_url(error, &next, ""), clear()));
    let returned = query.get("state").map(String::as_str).unwrap_or("");
    if !stored.is_some_and(|(nonce, _)| !returned.is_empty() && same(nonce, returned)) {
        tracing::warn!("WeChat sign-in: state missing or mismatched");
        return back("wechat_state");
    }
    let Some(wechat) = &state.identity.wechat else { return back("wechat_unavailable") };
    let Some(code) = query.get("code").filter(|c| !c.is_empty() && c.len() <= 256) else {
        return back("wechat_denied");
    };
    match wechat.exchange(code).await {
        Ok(Exchange::OpenId(openid)) => {
            let proof = Proof::OpenId { hash: state.identity.key.hash(Purpose::OpenId, &openid) };
            if !link {
                return finish_sign_in(&state, &headers, &proof, &next, clear()).await;
            }
            let Some(me) = viewer.resident else { return back("signin_required") };
            let to = match service::link(&state.db, &state.identity, &me.id, &proof).await? {
                Linked::Yes { .. } => "/me?notice=wechat_linked#wechat",
                Linked::AlreadyHas => "/me?error=wechat_already#wechat",
                Linked::Conflict => "/me?error=link_conflict#wechat",
            };
            Ok(see_other(to, clear()))
        }
        Ok(Exchange::Snapshot) => back("wechat_snapshot"),
        Ok(Exchange::Refused { errcode, errmsg }) => {
            tracing::warn!(errcode, errmsg, "WeChat refused the code exchange");
            back("wechat_retry")
        }
        Err(e) => {
            tracing::error!(error = %e, "WeChat code exchange failed");
            back("wechat_retry")
        }
    }
}
