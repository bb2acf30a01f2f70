//! Every CSV file we write goes through here: one writer (quoting as Excel and WPS
//! read it) and one way to send it.
use axum::response::Response;

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

pub use crate::web::reply::Disposition;

/// A CSV response named `filename`.
pub fn response(filename: &str, body: impl Into<Vec<u8>>, disposition: Disposition) -> Response {
    crate::web::reply::file("text/csv; charset=utf-8", filename, body.into(), disposition)
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
