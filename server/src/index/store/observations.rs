//! Observations in storage: writing them in batches and reading a period's for scoring.
use crate::db::{Db, StoreError, Tx};
use app::index::model::{Edition, Observation};
use app::index::rules::periods::Period;
use sqlx::{QueryBuilder, Row};
use std::collections::{BTreeMap, HashMap};

/// Rows per INSERT statement (4 parameters each, far below SQLite's limit).
pub const BATCH: usize = 500;

pub async fn count(tx: &mut Tx) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM observations").fetch_one(&mut **tx).await?)
}

/// Writes up to [`BATCH`] rows; a row for a stored (period, area, indicator) replaces it.
pub async fn write_batch(tx: &mut Tx, rows: &[Observation]) -> Result<(), StoreError> {
    let mut q =
        QueryBuilder::new("INSERT INTO observations (period, area_code, indicator, value) ");
    q.push_values(rows, |mut b, o| {
        b.push_bind(o.period.to_string())
            .push_bind(&o.area_code)
            .push_bind(&o.indicator)
            .push_bind(o.value);
    });
    q.push(" ON CONFLICT (period, area_code, indicator) DO UPDATE SET value = excluded.value");
    q.build().execute(&mut **tx).await?;
    Ok(())
}

/// The SQL and its binds that read a period's values per indicator: a day's as stored,
/// a month's monthly values plus the sums of its daily counts.
fn period_filter(edition: Edition, period: Period) -> (&'static str, Vec<String>) {
    match edition {
        Edition::Daily => ("period = ?", vec![period.to_string()]),
        Edition::Monthly => {
            ("(period = ? OR period LIKE ?)", vec![period.to_string(), format!("{period}-%")])
        }
    }
}

/// Observations of a period as the engine wants them: per street, per indicator, the
/// period's value (a month's daily counts are summed).
pub async fn period(
    tx: &mut Tx,
    edition: Edition,
    period: Period,
) -> Result<HashMap<String, BTreeMap<String, f64>>, StoreError> {
    let (filter, binds) = period_filter(edition, period);
    let sql = format!(
        "SELECT area_code, indicator, SUM(value) AS value FROM observations WHERE {filter} \
         GROUP BY area_code, indicator"
    );
    let mut q = sqlx::query(&sql);
    for b in binds {
        q = q.bind(b);
    }
    let mut out: HashMap<String, BTreeMap<String, f64>> = HashMap::new();
    for row in q.fetch_all(&mut **tx).await? {
        out.entry(row.try_get("area_code")?)
            .or_default()
            .insert(row.try_get("indicator")?, row.try_get("value")?);
    }
    Ok(out)
}

/// One street's observations for a period, as [`period`] reads them.
pub async fn street(
    db: &Db,
    street: &str,
    edition: Edition,
    period: Period,
) -> Result<BTreeMap<String, f64>, StoreError> {
    let (filter, binds) = period_filter(edition, period);
    let sql = format!(
        "SELECT indicator, SUM(value) AS value FROM observations \
         WHERE area_code = ? AND {filter} GROUP BY indicator"
    );
    let mut q = sqlx::query(&sql).bind(street);
    for b in binds {
        q = q.bind(b);
    }
    let rows = q.fetch_all(db.reader()).await?;
    rows.iter().map(|r| Ok((r.try_get("indicator")?, r.try_get("value")?))).collect()
}

/// The latest month with monthly observations: the last complete monthly edition.
pub async fn last_monthly(db: &Db) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar("SELECT MAX(period) FROM observations WHERE LENGTH(period) = 7")
        .fetch_one(db.reader())
        .await?)
}

/// The latest day of `month` with daily data in any street: how far a month in
/// progress has come.
pub async fn latest_day<'e, E: sqlx::Executor<'e, Database = sqlx::Sqlite>>(
    exec: E,
    month: Period,
) -> Result<Option<chrono::NaiveDate>, StoreError> {
    let latest: Option<String> =
        sqlx::query_scalar("SELECT MAX(period) FROM observations WHERE period LIKE ?")
            .bind(format!("{month}-%"))
            .fetch_one(exec)
            .await?;
    Ok(latest.and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()))
}

/// Every period that has observations: what a change that touches every score (a
/// population) recomputes.
pub async fn periods(tx: &mut Tx) -> Result<Vec<Period>, StoreError> {
    let rows: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT period FROM observations").fetch_all(&mut **tx).await?;
    Ok(rows.iter().filter_map(|p| Period::parse(p)).collect())
}
