//! One-time sign-in codes: issued within the limits, checked with a bounded number of
//! tries. Callers pass hashes, never phone numbers.
use crate::db::{Db, StoreError};
use app::core::time::now;
use sqlx::Row;

/// A number proven by its code: its keyed hash and last four digits.
pub struct Proven {
    pub phone_hash: String,
    pub tail: String,
}

/// The limits on sending sign-in codes.
#[derive(Clone, Copy, Debug)]
pub struct OtpLimits {
    pub ttl_secs: i64,
    pub resend_secs: i64,
    pub per_phone_hour: i64,
    pub per_client_hour: i64,
}

/// Why no code was sent.
#[derive(Debug, PartialEq, Eq)]
pub enum OtpRefusal {
    /// A code went to this number moments ago; try again in this many seconds.
    Cooldown(i64),
    PhoneLimit,
    ClientLimit,
}

/// Why a code was not accepted.
#[derive(Debug, PartialEq, Eq)]
pub enum OtpFailure {
    /// No such challenge (or it was never ours).
    Unknown,
    Expired,
    Used,
    /// Attempts exhausted; a new code is needed.
    Exhausted,
    /// Wrong code; this many attempts remain.
    Wrong(i64),
}

/// Records a new code for a number unless a limit forbids it (checked and written
/// under the write lock, so concurrent requests cannot slip past a limit).
pub async fn issue(
    db: &Db,
    id: &str,
    phone: (&str, &str),
    client_hash: &str,
    code_hash: &str,
    limits: OtpLimits,
) -> Result<Result<(), OtpRefusal>, StoreError> {
    let (phone_hash, phone_tail) = phone;
    let t = now();
    let mut tx = db.begin_write().await?;
    let last: Option<i64> =
        sqlx::query_scalar("SELECT MAX(created_at) FROM otp_challenges WHERE phone_hash = ?")
            .bind(phone_hash)
            .fetch_one(&mut *tx)
            .await?;
    if let Some(last) = last {
        let wait = last + limits.resend_secs - t;
        if wait > 0 {
            return Ok(Err(OtpRefusal::Cooldown(wait)));
        }
    }
    let by_phone: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM otp_challenges WHERE phone_hash = ? AND created_at > ?",
    )
    .bind(phone_hash)
    .bind(t - 3600)
    .fetch_one(&mut *tx)
    .await?;
    if by_phone >= limits.per_phone_hour {
        return Ok(Err(OtpRefusal::PhoneLimit));
    }
    let by_client: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM otp_challenges WHERE client_hash = ? AND created_at > ?",
    )
    .bind(client_hash)
    .bind(t - 3600)
    .fetch_one(&mut *tx)
    .await?;
    if by_client >= limits.per_client_hour {
        return Ok(Err(OtpRefusal::ClientLimit));
    }
    sqlx::query(
        "INSERT INTO otp_challenges (id, phone_hash, phone_tail, client_hash, code_hash, created_at, expires_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(phone_hash)
    .bind(phone_tail)
    .bind(client_hash)
    .bind(code_hash)
    .bind(t)
    .bind(t + limits.ttl_secs)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// Forgets a challenge whose code could not be sent, so it counts against no limit.
pub async fn withdraw(db: &Db, id: &str) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM otp_challenges WHERE id = ?").bind(id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}

/// Checks a code against a challenge: `expected(code_hash)` says whether the
/// submitted code matches. On success the challenge is used up and the number's
/// hash and tail are returned.
pub async fn check(
    db: &Db,
    id: &str,
    matches: impl FnOnce(&str) -> bool,
    max_attempts: i64,
) -> Result<Result<Proven, OtpFailure>, StoreError> {
    let t = now();
    let mut tx = db.begin_write().await?;
    let row = sqlx::query("SELECT phone_hash, phone_tail, code_hash, expires_at, attempts, used_at FROM otp_challenges WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
    let Some(row) = row else { return Ok(Err(OtpFailure::Unknown)) };
    let used: Option<i64> = row.try_get("used_at")?;
    let attempts: i64 = row.try_get("attempts")?;
    if used.is_some() {
        return Ok(Err(OtpFailure::Used));
    }
    if row.try_get::<i64, _>("expires_at")? <= t {
        return Ok(Err(OtpFailure::Expired));
    }
    if attempts >= max_attempts {
        return Ok(Err(OtpFailure::Exhausted));
    }
    let code_hash: String = row.try_get("code_hash")?;
    if !matches(&code_hash) {
        sqlx::query("UPDATE otp_challenges SET attempts = attempts + 1 WHERE id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        let left = max_attempts - attempts - 1;
        return Ok(Err(if left > 0 { OtpFailure::Wrong(left) } else { OtpFailure::Exhausted }));
    }
    sqlx::query("UPDATE otp_challenges SET used_at = ?, attempts = attempts + 1 WHERE id = ?")
        .bind(t)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Ok(Proven { phone_hash: row.try_get("phone_hash")?, tail: row.try_get("phone_tail")? }))
}
