//! Staff sign-in: credentials, the back-off per typed username and client address,
//! sessions; a staff member's own password and second factor.
use super::rows::{staff_user, STAFF_COLUMNS};
use super::sessions::{insert_session, SessionKind};
use crate::audit::{self, Audit};
use crate::db::{Db, StoreError};
use app::core::access::StaffUser;
use app::core::time::now;
use sqlx::Row;

/// A staff member's stored credentials.
pub struct Credentials {
    pub user: StaffUser,
    /// The argon2id hash (PHC string).
    pub password_hash: String,
    pub active: bool,
    /// The sealed TOTP secret, when the second factor is on, and its last used step.
    pub totp_secret: Option<String>,
    pub totp_last_step: i64,
}

pub async fn credentials(db: &Db, username: &str) -> Result<Option<Credentials>, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {STAFF_COLUMNS}, st.password_hash, st.active, st.totp_secret, st.totp_last_step \
         FROM staff st WHERE st.username = ?"
    ))
    .bind(username)
    .fetch_optional(db.reader())
    .await?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(Credentials {
        user: staff_user(&row)?,
        password_hash: row.try_get("password_hash")?,
        active: row.try_get::<i64, _>("active")? == 1,
        totp_secret: row.try_get("totp_secret")?,
        totp_last_step: row.try_get("totp_last_step")?,
    }))
}

/// The back-off rules.
#[derive(Clone, Copy, Debug)]
pub struct Backoff {
    /// Wrong answers from one address for one name before that address waits.
    pub failures: i64,
    /// The first wait, in seconds; each later one is twice the one before (to 64 ×).
    pub lock_secs: i64,
    /// Wrong answers for one name in an hour, from anywhere, after which addresses it
    /// has never signed in from wait too.
    pub name_failures_hour: i64,
}

/// What the password (and code) check found, before the attempt is recorded.
pub enum Checked<'a> {
    /// No account has this name: answered exactly as a wrong password.
    Unknown,
    Known {
        user: &'a StaffUser,
        /// Password right, and the second factor's code right when it is on.
        ok: bool,
        /// The TOTP step the code used (to spend it), when the second factor is on.
        step: Option<i64>,
    },
}

/// The outcome of a staff sign-in attempt.
#[derive(Debug, PartialEq, Eq)]
pub enum StaffSignin {
    Ok(StaffUser),
    /// Unknown user, wrong password or wrong code (deliberately the same answer).
    Refused,
    /// This address waits for this name.
    Locked,
    Inactive,
}

/// The name as it is kept for back-off and in failure lines: what was typed, cut short.
fn typed(username: &str) -> &str {
    let mut end = username.len().min(32);
    while !username.is_char_boundary(end) {
        end -= 1;
    }
    &username[..end]
}

/// Records a sign-in attempt under the back-off rules and opens a session on success.
/// Every attempt is audited; an unknown name as typed (cut to 32 bytes).
pub async fn sign_in(
    db: &Db,
    username: &str,
    client_hash: &str,
    checked: Checked<'_>,
    rules: Backoff,
    token_hash: &str,
    ttl_secs: i64,
) -> Result<StaffSignin, StoreError> {
    let name = typed(username);
    let t = now();
    let mut tx = db.begin_write().await?;
    // Read under the write lock: concurrent guesses are counted one by one.
    let row = sqlx::query(
        "SELECT failures, lockouts, locked_until FROM staff_backoff WHERE username = ? AND client_hash = ?",
    )
    .bind(name)
    .bind(client_hash)
    .fetch_optional(&mut *tx)
    .await?;
    let (failures, lockouts, locked_until) = match &row {
        Some(r) => (r.try_get("failures")?, r.try_get("lockouts")?, r.try_get("locked_until")?),
        None => (0i64, 0i64, 0i64),
    };
    let known: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM staff_known_clients WHERE username = ? AND client_hash = ?)",
    )
    .bind(name)
    .bind(client_hash)
    .fetch_one(&mut *tx)
    .await?;
    let recent: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM staff_failures WHERE username = ? AND at > ?")
            .bind(name)
            .bind(t - 3600)
            .fetch_one(&mut *tx)
            .await?;
    if locked_until > t || (!known && recent >= rules.name_failures_hour) {
        return Ok(StaffSignin::Locked);
    }
    let (user, ok, step) = match checked {
        Checked::Known { user, ok, step } => (Some(user), ok, step),
        Checked::Unknown => (None, false, None),
    };
    // A code works once: the step is spent here, or the attempt fails.
    let spent = match (ok, step, user) {
        (true, Some(step), Some(user)) => {
            sqlx::query("UPDATE staff SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?")
                .bind(step)
                .bind(&user.id)
                .bind(step)
                .execute(&mut *tx)
                .await?
                .rows_affected()
                == 1
        }
        _ => ok,
    };
    let outcome = match user {
        Some(user) if spent => {
            let active: bool = sqlx::query_scalar("SELECT active = 1 FROM staff WHERE id = ?")
                .bind(&user.id)
                .fetch_one(&mut *tx)
                .await?;
            if active {
                sqlx::query("DELETE FROM staff_backoff WHERE username = ? AND client_hash = ?")
                    .bind(name)
                    .bind(client_hash)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("INSERT OR REPLACE INTO staff_known_clients (username, client_hash, at) VALUES (?, ?, ?)")
                    .bind(name)
                    .bind(client_hash)
                    .bind(t)
                    .execute(&mut *tx)
                    .await?;
                insert_session(&mut tx, SessionKind::Staff, &user.id, token_hash, ttl_secs).await?;
                audit::write(&mut tx, Audit::by(user, "staff.signin", &user.area_code)).await?;
                StaffSignin::Ok(user.clone())
            } else {
                let line =
                    Audit::by(user, "staff.signin_failed", &user.area_code).detail("inactive");
                audit::write(&mut tx, line).await?;
                StaffSignin::Inactive
            }
        }
        _ => {
            let failures = failures + 1;
            let (failures, lockouts, until) = if failures >= rules.failures {
                (0, lockouts + 1, t + rules.lock_secs * (1i64 << lockouts.min(6)))
            } else {
                (failures, lockouts, 0)
            };
            sqlx::query(
                "INSERT OR REPLACE INTO staff_backoff \
                 (username, client_hash, failures, lockouts, locked_until, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            )
            .bind(name)
            .bind(client_hash)
            .bind(failures)
            .bind(lockouts)
            .bind(until)
            .bind(t)
            .execute(&mut *tx)
            .await?;
            sqlx::query("INSERT INTO staff_failures (username, at) VALUES (?, ?)")
                .bind(name)
                .bind(t)
                .execute(&mut *tx)
                .await?;
            let detail =
                if until > 0 { "wrong answer; this address waits" } else { "wrong answer" };
            let line = match user {
                Some(user) => {
                    Audit::by(user, "staff.signin_failed", &user.area_code).detail(detail)
                }
                None => Audit {
                    actor: name,
                    role: None,
                    action: "staff.signin_failed",
                    area_code: None,
                    target: None,
                    detail: "unknown user",
                },
            };
            audit::write(&mut tx, line).await?;
            if until > 0 {
                StaffSignin::Locked
            } else {
                StaffSignin::Refused
            }
        }
    };
    tx.commit().await?;
    Ok(outcome)
}

