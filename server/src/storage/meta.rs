//! Key/value facts about the installation.
use super::{Db, StorageError};
use sqlx::{Sqlite, Transaction};

pub const DEMO: &str = "demo_data";
/// Bumped by every change to what pages cache (areas, methodology), so that the
/// cache of every process notices it.
pub const SNAPSHOT_REVISION: &str = "snapshot_revision";

impl Db {
    pub async fn meta(&self, key: &str) -> Result<Option<String>, StorageError> {
        Ok(sqlx::query_scalar("SELECT value FROM meta WHERE key = ?")
            .bind(key)
            .fetch_optional(self.reader())
            .await?)
    }
}

pub async fn set(tx: &mut Transaction<'static, Sqlite>, key: &str, value: &str) -> Result<(), StorageError> {
    sqlx::query("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(key)
        .bind(value)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Bumps a revision counter so that caches in every process notice the change.
pub async fn bump(tx: &mut Transaction<'static, Sqlite>, key: &str) -> Result<(), StorageError> {
    let current: Option<String> = sqlx::query_scalar("SELECT value FROM meta WHERE key = ?")
        .bind(key)
        .fetch_optional(&mut **tx)
        .await?;
    let next = current.and_then(|v| v.parse::<i64>().ok()).unwrap_or(0) + 1;
    set(tx, key, &next.to_string()).await
}
