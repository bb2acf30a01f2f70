//! Methodologies in storage: the shipped default is adopted on first start; a city's
//! own version replaces it (and older versions stay, for the scores they produced).
use crate::db::{meta, Db, StoreError};
use app::index::model::Methodology;
use sqlx::Sqlite;

/// The methodology in force, through a pool or inside a transaction.
pub async fn in_force<'e, E: sqlx::Executor<'e, Database = Sqlite>>(
    exec: E,
) -> Result<Option<Methodology>, StoreError> {
    let body: Option<String> =
        sqlx::query_scalar("SELECT body FROM methodologies WHERE in_force = 1")
            .fetch_optional(exec)
            .await?;
    body.map(|b| serde_json::from_str(&b).map_err(|e| StoreError::corrupt("methodology", e)))
        .transpose()
}

/// The methodology in force, if any has been adopted.
pub async fn current(db: &Db) -> Result<Option<Methodology>, StoreError> {
    in_force(db.reader()).await
}

/// Stores `m` and puts it in force (replacing a stored version of the same name).
pub async fn adopt(db: &Db, m: &Methodology, now: &str) -> Result<(), StoreError> {
    let body = serde_json::to_string(m).map_err(|e| StoreError::corrupt("methodology", e))?;
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE methodologies SET in_force = 0 WHERE in_force = 1")
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO methodologies (version, body, adopted_at, in_force) VALUES (?, ?, ?, 1) \
         ON CONFLICT (version) DO UPDATE SET body = excluded.body, adopted_at = excluded.adopted_at, in_force = 1",
    )
    .bind(&m.version)
    .bind(&body)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    meta::bump(&mut tx, meta::SNAPSHOT_REVISION).await?;
    tx.commit().await?;
    Ok(())
}
