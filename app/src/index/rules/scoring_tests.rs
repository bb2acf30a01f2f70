//! Tests of the scoring steps, by hand-computed examples and properties.
use super::*;
use crate::index::model::{Dimension, Frequency, Indicator};
use proptest::prelude::*;

fn ind(
    code: &str,
    dim: &str,
    f: Frequency,
    unit: Unit,
    best: f64,
    worst: f64,
    w: f64,
) -> Indicator {
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
    let day = score_street(
        &m,
        Edition::Daily,
        50_000,
        1,
        &obs(&[("crime", 5.0), ("fraud", 1.0), ("hotline", 15.0)]),
    );
    assert!(
        close(Some(day.indicators["crime"].0), 1.0) && close(Some(day.indicators["crime"].1), 50.0)
    );
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
fn coverage_of_exactly_half_still_makes_an_index() {
    let m = small();
    // Monthly: security (3 of 6) alone is exactly half — an index, from security alone.
    let s = score_street(&m, Edition::Monthly, 50_000, 30, &obs(&[("crime", 0.0)]));
    assert_eq!(s.coverage, 0.5);
    assert_eq!(s.index, Some(100.0));
    // Service and survey (1 + 2 of 6) are half as well.
    let s =
        score_street(&m, Edition::Monthly, 50_000, 30, &obs(&[("hotline", 0.0), ("rating", 70.0)]));
    assert_eq!(s.coverage, 0.5);
    assert!(close(s.index, (100.0 + 2.0 * 50.0) / 3.0));
    // Survey alone (2 of 6) is not.
    let s = score_street(&m, Edition::Monthly, 50_000, 30, &obs(&[("rating", 70.0)]));
    assert_eq!(s.index, None);
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
    let a = score_street(
        &m,
        Edition::Daily,
        100_000,
        1,
        &obs(&[("crime", 0.0), ("fraud", 0.0), ("hotline", 10.0)]),
    );
    let b = score_street(
        &m,
        Edition::Daily,
        300_000,
        1,
        &obs(&[("crime", 60.0), ("fraud", 30.0), ("hotline", 90.0)]),
    );
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
    let today = score_street(
        &m,
        Edition::Daily,
        50_000,
        1,
        &obs(&[("crime", 5.0), ("fraud", 1.0), ("hotline", 15.0)]),
    );
    let w = warning(&today, &[70.0; 28]);
    assert!(w.below_70);
    assert!((w.drop_from.unwrap() - 70.0).abs() < 1e-9, "55.6 is ≥ 10 below 70");
    assert_eq!(w.weak_dimensions, ["security", "service"]);
    assert!(w.any());
    let good = score_street(
        &m,
        Edition::Daily,
        50_000,
        1,
        &obs(&[("crime", 0.0), ("fraud", 0.0), ("hotline", 5.0)]),
    );
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
    let before = score_street(
        &m,
        Edition::Daily,
        50_000,
        1,
        &obs(&[("crime", 0.0), ("fraud", 0.0), ("hotline", 5.0)]),
    );
    let after = score_street(
        &m,
        Edition::Daily,
        50_000,
        1,
        &obs(&[("crime", 10.0), ("fraud", 0.0), ("hotline", 5.0)]),
    );
    let e = explain(&m, &before, &after).unwrap();
    // crime 0 → 2.0 per 10k: score 100 → 0, security 100 → 25, index −56.25.
    assert!((e.change + 56.25).abs() < 1e-9);
    assert_eq!(e.contributions[0].0, "security");
    assert!((e.contributions[0].1 + 56.25).abs() < 1e-9);
    assert!(e.residual.abs() < 1e-9);
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
    fn a_better_observation_never_lowers_a_score(o in arb_obs(), pop in 1i64..500_000, which in 0usize..4, base in 0.0f64..200.0, step in 0.0f64..50.0) {
        let m = small();
        let ind = &m.indicators[which];
        // The indicator moved has an observation in every case (none is dropped).
        let mut o = o;
        let v = *o.entry(ind.code.clone()).or_insert(base);
        // Move the observation towards `best`.
        let better = if ind.best < ind.worst { (v - step).max(0.0) } else { v + step };
        let mut improved = o.clone();
        improved.insert(ind.code.clone(), better);
        for edition in [Edition::Daily, Edition::Monthly] {
            let (a, b) = (score_street(&m, edition, pop, 30, &o), score_street(&m, edition, pop, 30, &improved));
            // The same indicators are present, so the same coverage and the same verdict.
            prop_assert_eq!(a.coverage, b.coverage);
            prop_assert_eq!(a.index.is_some(), b.index.is_some());
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
