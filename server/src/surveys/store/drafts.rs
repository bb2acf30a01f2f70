//! Answers a guest posted, kept (by the hash of a cookie token) until they sign in.
use crate::db::{Db, StoreError};
use app::core::time::now;

/// Kept answers live a day (the privacy notice says so).
pub const DRAFT_TTL: i64 = 86_400;

pub async fn put(
    db: &Db,
    token_hash: &str,
    survey_id: &str,
    form: &[(String, String)],
) -> Result<(), StoreError> {
    let json = serde_json::to_string(form).map_err(|e| StoreError::corrupt("survey draft", e))?;
    let mut tx = db.begin_write().await?;
    sqlx::query("INSERT OR REPLACE INTO survey_drafts (token_hash, survey_id, form, created_at) VALUES (?, ?, ?, ?)")
        .bind(token_hash)
        .bind(survey_id)
        .bind(json)
        .bind(now())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn get(
    db: &Db,
    token_hash: &str,
    survey_id: &str,
) -> Result<Option<Vec<(String, String)>>, StoreError> {
    let form: Option<String> = sqlx::query_scalar(
        "SELECT form FROM survey_drafts WHERE token_hash = ? AND survey_id = ? AND created_at >= ?",
    )
    .bind(token_hash)
    .bind(survey_id)
    .bind(now() - DRAFT_TTL)
    .fetch_optional(db.reader())
    .await?;
    form.map(|f| serde_json::from_str(&f).map_err(|e| StoreError::corrupt("survey draft", e)))
        .transpose()
}

pub async fn delete(db: &Db, token_hash: &str, survey_id: &str) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM survey_drafts WHERE token_hash = ? AND survey_id = ?")
        .bind(token_hash)
        .bind(survey_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Forgets answers kept longer than [`DRAFT_TTL`].
pub async fn purge(db: &Db) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM survey_drafts WHERE created_at < ?")
        .bind(now() - DRAFT_TTL)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}
