//! Scoring, step by step as DESIGN.md numbers it. Everything here is a pure function of
//! plain data; storage and HTTP call in with observations and get scores back.
use app::index::{Edition, Grade, Methodology, Unit};
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
        for ind in m.indicators.iter().filter(|i| i.dimension == dim.code && edition.includes(i.frequency)) {
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
    let index = (coverage >= MIN_COVERAGE && present_weight > 0.0).then(|| weighted / present_weight);
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
    let covered: f64 = streets.iter().filter(|(_, s)| s.index.is_some()).map(|(p, _)| *p as f64).sum();
    let mut codes: Vec<&String> = streets.iter().flat_map(|(_, s)| s.dimensions.keys()).collect();
    codes.sort();
    codes.dedup();
    let dimensions = codes
        .into_iter()
        .map(|c| (c.clone(), weighted_mean(&|s: &StreetScore| s.dimensions.get(c).copied().flatten())))
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
    w.weak_dimensions =
        today.dimensions.iter().filter(|(_, d)| matches!(d, Some(x) if *x < 60.0)).map(|(c, _)| c.clone()).collect();
    w
}

/// Three red days (daily index below 70) in a row: listed for supervision (挂牌督办).
/// `recent` is the daily index of consecutive days, oldest first, ending today.
pub fn escalated(recent: &[Option<f64>]) -> bool {
    recent.len() >= 3 && recent[recent.len() - 3..].iter().all(|i| matches!(i, Some(x) if *x < 70.0))
}

/// Step 9, for two street scores: see [`app::scores::explain`].
pub use app::scores::Explanation;