/// Counts and records a staff sign-in attempt from a client address; returns the
/// attempts in the last hour before this one.
pub async fn signin_attempt(db: &Db, client_hash: &str) -> Result<i64, StoreError> {
    let t = now();
    let mut tx = db.begin_write().await?;
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM staff_signin_attempts WHERE client_hash = ? AND at > ?",
    )
    .bind(client_hash)
    .bind(t - 3600)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("INSERT INTO staff_signin_attempts (client_hash, at) VALUES (?, ?)")
        .bind(client_hash)
        .bind(t)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(n)
}

/// A staff member's password hash and sealed TOTP secrets (on, and being enrolled).
pub struct Secrets {
    pub password_hash: String,
    pub totp_secret: Option<String>,
    pub totp_pending: Option<String>,
    pub totp_last_step: i64,
}

pub async fn secrets(db: &Db, id: &str) -> Result<Option<Secrets>, StoreError> {
    let row = sqlx::query(
        "SELECT password_hash, totp_secret, totp_pending, totp_last_step FROM staff WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(db.reader())
    .await?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(Secrets {
        password_hash: row.try_get("password_hash")?,
        totp_secret: row.try_get("totp_secret")?,
        totp_pending: row.try_get("totp_pending")?,
        totp_last_step: row.try_get("totp_last_step")?,
    }))
}

/// Sets a staff member's own new password, and ends every other session of theirs.
pub async fn set_password(
    db: &Db,
    me: &StaffUser,
    password_hash: &str,
    keep_session: Option<&str>,
) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE staff SET password_hash = ?, must_change_password = 0 WHERE id = ?")
        .bind(password_hash)
        .bind(&me.id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE kind = ? AND subject_id = ? AND token_hash IS NOT ?")
        .bind(SessionKind::Staff.as_str())
        .bind(&me.id)
        .bind(keep_session)
        .execute(&mut *tx)
        .await?;
    audit::write(&mut tx, Audit::by(me, "staff.password", &me.area_code)).await?;
    tx.commit().await?;
    Ok(())
}

/// Keeps a sealed secret being enrolled (shown until confirmed or replaced).
pub async fn set_pending_totp(db: &Db, me: &StaffUser, sealed: &str) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE staff SET totp_pending = ? WHERE id = ?")
        .bind(sealed)
        .bind(&me.id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Turns the enrolled secret on (`step`: the confirming code's, spent) or the second
/// factor off (`None`).
pub async fn set_totp(db: &Db, me: &StaffUser, on: Option<(&str, i64)>) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    let action = match on {
        Some((sealed, step)) => {
            sqlx::query("UPDATE staff SET totp_secret = ?, totp_pending = NULL, totp_last_step = ? WHERE id = ?")
                .bind(sealed)
                .bind(step)
                .bind(&me.id)
                .execute(&mut *tx)
                .await?;
            "staff.totp_on"
        }
        None => {
            sqlx::query("UPDATE staff SET totp_secret = NULL, totp_pending = NULL WHERE id = ?")
                .bind(&me.id)
                .execute(&mut *tx)
                .await?;
            "staff.totp_off"
        }
    };
    audit::write(&mut tx, Audit::by(me, action, &me.area_code)).await?;
    tx.commit().await?;
    Ok(())
}
