//! Key/value facts about the installation: whether it holds demo data, and the revision
//! counter that tells every process its caches are stale.
use super::{Db, StoreError, Tx};

pub const DEMO: &str = "demo_data";
/// A month whose monthly edition was last computed while it was in progress (over the
/// days it had had): recomputed over all its days once it has ended.
pub const PARTIAL_MONTH: &str = "partial_month";
/// Bumped by every change to what pages cache (areas, methodology), so that the
/// cache of every process notices it.
pub const SNAPSHOT_REVISION: &str = "snapshot_revision";

pub async fn get(db: &Db, key: &str) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar("SELECT value FROM meta WHERE key = ?")
        .bind(key)
        .fetch_optional(db.reader())
        .await?)
}

/// The revision of what pages cache (areas, methodology, scores).
pub async fn revision(db: &Db) -> Result<i64, StoreError> {
    Ok(get(db, SNAPSHOT_REVISION).await?.and_then(|v| v.parse().ok()).unwrap_or(0))
}

pub async fn set(tx: &mut Tx, key: &str, value: &str) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(key)
        .bind(value)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Bumps a revision counter so that caches in every process notice the change.
pub async fn bump(tx: &mut Tx, key: &str) -> Result<(), StoreError> {
    let current: Option<String> = sqlx::query_scalar("SELECT value FROM meta WHERE key = ?")
        .bind(key)
        .fetch_optional(&mut **tx)
        .await?;
    let next = current.and_then(|v| v.parse::<i64>().ok()).unwrap_or(0) + 1;
    set(tx, key, &next.to_string()).await
}
