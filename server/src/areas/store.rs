//! The area map in storage: the only SQL of areas.
use crate::db::{Db, StoreError, Tx};
use app::core::areas::{Area, Level};
use sqlx::{Row, Sqlite};

fn area_from_row(row: sqlx::sqlite::SqliteRow) -> Result<Area, StoreError> {
    let level: String = row.try_get("level")?;
    Ok(Area {
        code: row.try_get("code")?,
        parent_code: row.try_get("parent_code")?,
        level: Level::parse(&level).ok_or_else(|| StoreError::corrupt("area level", &level))?,
        name_zh: row.try_get("name_zh")?,
        name_en: row.try_get("name_en")?,
        population: row.try_get("population")?,
    })
}

/// Every area, by code, through a pool or inside a transaction.
pub async fn load<'e, E: sqlx::Executor<'e, Database = Sqlite>>(
    exec: E,
) -> Result<Vec<Area>, StoreError> {
    let rows = sqlx::query(
        "SELECT code, parent_code, level, name_zh, name_en, population FROM areas ORDER BY code",
    )
    .fetch_all(exec)
    .await?;
    rows.into_iter().map(area_from_row).collect()
}

pub async fn all(db: &Db) -> Result<Vec<Area>, StoreError> {
    load(db.reader()).await
}

/// Adds the area, or updates the stored one with its code.
pub async fn upsert(tx: &mut Tx, a: &Area) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO areas (code, parent_code, level, name_zh, name_en, population) \
         VALUES (?, ?, ?, ?, ?, ?) \
         ON CONFLICT (code) DO UPDATE SET parent_code = excluded.parent_code, \
         level = excluded.level, name_zh = excluded.name_zh, name_en = excluded.name_en, \
         population = excluded.population",
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
