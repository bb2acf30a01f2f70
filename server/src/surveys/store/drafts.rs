//! Answers a guest posted, kept (by the hash of a cookie token) until they sign in.
use crate::db::{Db, StoreError};
use app::core::time::now;

/// Kept answers live a day (the privacy notice says so).
pub const DRAFT_TTL: i64 = 86_400;

/// The most a browser's kept answers to one survey may take.
pub const MAX_DRAFT_BYTES: usize = 64 * 1024;

/// What keeping a guest's answers came to.
#[derive(Debug, PartialEq, Eq)]
pub enum Kept {
    Yes,
    /// The address has kept `per_client_day` drafts already today, or the answers are
    /// larger than [`MAX_DRAFT_BYTES`]: nothing was stored.
    No,
}

/// Keeps the answers under the browser's token: replacing its earlier ones for this
/// survey, or as a new draft when the client address has fewer than `per_client_day`.
pub async fn put(
    db: &Db,
    token_hash: &str,
    client_hash: &str,
    survey_id: &str,
    form: &[(String, String)],
    per_client_day: i64,
) -> Result<Kept, StoreError> {
    let json = serde_json::to_string(form).map_err(|e| StoreError::corrupt("survey draft", e))?;
    if json.len() > MAX_DRAFT_BYTES {
        return Ok(Kept::No);
    }
    let t = now();
    let mut tx = db.begin_write().await?;
    let exists: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM survey_drafts WHERE token_hash = ? AND survey_id = ?)",
    )
    .bind(token_hash)
    .bind(survey_id)
    .fetch_one(&mut *tx)
    .await?;
    if !exists {
        let by_client: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM survey_drafts WHERE client_hash = ? AND created_at >= ?",
        )
        .bind(client_hash)
        .bind(t - DRAFT_TTL)
        .fetch_one(&mut *tx)
        .await?;
        if by_client >= per_client_day {
            return Ok(Kept::No);
        }
    }
    sqlx::query(
        "INSERT OR REPLACE INTO survey_drafts (token_hash, survey_id, form, created_at, client_hash) \
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(token_hash)
    .bind(survey_id)
    .bind(json)
    .bind(t)
    .bind(client_hash)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Kept::Yes)
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
