//! A six-digit code by SMS, for signing in (`POST /auth/phone/send`, `/auth/phone/verify`)
//! and for linking a number to the signed-in account on 我的 (`POST /me/phone/send`,
//! `/me/phone/verify`): the code goes to the number being linked, so only its holder
//! can link it.
use super::{finish_sign_in, signin_url};
use crate::accounts::error::AccountError;
use crate::accounts::service::{self, CodeSent, Linked};
use crate::accounts::service::{OtpFailure, OtpRefusal};
use crate::web::extract::{ClientAddr, ReqLang, Resident};
use crate::web::reply::{field, q, safe_next, see_other, FormMap};
use crate::web::session::{clear_cookie, cookie_at, set_cookie};
use crate::web::AppState;
use app::core::access::OTP_COOKIE;
use app::core::i18n::Lang;
use app::core::ids::Phone;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;

/// Where a code is asked for, and so where its answers go.
pub(crate) enum Flow {
    SignIn {
        next: String,
    },
    Link,
    /// A guest's survey answers wait on a sign-in: `page` is the confirmation screen's
    /// URL with its query (the share link and the chosen community).
    Kept {
        page: String,
    },
}

impl Flow {
    fn sent(&self, phone: &Phone) -> String {
        match self {
            Flow::SignIn { next } => {
                format!("/signin?step=code&to={}&next={}", phone.tail(), q(next))
            }
            Flow::Link => format!("/me?step=phone_code&to={}#phone", phone.tail()),
            Flow::Kept { page } => format!("{page}&step=code&to={}#code", phone.tail()),
        }
    }

    fn error(&self, code: &str, extra: &str) -> String {
        match self {
            Flow::SignIn { next } => signin_url(code, next, extra),
            Flow::Link => format!("/me?error={code}{extra}#phone"),
            Flow::Kept { page } => format!("{page}&error={code}{extra}"),
        }
    }
}

pub(crate) async fn send(
    state: &AppState,
    lang: Lang,
    client: &str,
    form: &FormMap,
    flow: Flow,
) -> Result<Response, AccountError> {
    let Ok(phone) = Phone::parse(field(form, "phone")) else {
        return Ok(see_other(&flow.error("phone_invalid", ""), vec![]));
    };
    let back = |error: &str, extra: &str| see_other(&flow.error(error, extra), vec![]);
    Ok(match service::send_code(&state.db, &state.identity, &phone, client, lang).await? {
        CodeSent::Sent { challenge } => {
            let ttl = state.identity.limits.code_ttl_secs;
            let cookie =
                set_cookie(OTP_COOKIE, &challenge, "/", ttl, state.settings.secure_cookies);
            see_other(&flow.sent(&phone), vec![cookie])
        }
        CodeSent::Refused(OtpRefusal::Cooldown(wait)) => back("cooldown", &format!("&wait={wait}")),
        CodeSent::Refused(OtpRefusal::PhoneLimit) => back("phone_limit", ""),
        CodeSent::Refused(OtpRefusal::ClientLimit) => back("client_limit", ""),
        CodeSent::NotSent => back("sms_failed", ""),
    })
}

/// Checks the code of the pending challenge: the proven number, or where to send the
/// browser instead.
pub(crate) async fn check(
    state: &AppState,
    headers: &HeaderMap,
    form: &FormMap,
    flow: &Flow,
) -> Result<Result<service::Proof, Response>, AccountError> {
    let secure = state.settings.secure_cookies;
    let clear = || vec![clear_cookie(OTP_COOKIE, "/", secure)];
    let back =
        |code: &str, extra: &str, cookies| Ok(Err(see_other(&flow.error(code, extra), cookies)));
    let Some(challenge) = cookie_at(headers, OTP_COOKIE, "/", secure)
        .filter(|v| v.len() == 32 && v.bytes().all(|b| b.is_ascii_hexdigit()))
    else {
        return back("code_expired", "", vec![]);
    };
    let code: String = field(form, "code").chars().filter(|c| !c.is_whitespace()).collect();
    let step = match flow {
        Flow::SignIn { .. } | Flow::Kept { .. } => "&step=code",
        Flow::Link => "&step=phone_code",
    };
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return back("code_format", step, vec![]);
    }
    match service::check_code(&state.db, &state.identity, challenge, &code).await? {
        Ok(proof) => Ok(Ok(proof)),
        Err(OtpFailure::Wrong(left)) => back("code_wrong", &format!("{step}&left={left}"), vec![]),
        Err(OtpFailure::Used) => back("code_used", "", clear()),
        Err(OtpFailure::Exhausted) => back("code_exhausted", "", clear()),
        Err(OtpFailure::Expired | OtpFailure::Unknown) => back("code_expired", "", clear()),
    }
}

/// Sends a sign-in code to the number, within the limits.
pub async fn send_code(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    ClientAddr(client): ClientAddr,
    form: FormMap,
) -> Result<Response, AccountError> {
    let next = safe_next(form.get("next"));
    send(&state, lang, &client, &form, Flow::SignIn { next }).await
}

/// Checks the code and signs the resident in (signing out whoever was signed in here).
pub async fn verify_code(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: FormMap,
) -> Result<Response, AccountError> {
    let next = safe_next(form.get("next"));
    let flow = Flow::SignIn { next: next.clone() };
    let proof = match check(&state, &headers, &form, &flow).await? {
        Ok(proof) => proof,
        Err(back) => return Ok(back),
    };
    let clear = vec![clear_cookie(OTP_COOKIE, "/", state.settings.secure_cookies)];
    finish_sign_in(&state, &headers, &proof, &next, clear).await
}

/// 我的: sends a code to the number the resident wants to link.
pub async fn link_send(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    ClientAddr(client): ClientAddr,
    Resident(_me): Resident,
    form: FormMap,
) -> Result<Response, AccountError> {
    send(&state, lang, &client, &form, Flow::Link).await
}

/// 我的: checks the code and links the number to the signed-in account.
pub async fn link_verify(
    State(state): State<AppState>,
    Resident(me): Resident,
    headers: HeaderMap,
    form: FormMap,
) -> Result<Response, AccountError> {
    let proof = match check(&state, &headers, &form, &Flow::Link).await? {
        Ok(proof) => proof,
        Err(back) => return Ok(back),
    };
    let clear = vec![clear_cookie(OTP_COOKIE, "/", state.settings.secure_cookies)];
    let to = match service::link(&state.db, &state.identity, &me.id, &proof).await? {
        Linked::Yes { .. } => "/me?notice=phone_linked#phone",
        Linked::AlreadyHas => "/me?error=phone_already#phone",
        Linked::Conflict => "/me?error=link_conflict#phone",
    };
    Ok(see_other(to, clear))
}
