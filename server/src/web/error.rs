//! How refusals and failures reach people. Every error type of the features becomes a
//! [`Refusal`] (a status, a stable code and a message key); the [`render`] layer then
//! writes its body once for every route: JSON `{"error":{"code","message"}}` under
//! `/api` and for clients that ask for JSON, a small page otherwise, always in the
//! request's language. Internal details are logged, never shown.
use app::core::i18n::{Lang, Msg};
use axum::extract::Request;
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use serde::Serialize;

/// A refusal or failure, before it is written in the requester's language.
#[derive(Clone, Debug)]
pub struct Refusal {
    pub status: StatusCode,
    /// Stable, for programs (`bad_parameter`, `forbidden`, …).
    pub code: &'static str,
    pub message: Msg,
    /// Values of the message's `{placeholders}`.
    pub args: Vec<(&'static str, String)>,
    /// Where the page's "back" link goes.
    pub back: String,
}

impl Refusal {
    pub fn new(status: StatusCode, code: &'static str, message: Msg) -> Self {
        Refusal { status, code, message, args: Vec::new(), back: "/".into() }
    }

    pub fn forbidden(back: &str) -> Self {
        Refusal::new(StatusCode::FORBIDDEN, "forbidden", Msg::StaffForbidden).back(back)
    }

    pub fn not_found(back: &str) -> Self {
        Refusal::new(StatusCode::NOT_FOUND, "not_found", Msg::ErrorNotFoundTitle).back(back)
    }

    pub fn bad_request(message: Msg) -> Self {
        Refusal::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// A failure of ours: logged here with its cause, shown as "try again later".
    pub fn internal(cause: &dyn std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "request failed");
        Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", Msg::ErrorServerBody)
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    pub fn back(mut self, to: &str) -> Self {
        self.back = to.to_string();
        self
    }

    fn text(&self, lang: Lang) -> String {
        let args: Vec<(&str, &str)> = self.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        lang.fmt(self.message, &args)
    }
}

impl IntoResponse for Refusal {
    /// The status now; the body is written by [`render`], which knows the request.
    fn into_response(self) -> Response {
        let mut res = self.status.into_response();
        res.extensions_mut().insert(self);
        res
    }
}

#[derive(Serialize)]
struct Body<'a> {
    error: Inner<'a>,
}

#[derive(Serialize)]
struct Inner<'a> {
    code: &'a str,
    message: &'a str,
}

/// Does this request want a JSON answer (the open-data API, or a script that asked)?
fn wants_json(path: &str, headers: &HeaderMap) -> bool {
    path.starts_with("/api/") || asks_for_json(headers)
}

/// Did the client put JSON first in `Accept` (the islands and scripts do; browsers
/// navigating never do)?
pub fn asks_for_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.trim_start().starts_with("application/json"))
}

/// Writes the body of every [`Refusal`] in the requester's language and format.
pub async fn render(req: Request, next: Next) -> Response {
    let lang = super::lang::from_headers(req.headers());
    let json = wants_json(req.uri().path(), req.headers());
    let mut res = next.run(req).await;
    let Some(refusal) = res.extensions_mut().remove::<Refusal>() else { return res };
    let text = refusal.text(lang);
    let mut out = if json {
        let body = Body { error: Inner { code: refusal.code, message: &text } };
        (refusal.status, Json(body)).into_response()
    } else {
        (refusal.status, Html(page(lang, &text, &refusal.back))).into_response()
    };
    // What the inner layers set (cache control, Vary, cookies) still holds; only the
    // body and its type are new.
    for (name, value) in res.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            out.headers_mut().append(name, value.clone());
        }
    }
    out
}

/// A small page in the resident's language, with a way back.
pub fn page(lang: Lang, message: &str, back: &str) -> String {
    page_with(lang, message, &[], back)
}

/// As [`page`], with a list of details (each line escaped) under the heading.
pub fn page_with(lang: Lang, message: &str, details: &[String], back: &str) -> String {
    let items: String = details.iter().map(|d| format!("<li>{}</li>", escape(d))).collect();
    let list = if items.is_empty() { String::new() } else { format!("<ul>{items}</ul>") };
    format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title></head><body><main><h1>{}</h1>{list}<p><a href=\"{}\">{}</a></p>\
         </main></body></html>",
        lang.tag(),
        escape(message),
        escape(message),
        escape(back),
        escape(lang.t(Msg::CommonBack)),
    )
}

/// Escapes text for HTML content and quoted attributes.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_for_the_api_and_for_scripts_that_ask() {
        let mut h = HeaderMap::new();
        assert!(wants_json("/api/v1/areas", &h));
        assert!(!wants_json("/staff/roll", &h));
        h.insert(header::ACCEPT, "application/json".parse().unwrap());
        assert!(wants_json("/staff/roll", &h));
        h.insert(header::ACCEPT, "text/html,application/json;q=0.9".parse().unwrap());
        assert!(!wants_json("/me/consent", &h));
    }

    #[test]
    fn messages_are_escaped_in_pages() {
        let html = page(Lang::En, "<b>\"x\"</b>", "/a?b=1&c=2");
        assert!(html.contains("&lt;b&gt;&quot;x&quot;&lt;/b&gt;"));
        assert!(html.contains("href=\"/a?b=1&amp;c=2\""));
    }
}
