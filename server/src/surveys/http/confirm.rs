//! The second screen of a guest's submission, `/surveys/:id/confirm`: the answers are
//! kept, the resident proves their number with a code on this one page
//! (`POST …/confirm/send`, then `POST …/confirm`), and the kept answers are submitted
//! at once, landing on the thanks page. Accepting the notice is the sentence by the
//! button; the community comes from the share link unless the resident changes it.
use crate::accounts::http::phone::{self, Flow};
use crate::accounts::service;
use crate::crypto::token_hash;
use crate::surveys::service::answer::{self, Submission};
use crate::web::extract::{ClientAddr, ReqLang};
use crate::web::reply::{field, see_other, FormMap};
use crate::web::session::{clear_cookie, cookie, resident_token, set_cookie, token};
use crate::web::AppState;
use app::core::access::{OTP_COOKIE, RESIDENT_COOKIE};
use app::core::areas::Level;
use app::core::ids::RecordId;
use app::core::prefs::AREA_COOKIE;
use app::surveys::api::DRAFT_COOKIE;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};

fn flow(id: &RecordId, form: &FormMap) -> Flow {
    Flow::Kept {
        page: super::landing::confirm_url(id, field(form, "via"), field(form, "community")),
    }
}

/// Sends the code to the number given on the confirmation screen.
pub async fn send(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    form: FormMap,
) -> Response {
    let Ok(id) = RecordId::parse(&id) else {
        return crate::surveys::error::SurveyError::NotFound.into_response();
    };
    let flow = flow(&id, &form);
    phone::send(&state, lang, &client, &form, flow)
        .await
        .unwrap_or_else(IntoResponse::into_response)
}

/// Checks the code, signs the resident in (whoever was signed in on this browser is
/// signed out first), records the consent and, for a new account, the community, and
/// submits the kept answers.
pub async fn confirm(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    headers: HeaderMap,
    form: FormMap,
) -> Response {
    match confirm_inner(state, client, id, headers, form).await {
        Ok(r) | Err(r) => r,
    }
}

fn fail(e: impl IntoResponse) -> Response {
    e.into_response()
}

async fn confirm_inner(
    state: AppState,
    client: String,
    id: String,
    headers: HeaderMap,
    form: FormMap,
) -> Result<Response, Response> {
    use crate::surveys::error::SurveyError;
    let id = RecordId::parse(&id).map_err(|_| fail(SurveyError::NotFound))?;
    let secure = state.settings.secure_cookies;
    let flow = flow(&id, &form);
    let proof = match phone::check(&state, &headers, &form, &flow).await.map_err(fail)? {
        Ok(proof) => proof,
        Err(back) => return Ok(back),
    };
    let (db, identity) = (&state.db, &state.identity);
    let previous = resident_token(&headers, secure);
    let signed = service::sign_in(db, identity, &proof, previous.as_deref()).await.map_err(fail)?;
    let ttl = identity.limits.resident_session_days * 86_400;
    let mut cookies = vec![
        clear_cookie(OTP_COOKIE, "/", secure),
        set_cookie(RESIDENT_COOKIE, &signed.token, "/", ttl, secure),
    ];
    let session = token_hash(&signed.token);
    let viewer = service::viewer(db, identity, Some(&session), None).await.map_err(fail)?;
    let me = viewer.resident.ok_or_else(|| fail(SurveyError::NotFound))?;
    if !signed.consented {
        service::consent(db, &me.id).await.map_err(fail)?;
    }
    let site = state.site.snapshot().await.map_err(|e| fail(SurveyError::Store(e)))?;
    let tree = &site.tree;
    let community = field(&form, "community");
    let is_community = tree.get(community).is_some_and(|a| a.level == Level::Community);
    if me.community.is_none() && is_community {
        service::set_community(db, &me.id, community).await.map_err(fail)?;
        if cookie(&headers, AREA_COOKIE).is_none() {
            cookies.push(crate::web::prefs::cookie(AREA_COOKIE, community, secure));
        }
    }
    // The resident as they now stand: consented, with their community.
    let viewer = service::viewer(db, identity, Some(&session), None).await.map_err(fail)?;
    let me = viewer.resident.ok_or_else(|| fail(SurveyError::NotFound))?;
    let sub = Submission {
        pairs: Vec::new(),
        draft_token: token(&headers, DRAFT_COOKIE, secure),
        client,
        drafts_per_client_day: identity.limits.drafts_per_client_day,
    };
    let via = field(&form, "via");
    let answered = answer::submit_kept(db, &identity.key, tree, &me, id.as_str(), via, sub)
        .await
        .map_err(fail)?;
    let to = super::landing::destination(&id, &answered);
    match to {
        Ok(to) => Ok(see_other(&to, cookies)),
        Err(e) => Err(fail(e)),
    }
}
