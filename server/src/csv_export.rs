//! Every CSV file we write goes through here: one writer (quoting as Excel and WPS
//! read it) and one way to send it.
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// A CSV file with a header and rows, as text.
pub fn table<R, F>(header: &[&str], rows: R) -> String
where
    R: IntoIterator<Item = Vec<F>>,
    F: AsRef<[u8]>,
{
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(header);
    for row in rows {
        let _ = w.write_record(row);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// How a browser should treat a CSV response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Disposition {
    /// Shown or saved as the browser likes (open data).
    Inline,
    /// Saved, never cached (staff exports of personal or survey data).
    Attachment,
}

/// A CSV response named `filename`.
pub fn response(filename: &str, body: impl Into<Vec<u8>>, disposition: Disposition) -> Response {
    let (kind, cache) = match disposition {
        Disposition::Inline => ("inline", None),
        Disposition::Attachment => ("attachment", Some("no-store")),
    };
    let mut res = (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, format!("{kind}; filename=\"{filename}\"")),
        ],
        body.into(),
    )
        .into_response();
    if let Some(c) = cache {
        res.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static(c));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_when_needed() {
        let text = table(&["a", "b"], [vec!["Hubin Subdistrict", "a,b"], vec!["say \"hi\"", ""]]);
        assert_eq!(text, "a,b\nHubin Subdistrict,\"a,b\"\n\"say \"\"hi\"\"\",\n");
    }
}