pub fn explain(m: &Methodology, before: &StreetScore, after: &StreetScore) -> Option<Explanation> {
    app::scores::explain(m, (before.index, &before.dimensions), (after.index, &after.dimensions))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::index::methodology::default_methodology;
    use app::index::{Dimension, Frequency, Indicator};
    use proptest::prelude::*;

    fn ind(code: &str, dim: &str, f: Frequency, unit: Unit, best: f64, worst: f64, w: f64) -> Indicator {
        Indicator {
            code: code.into(),
            name_zh: code.into(),
            name_en: code.into(),
            dimension: dim.into(),
            frequency: f,
            unit,
            best,
            worst,
            weight: w,
            source_zh: String::new(),
            source_en: String::new(),
        }
    }

    fn dim(code: &str, w: f64) -> Dimension {
        Dimension { code: code.into(), name_zh: code.into(), name_en: code.into(), weight: w }
    }

    /// Two dimensions, hand-sized so the arithmetic can be done on paper.
    fn small() -> Methodology {
        Methodology {
            version: "test".into(),
            dimensions: vec![dim("security", 3.0), dim("service", 1.0), dim("survey", 2.0)],
            indicators: vec![
                ind("crime", "security", Frequency::Daily, Unit::Rate, 0.0, 2.0, 3.0),
                ind("fraud", "security", Frequency::Daily, Unit::Rate, 0.0, 1.0, 1.0),
                ind("hotline", "service", Frequency::Daily, Unit::Rate, 1.0, 5.0, 1.0),
                ind("rating", "survey", Frequency::Monthly, Unit::Value, 90.0, 50.0, 1.0),
            ],
        }
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    fn obs(pairs: &[(&str, f64)]) -> BTreeMap<String, f64> {
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    #[test]
    fn hand_computed_daily_and_monthly_example() {
        let m = small();
        // 50 000 residents, one day: 5 crimes → 1.0 per 10k → (2−1)/(2−0) → 50;
        // 1 fraud → 0.2 → (1−0.2)/1 → 80; security = (3·50 + 1·80)/4 = 57.5.
        // 15 hotline calls → 3.0 → (5−3)/(5−1) → 50; service = 50.
        // Daily index = (3·57.5 + 1·50)/4 = 55.625, coverage 1.
        let day = score_street(&m, Edition::Daily, 50_000, 1, &obs(&[("crime", 5.0), ("fraud", 1.0), ("hotline", 15.0)]));
        assert!(close(Some(day.indicators["crime"].0), 1.0) && close(Some(day.indicators["crime"].1), 50.0));
        assert!(close(Some(day.indicators["fraud"].1), 80.0));
        assert!(close(day.dimensions["security"], 57.5));
        assert!(close(day.dimensions["service"], 50.0));
        assert!(!day.dimensions.contains_key("survey"), "not in the daily edition");
        assert!((day.index.unwrap() - 55.625).abs() < 1e-9);
        assert_eq!(day.coverage, 1.0);
        // Monthly, 30 days: 150 crimes → 1.0/day/10k again; rating 80 → (50−80)/(50−90) = 75.
        // Index = (3·57.5 + 1·50 + 2·75)/6 = 62.083…
        let month = score_street(
            &m,
            Edition::Monthly,
            50_000,
            30,
            &obs(&[("crime", 150.0), ("fraud", 30.0), ("hotline", 450.0), ("rating", 80.0)]),
        );
        assert!(close(month.dimensions["survey"], 75.0));
        assert!((month.index.unwrap() - (3.0 * 57.5 + 50.0 + 2.0 * 75.0) / 6.0).abs() < 1e-9);
        assert_eq!(grade(month.index.unwrap()), Grade::Poor);
    }

    #[test]
    fn coverage_below_half_means_no_index() {
        let m = small();
        // Only "service" (weight 1 of 4) has data: coverage 0.25.
        let s = score_street(&m, Edition::Daily, 50_000, 1, &obs(&[("hotline", 5.0)]));
        assert_eq!(s.coverage, 0.25);
        assert_eq!(s.index, None);
        assert_eq!(s.dimensions["security"], None);
        // Security alone (3 of 4): an index from what is present.
        let s = score_street(&m, Edition::Daily, 50_000, 1, &obs(&[("crime", 0.0)]));
        assert_eq!(s.coverage, 0.75);
        assert_eq!(s.index, Some(100.0));
    }

    #[test]
    fn goalposts_clamp_and_work_both_ways() {
        assert_eq!(indicator_score(-1.0, 0.0, 2.0), 100.0);
        assert_eq!(indicator_score(3.0, 0.0, 2.0), 0.0);
        assert_eq!(indicator_score(95.0, 90.0, 50.0), 100.0);
        assert_eq!(indicator_score(70.0, 90.0, 50.0), 50.0);
        assert_eq!(value(Unit::Rate, 10.0, 0, 1), None, "no population, no rate");
        assert_eq!(value(Unit::Value, 42.0, 0, 1), Some(42.0));
    }

    #[test]
    fn aggregation_is_population_weighted_and_skips_missing() {
        let m = small();
        let a = score_street(&m, Edition::Daily, 100_000, 1, &obs(&[("crime", 0.0), ("fraud", 0.0), ("hotline", 10.0)]));
        let b = score_street(&m, Edition::Daily, 300_000, 1, &obs(&[("crime", 60.0), ("fraud", 30.0), ("hotline", 90.0)]));
        let none = score_street(&m, Edition::Daily, 600_000, 1, &obs(&[]));
        let agg = aggregate(&[(100_000, &a), (300_000, &b), (600_000, &none)]);
        let expected = (100_000.0 * a.index.unwrap() + 300_000.0 * b.index.unwrap()) / 400_000.0;
        assert!((agg.index.unwrap() - expected).abs() < 1e-9);
        assert!((agg.coverage - 0.4).abs() < 1e-12);
        assert!(aggregate(&[]).index.is_none());
    }

    #[test]
    fn warnings_and_escalation() {
        let m = small();
        let today = score_street(&m, Edition::Daily, 50_000, 1, &obs(&[("crime", 5.0), ("fraud", 1.0), ("hotline", 15.0)]));
        let w = warning(&today, &[70.0; 28]);
        assert!(w.below_70);
        assert!((w.drop_from.unwrap() - 70.0).abs() < 1e-9, "55.6 is ≥ 10 below 70");
        assert_eq!(w.weak_dimensions, ["security", "service"]);
        assert!(w.any());
        let good = score_street(&m, Edition::Daily, 50_000, 1, &obs(&[("crime", 0.0), ("fraud", 0.0), ("hotline", 5.0)]));
        assert!(!warning(&good, &[100.0; 28]).any());
        assert!(warning(&good, &[]).drop_from.is_none());
        assert!(escalated(&[Some(90.0), Some(65.0), Some(60.0), Some(69.9)]));
        assert!(!escalated(&[Some(65.0), Some(60.0), Some(70.0)]));
        assert!(!escalated(&[Some(65.0), None, Some(60.0)]), "a day without an index breaks the run");
        assert!(!escalated(&[Some(50.0), Some(50.0)]));
    }

    #[test]
    fn explanation_names_the_dimension_that_moved() {
        let m = small();
        let before = score_street(&m, Edition::Daily, 50_000, 1, &obs(&[("crime", 0.0), ("fraud", 0.0), ("hotline", 5.0)]));
        let after = score_street(&m, Edition::Daily, 50_000, 1, &obs(&[("crime", 10.0), ("fraud", 0.0), ("hotline", 5.0)]));
        let e = explain(&m, &before, &after).unwrap();
        // crime 0 → 2.0 per 10k: score 100 → 0, security 100 → 25, index −56.25.
        assert!((e.change + 56.25).abs() < 1e-9);
        assert_eq!(e.contributions[0].0, "security");
        assert!((e.contributions[0].1 + 56.25).abs() < 1e-9);
        assert!(e.residual.abs() < 1e-9);
    }

    #[test]
    fn the_default_methodology_scores_a_typical_street_in_the_eighties_or_nineties() {
        let m = default_methodology();
        // Counts a street of 80 000 might see on an ordinary day.
        let day = obs(&[
            ("crime_reports", 2.0), ("telecom_fraud", 0.0), ("traffic_accidents", 1.0), ("traffic_violations", 4.0),
            ("fire_alarms", 0.0), ("fire_hazards", 1.0), ("city_incidents", 8.0), ("illegal_construction", 0.0),
            ("hotline_12345", 14.0), ("repeat_complaints", 1.0), ("food_complaints", 1.0), ("drug_complaints", 0.0),
            ("consumer_complaints", 2.0), ("price_complaints", 0.0),
        ]);
        let s = score_street(&m, Edition::Daily, 80_000, 1, &day);
        let i = s.index.unwrap();
        assert!((80.0..=97.0).contains(&i), "{i}");
        assert_eq!(s.coverage, 1.0);
    }

    fn arb_obs() -> impl Strategy<Value = BTreeMap<String, f64>> {
        let codes = ["crime", "fraud", "hotline", "rating"];
        proptest::collection::vec(proptest::option::of(0.0f64..200.0), 4).prop_map(move |vals| {
            codes.iter().zip(vals).filter_map(|(c, v)| v.map(|v| (c.to_string(), v))).collect()
        })
    }

    proptest! {
        #[test]
        fn scores_stay_within_0_and_100(o in arb_obs(), pop in 1i64..500_000, days in 1u32..32) {
            for edition in [Edition::Daily, Edition::Monthly] {
                let s = score_street(&small(), edition, pop, days, &o);
                for d in s.dimensions.values().flatten() {
                    prop_assert!((0.0..=100.0).contains(d));
                }
                if let Some(i) = s.index {
                    prop_assert!((0.0..=100.0).contains(&i));
                }
                prop_assert!((0.0..=1.0).contains(&s.coverage));
            }
        }

        #[test]
        fn a_better_observation_never_lowers_a_score(o in arb_obs(), pop in 1i64..500_000, which in 0usize..4, step in 0.0f64..50.0) {
            let m = small();
            let ind = &m.indicators[which];
            let Some(&v) = o.get(&ind.code) else { return Ok(()) };
            // Move the observation towards `best`.
            let better = if ind.best < ind.worst { (v - step).max(0.0) } else { v + step };
            let mut improved = o.clone();
            improved.insert(ind.code.clone(), better);
            for edition in [Edition::Daily, Edition::Monthly] {
                let (a, b) = (score_street(&m, edition, pop, 30, &o), score_street(&m, edition, pop, 30, &improved));
                if let (Some(x), Some(y)) = (a.index, b.index) {
                    prop_assert!(y >= x - 1e-9, "{x} -> {y}");
                }
                for (code, d) in &a.dimensions {
                    if let (Some(x), Some(y)) = (d, b.dimensions[code]) {
                        prop_assert!(y >= x - 1e-9);
                    }
                }
            }
        }

        #[test]
        fn identical_streets_aggregate_to_the_same_score(o in arb_obs(), pop in 1i64..500_000, n in 1usize..8) {
            let s = score_street(&small(), Edition::Monthly, pop, 30, &o);
            let all: Vec<(i64, &StreetScore)> = (0..n).map(|_| (pop, &s)).collect();
            let agg = aggregate(&all);
            match (agg.index, s.index) {
                (Some(a), Some(b)) => prop_assert!((a - b).abs() < 1e-9),
                (a, b) => prop_assert_eq!(a, b),
            }
            for (code, d) in &s.dimensions {
                match (agg.dimensions[code], d) {
                    (Some(a), Some(b)) => prop_assert!((a - b).abs() < 1e-9),
                    (a, b) => prop_assert_eq!(a, *b),
                }
            }
        }

        #[test]
        fn contributions_sum_to_the_change(a in arb_obs(), b in arb_obs(), pop in 1i64..500_000) {
            let m = small();
            let (x, y) = (score_street(&m, Edition::Monthly, pop, 30, &a), score_street(&m, Edition::Monthly, pop, 30, &b));
            if let Some(e) = explain(&m, &x, &y) {
                let same = x.dimensions.iter().all(|(c, d)| d.is_some() == y.dimensions[c].is_some());
                let sum: f64 = e.contributions.iter().map(|(_, c)| c).sum();
                prop_assert!((sum + e.residual - e.change).abs() < 1e-9);
                if same {
                    prop_assert!(e.residual.abs() < 1e-9, "exact when the same dimensions are present");
                }
            }
        }
    }
}
