//! A year of observations for the demo city: daily counts for the daily indicators and
//! monthly values for the monthly ones, generated from the methodology's goalposts so
//! that most streets score 75–95, with seasons, weekdays, and a few incidents that
//! trigger warnings — one of them three red days in a row (挂牌督办).
//!
//! Every value is a function of (seed, street, indicator, period) alone: the same day
//! gets the same count whatever window is generated, on every machine.
use super::incidents::incident;
use super::random::{keyed, normal, poisson};
use app::core::areas::{AreaTree, Level};
use app::index::model::Observation;
use app::index::model::{Frequency, Indicator, Methodology, Unit};
use app::index::rules::periods::Period;
use chrono::{Datelike, Duration, NaiveDate};
use std::f64::consts::PI;

/// The first day generated: the first of the month `months` before `last_day`'s month,
/// so that every month in the window is complete except the current one.
pub fn first_day(last_day: NaiveDate, months: u32) -> NaiveDate {
    let m0 = last_day.year() * 12 + last_day.month0() as i32 - months as i32;
    NaiveDate::from_ymd_opt(m0.div_euclid(12), m0.rem_euclid(12) as u32 + 1, 1).unwrap_or(last_day)
}

/// Observations from [`first_day`] to `last_day`: daily counts every day, monthly values
/// for every month that has ended by `last_day`.
pub fn demo_observations(
    tree: &AreaTree,
    m: &Methodology,
    seed: u64,
    last_day: NaiveDate,
    months: u32,
) -> Vec<Observation> {
    let start = first_day(last_day, months);
    let streets: Vec<_> = tree.all().iter().filter(|a| a.level == Level::Street).collect();
    let mut out = Vec::new();
    for (si, street) in streets.iter().enumerate() {
        let profile = StreetProfile::new(seed, si as u64);
        for (ii, ind) in m.indicators.iter().enumerate() {
            let jitter = profile.jitter(ii as u64);
            match ind.frequency {
                Frequency::Daily => {
                    let mut day = start;
                    while day <= last_day {
                        let mut rng =
                            keyed(seed, si as u64, ii as u64, day.num_days_from_ce() as u64);
                        let factor = season(&ind.code, day)
                            * weekday(&ind.code, day)
                            * incident(&street.code, &ind.code, (last_day - day).num_days());
                        let rate = target_rate(ind, profile.quality * jitter) * factor;
                        let count = poisson(&mut rng, rate * street.population as f64 / 10_000.0);
                        out.push(obs(Period::Day(day), &street.code, &ind.code, count as f64));
                        day += Duration::days(1);
                    }
                }
                Frequency::Monthly => {
                    let mut month = start;
                    while month_end(month) <= last_day {
                        let period = Period::Month(month);
                        let mut rng = keyed(
                            seed,
                            si as u64,
                            ii as u64,
                            (1 << 40) | month.num_days_from_ce() as u64,
                        );
                        let x = profile.quality * jitter + 0.02 * normal(&mut rng);
                        let value = match ind.unit {
                            Unit::Rate => {
                                let rate = target_rate(ind, x.max(0.0)) * season(&ind.code, month);
                                poisson(
                                    &mut rng,
                                    rate * street.population as f64 / 10_000.0
                                        * period.days() as f64,
                                ) as f64
                            }
                            Unit::Value => monthly_value(ind, x, month),
                        };
                        out.push(obs(period, &street.code, &ind.code, value));
                        month = month_end(month) + Duration::days(1);
                    }
                }
            }
        }
    }
    out
}

fn obs(period: Period, area: &str, indicator: &str, value: f64) -> Observation {
    Observation { period, area_code: area.to_string(), indicator: indicator.to_string(), value }
}

fn month_end(first: NaiveDate) -> NaiveDate {
    first + Duration::days(Period::Month(first).days() as i64 - 1)
}

/// How well a street does: `quality` is how far from `best` towards `worst` its typical
/// rate lies (0 = best). Most streets sit at 0.06–0.2; two are weaker.
struct StreetProfile {
    seed: u64,
    street: u64,
    quality: f64,
}

impl StreetProfile {
    fn new(seed: u64, street: u64) -> Self {
        let mut rng = keyed(seed, street, u64::MAX, 0);
        let weak = street % 11 == 7;
        let quality = if weak { 0.16 + 0.04 * rng.unit() } else { 0.04 + 0.12 * rng.unit() };
        StreetProfile { seed, street, quality }
    }

