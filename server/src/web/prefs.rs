//! `POST /prefs/lang`, `POST /prefs/elder` and `POST /prefs/area`: plain form posts that set a first-party
//! cookie and send the resident back where they were (303), so both work without
//! JavaScript. Bad input gets a 400 in the resident's language and sets nothing.
use super::error::Refusal;
use super::reply::{field, safe_next, see_other, FormMap};
use super::session::set_plain_cookie;
use super::AppState;
use app::core::i18n::{Lang, Msg, LANG_COOKIE};
use app::core::prefs::{AREA_COOKIE, ELDER_COOKIE};
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;

const ONE_YEAR: i64 = 365 * 24 * 3600;

/// A preference cookie: the whole site, a year.
pub fn cookie(name: &str, value: &str, secure: bool) -> HeaderValue {
    set_plain_cookie(name, value, ONE_YEAR, secure)
}

pub async fn set_lang(State(state): State<AppState>, form: FormMap) -> Result<Response, Refusal> {
    let Some(lang) = Lang::from_tag(field(&form, "lang")) else {
        return Err(Refusal::new(StatusCode::BAD_REQUEST, "bad_lang", Msg::ErrorBadRequest)
            .arg("detail", field(&form, "lang")));
    };
    let cookie = cookie(LANG_COOKIE, lang.tag(), state.settings.secure_cookies);
    Ok(see_other(&safe_next(form.get("next")), vec![cookie]))
}

/// 长辈模式 on (`elder=1`) or off (`elder=0`), remembered like the language.
pub async fn set_elder(State(state): State<AppState>, form: FormMap) -> Result<Response, Refusal> {
    let value = field(&form, "elder");
    if value != "1" && value != "0" {
        return Err(Refusal::new(StatusCode::BAD_REQUEST, "bad_elder", Msg::ErrorBadRequest)
            .arg("detail", value));
    }
    let cookie = cookie(ELDER_COOKIE, value, state.settings.secure_cookies);
    Ok(see_other(&safe_next(form.get("next")), vec![cookie]))
}

pub async fn set_area(State(state): State<AppState>, form: FormMap) -> Result<Response, Refusal> {
    let code = field(&form, "area");
    let snapshot = state.site.snapshot().await.map_err(|e| Refusal::internal(&e))?;
    if snapshot.tree.get(code).is_none() {
        return Err(Refusal::new(StatusCode::BAD_REQUEST, "unknown_area", Msg::AreaNotFound)
            .arg("code", code));
    }
    let cookie = cookie(AREA_COOKIE, code, state.settings.secure_cookies);
    Ok(see_other(&safe_next(form.get("next")), vec![cookie]))
}
