//! `POST /auth/phone/send` and `POST /auth/phone/verify`: a six-digit code by SMS.
use super::{finish_sign_in, signin_url};
use crate::accounts::error::AccountError;
use crate::accounts::service::{self, CodeSent};
use crate::accounts::service::{OtpFailure, OtpRefusal};
use crate::web::extract::{AnyViewer, ClientAddr, ReqLang};
use crate::web::reply::{field, q, safe_next, see_other, FormMap};
use crate::web::session::{clear_cookie, cookie, set_cookie};
use crate::web::AppState;
use app::core::access::OTP_COOKIE;
use app::core::ids::Phone;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;

/// Sends a code to the number, within the limits.
pub async fn send_code(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    ClientAddr(client): ClientAddr,
    form: FormMap,
) -> Result<Response, AccountError> {
    let next = safe_next(form.get("next"));
    let Ok(phone) = Phone::parse(field(&form, "phone")) else {
        return Ok(see_other(&signin_url("phone_invalid", &next, ""), vec![]));
    };
    let back = |error: &str, extra: &str| see_other(&signin_url(error, &next, extra), vec![]);
    Ok(match service::send_code(&state.db, &state.identity, &phone, &client, lang).await? {
        CodeSent::Sent { challenge } => {
            let ttl = state.identity.limits.code_ttl_secs;
            let cookie =
                set_cookie(OTP_COOKIE, &challenge, "/", ttl, state.settings.secure_cookies);
            let to = format!("/signin?step=code&to={}&next={}", phone.tail(), q(&next));
            see_other(&to, vec![cookie])
        }
        CodeSent::Refused(OtpRefusal::Cooldown(wait)) => back("cooldown", &format!("&wait={wait}")),
        CodeSent::Refused(OtpRefusal::PhoneLimit) => back("phone_limit", ""),
        CodeSent::Refused(OtpRefusal::ClientLimit) => back("client_limit", ""),
        CodeSent::NotSent => back("sms_failed", ""),
    })
}

/// Checks the code of the pending challenge and signs the resident in.
pub async fn verify_code(
    State(state): State<AppState>,
    AnyViewer(viewer): AnyViewer,
    headers: HeaderMap,
    form: FormMap,
) -> Result<Response, AccountError> {
    let next = safe_next(form.get("next"));
    let secure = state.settings.secure_cookies;
    let Some(challenge) = cookie(&headers, OTP_COOKIE)
        .filter(|v| v.len() == 32 && v.bytes().all(|b| b.is_ascii_hexdigit()))
    else {
        return Ok(see_other(&signin_url("code_expired", &next, ""), vec![]));
    };
    let code: String = field(&form, "code").chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(see_other(&signin_url("code_format", &next, "&step=code"), vec![]));
    }
    let clear = || vec![clear_cookie(OTP_COOKIE, "/", secure)];
    let proof = match service::check_code(&state.db, &state.identity, challenge, &code).await? {
        Ok(proof) => proof,
        Err(OtpFailure::Wrong(left)) => {
            let extra = format!("&step=code&left={left}");
            return Ok(see_other(&signin_url("code_wrong", &next, &extra), vec![]));
        }
        Err(OtpFailure::Used) => {
            return Ok(see_other(&signin_url("code_used", &next, ""), clear()))
        }
        Err(OtpFailure::Exhausted) => {
            return Ok(see_other(&signin_url("code_exhausted", &next, ""), clear()))
        }
        Err(OtpFailure::Expired | OtpFailure::Unknown) => {
            return Ok(see_other(&signin_url("code_expired", &next, ""), clear()))
        }
    };
    finish_sign_in(&state, &viewer, &proof, &next, clear()).await
}
