//! The area map in storage, and the all-or-nothing import.
use super::{meta, Db, StorageError};
use crate::domain::area_import;
use crate::domain::csv_import::{Parsed, Problem};
use app::areas::{Area, AreaTree, Level};
use sqlx::{Row, Sqlite, Transaction};

/// What an import did, or why it did nothing.
#[derive(Debug)]
pub enum ImportOutcome {
    Applied { inserted: usize, updated: usize },
    Rejected(Vec<Problem>),
}

fn area_from_row(row: sqlx::sqlite::SqliteRow) -> Result<Area, sqlx::Error> {
    let level: String = row.try_get("level")?;
    Ok(Area {
        code: row.try_get("code")?,
        parent_code: row.try_get("parent_code")?,
        level: Level::parse(&level).ok_or_else(|| sqlx::Error::Decode(format!("bad level {level:?}").into()))?,
        name_zh: row.try_get("name_zh")?,
        name_en: row.try_get("name_en")?,
        population: row.try_get("population")?,
    })
}

const SELECT_AREAS: &str = "SELECT code, parent_code, level, name_zh, name_en, population FROM areas ORDER BY code";

pub(crate) async fn load<'e, E: sqlx::Executor<'e, Database = Sqlite>>(exec: E) -> Result<Vec<Area>, StorageError> {
    let rows = sqlx::query(SELECT_AREAS).fetch_all(exec).await?;
    Ok(rows.into_iter().map(area_from_row).collect::<Result<_, _>>()?)
}

impl Db {
    pub async fn areas(&self) -> Result<Vec<Area>, StorageError> {
        load(self.reader()).await
    }

    pub async fn snapshot_revision(&self) -> Result<i64, StorageError> {
        Ok(self.meta(meta::SNAPSHOT_REVISION).await?.and_then(|v| v.parse().ok()).unwrap_or(0))
    }

    /// Validates the CSV against the stored map and applies it in one transaction.
    pub async fn import_areas_csv(&self, bytes: &[u8]) -> Result<ImportOutcome, StorageError> {
        match area_import::parse(bytes) {
            Ok(parsed) => self.import_area_rows(parsed, false).await,
            Err(problems) => Ok(ImportOutcome::Rejected(problems)),
        }
    }

    /// Validates and applies rows under the write lock, so that the map they were
    /// checked against is the one they are written to. `demo` marks demo data.
    pub async fn import_area_rows(&self, rows: Parsed, demo: bool) -> Result<ImportOutcome, StorageError> {
        let mut tx = self.begin_write().await?;
        let existing = AreaTree::new(load(&mut *tx).await?);
        let valid = match area_import::validate(rows, &existing) {
            Ok(v) => v,
            Err(problems) => {
                tx.rollback().await?;
                return Ok(ImportOutcome::Rejected(problems));
            }
        };
        for area in &valid.areas {
            upsert(&mut tx, area).await?;
        }
        meta::bump(&mut tx, meta::SNAPSHOT_REVISION).await?;
        if demo {
            meta::set(&mut tx, meta::DEMO, "1").await?;
        }
        tx.commit().await?;
        Ok(ImportOutcome::Applied { inserted: valid.inserted, updated: valid.updated })
    }
}

async fn upsert(tx: &mut Transaction<'static, Sqlite>, a: &Area) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO areas (code, parent_code, level, name_zh, name_en, population) VALUES (?, ?, ?, ?, ?, ?) \
         ON CONFLICT (code) DO UPDATE SET parent_code = excluded.parent_code, level = excluded.level, \
         name_zh = excluded.name_zh, name_en = excluded.name_en, population = excluded.population",
    )
    .bind(&a.code)
    .bind(&a.parent_code)
    .bind(a.level.as_str())
    .bind(&a.name_zh)
    .bind(&a.name_en)
    .bind(a.population)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
