//! The marks' SQL.
use super::Activity;
use crate::db::{StoreError, Tx};

/// Has anyone with one of these marks taken part? (Inside a write transaction for a
/// decision; on the read pool for what a page shows.)
pub async fn taken<'e, E>(
    exec: E,
    activity: Activity<'_>,
    marks: &[String],
) -> Result<bool, StoreError>
where
    E: sqlx::Executor<'e, Database = sqlx::Sqlite>,
{
    let marks = serde_json::to_string(marks).map_err(|e| StoreError::corrupt("marks", e))?;
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM participation_marks WHERE activity = ? \
         AND mark IN (SELECT value FROM json_each(?)) LIMIT 1",
    )
    .bind(activity.key())
    .bind(marks)
    .fetch_optional(exec)
    .await?;
    Ok(found.is_some())
}

/// Leaves the marks (those already there stay as they are).
pub async fn leave(
    tx: &mut Tx,
    activity: Activity<'_>,
    marks: &[String],
) -> Result<(), StoreError> {
    let key = activity.key();
    for m in marks {
        sqlx::query("INSERT OR IGNORE INTO participation_marks (activity, mark) VALUES (?, ?)")
            .bind(&key)
            .bind(m)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// The activity has closed: nobody can take part any more, so its marks go.
pub async fn purge(tx: &mut Tx, activity: Activity<'_>) -> Result<u64, StoreError> {
    Ok(sqlx::query("DELETE FROM participation_marks WHERE activity = ?")
        .bind(activity.key())
        .execute(&mut **tx)
        .await?
        .rows_affected())
}
