//! Sessions: server-side records of signed-in browsers, stored by token hash.
use super::rows::{resident_user, staff_user, RESIDENT_COLUMNS, STAFF_COLUMNS};
use crate::db::{Db, StoreError, Tx};
use app::core::access::Viewer;
use app::core::time::now;
use sqlx::Row;

/// Which kind of account a session belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionKind {
    Resident,
    Staff,
}

impl SessionKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            SessionKind::Resident => "resident",
            SessionKind::Staff => "staff",
        }
    }
}

/// Opens a session for `subject` (the token's hash is stored, never the token).
pub async fn insert_session(
    tx: &mut Tx,
    kind: SessionKind,
    subject: &str,
    token_hash: &str,
    ttl_secs: i64,
) -> Result<(), StoreError> {
    let t = now();
    sqlx::query("INSERT INTO sessions (token_hash, kind, subject_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(token_hash)
        .bind(kind.as_str())
        .bind(subject)
        .bind(t)
        .bind(t + ttl_secs)
        .bind(t)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Who holds these session tokens (hashes)? Expired sessions, staff sessions idle
/// for `staff_idle_secs`, and deactivated staff count as nobody, so a deactivation
/// takes effect on the next request. Also the staff session's last use, for [`touch`].
pub async fn viewer(
    db: &Db,
    resident_token: Option<&str>,
    staff_token: Option<&str>,
    staff_idle_secs: i64,
) -> Result<(Viewer, Option<i64>), StoreError> {
    let t = now();
    let mut viewer = Viewer::default();
    let mut staff_last_seen = None;
    if let Some(hash) = resident_token {
        let sql = format!(
            "SELECT {RESIDENT_COLUMNS} FROM sessions s JOIN residents r ON r.id = s.subject_id \
             WHERE s.token_hash = ? AND s.kind = ? AND s.expires_at > ?"
        );
        if let Some(row) = sqlx::query(&sql)
            .bind(hash)
            .bind(SessionKind::Resident.as_str())
            .bind(t)
            .fetch_optional(db.reader())
            .await?
        {
            viewer.resident = Some(resident_user(&row)?);
        }
    }
    if let Some(hash) = staff_token {
        let row = sqlx::query(&format!(
            "SELECT {STAFF_COLUMNS}, s.last_seen_at FROM sessions s JOIN staff st ON st.id = s.subject_id \
             WHERE s.token_hash = ? AND s.kind = ? AND s.expires_at > ? AND s.last_seen_at > ? \
             AND st.active = 1"
        ))
        .bind(hash)
        .bind(SessionKind::Staff.as_str())
        .bind(t)
        .bind(t - staff_idle_secs)
        .fetch_optional(db.reader())
        .await?;
        if let Some(row) = row {
            viewer.staff = Some(staff_user(&row)?);
            staff_last_seen = Some(row.try_get::<i64, _>("last_seen_at")?);
        }
    }
    Ok((viewer, staff_last_seen))
}

/// Ends one session.
pub async fn end(db: &Db, token_hash: &str) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM sessions WHERE token_hash = ?")
        .bind(token_hash)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Ends every session of an account ("sign out everywhere").
pub async fn end_all(db: &Db, kind: SessionKind, subject: &str) -> Result<u64, StoreError> {
    let mut tx = db.begin_write().await?;
    let n = sqlx::query("DELETE FROM sessions WHERE kind = ? AND subject_id = ?")
        .bind(kind.as_str())
        .bind(subject)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    tx.commit().await?;
    Ok(n)
}

/// Drops expired sessions, sign-in codes and staff sign-in attempts and failures older
/// than a day, finished staff back-offs a day old, and staff addresses unused for 90 days.
pub async fn purge_expired(db: &Db) -> Result<(), StoreError> {
    let t = now();
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM sessions WHERE expires_at <= ?").bind(t).execute(&mut *tx).await?;
    sqlx::query("DELETE FROM otp_challenges WHERE created_at < ?")
        .bind(t - 86_400)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM staff_signin_attempts WHERE at < ?")
        .bind(t - 86_400)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM staff_failures WHERE at < ?")
        .bind(t - 86_400)
        .execute(&mut *tx)
        .await?;
    // A wait that is over and a day old forgets its doubling too.
    sqlx::query("DELETE FROM staff_backoff WHERE locked_until < ? AND updated_at < ?")
        .bind(t)
        .bind(t - 86_400)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM staff_known_clients WHERE at < ?")
        .bind(t - 90 * 86_400)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Records a session's use now.
pub async fn touch(db: &Db, token_hash: &str) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?")
        .bind(now())
        .bind(token_hash)
        .execute(&mut *tx)
        .await?;
    Db::commit(tx).await
}
