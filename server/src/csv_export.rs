//! Every CSV file we write goes through here: one writer (quoting as Excel and WPS
//! read it) and one way to send it.
use axum::response::Response;

/// A CSV file with a header and rows, as text. Every cell that a spreadsheet would
/// run as a formula (one starting with `=`, `+`, `-`, `@`, a tab or a carriage return,
/// numbers aside) is written with a leading `'`, so that opening an export in Excel or
/// WPS never runs what a resident or an import wrote.
pub fn table<R, F>(header: &[&str], rows: R) -> String
where
    R: IntoIterator<Item = Vec<F>>,
    F: AsRef<str>,
{
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(header.iter().map(|h| neutralise(h).into_owned()));
    for row in rows {
        let _ = w.write_record(row.iter().map(|f| neutralise(f.as_ref()).into_owned()));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A cell as it may be written: formulas made text (`'=…`), numbers as they are.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_number(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

fn is_number(s: &str) -> bool {
    s.parse::<f64>().is_ok_and(f64::is_finite)
        && s.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'))
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
