//! Ranking areas and re-weighting dimensions ("my index"): the arithmetic that both
//! the server and the browser do on published scores.
use crate::index::model::Methodology;
use std::collections::{BTreeMap, HashMap};

/// Standard competition ranking ("1224") by score, best first; areas without a score
/// get no rank. Ties keep the input order.
pub fn ranks<'a>(
    scores: impl IntoIterator<Item = (&'a str, Option<f64>)>,
) -> HashMap<&'a str, u32> {
    let mut scored: Vec<(&str, f64)> =
        scores.into_iter().filter_map(|(c, s)| s.map(|s| (c, s))).collect();
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
pub fn reweight(
    dimensions: &BTreeMap<String, Option<f64>>,
    weights: &BTreeMap<String, f64>,
) -> Option<f64> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn competition_ranking_skips_after_ties_and_leaves_missing_unranked() {
        let r = ranks([
            ("a", Some(80.0)),
            ("b", Some(90.0)),
            ("c", None),
            ("d", Some(80.0)),
            ("e", Some(70.0)),
        ]);
        assert_eq!(r["b"], 1);
        assert_eq!((r["a"], r["d"]), (2, 2));
        assert_eq!(r["e"], 4);
        assert!(!r.contains_key("c"));
    }

    #[test]
    fn reweighting_uses_only_weighted_dimensions_with_scores() {
        let dims: BTreeMap<String, Option<f64>> =
            [("a".to_string(), Some(80.0)), ("b".to_string(), Some(60.0)), ("c".to_string(), None)]
                .into();
        let w = |pairs: &[(&str, f64)]| {
            pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect::<BTreeMap<_, _>>()
        };
        assert_eq!(reweight(&dims, &w(&[("a", 1.0), ("b", 1.0), ("c", 10.0)])), Some(70.0));
        assert_eq!(reweight(&dims, &w(&[("a", 3.0), ("b", 1.0)])), Some(75.0));
        assert_eq!(reweight(&dims, &w(&[("a", 0.0), ("b", 5.0)])), Some(60.0));
        assert_eq!(reweight(&dims, &w(&[("c", 5.0)])), None);
    }
}
