//! Scores in storage: recomputed from observations by the index engine, for streets,
//! districts and the city, with warning flags; read by the API and the pages.
use super::observations::Progress;
use super::StorageError;
use crate::domain::index::engine::{self, StreetScore};
use crate::domain::observation_import::Period;
use app::areas::{AreaTree, Level};
use app::index::{Edition, Methodology};
use app::scores::{PeriodRange, ScoreRow, ScoreTable, SeriesPoint};
use chrono::Duration;
use sqlx::{Row, Sqlite, Transaction};
use std::collections::{BTreeMap, BTreeSet, HashMap};

fn edition_str(e: Edition) -> &'static str {
    match e {
        Edition::Daily => "daily",
        Edition::Monthly => "monthly",
    }
}

/// Observations of a period as the engine wants them: per street, per indicator, the
/// period's value (a month's daily counts are summed).
async fn load_observed(
    tx: &mut Transaction<'static, Sqlite>,
    edition: Edition,
    period: Period,
) -> Result<HashMap<String, BTreeMap<String, f64>>, StorageError> {
    let rows = match edition {
        Edition::Daily => {
            sqlx::query("SELECT area_code, indicator, value FROM observations WHERE period = ?")
                .bind(period.to_string())
                .fetch_all(&mut **tx)
                .await?
        }
        Edition::Monthly => {
            sqlx::query(
                "SELECT area_code, indicator, SUM(value) AS value FROM observations \
                 WHERE period = ? OR period LIKE ? GROUP BY area_code, indicator",
            )
            .bind(period.to_string())
            .bind(format!("{period}-%"))
            .fetch_all(&mut **tx)
            .await?
        }
    };
    let mut out: HashMap<String, BTreeMap<String, f64>> = HashMap::new();
    for row in rows {
        out.entry(row.try_get("area_code")?).or_default().insert(row.try_get("indicator")?, row.try_get("value")?);
    }
    Ok(out)
}