    /// Each indicator varies around the street's quality (0.6–1.4 times).
    fn jitter(&self, indicator: u64) -> f64 {
        0.6 + 0.8 * keyed(self.seed, self.street, indicator, u64::MAX).unit()
    }
}

fn target_rate(ind: &Indicator, x: f64) -> f64 {
    ind.best + (ind.worst - ind.best) * x
}

/// A month's value for `value` indicators (percentages, ratings, hours), a little
/// worse in winter for air quality, rounded to one decimal as agencies report them.
fn monthly_value(ind: &Indicator, x: f64, month: NaiveDate) -> f64 {
    let x = if ind.code == "air_quality" { x + 0.08 * winter(month) } else { x };
    let v = ind.best + (ind.worst - ind.best) * x;
    // Percentages and ratings top out at 100; nothing is negative.
    let v = if ind.best <= 100.0 && ind.worst <= 100.0 { v.min(100.0) } else { v };
    (v.max(0.0) * 10.0).round() / 10.0
}

/// 1 in mid-January, 0 in mid-July.
fn winter(day: NaiveDate) -> f64 {
    (1.0 + (2.0 * PI * (day.ordinal() as f64 - 15.0) / 365.0).cos()) / 2.0
}

/// Seasonal factor by indicator: summer storms and heat, dry-winter fires, the pre-Spring
/// Festival peak in theft, the 双十一 shopping season.
fn season(code: &str, day: NaiveDate) -> f64 {
    let d = day.ordinal() as f64;
    let wave =
        |peak_day: f64, amplitude: f64| 1.0 + amplitude * (2.0 * PI * (d - peak_day) / 365.0).cos();
    match code {
        "traffic_accidents" | "traffic_violations" => wave(200.0, 0.15),
        "fire_alarms" | "fire_hazards" => wave(20.0, 0.35),
        "city_incidents" | "hotline_12345" | "repeat_complaints" => wave(200.0, 0.2),
        "food_complaints" | "drug_complaints" => wave(190.0, 0.3),
        "crime_reports" | "telecom_fraud" => wave(25.0, 0.12),
        // 双十一: shopping complaints rise in November.
        "consumer_complaints" | "price_complaints" if day.month() == 11 => 1.35,
        "environment_complaints" => wave(200.0, 0.25),
        _ => 1.0,
    }
}

