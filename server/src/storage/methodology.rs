//! Methodologies in storage: the shipped default is adopted on first start; a city's
//! own version replaces it (and older versions stay, for the scores they produced).
use super::{meta, Db, StorageError};
use app::index::Methodology;
use sqlx::Sqlite;

/// The methodology in force, through a pool or inside a transaction.
pub(crate) async fn in_force<'e, E: sqlx::Executor<'e, Database = Sqlite>>(
    exec: E,
) -> Result<Option<Methodology>, StorageError> {
    let body: Option<String> =
        sqlx::query_scalar("SELECT body FROM methodologies WHERE in_force = 1").fetch_optional(exec).await?;
    body.map(|b| serde_json::from_str(&b).map_err(|e| StorageError::Corrupt(e.to_string()))).transpose()
}

impl Db {
    /// The methodology in force, if any has been adopted.
    pub async fn methodology_in_force(&self) -> Result<Option<Methodology>, StorageError> {
        in_force(self.reader()).await
    }

    /// Stores `m` and puts it in force (replacing a stored version of the same name).
    pub async fn adopt_methodology(&self, m: &Methodology, now: &str) -> Result<(), StorageError> {
        let body = serde_json::to_string(m).map_err(|e| StorageError::Corrupt(e.to_string()))?;
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE methodologies SET in_force = 0 WHERE in_force = 1").execute(&mut *tx).await?;
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
}
