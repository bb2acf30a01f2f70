//! File uploads of the staff pages (observations, rolls): reading the multipart form,
//! checking that the file is CSV text, and answering with a report — JSON for the
//! page's uploader, a plain page when the form was posted without JavaScript.
use super::error::{page_with, Refusal};
use crate::csv_import::Problem;
use app::core::i18n::{Lang, Msg};
use axum::extract::Multipart;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use serde::Serialize;
use std::collections::HashMap;

/// Largest upload accepted (observations for a year of every street fit in 10 MB).
pub const MAX_UPLOAD: usize = 64 * 1024 * 1024;

/// The routes that take uploads (POST), and with them [`MAX_UPLOAD`].
pub const UPLOAD_PATHS: &[&str] = &["/staff/observations", "/staff/roll"];

/// The fields of a multipart upload: text fields and the one file.
pub struct Upload {
    pub fields: HashMap<String, String>,
    pub file: Option<(String, Vec<u8>)>,
}

impl Upload {
    pub async fn read(mut mp: Multipart) -> Result<Upload, Refusal> {
        let unreadable = |e: axum::extract::multipart::MultipartError| {
            tracing::warn!(error = %e.body_text(), "unreadable upload");
            Refusal::bad_request(Msg::UploadUnreadable)
        };
        let mut up = Upload { fields: HashMap::new(), file: None };
        while let Some(field) = mp.next_field().await.map_err(unreadable)? {
            let name = field.name().unwrap_or_default().to_string();
            if name == "file" {
                let filename = field.file_name().unwrap_or_default().to_string();
                let bytes = field.bytes().await.map_err(unreadable)?;
                up.file = Some((filename, bytes.to_vec()));
            } else {
                let text = field.text().await.map_err(unreadable)?;
                up.fields.insert(name, text);
            }
        }
        Ok(up)
    }

    pub fn field(&self, name: &str) -> &str {
        self.fields.get(name).map(|s| s.trim()).unwrap_or("")
    }

    /// The file, when it is CSV by name and text by content (no NUL bytes).
    pub fn csv(self) -> Result<(String, Vec<u8>), Msg> {
        match self.file {
            None => Err(Msg::UploadMissing),
            Some((_, b)) if b.is_empty() => Err(Msg::ImportEmptyFile),
            Some((name, _)) if !name.to_ascii_lowercase().ends_with(".csv") => {
                Err(Msg::UploadNotCsv)
            }
            Some((_, b)) if b.contains(&0) => Err(Msg::UploadNotCsv),
            Some(file) => Ok(file),
        }
    }
}

impl Upload {
    /// The CSV file, or the report that refuses it (400), for the handler to return.
    pub fn csv_or_report(
        self,
        headers: &HeaderMap,
        lang: Lang,
        back: &str,
    ) -> Result<(String, Vec<u8>), Box<Response>> {
        self.csv().map_err(|msg| {
            let report = UploadReport::refused(lang, msg);
            Box::new(report.respond(headers, lang, back, StatusCode::BAD_REQUEST))
        })
    }
}

/// The outcome of an upload.
#[derive(Serialize)]
pub struct UploadReport {
    pub ok: bool,
    pub summary: String,
    pub problems: Vec<String>,
}

impl UploadReport {
    pub fn applied(summary: String) -> Self {
        UploadReport { ok: true, summary, problems: Vec::new() }
    }

    pub fn refused(lang: Lang, msg: Msg) -> Self {
        UploadReport { ok: false, summary: lang.t(msg).to_string(), problems: Vec::new() }
    }

    /// Every problem of a rejected file, each with its line.
    pub fn rejected(lang: Lang, problems: &[Problem]) -> Self {
        UploadReport {
            ok: false,
            summary: lang.fmt(Msg::ImportSummaryFailed, &[("count", &problems.len().to_string())]),
            problems: problems.iter().map(|p| p.message(lang)).collect(),
        }
    }

    /// JSON for the uploader island, a page otherwise.
    pub fn respond(
        self,
        headers: &HeaderMap,
        lang: Lang,
        back: &str,
        status: StatusCode,
    ) -> Response {
        if super::error::asks_for_json(headers) {
            return (status, axum::Json(self)).into_response();
        }
        let body = page_with(lang, &self.summary, &self.problems, back);
        (status, Html(body)).into_response()
    }
}