/// Weekends: fewer hotline calls and city incidents, more traffic on Friday nights.
fn weekday(code: &str, day: NaiveDate) -> f64 {
    use chrono::Weekday::*;
    match (code, day.weekday()) {
        ("hotline_12345" | "city_incidents" | "consumer_complaints", Sat | Sun) => 0.8,
        ("traffic_accidents", Fri) => 1.15,
        _ => 1.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::city::{demo_areas, DEMO_SEED};
    use crate::index::methodology::default_methodology;
    use app::index::model::Edition;
    use app::index::rules::scoring::{escalated, score_street, warning};
    use std::collections::{BTreeMap, HashMap};

    fn last() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    /// Daily index per street per day, computed straight from the generated rows.
    fn daily_scores(
        obs: &[Observation],
        tree: &AreaTree,
        m: &Methodology,
    ) -> BTreeMap<String, Vec<(NaiveDate, Option<f64>, bool)>> {
        let mut by: HashMap<(String, NaiveDate), BTreeMap<String, f64>> = HashMap::new();
        for o in obs {
            if let Period::Day(d) = o.period {
                by.entry((o.area_code.clone(), d))
                    .or_default()
                    .insert(o.indicator.clone(), o.value);
            }
        }
        let mut out: BTreeMap<String, Vec<(NaiveDate, Option<f64>, bool)>> = BTreeMap::new();
        let mut keys: Vec<_> = by.keys().cloned().collect();
        keys.sort();
        for (code, day) in keys {
            let pop = tree.get(&code).unwrap().population;
            let s = score_street(m, Edition::Daily, pop, 1, &by[&(code.clone(), day)]);
            let series = out.entry(code).or_default();
            let trailing: Vec<f64> = series.iter().rev().take(28).filter_map(|x| x.1).collect();
            let warn = warning(&s, &trailing).any();
            series.push((day, s.index, warn));
        }
        out
    }

    #[test]
    fn a_year_of_valid_observations_with_realistic_scores() {
        let tree = AreaTree::new(demo_areas(DEMO_SEED));
        let m = default_methodology();
        let obs = demo_observations(&tree, &m, DEMO_SEED, last(), 12);
        assert_eq!(first_day(last(), 12), NaiveDate::from_ymd_opt(2025, 11, 1).unwrap());
        // 25 streets × 14 daily indicators × 386 days, and 14 monthly × 12 complete months.
        assert_eq!(obs.len(), 25 * 14 * 386 + 25 * 14 * 12);
        // What the importer would accept: known areas and indicators, counts whole.
        for o in &obs {
            let ind = m.indicator(&o.indicator).unwrap();
            assert_eq!(ind.frequency, o.period.frequency());
            assert!(o.value >= 0.0 && o.value.is_finite());
            if ind.unit == Unit::Rate {
                assert_eq!(o.value.fract(), 0.0);
            }
        }
        let scores = daily_scores(&obs, &tree, &m);
        let all: Vec<f64> = scores.values().flatten().filter_map(|x| x.1).collect();
        assert_eq!(all.len(), 25 * 386, "every street-day has an index");
        let in_band =
            all.iter().filter(|i| (75.0..=95.0).contains(*i)).count() as f64 / all.len() as f64;
        let red = all.iter().filter(|i| **i < 70.0).count();
        let warned = scores.values().flatten().filter(|x| x.2).count() as f64 / all.len() as f64;
        eprintln!(
            "demo daily: {:.0}% in 75–95, {red} red street-days, {:.1}% warned",
            in_band * 100.0,
            warned * 100.0
        );
        assert!(in_band > 0.7, "most street-days score 75–95: {in_band}");
        assert!(red >= 3 && red < all.len() / 50, "some red days, not many: {red}");
        assert!(warned > 0.01 && warned < 0.15, "warnings are the exception: {warned}");
        // Streets' yearly means spread out instead of bunching.
        let means: Vec<f64> = scores
            .values()
            .map(|s| s.iter().filter_map(|x| x.1).sum::<f64>() / s.len() as f64)
            .collect();
        let (lo, hi) = means.iter().fold((100.0f64, 0.0f64), |(l, h), x| (l.min(*x), h.max(*x)));
        assert!(hi - lo > 6.0, "{lo}..{hi}");
    }

    #[test]
    fn the_incidents_show_up_as_warnings_and_one_escalation() {
        let tree = AreaTree::new(demo_areas(DEMO_SEED));
        let m = default_methodology();
        let obs = demo_observations(&tree, &m, DEMO_SEED, last(), 3);
        let scores = daily_scores(&obs, &tree, &m);
        let fenglin = &scores["449902002"];
        let recent: Vec<Option<f64>> = fenglin.iter().map(|x| x.1).collect();
        let n = recent.len();
        // Days L−9, L−8, L−7 are red: escalated on L−7, and not before L−7.
        assert!(escalated(&recent[..n - 7]), "{:?}", &recent[n - 12..n - 5]);
        assert!(!escalated(&recent[..n - 8]));
        assert!(!escalated(&recent), "recovered by the last day");
        // The pile-up in 渔港街道 puts it on warning on the last day.
        assert!(scores["449903003"].last().unwrap().2);
        // Only the supervised street has three red days in a row.
        for (code, s) in &scores {
            let idx: Vec<Option<f64>> = s.iter().map(|x| x.1).collect();
            let ever = (3..=idx.len()).any(|k| escalated(&idx[..k]));
            assert_eq!(ever, code == "449902002", "{code}");
        }
    }

    #[test]
    fn a_day_gets_the_same_count_whatever_the_window() {
        let tree = AreaTree::new(demo_areas(DEMO_SEED));
        let m = default_methodology();
        let short = demo_observations(&tree, &m, DEMO_SEED, last(), 1);
        let long = demo_observations(&tree, &m, DEMO_SEED, last(), 2);
        let key = |o: &Observation| (o.period, o.area_code.clone(), o.indicator.clone());
        let long: HashMap<_, f64> = long.iter().map(|o| (key(o), o.value)).collect();
        assert!(short.iter().all(|o| long[&key(o)] == o.value));
    }
}
