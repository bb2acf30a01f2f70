//! DESIGN.md's index formulas written out again from the methodology JSON alone, as
//! the reference the stored scores are checked against (no code shared with
//! `app::index::rules`).
use app::index::model::{Frequency, Methodology, Unit};
use std::collections::BTreeMap;

pub type Dims = BTreeMap<String, Option<f64>>;
/// A score and its dimensions, as the test expects them.
pub type Scored = (Option<f64>, Dims);

/// Steps 1–5 written out again from the methodology JSON alone.
pub fn expected_street(
    m: &Methodology,
    monthly: bool,
    population: f64,
    days: f64,
    obs: &BTreeMap<String, f64>,
) -> Scored {
    let in_edition = |f: Frequency| monthly || f == Frequency::Daily;
    let (mut num, mut den, mut all) = (0.0, 0.0, 0.0);
    let mut dims = Dims::new();
    for d in &m.dimensions {
        let inds: Vec<_> = m
            .indicators
            .iter()
            .filter(|i| i.dimension == d.code && in_edition(i.frequency))
            .collect();
        if inds.is_empty() {
            continue;
        }
        all += d.weight;
        let (mut s, mut w) = (0.0, 0.0);
        for i in inds {
            let Some(x) = obs.get(&i.code) else { continue };
            let v = match i.unit {
                Unit::Rate => x / days / population * 10_000.0,
                Unit::Value => *x,
            };
            s += i.weight * 100.0 * ((i.worst - v) / (i.worst - i.best)).clamp(0.0, 1.0);
            w += i.weight;
        }
        let score = (w > 0.0).then(|| s / w);
        if let Some(sc) = score {
            num += d.weight * sc;
            den += d.weight;
        }
        dims.insert(d.code.clone(), score);
    }
    ((den / all >= 0.5).then(|| num / den), dims)
}

/// Step 6: population-weighted means over the streets that have each score.
pub fn expected_aggregate(streets: &[(f64, &Scored)]) -> Scored {
    let mean = |pick: &dyn Fn(&Scored) -> Option<f64>| {
        let (mut s, mut p) = (0.0, 0.0);
        for (pop, x) in streets {
            if let Some(v) = pick(x) {
                s += pop * v;
                p += pop;
            }
        }
        (p > 0.0).then(|| s / p)
    };
    let codes: Vec<String> = streets[0].1 .1.keys().cloned().collect();
    let dims = codes.iter().map(|c| (c.clone(), mean(&|x: &Scored| x.1[c]))).collect();
    (mean(&|x: &Scored| x.0), dims)
}
