//! Published scores as pages and the open-data API read them, and the little arithmetic
//! that both the server and the browser do on them (ranking, "my index" re-weighting).
use crate::index::{Edition, Grade, Methodology};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// One area's published score for one period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoreRow {
    pub area_code: String,
    /// `None` when coverage is below one half ("数据不足").
    pub score: Option<f64>,
    pub coverage: f64,
    /// Every dimension of the edition: its score, or `None` without data.
    pub dimensions: BTreeMap<String, Option<f64>>,
    pub warning: bool,
}

impl ScoreRow {
    pub fn grade(&self) -> Option<Grade> {
        self.score.map(Grade::of)
    }
}

/// Every area's scores for one edition and period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoreTable {
    pub edition: Edition,
    /// `YYYY-MM-DD` or `YYYY-MM`.
    pub period: String,
    pub methodology_version: String,
    pub rows: Vec<ScoreRow>,
}

impl ScoreTable {
    pub fn get(&self, code: &str) -> Option<&ScoreRow> {
        self.rows.iter().find(|r| r.area_code == code)
    }
}

/// A point of an area's time series.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeriesPoint {
    pub period: String,
    pub methodology_version: String,
    pub score: Option<f64>,
    pub coverage: f64,
    pub dimensions: BTreeMap<String, Option<f64>>,
    pub warning: bool,
}

/// An indicator's observation for a street and period, as scored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorScore {
    pub code: String,
    /// What was reported: the period's count, or the value.
    pub observed: f64,
    /// Step 1's value (per 10 000 residents per day for rates).
    pub value: f64,
    pub score: f64,
}

/// The first and last period with published scores.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodRange {
    pub first: String,
    pub last: String,
}

/// Standard competition ranking ("1224") by score, best first; areas without a score
/// get no rank. Ties keep the input order.
pub fn ranks<'a>(scores: impl IntoIterator<Item = (&'a str, Option<f64>)>) -> HashMap<&'a str, u32> {
    let mut scored: Vec<(&str, f64)> = scores.into_iter().filter_map(|(c, s)| s.map(|s| (c, s))).collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    let mut out = HashMap::new();
    let mut previous: Option<(f64, u32)> = None;
    for (i, (code, score)) in scored.into_iter().enumerate() {
        let rank = match previous {
            Some((p, r)) if p == score => r,
            _ => i as u32 + 1,
        };
        previous = Some((score, rank));
        out.insert(code, rank);
    }
    out
}

/// "My index": the resident's weights (0–10 per dimension) applied to an area's
/// dimension scores, `Σ w·D / Σ w` over the dimensions that have a score and a
/// non-zero weight. `None` when nothing is left.
pub fn reweight(dimensions: &BTreeMap<String, Option<f64>>, weights: &BTreeMap<String, f64>) -> Option<f64> {
    let (mut sum, mut total) = (0.0, 0.0);
    for (code, d) in dimensions {
        let (Some(d), Some(&w)) = (d, weights.get(code)) else { continue };
        if w > 0.0 {
            sum += w * d;
            total += w;
        }
    }
    (total > 0.0).then(|| sum / total)
}

/// The methodology's own weights rescaled to the 0–10 sliders (largest weight = 10),
/// rounded to whole steps: the starting point of "my index".
pub fn default_weights(m: &Methodology) -> BTreeMap<String, f64> {
    let max = m.dimensions.iter().map(|d| d.weight).fold(0.0, f64::max);
    m.dimensions
        .iter()
        .map(|d| (d.code.clone(), if max > 0.0 { (d.weight / max * 10.0).round() } else { 5.0 }))
        .collect()
}

/// The period one step before, for "change since yesterday / last month".
pub fn previous_period(edition: Edition, period: &str) -> Option<String> {
    match edition {
        Edition::Daily => {
            let (y, m, d) = split_date(period)?;
            let (y, m, d) = if d > 1 {
                (y, m, d - 1)
            } else if m > 1 {
                (y, m - 1, days_in_month(y, m - 1))
            } else {
                (y - 1, 12, 31)
            };
            Some(format!("{y:04}-{m:02}-{d:02}"))
        }
        Edition::Monthly => {
            let (y, m) = split_month(period)?;
            let (y, m) = if m > 1 { (y, m - 1) } else { (y - 1, 12) };
            Some(format!("{y:04}-{m:02}"))
        }
    }
}

/// `YYYY-MM-DD` → (y, m, d), checked against the calendar.
pub fn split_date(s: &str) -> Option<(i32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m) = split_month(&s[..7])?;
    let d: u32 = digits(&s[8..])?;
    (1..=days_in_month(y, m)).contains(&d).then_some((y, m, d))
}

/// `YYYY-MM` → (y, m).
pub fn split_month(s: &str) -> Option<(i32, u32)> {
    let b = s.as_bytes();
    if b.len() != 7 || b[4] != b'-' {
        return None;
    }
    let y: u32 = digits(&s[..4])?;
    let m: u32 = digits(&s[5..])?;
    (y >= 1 && (1..=12).contains(&m)).then_some((y as i32, m))
}

fn digits(s: &str) -> Option<u32> {
    s.bytes().all(|c| c.is_ascii_digit()).then(|| s.parse().ok()).flatten()
}

pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Whether `period` is well-formed for the edition.
pub fn valid_period(edition: Edition, period: &str) -> bool {
    match edition {
        Edition::Daily => split_date(period).is_some(),
        Edition::Monthly => split_month(period).is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn competition_ranking_skips_after_ties_and_leaves_missing_unranked() {
        let r = ranks([("a", Some(80.0)), ("b", Some(90.0)), ("c", None), ("d", Some(80.0)), ("e", Some(70.0))]);
        assert_eq!(r["b"], 1);
        assert_eq!((r["a"], r["d"]), (2, 2));
        assert_eq!(r["e"], 4);
        assert!(!r.contains_key("c"));
    }

    #[test]
    fn reweighting_uses_only_weighted_dimensions_with_scores() {
        let dims: BTreeMap<String, Option<f64>> =
            [("a".to_string(), Some(80.0)), ("b".to_string(), Some(60.0)), ("c".to_string(), None)].into();
        let w = |pairs: &[(&str, f64)]| pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect::<BTreeMap<_, _>>();
        assert_eq!(reweight(&dims, &w(&[("a", 1.0), ("b", 1.0), ("c", 10.0)])), Some(70.0));
        assert_eq!(reweight(&dims, &w(&[("a", 3.0), ("b", 1.0)])), Some(75.0));
        assert_eq!(reweight(&dims, &w(&[("a", 0.0), ("b", 5.0)])), Some(60.0));
        assert_eq!(reweight(&dims, &w(&[("c", 5.0)])), None);
    }

    #[test]
    fn previous_periods_cross_month_and_year_ends() {
        assert_eq!(previous_period(Edition::Daily, "2026-03-01").as_deref(), Some("2026-02-28"));
        assert_eq!(previous_period(Edition::Daily, "2024-03-01").as_deref(), Some("2024-02-29"));
        assert_eq!(previous_period(Edition::Daily, "2026-01-01").as_deref(), Some("2025-12-31"));
        assert_eq!(previous_period(Edition::Daily, "2026-11-22").as_deref(), Some("2026-11-21"));
        assert_eq!(previous_period(Edition::Monthly, "2026-01").as_deref(), Some("2025-12"));
        assert_eq!(previous_period(Edition::Daily, "2026-02-30"), None);
    }

    #[test]
    fn periods_are_checked_strictly() {
        assert!(valid_period(Edition::Daily, "2026-02-28"));
        for bad in ["2026-2-28", "2026-02-29", "2026-13-01", "20260228", "2026-02-28 ", "abcd-ef-gh", ""] {
            assert!(!valid_period(Edition::Daily, bad), "{bad:?}");
        }
        assert!(valid_period(Edition::Monthly, "2026-11"));
        assert!(!valid_period(Edition::Monthly, "2026-11-01"));
        assert!(!valid_period(Edition::Monthly, "2026-00"));
    }
}

/// Step 9: the change between two periods split into dimension contributions
/// `W_d · (D_d(t) − D_d(t−1)) / Σ W`, the sum over the dimensions present in the later
/// period. Exact (residual 0) when the same dimensions are present in both.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    pub change: f64,
    /// (dimension code, contribution), largest effect first.
    pub contributions: Vec<(String, f64)>,
    /// What the contributions do not explain (dimensions appearing or disappearing).
    pub residual: f64,
}

pub type DimensionScores = BTreeMap<String, Option<f64>>;

pub fn explain(
    m: &Methodology,
    before: (Option<f64>, &DimensionScores),
    after: (Option<f64>, &DimensionScores),
) -> Option<Explanation> {
    let (b, a) = (before.0?, after.0?);
    let weight_after: f64 =
        after.1.iter().filter(|(_, d)| d.is_some()).filter_map(|(c, _)| m.dimension(c).map(|d| d.weight)).sum();
    let mut contributions: Vec<(String, f64)> = after
        .1
        .iter()
        .filter_map(|(code, d)| {
            let (now, then) = ((*d)?, before.1.get(code).copied().flatten()?);
            let w = m.dimension(code)?.weight;
            Some((code.clone(), w * (now - then) / weight_after))
        })
        .collect();
    contributions.sort_by(|x, y| y.1.abs().total_cmp(&x.1.abs()).then_with(|| x.0.cmp(&y.0)));
    let change = a - b;
    let explained: f64 = contributions.iter().map(|(_, c)| c).sum();
    Some(Explanation { change, contributions, residual: change - explained })
}

/// The period one step after, for "next day" links.
pub fn next_period(edition: Edition, period: &str) -> Option<String> {
    match edition {
        Edition::Daily => {
            let (y, m, d) = split_date(period)?;
            let (y, m, d) = if d < days_in_month(y, m) {
                (y, m, d + 1)
            } else if m < 12 {
                (y, m + 1, 1)
            } else {
                (y + 1, 1, 1)
            };
            Some(format!("{y:04}-{m:02}-{d:02}"))
        }
        Edition::Monthly => {
            let (y, m) = split_month(period)?;
            let (y, m) = if m < 12 { (y, m + 1) } else { (y + 1, 1) };
            Some(format!("{y:04}-{m:02}"))
        }
    }
}

/// `n` periods back from `period` (for trend windows).
pub fn periods_back(edition: Edition, period: &str, n: u32) -> String {
    let mut p = period.to_string();
    for _ in 0..n {
        match previous_period(edition, &p) {
            Some(prev) => p = prev,
            None => break,
        }
    }
    p
}
