//! The CSV shape of the index's open data: fixed columns, then one column per dimension
//! in the methodology's order (empty where a dimension has no score).
use app::index::model::{DimensionScores, Grade, Methodology};
use std::collections::BTreeSet;

pub fn grade_name(g: Option<Grade>) -> &'static str {
    match g {
        Some(Grade::Excellent) => "excellent",
        Some(Grade::Good) => "good",
        Some(Grade::Steady) => "steady",
        Some(Grade::Poor) => "poor",
        None => "",
    }
}

pub fn opt(x: Option<f64>) -> String {
    x.map(|v| v.to_string()).unwrap_or_default()
}

/// Dimension columns in the methodology's order (then any others, by code).
fn dimension_columns<'a>(
    m: Option<&Methodology>,
    seen: impl Iterator<Item = &'a String>,
) -> Vec<String> {
    let present: BTreeSet<&String> = seen.collect();
    let mut cols: Vec<String> = m
        .map(|m| {
            m.dimensions
                .iter()
                .filter(|d| present.contains(&d.code))
                .map(|d| d.code.clone())
                .collect()
        })
        .unwrap_or_default();
    for c in present {
        if !cols.contains(c) {
            cols.push(c.clone());
        }
    }
    cols
}

/// A CSV table: the fixed columns, then the dimensions of every row.
pub fn with_dimensions(
    header: &[&str],
    m: Option<&Methodology>,
    rows: Vec<(Vec<String>, &DimensionScores)>,
) -> String {
    let dims = dimension_columns(m, rows.iter().flat_map(|(_, d)| d.keys()));
    let mut head: Vec<&str> = header.to_vec();
    head.extend(dims.iter().map(String::as_str));
    let lines = rows.into_iter().map(|(mut fields, dimensions)| {
        fields.extend(dims.iter().map(|d| opt(dimensions.get(d).copied().flatten())));
        fields
    });
    crate::csv_export::table(&head, lines)
}
