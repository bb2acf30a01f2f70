//! `POST /prefs/lang` and `POST /prefs/area`: plain form posts that set a first-party
//! cookie and send the resident back where they were (303), so both work without
//! JavaScript. Bad input gets a 400 in the resident's language and sets nothing.
use super::error::{HttpError, HttpResult};
use super::lang::ReqLang;
use super::AppState;
use app::backend::Backend;
use app::i18n::{Lang, Msg, LANG_COOKIE};
use app::prefs::AREA_COOKIE;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use std::collections::HashMap;

const ONE_YEAR: u32 = 365 * 24 * 3600;

/// Only local paths are followed, so the form cannot send anyone elsewhere; anything
/// outside printable ASCII is percent-encoded for the `Location` header.
pub fn safe_next(next: Option<&String>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => {
            let mut out = String::with_capacity(n.len());
            for b in n.bytes() {
                if b.is_ascii_graphic() {
                    out.push(b as char);
                } else {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            out
        }
        _ => "/".into(),
    }
}

/// A preference cookie: the whole site, a year.
pub(crate) fn cookie(name: &str, value: &str, secure: bool) -> HeaderValue {
    super::session::set_cookie(name, value, "/", ONE_YEAR as i64, secure)
}

fn redirect_with_cookie(next: String, cookie: HeaderValue) -> HttpResult<Response> {
    let location = HeaderValue::from_str(&next).map_err(|_| HttpError::bad_request("bad_next", "bad next"))?;
    Ok((StatusCode::SEE_OTHER, [(header::LOCATION, location), (header::SET_COOKIE, cookie)]).into_response())
}

pub async fn set_lang(
    State(state): State<AppState>,
    ReqLang(current): ReqLang,
    Form(form): Form<HashMap<String, String>>,
) -> HttpResult<Response> {
    let Some(lang) = form.get("lang").and_then(|l| Lang::from_tag(l)) else {
        let detail = form.get("lang").cloned().unwrap_or_default();
        return Err(HttpError::bad_request("bad_lang", current.fmt(Msg::ErrorBadRequest, &[("detail", &detail)])));
    };
    redirect_with_cookie(safe_next(form.get("next")), cookie(LANG_COOKIE, lang.tag(), state.settings.secure_cookies))
}

pub async fn set_area(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Form(form): Form<HashMap<String, String>>,
) -> HttpResult<Response> {
    let code = form.get("area").map(|s| s.trim().to_string()).unwrap_or_default();
    let snapshot = state.backend.snapshot().await.map_err(|e| HttpError::internal(e, lang))?;
    if snapshot.tree.get(&code).is_none() {
        return Err(HttpError {
            status: StatusCode::BAD_REQUEST,
            code: "unknown_area",
            message: lang.fmt(Msg::AreaNotFound, &[("code", &code)]),
        });
    }
    redirect_with_cookie(safe_next(form.get("next")), cookie(AREA_COOKIE, &code, state.settings.secure_cookies))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_stays_on_this_site() {
        let s = |v: &str| safe_next(Some(&v.to_string()));
        assert_eq!(s("/areas?q=海"), "/areas?q=%E6%B5%B7");
        assert_eq!(s("/a\r\nSet-Cookie: x"), "/a%0D%0ASet-Cookie:%20x");
        assert_eq!(s("//evil.example/"), "/");
        assert_eq!(s("https://evil.example/"), "/");
        assert_eq!(s("/\\evil"), "/");
        assert_eq!(safe_next(None), "/");
    }
}
