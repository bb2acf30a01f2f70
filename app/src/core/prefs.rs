//! The resident's preferences (language, chosen area), kept in first-party cookies so
//! they persist without sign-in and work with JavaScript disabled.
use crate::core::i18n::{Lang, LANG_COOKIE};
use leptos::prelude::*;

/// Name of the cookie that remembers the chosen area (a community or street code).
pub const AREA_COOKIE: &str = "tx_area";
/// Name of the cookie that remembers 长辈模式 ("1" when on).
pub const ELDER_COOKIE: &str = "tx_elder";

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Prefs {
    pub lang: Lang,
    pub area: Option<String>,
    /// 长辈模式: large text, large targets, higher contrast (MIIT's 适老化 rules).
    pub elder: bool,
}

impl Prefs {
    /// Reads the preferences from a `Cookie` header value.
    pub fn from_cookie_header(header: &str) -> Prefs {
        let mut prefs = Prefs::default();
        for pair in header.split(';') {
            let Some((name, value)) = pair.split_once('=') else { continue };
            match name.trim() {
                LANG_COOKIE => {
                    if let Some(lang) = Lang::from_tag(value) {
                        prefs.lang = lang;
                    }
                }
                ELDER_COOKIE => prefs.elder = value.trim() == "1",
                AREA_COOKIE => {
                    let v = value.trim();
                    if is_area_code(v) {
                        prefs.area = Some(v.to_string());
                    }
                }
                _ => {}
            }
        }
        prefs
    }

    /// The preferences of the request being rendered (server), or the defaults.
    pub fn from_request() -> Prefs {
        Prefs::from_cookie_header(&request_cookies())
    }
}

/// The `Cookie` headers of the request being rendered, joined (empty in the browser).
fn request_cookies() -> String {
    #[cfg(feature = "ssr")]
    {
        if let Some(parts) = use_context::<http::request::Parts>() {
            return parts
                .headers
                .get_all(http::header::COOKIE)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .collect::<Vec<_>>()
                .join(";");
        }
    }
    String::new()
}

/// The value of cookie `name` in the request being rendered, if set.
pub fn request_cookie(name: &str) -> Option<String> {
    request_cookies()
        .split(';')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| k.trim() == name)
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// Area codes are short ASCII identifiers; anything else in a cookie is ignored.
pub fn is_area_code(s: &str) -> bool {
    crate::core::ids::AreaCode::parse(s).is_ok()
}

/// 长辈模式 of the page being rendered.
pub fn use_elder() -> bool {
    use_context::<Prefs>().map(|p| p.elder).unwrap_or_default()
}

/// The language of the request being served, from its cookie (server functions; also
/// when called directly rather than during a page render).
pub fn request_lang() -> Lang {
    Prefs::from_request().lang
}

/// The language of the page being rendered.
pub fn use_lang() -> Lang {
    use_context::<Prefs>().map(|p| p.lang).unwrap_or_default()
}

/// Percent-encodes a query-string value (RFC 3986 unreserved characters stay as
/// they are): used for every `next=` and other values put into links and redirects.
pub fn encode_query(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_cookies_and_ignores_junk() {
        assert!(Prefs::from_cookie_header("tx_elder=1").elder);
        assert!(!Prefs::from_cookie_header("tx_elder=yes; tx_lang=en").elder);
        let p = Prefs::from_cookie_header("a=b; tx_lang=en; tx_area=449901001001");
        assert_eq!(p.lang, Lang::En);
        assert_eq!(p.area.as_deref(), Some("449901001001"));
        let p = Prefs::from_cookie_header("tx_lang=xx; tx_area=<script>");
        assert_eq!(p, Prefs::default());
        assert_eq!(Prefs::from_cookie_header(""), Prefs::default());
    }
}
