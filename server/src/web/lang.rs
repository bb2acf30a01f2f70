//! The language of a request: the resident's cookie first, then `Accept-Language`.
use app::core::i18n::Lang;
use app::core::prefs::Prefs;
use axum::extract::FromRequestParts;
use axum::http::{header, request::Parts, HeaderMap};
use std::convert::Infallible;

pub fn from_headers(headers: &HeaderMap) -> Lang {
    let cookies = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(";");
    if cookies.contains(app::core::i18n::LANG_COOKIE) {
        return Prefs::from_cookie_header(&cookies).lang;
    }
    match headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()) {
        Some(al) if al.trim_start().to_ascii_lowercase().starts_with("en") => Lang::En,
        _ => Lang::Zh,
    }
}

/// Extractor for handlers that answer in the resident's language.
pub struct ReqLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for ReqLang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ReqLang(from_headers(&parts.headers)))
    }
}
