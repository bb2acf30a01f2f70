//! "我的": `POST /me/consent`, `/me/community`, `/me/verification` and `/me/delete`.
use crate::accounts::error::AccountError;
use crate::accounts::service;
use crate::web::extract::Resident;
use crate::web::reply::{field, q, safe_next, see_other, FormMap};
use crate::web::session::{clear_cookie, cookie};
use crate::web::AppState;
use app::core::access::{Verification, RESIDENT_COOKIE};
use app::core::areas::Level;
use app::core::prefs::AREA_COOKIE;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;

/// The longest name and address a resident may give their committee.
pub const MAX_NAME: usize = 40;
pub const MAX_ADDRESS: usize = 80;

/// Accepts the consent notice in force.
pub async fn consent(
    State(state): State<AppState>,
    Resident(me): Resident,
    form: FormMap,
) -> Result<Response, AccountError> {
    let next = safe_next(form.get("next"));
    if field(&form, "accept") != "yes" {
        return Ok(see_other(
            &format!("/me/consent?error=consent_required&next={}", q(&next)),
            vec![],
        ));
    }
    service::consent(&state.db, &me.id).await?;
    Ok(see_other(&next, vec![]))
}

/// `POST /me/consent/withdraw`: consent withdrawn without deleting the account.
pub async fn withdraw_consent(
    State(state): State<AppState>,
    Resident(me): Resident,
) -> Result<Response, AccountError> {
    service::withdraw_consent(&state.db, &me.id).await?;
    Ok(see_other("/me?notice=consent_withdrawn#data", vec![]))
}

/// Chooses the home community. A resident who has not yet picked an area to show
/// first gets their home community.
pub async fn set_community(
    State(state): State<AppState>,
    Resident(me): Resident,
    headers: HeaderMap,
    form: FormMap,
) -> Result<Response, AccountError> {
    if !me.consented {
        return Ok(see_other("/me/consent?next=/me", vec![]));
    }
    let code = field(&form, "community");
    let snapshot = state.site.snapshot().await?;
    if snapshot.tree.get(code).is_none_or(|a| a.level != Level::Community) {
        return Ok(see_other("/me?error=community_unknown#community", vec![]));
    }
    let area_cookie = cookie(&headers, AREA_COOKIE)
        .is_none()
        .then(|| crate::web::prefs::cookie(AREA_COOKIE, code, state.settings.secure_cookies))
        .into_iter()
        .collect::<Vec<_>>();
    let verification = service::set_community(&state.db, &me.id, code).await?;
    // From an activity's page (a survey reached by a share link): back there.
    let to = match (form.get("next").filter(|n| !n.trim().is_empty()), verification) {
        (Some(n), _) => safe_next(Some(n)),
        (None, Verification::Verified) => "/me?notice=community_verified#community".into(),
        (None, _) => "/me?notice=community_set#community".into(),
    };
    Ok(see_other(&to, area_cookie))
}

/// Asks the committee to verify, with name and address.
pub async fn request_verification(
    State(state): State<AppState>,
    Resident(me): Resident,
    form: FormMap,
) -> Result<Response, AccountError> {
    if !me.consented {
        return Ok(see_other("/me/consent?next=/me", vec![]));
    }
    let (name, address) = (field(&form, "name"), field(&form, "address"));
    let bad = |s: &str, max: usize| {
        s.is_empty() || s.chars().count() > max || s.chars().any(char::is_control)
    };
    if bad(name, MAX_NAME) {
        return Ok(see_other("/me?error=claim_name#verification", vec![]));
    }
    if bad(address, MAX_ADDRESS) {
        return Ok(see_other("/me?error=claim_address#verification", vec![]));
    }
    Ok(match service::request_verification(&state.db, &me.id, name, address).await? {
        true => see_other("/me?notice=verification_sent#verification", vec![]),
        false => see_other("/me?error=community_first#community", vec![]),
    })
}

/// Deletes the account, once confirmed.
pub async fn delete(
    State(state): State<AppState>,
    Resident(me): Resident,
    form: FormMap,
) -> Result<Response, AccountError> {
    if field(&form, "confirm") != "yes" {
        return Ok(see_other("/me?error=delete_confirm#delete", vec![]));
    }
    service::delete(&state.db, &state.identity.records, &me.id).await?;
    let clear = clear_cookie(RESIDENT_COOKIE, "/", state.settings.secure_cookies);
    Ok(see_other("/me?notice=account_deleted", vec![clear]))
}