async fn write_score(
    tx: &mut Transaction<'static, Sqlite>,
    edition: Edition,
    period: Period,
    area: &str,
    version: &str,
    index: Option<f64>,
    coverage: f64,
    dimensions: &BTreeMap<String, Option<f64>>,
) -> Result<(), StorageError> {
    let dims = serde_json::to_string(dimensions).map_err(|e| StorageError::Corrupt(e.to_string()))?;
    sqlx::query(
        "INSERT INTO scores (edition, period, area_code, methodology_version, score, coverage, dimensions, warning) \
         VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
    )
    .bind(edition_str(edition))
    .bind(period.to_string())
    .bind(area)
    .bind(version)
    .bind(index)
    .bind(coverage)
    .bind(dims)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Recomputes every area's score for the given (edition, period) pairs, then the
/// warning flags that depend on them.
pub async fn recompute(
    tx: &mut Transaction<'static, Sqlite>,
    m: &Methodology,
    tree: &AreaTree,
    affected: &BTreeSet<(Edition, Period)>,
    progress: &(dyn Fn(Progress) + Send + Sync),
) -> Result<(), StorageError> {
    let streets: Vec<_> = tree.all().iter().filter(|a| a.level == Level::Street).collect();
    let total = affected.len() as u64;
    for (n, &(edition, period)) in affected.iter().enumerate() {
        let observed = load_observed(tx, edition, period).await?;
        sqlx::query("DELETE FROM scores WHERE edition = ? AND period = ?")
            .bind(edition_str(edition))
            .bind(period.to_string())
            .execute(&mut **tx)
            .await?;
        let empty = BTreeMap::new();
        let mut by_code: HashMap<&str, (i64, StreetScore)> = HashMap::new();
        for s in &streets {
            let obs = observed.get(&s.code).unwrap_or(&empty);
            let score = engine::score_street(m, edition, s.population, period.days(), obs);
            write_score(tx, edition, period, &s.code, &m.version, score.index, score.coverage, &score.dimensions).await?;
            by_code.insert(&s.code, (s.population, score));
        }
        for area in tree.all().iter().filter(|a| matches!(a.level, Level::District | Level::City)) {
            let members: Vec<(i64, &StreetScore)> = tree
                .descendants(&area.code, Level::Street)
                .iter()
                .filter_map(|s| by_code.get(s.code.as_str()).map(|(p, sc)| (*p, sc)))
                .collect();
            let agg = engine::aggregate(&members);
            write_score(tx, edition, period, &area.code, &m.version, agg.index, agg.coverage, &agg.dimensions).await?;
        }
        progress(Progress::Recomputed { done: n as u64 + 1, total });
    }
    update_warnings(tx, affected).await
}

/// Sets the warning flag of every score that the recomputed periods can influence:
/// daily scores from the first affected day to 28 days after the last (the trailing
/// mean looks back 28 days), and the affected monthly scores.
async fn update_warnings(
    tx: &mut Transaction<'static, Sqlite>,
    affected: &BTreeSet<(Edition, Period)>,
) -> Result<(), StorageError> {
    let days: Vec<_> = affected
        .iter()
        .filter_map(|(e, p)| match (e, p) {
            (Edition::Daily, Period::Day(d)) => Some(*d),
            _ => None,
        })
        .collect();
    if let (Some(first), Some(last)) = (days.iter().min(), days.iter().max()) {
        let (from, to) = (*first - Duration::days(28), *last + Duration::days(28));
        let rows = sqlx::query(
            "SELECT period, area_code, score, dimensions, warning FROM scores \
             WHERE edition = 'daily' AND period >= ? AND period <= ? ORDER BY area_code, period",
        )
        .bind(from.format("%Y-%m-%d").to_string())
        .bind(to.format("%Y-%m-%d").to_string())
        .fetch_all(&mut **tx)
        .await?;
        let mut series: BTreeMap<String, Vec<(chrono::NaiveDate, Option<f64>, String, bool)>> = BTreeMap::new();
        for row in rows {
            let period: String = row.try_get("period")?;
            let Some(Period::Day(d)) = Period::parse(&period) else { continue };
            series.entry(row.try_get("area_code")?).or_default().push((
                d,
                row.try_get("score")?,
                row.try_get("dimensions")?,
                row.try_get::<i64, _>("warning")? != 0,
            ));
        }
        for (area, days) in series {
            for (i, (day, score, dims, old)) in days.iter().enumerate() {
                if *day < *first {
                    continue;
                }
                let window_start = *day - Duration::days(28);
                let trailing: Vec<f64> =
                    days[..i].iter().filter(|(d, ..)| *d >= window_start).filter_map(|(_, s, ..)| *s).collect();
                let today = stored(*score, dims)?;
                let warn = engine::warning(&today, &trailing).any();
                if warn != *old {
                    set_warning(tx, Edition::Daily, &day.format("%Y-%m-%d").to_string(), &area, warn).await?;
                }
            }
        }
    }
    for (edition, period) in affected.iter().filter(|(e, _)| *e == Edition::Monthly) {
        let rows = sqlx::query("SELECT area_code, score, dimensions FROM scores WHERE edition = 'monthly' AND period = ?")
            .bind(period.to_string())
            .fetch_all(&mut **tx)
            .await?;
        for row in rows {
            let today = stored(row.try_get("score")?, &row.try_get::<String, _>("dimensions")?)?;
            if engine::warning(&today, &[]).any() {
                let area: String = row.try_get("area_code")?;
                set_warning(tx, *edition, &period.to_string(), &area, true).await?;
            }
        }
    }
    Ok(())
}

fn stored(score: Option<f64>, dims: &str) -> Result<StreetScore, StorageError> {
    let dimensions: BTreeMap<String, Option<f64>> =
        serde_json::from_str(dims).map_err(|e| StorageError::Corrupt(e.to_string()))?;
    Ok(StreetScore { index: score, coverage: 0.0, dimensions, indicators: BTreeMap::new() })
}

async fn set_warning(
    tx: &mut Transaction<'static, Sqlite>,
    edition: Edition,
    period: &str,
    area: &str,
    warning: bool,
) -> Result<(), StorageError> {
    sqlx::query("UPDATE scores SET warning = ? WHERE edition = ? AND period = ? AND area_code = ?")
        .bind(i64::from(warning))
        .bind(edition_str(edition))
        .bind(period)
        .bind(area)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Reads for pages and the open-data API.
impl super::Db {
    pub async fn score_table(&self, edition: Edition, period: &str) -> Result<Option<ScoreTable>, StorageError> {
        let rows = sqlx::query(
            "SELECT area_code, methodology_version, score, coverage, dimensions, warning FROM scores \
             WHERE edition = ? AND period = ? ORDER BY area_code",
        )
        .bind(edition_str(edition))
        .bind(period)
        .fetch_all(self.reader())
        .await?;
        let Some(first) = rows.first() else { return Ok(None) };
        let methodology_version: String = first.try_get("methodology_version")?;
        let rows = rows
            .iter()
            .map(|row| {
                Ok(ScoreRow {
                    area_code: row.try_get("area_code")?,
                    score: row.try_get("score")?,
                    coverage: row.try_get("coverage")?,
                    dimensions: dimensions(&row.try_get::<String, _>("dimensions")?)?,
                    warning: row.try_get::<i64, _>("warning")? != 0,
                })
            })
            .collect::<Result<Vec<_>, StorageError>>()?;
        Ok(Some(ScoreTable { edition, period: period.to_string(), methodology_version, rows }))
    }

    /// First and last published period. The monthly edition's last is the latest month
    /// with monthly observations: the month in progress has daily data only.
    pub async fn score_periods(&self, edition: Edition) -> Result<Option<PeriodRange>, StorageError> {
        let (first, mut last): (Option<String>, Option<String>) =
            sqlx::query_as("SELECT MIN(period), MAX(period) FROM scores WHERE edition = ?")
                .bind(edition_str(edition))
                .fetch_one(self.reader())
                .await?;
        if edition == Edition::Monthly {
            let complete: Option<String> =
                sqlx::query_scalar("SELECT MAX(period) FROM observations WHERE LENGTH(period) = 7")
                    .fetch_one(self.reader())
                    .await?;
            if complete.is_some() {
                last = complete;
            }
        }
        Ok(first.zip(last).map(|(first, last)| PeriodRange { first, last }))
    }

    pub async fn score_series(
        &self,
        area: &str,
        edition: Edition,
        from: &str,
        to: &str,
    ) -> Result<Vec<SeriesPoint>, StorageError> {
        let rows = sqlx::query(
            "SELECT period, methodology_version, score, coverage, dimensions, warning FROM scores \
             WHERE area_code = ? AND edition = ? AND period >= ? AND period <= ? ORDER BY period",
        )
        .bind(area)
        .bind(edition_str(edition))
        .bind(from)
        .bind(to)
        .fetch_all(self.reader())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(SeriesPoint {
                    period: row.try_get("period")?,
                    methodology_version: row.try_get("methodology_version")?,
                    score: row.try_get("score")?,
                    coverage: row.try_get("coverage")?,
                    dimensions: dimensions(&row.try_get::<String, _>("dimensions")?)?,
                    warning: row.try_get::<i64, _>("warning")? != 0,
                })
            })
            .collect()
    }

    /// A street's observations for a period as the engine takes them (a month's daily
    /// counts summed).
    pub async fn street_observations(
        &self,
        street: &str,
        edition: Edition,
        period: Period,
    ) -> Result<BTreeMap<String, f64>, StorageError> {
        let rows = match edition {
            Edition::Daily => {
                sqlx::query("SELECT indicator, value FROM observations WHERE area_code = ? AND period = ?")
                    .bind(street)
                    .bind(period.to_string())
                    .fetch_all(self.reader())
                    .await?
            }
            Edition::Monthly => {
                sqlx::query(
                    "SELECT indicator, SUM(value) AS value FROM observations \
                     WHERE area_code = ? AND (period = ? OR period LIKE ?) GROUP BY indicator",
                )
                .bind(street)
                .bind(period.to_string())
                .bind(format!("{period}-%"))
                .fetch_all(self.reader())
                .await?
            }
        };
        rows.iter().map(|r| Ok((r.try_get("indicator")?, r.try_get("value")?))).collect()
    }
}

fn dimensions(json: &str) -> Result<BTreeMap<String, Option<f64>>, StorageError> {
    serde_json::from_str(json).map_err(|e| StorageError::Corrupt(e.to_string()))
}
