//! The marks' SQL.
use super::Activity;
use crate::db::{StoreError, Tx};

/// Has anyone with one of these marks taken part?
pub async fn taken(
    tx: &mut Tx,
    activity: Activity<'_>,
    marks: &[String],
) -> Result<bool, StoreError> {
    let key = activity.key();
    for m in marks {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM participation_marks WHERE activity = ? AND mark = ?")
                .bind(&key)
                .bind(m)
                .fetch_optional(&mut **tx)
                .await?;
        if found.is_some() {
            return Ok(true);
        }
    }
    Ok(false)
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
