//! A committee's roll of residents: CSV with columns `phone,label` (label: building
//! and room, or empty). Checked whole; the caller hashes the numbers before storing.
use crate::csv_import::{at, parse_csv, verdict, Problem, ProblemKind};
use app::core::ids::Phone;
use std::collections::HashMap;

pub const COLUMNS: [&str; 2] = ["phone", "label"];
pub const MAX_LABEL: usize = 40;
/// Most entries in one community's roll (the largest communities have about 30,000
/// residents; every adult's number fits).
pub const MAX_ROWS: usize = 50_000;

/// The roll's entries as (number, label), or every problem found.
pub fn parse(bytes: &[u8]) -> Result<Vec<(Phone, String)>, Vec<Problem>> {
    let parsed = parse_csv(bytes, &COLUMNS, MAX_ROWS)?;
    let mut problems = parsed.problems;
    if parsed.rows.is_empty() && problems.is_empty() {
        return Err(vec![Problem { line: None, kind: ProblemKind::EmptyFile }]);
    }
    let mut seen: HashMap<Phone, u64> = HashMap::new();
    let mut out = Vec::with_capacity(parsed.rows.len());
    for row in parsed.rows {
        let mut f = row.fields.into_iter();
        let (phone_text, label) = (f.next().unwrap_or_default(), f.next().unwrap_or_default());
        let label = label.trim().to_string();
        let Ok(phone) = Phone::parse(&phone_text) else {
            problems.push(at(row.line, ProblemKind::BadPhone(phone_text)));
            continue;
        };
        if label.chars().count() > MAX_LABEL || label.chars().any(char::is_control) {
            problems.push(at(row.line, ProblemKind::LongLabel));
            continue;
        }
        if let Some(&first) = seen.get(&phone) {
            problems.push(at(row.line, ProblemKind::DuplicatePhone { first }));
            continue;
        }
        seen.insert(phone.clone(), row.line);
        out.push((phone, label));
    }
    verdict(out, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bad_line_is_reported() {
        let csv = "phone,label\n13800138000,3栋201\n12345,\n+86 138 0013 8000,重复\n13900139000,\n";
        let problems = parse(csv.as_bytes()).unwrap_err();
        let lines: Vec<_> = problems.iter().map(|p| (p.line, p.kind.clone())).collect();
        assert_eq!(
            lines,
            vec![
                (Some(3), ProblemKind::BadPhone("12345".into())),
                (Some(4), ProblemKind::DuplicatePhone { first: 2 }),
            ]
        );
    }

    #[test]
    fn a_good_roll_is_read_with_bom_and_labels() {
        let csv = "\u{feff}phone,label\n138 0013 8000,3栋201\n13900139000,\n";
        let roll: Vec<(String, String)> = parse(csv.as_bytes())
            .unwrap()
            .into_iter()
            .map(|(p, l)| (p.digits().to_string(), l))
            .collect();
        assert_eq!(
            roll,
            vec![("13800138000".into(), "3栋201".into()), ("13900139000".into(), String::new())]
        );
        assert!(parse(b"phone,label\n").is_err());
    }
}
