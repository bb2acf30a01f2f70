//! Scoring, step by step as DESIGN.md numbers it. Everything here is a pure function of
//! plain data; storage and HTTP call in with observations and get scores back.
use crate::index::model::{Edition, Grade, Methodology, Unit};
use std::collections::BTreeMap;

/// Below this share of the edition's dimension weight a street has no index ("数据不足").
pub const MIN_COVERAGE: f64 = 0.5;

/// Step 1: the value of an observation. For `rate`, `count` is the period's total count
/// and the value is per 10 000 residents per day; for `value`, it is taken as given.
pub fn value(unit: Unit, observed: f64, population: i64, days: u32) -> Option<f64> {
    match unit {
        Unit::Value => observed.is_finite().then_some(observed),
        Unit::Rate if population > 0 && days > 0 && observed.is_finite() => {
            Some(observed / days as f64 / population as f64 * 10_000.0)
        }
        Unit::Rate => None,
    }
}

/// Step 2: goalposts. `100 × clamp((worst − v) / (worst − best), 0, 1)` serves both
/// directions (lower-is-better when best < worst, higher-is-better otherwise).
pub fn indicator_score(v: f64, best: f64, worst: f64) -> f64 {
    100.0 * ((worst - v) / (worst - best)).clamp(0.0, 1.0)
}

/// One street's scores for one period and edition.
#[derive(Clone, Debug, PartialEq)]
pub struct StreetScore {
    /// `None` when coverage is below [`MIN_COVERAGE`].
    pub index: Option<f64>,
    pub coverage: f64,
    /// Every dimension of the edition; `None` where no indicator had data.
    pub dimensions: BTreeMap<String, Option<f64>>,
    /// Indicators with data: (value, score).
    pub indicators: BTreeMap<String, (f64, f64)>,
}

/// Steps 1–5 for one street. `observed` maps indicator codes to the period's total
/// count (rate) or value; indicators outside the edition are ignored.
pub fn score_street(
    m: &Methodology,
    edition: Edition,
    population: i64,
    days: u32,
    observed: &BTreeMap<String, f64>,
) -> StreetScore {
    let mut indicators = BTreeMap::new();
    for ind in m.indicators.iter().filter(|i| edition.includes(i.frequency)) {
        let Some(&obs) = observed.get(&ind.code) else { continue };
        // A monthly indicator is one observation for the month: its rate spreads over
        // the month's days as well, so `days` applies to both frequencies.
        if let Some(v) = value(ind.unit, obs, population, days) {
            indicators.insert(ind.code.clone(), (v, indicator_score(v, ind.best, ind.worst)));
        }
    }
    let mut dimensions = BTreeMap::new();
    let (mut weighted, mut present_weight, mut total_weight) = (0.0, 0.0, 0.0);
    for dim in m.dimensions_in(edition) {
        total_weight += dim.weight;
        let (mut sum, mut w) = (0.0, 0.0);
        for ind in
            m.indicators.iter().filter(|i| i.dimension == dim.code && edition.includes(i.frequency))
        {
            if let Some(&(_, s)) = indicators.get(&ind.code) {
                sum += ind.weight * s;
                w += ind.weight;
            }
        }
        // Step 3: weighted mean over the indicators that have data.
        let d = (w > 0.0).then(|| sum / w);
        if let Some(d) = d {
            weighted += dim.weight * d;
            present_weight += dim.weight;
        }
        dimensions.insert(dim.code.clone(), d);
    }
    // Step 4: weighted mean over dimensions with a score, and coverage.
    let coverage = if total_weight > 0.0 { present_weight / total_weight } else { 0.0 };
    let index =
        (coverage >= MIN_COVERAGE && present_weight > 0.0).then(|| weighted / present_weight);
    StreetScore { index, coverage, dimensions, indicators }
}

/// A district's or the city's scores: step 6.
#[derive(Clone, Debug, PartialEq)]
pub struct AggregateScore {
    pub index: Option<f64>,
    /// Share of the population living in streets that have an index.
    pub coverage: f64,
    pub dimensions: BTreeMap<String, Option<f64>>,
}

/// Population-weighted mean of the streets' index and of each dimension, each over the
/// streets that have that score.
pub fn aggregate(streets: &[(i64, &StreetScore)]) -> AggregateScore {
    let weighted_mean = |pick: &dyn Fn(&StreetScore) -> Option<f64>| {
        let (mut sum, mut pop) = (0.0, 0.0);
        for (p, s) in streets {
            if let Some(x) = pick(s) {
                sum += *p as f64 * x;
                pop += *p as f64;
            }
        }
        (pop > 0.0).then(|| sum / pop)
    };
    let total: f64 = streets.iter().map(|(p, _)| *p as f64).sum();
    let covered: f64 =
        streets.iter().filter(|(_, s)| s.index.is_some()).map(|(p, _)| *p as f64).sum();
    let mut codes: Vec<&String> = streets.iter().flat_map(|(_, s)| s.dimensions.keys()).collect();
    codes.sort();
    codes.dedup();
    let dimensions = codes
        .into_iter()
        .map(|c| {
            (c.clone(), weighted_mean(&|s: &StreetScore| s.dimensions.get(c).copied().flatten()))
        })
        .collect();
    AggregateScore {
        index: weighted_mean(&|s: &StreetScore| s.index),
        coverage: if total > 0.0 { covered / total } else { 0.0 },
        dimensions,
    }
}

/// Step 7.
pub fn grade(score: f64) -> Grade {
    Grade::of(score)
}

/// Why a street is on warning (预警), step 8.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Warning {
    /// The daily index is below 70.
    pub below_70: bool,
    /// The daily index is 10 or more points below the trailing 28-day mean (the mean itself).
    pub drop_from: Option<f64>,
    /// Dimensions scoring below 60.
    pub weak_dimensions: Vec<String>,
}

impl Warning {
    pub fn any(&self) -> bool {
        self.below_70 || self.drop_from.is_some() || !self.weak_dimensions.is_empty()
    }
}

/// `trailing` holds the indices of up to the 28 previous days (days without an index
/// left out).
pub fn warning(today: &StreetScore, trailing: &[f64]) -> Warning {
    let mut w = Warning::default();
    if let Some(i) = today.index {
        w.below_70 = i < 70.0;
        if !trailing.is_empty() {
            let mean = trailing.iter().sum::<f64>() / trailing.len() as f64;
            if mean - i >= 10.0 {
                w.drop_from = Some(mean);
            }
        }
    }
    w.weak_dimensions = today
        .dimensions
        .iter()
        .filter(|(_, d)| matches!(d, Some(x) if *x < 60.0))
        .map(|(c, _)| c.clone())
        .collect();
    w
}

/// Three red days (daily index below 70) in a row: listed for supervision (挂牌督办).
/// `recent` is the daily index of consecutive days, oldest first, ending today.
pub fn escalated(recent: &[Option<f64>]) -> bool {
    recent.len() >= 3
        && recent[recent.len() - 3..].iter().all(|i| matches!(i, Some(x) if *x < 70.0))
}

/// Step 9, for two street scores: see [`super::explain::explain`].
pub fn explain(
    m: &Methodology,
    before: &StreetScore,
    after: &StreetScore,
) -> Option<super::explain::Explanation> {
    super::explain::explain(m, (before.index, &before.dimensions), (after.index, &after.dimensions))
}

#[cfg(test)]
#[path = "scoring_tests.rs"]
mod tests;
