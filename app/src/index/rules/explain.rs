//! Step 9 of the methodology: why an index changed, as dimension contributions.
use crate::index::model::{DimensionScores, Methodology};
use serde::{Deserialize, Serialize};

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

pub fn explain(
    m: &Methodology,
    before: (Option<f64>, &DimensionScores),
    after: (Option<f64>, &DimensionScores),
) -> Option<Explanation> {
    let (b, a) = (before.0?, after.0?);
    let weight_after: f64 = after
        .1
        .iter()
        .filter(|(_, d)| d.is_some())
        .filter_map(|(c, _)| m.dimension(c).map(|d| d.weight))
        .sum();
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
