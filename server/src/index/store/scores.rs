//! Scores in storage: written by the recomputation (`index::service`), read by pages
//! and the open-data API.
use crate::db::{Db, StoreError, Tx};
use app::index::model::{DimensionScores, Edition, PeriodRange, ScoreRow, ScoreTable, SeriesPoint};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;

/// One area's score as the recomputation writes it.
pub struct NewScore<'a> {
    pub area: &'a str,
    pub version: &'a str,
    pub index: Option<f64>,
    pub coverage: f64,
    pub dimensions: &'a DimensionScores,
}

/// A stored daily score, as the warning rules read it.
pub struct StoredScore {
    pub period: String,
    pub area: String,
    pub index: Option<f64>,
    pub dimensions: DimensionScores,
    pub warning: bool,
}

fn dimensions(json: &str) -> Result<DimensionScores, StoreError> {
    serde_json::from_str(json).map_err(|e| StoreError::corrupt("score dimensions", e))
}

fn stored(row: &SqliteRow) -> Result<StoredScore, StoreError> {
    Ok(StoredScore {
        period: row.try_get("period")?,
        area: row.try_get("area_code")?,
        index: row.try_get("score")?,
        dimensions: dimensions(&row.try_get::<String, _>("dimensions")?)?,
        warning: row.try_get::<i64, _>("warning")? != 0,
    })
}

/// Drops a period's scores before they are written again.
pub async fn clear(tx: &mut Tx, edition: Edition, period: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM scores WHERE edition = ? AND period = ?")
        .bind(edition.as_str())
        .bind(period)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn write(
    tx: &mut Tx,
    edition: Edition,
    period: &str,
    s: NewScore<'_>,
) -> Result<(), StoreError> {
    let dims =
        serde_json::to_string(s.dimensions).map_err(|e| StoreError::corrupt("dimensions", e))?;
    sqlx::query(
        "INSERT INTO scores (edition, period, area_code, methodology_version, score, coverage, \
         dimensions, warning) VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
    )
    .bind(edition.as_str())
    .bind(period)
    .bind(s.area)
    .bind(s.version)
    .bind(s.index)
    .bind(s.coverage)
    .bind(dims)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Scores of an edition from `from` to `to` inclusive, by area then period.
pub async fn window(
    tx: &mut Tx,
    edition: Edition,
    from: &str,
    to: &str,
) -> Result<Vec<StoredScore>, StoreError> {
    let rows = sqlx::query(
        "SELECT period, area_code, score, dimensions, warning FROM scores \
         WHERE edition = ? AND period >= ? AND period <= ? ORDER BY area_code, period",
    )
    .bind(edition.as_str())
    .bind(from)
    .bind(to)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter().map(stored).collect()
}

pub async fn set_warning(
    tx: &mut Tx,
    edition: Edition,
    period: &str,
    area: &str,
    warning: bool,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE scores SET warning = ? WHERE edition = ? AND period = ? AND area_code = ?")
        .bind(i64::from(warning))
        .bind(edition.as_str())
        .bind(period)
        .bind(area)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Every area's scores for one period.
pub async fn table(
    db: &Db,
    edition: Edition,
    period: &str,
) -> Result<Option<ScoreTable>, StoreError> {
    let rows = sqlx::query(
        "SELECT area_code, methodology_version, score, coverage, dimensions, warning FROM scores \
         WHERE edition = ? AND period = ? ORDER BY area_code",
    )
    .bind(edition.as_str())
    .bind(period)
    .fetch_all(db.reader())
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
        .collect::<Result<Vec<_>, StoreError>>()?;
    Ok(Some(ScoreTable { edition, period: period.to_string(), methodology_version, rows }))
}

/// First and last published period. The monthly edition's last is the latest month
/// with monthly observations: the month in progress has daily data only.
pub async fn periods(db: &Db, edition: Edition) -> Result<Option<PeriodRange>, StoreError> {
    let (first, mut last): (Option<String>, Option<String>) =
        sqlx::query_as("SELECT MIN(period), MAX(period) FROM scores WHERE edition = ?")
            .bind(edition.as_str())
            .fetch_one(db.reader())
            .await?;
    if edition == Edition::Monthly {
        if let Some(complete) = super::observations::last_monthly(db).await? {
            last = Some(complete);
        }
    }
    Ok(first.zip(last).map(|(first, last)| PeriodRange { first, last }))
}

/// An area's scores from `from` to `to` inclusive, oldest first.
pub async fn series(
    db: &Db,
    area: &str,
    edition: Edition,
    from: &str,
    to: &str,
) -> Result<Vec<SeriesPoint>, StoreError> {
    let rows = sqlx::query(
        "SELECT period, methodology_version, score, coverage, dimensions, warning FROM scores \
         WHERE area_code = ? AND edition = ? AND period >= ? AND period <= ? ORDER BY period",
    )
    .bind(area)
    .bind(edition.as_str())
    .bind(from)
    .bind(to)
    .fetch_all(db.reader())
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
