//! Step 8 in storage: after a recomputation, the warning flag of every score the
//! recomputed periods can influence.
use super::store::scores::{self, StoredScore};
use crate::db::{StoreError, Tx};
use app::index::model::Edition;
use app::index::rules::periods::Period;
use app::index::rules::scoring::{warning, StreetScore};
use chrono::{Duration, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};

/// The trailing mean looks back this many days.
const TRAILING_DAYS: i64 = 28;

fn as_street(s: &StoredScore) -> StreetScore {
    StreetScore {
        index: s.index,
        coverage: 0.0,
        dimensions: s.dimensions.clone(),
        indicators: BTreeMap::new(),
    }
}

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Daily scores from the first affected day to 28 days after the last (the trailing
/// mean looks back 28 days), and the affected monthly scores.
pub async fn update(tx: &mut Tx, affected: &BTreeSet<(Edition, Period)>) -> Result<(), StoreError> {
    let days: Vec<NaiveDate> = affected
        .iter()
        .filter_map(|(e, p)| match (e, p) {
            (Edition::Daily, Period::Day(d)) => Some(*d),
            _ => None,
        })
        .collect();
    if let (Some(first), Some(last)) = (days.iter().min(), days.iter().max()) {
        let from = *first - Duration::days(TRAILING_DAYS);
        let to = *last + Duration::days(TRAILING_DAYS);
        let rows = scores::window(tx, Edition::Daily, &day(from), &day(to)).await?;
        let mut series: BTreeMap<&str, Vec<(NaiveDate, &StoredScore)>> = BTreeMap::new();
        for row in &rows {
            if let Some(Period::Day(d)) = Period::parse(&row.period) {
                series.entry(row.area.as_str()).or_default().push((d, row));
            }
        }
        for (area, days) in series {
            for (i, (d, s)) in days.iter().enumerate().filter(|(_, (d, _))| d >= first) {
                let window_start = *d - Duration::days(TRAILING_DAYS);
                let trailing: Vec<f64> = days[..i]
                    .iter()
                    .filter(|(x, _)| *x >= window_start)
                    .filter_map(|(_, t)| t.index)
                    .collect();
                let warn = warning(&as_street(s), &trailing).any();
                if warn != s.warning {
                    scores::set_warning(tx, Edition::Daily, &s.period, area, warn).await?;
                }
            }
        }
    }
    for (_, period) in affected.iter().filter(|(e, _)| *e == Edition::Monthly) {
        let key = period.to_string();
        for s in scores::window(tx, Edition::Monthly, &key, &key).await? {
            if warning(&as_street(&s), &[]).any() {
                scores::set_warning(tx, Edition::Monthly, &key, &s.area, true).await?;
            }
        }
    }
    Ok(())
}
