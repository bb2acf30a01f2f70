//! Answers of form handlers: a 303 to the next page (with cookies), and the helpers
//! that read posted forms and build the query strings of those redirects.
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use std::collections::HashMap;

/// Percent-encodes a value for a query string.
pub use app::core::prefs::encode_query as q;

/// A posted form, one value per name.
pub type FormMap = Form<HashMap<String, String>>;

/// A posted form with repeated names kept (survey answers, editor fields).
pub type Pairs = Form<Vec<(String, String)>>;

/// A field of a posted form, trimmed; "" when absent.
pub fn field<'a>(form: &'a HashMap<String, String>, name: &str) -> &'a str {
    form.get(name).map(|s| s.trim()).unwrap_or("")
}

/// The first value of `name` among form pairs, trimmed; "" when absent.
pub fn first<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim()).unwrap_or("")
}

/// A 303 to `location`, setting the given cookies.
pub fn see_other(location: &str, cookies: Vec<HeaderValue>) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(location) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    for c in cookies {
        res.headers_mut().append(header::SET_COOKIE, c);
    }
    res
}

/// Only local paths are followed, so a form cannot send anyone elsewhere; anything
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

/// How a browser should treat a file we send.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Disposition {
    /// Shown or saved as the browser likes (open data, QR codes), cached for a day.
    Inline,
    /// Saved, never cached (staff exports of personal or survey data).
    Attachment,
}

/// A file response of `content_type` named `filename`.
pub fn file(
    content_type: &'static str,
    filename: &str,
    body: Vec<u8>,
    disposition: Disposition,
) -> Response {
    let (kind, cache) = match disposition {
        Disposition::Inline => ("inline", None),
        Disposition::Attachment => ("attachment", Some("no-store")),
    };
    let name = HeaderValue::from_str(&format!("{kind}; filename=\"{filename}\""))
        .unwrap_or(HeaderValue::from_static("attachment"));
    let mut res =
        ([(header::CONTENT_TYPE, HeaderValue::from_static(content_type))], body).into_response();
    res.headers_mut().insert(header::CONTENT_DISPOSITION, name);
    if let Some(c) = cache {
        res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(c));
    }
    res
}
