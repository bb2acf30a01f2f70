//! Staff accounts: creation, credentials, sign-in with lock-out, activation.
use super::rows::{role, staff_user};
use super::sessions::{insert_session, SessionKind};
use crate::audit::{self, Audit};
use crate::db::{Db, StoreError};
use app::accounts::model::StaffRecord;
use app::core::access::{Role, StaffUser};
use app::core::time::now;
use sqlx::Row;

/// A new staff account.
pub struct NewStaff<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub area_code: &'a str,
    pub created_by: Option<&'a str>,
}

/// The outcome of a staff sign-in attempt.
#[derive(Debug, PartialEq, Eq)]
pub enum StaffSignin {
    Ok(StaffUser),
    /// Unknown user or wrong password (deliberately the same answer).
    Refused,
    /// Too many wrong passwords; locked until this time.
    Locked(i64),
    Inactive,
}

/// Creates a staff account; `None` if the username is taken.
pub async fn add(db: &Db, new: NewStaff<'_>, actor: &str) -> Result<Option<String>, StoreError> {
    let mut tx = db.begin_write().await?;
    let taken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM staff WHERE username = ?")
        .bind(new.username)
        .fetch_one(&mut *tx)
        .await?;
    if taken > 0 {
        return Ok(None);
    }
    let id = crate::crypto::random_id();
    sqlx::query(
        "INSERT INTO staff (id, username, display_name, password_hash, role, area_code, created_at, created_by) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(new.username)
    .bind(new.display_name)
    .bind(new.password_hash)
    .bind(new.role.as_str())
    .bind(new.area_code)
    .bind(now())
    .bind(new.created_by)
    .execute(&mut *tx)
    .await?;
    let detail = format!("role={} name={}", new.role.as_str(), new.display_name);
    audit::write(
        &mut tx,
        Audit {
            actor,
            role: None,
            action: "staff.create",
            area_code: Some(new.area_code),
            target: Some(new.username),
            detail: &detail,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Some(id))
}

/// A staff member's stored credentials.
pub struct Credentials {
    pub user: StaffUser,
    /// The argon2id hash (PHC string).
    pub password_hash: String,
    pub active: bool,
    /// Unix seconds; in the past when not locked.
    pub locked_until: i64,
}

pub async fn credentials(db: &Db, username: &str) -> Result<Option<Credentials>, StoreError> {
    let row = sqlx::query(
        "SELECT id, username, display_name, role, area_code, password_hash, active, locked_until \
         FROM staff WHERE username = ?",
    )
    .bind(username)
    .fetch_optional(db.reader())
    .await?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(Credentials {
        user: staff_user(&row)?,
        password_hash: row.try_get("password_hash")?,
        active: row.try_get::<i64, _>("active")? == 1,
        locked_until: row.try_get("locked_until")?,
    }))
}

/// Records the outcome of a password check under the lock-out rules (`lock` =
/// (failures before lock-out, lock seconds)) and opens a session on success.
/// Every attempt is audited; an unknown username is audited as typed.
pub async fn sign_in(
    db: &Db,
    username: &str,
    checked: Option<(&StaffUser, bool)>,
    lock: (i64, i64),
    token_hash: &str,
    ttl_secs: i64,
) -> Result<StaffSignin, StoreError> {
    let (max_failures, lock_secs) = lock;
    let t = now();
    let mut tx = db.begin_write().await?;
    let Some((user, password_ok)) = checked else {
        audit::write(
            &mut tx,
            Audit {
                actor: username,
                role: None,
                action: "staff.signin_failed",
                area_code: None,
                target: None,
                detail: "unknown user",
            },
        )
        .await?;
        tx.commit().await?;
        return Ok(StaffSignin::Refused);
    };
    // Re-read under the write lock: concurrent guesses are counted one by one.
    let row = sqlx::query("SELECT active, failed_attempts, locked_until FROM staff WHERE id = ?")
        .bind(&user.id)
        .fetch_one(&mut *tx)
        .await?;
    let locked_until: i64 = row.try_get("locked_until")?;
    let active = row.try_get::<i64, _>("active")? == 1;
    let outcome = if locked_until > t {
        StaffSignin::Locked(locked_until)
    } else if !password_ok {
        let failures: i64 = row.try_get::<i64, _>("failed_attempts")? + 1;
        let until = if failures >= max_failures { t + lock_secs } else { 0 };
        sqlx::query("UPDATE staff SET failed_attempts = ?, locked_until = ? WHERE id = ?")
            .bind(if until > 0 { 0 } else { failures })
            .bind(until)
            .bind(&user.id)
            .execute(&mut *tx)
            .await?;
        let detail = if until > 0 { "wrong password; locked" } else { "wrong password" };
        let line = Audit::by(user, "staff.signin_failed", &user.area_code).detail(detail);
        audit::write(&mut tx, line).await?;
        if until > 0 {
            StaffSignin::Locked(until)
        } else {
            StaffSignin::Refused
        }
    } else if !active {
        let line = Audit::by(user, "staff.signin_failed", &user.area_code).detail("inactive");
        audit::write(&mut tx, line).await?;
        StaffSignin::Inactive
    } else {
        sqlx::query("UPDATE staff SET failed_attempts = 0, locked_until = 0 WHERE id = ?")
            .bind(&user.id)
            .execute(&mut *tx)
            .await?;
        insert_session(&mut tx, SessionKind::Staff, &user.id, token_hash, ttl_secs).await?;
        audit::write(&mut tx, Audit::by(user, "staff.signin", &user.area_code)).await?;
        StaffSignin::Ok(user.clone())
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

pub async fn list(db: &Db) -> Result<Vec<StaffRecord>, StoreError> {
    let t = now();
    let rows = sqlx::query(
        "SELECT id, username, display_name, role, area_code, active, locked_until, created_at FROM staff ORDER BY area_code, username",
    )
    .fetch_all(db.reader())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(StaffRecord {
                id: r.try_get("id")?,
                username: r.try_get("username")?,
                display_name: r.try_get("display_name")?,
                role: role(&r.try_get::<String, _>("role")?)?,
                area_code: r.try_get("area_code")?,
                active: r.try_get::<i64, _>("active")? == 1,
                locked: r.try_get::<i64, _>("locked_until")? > t,
                created_at: r.try_get("created_at")?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()
        .map_err(Into::into)
}

pub async fn by_id(db: &Db, id: &str) -> Result<Option<StaffRecord>, StoreError> {
    Ok(list(db).await?.into_iter().find(|s| s.id == id))
}

/// Activates or deactivates an account; deactivation ends its sessions at once.
pub async fn set_active(
    db: &Db,
    actor: &StaffUser,
    id: &str,
    active: bool,
) -> Result<bool, StoreError> {
    let mut tx = db.begin_write().await?;
    let row = sqlx::query("SELECT username, area_code FROM staff WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
    let Some(row) = row else { return Ok(false) };
    let username: String = row.try_get("username")?;
    let area: String = row.try_get("area_code")?;
    sqlx::query("UPDATE staff SET active = ?, failed_attempts = 0, locked_until = 0 WHERE id = ?")
        .bind(if active { 1 } else { 0 })
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if !active {
        sqlx::query("DELETE FROM sessions WHERE kind = ? AND subject_id = ?")
            .bind(SessionKind::Staff.as_str())
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    let action = if active { "staff.activate" } else { "staff.deactivate" };
    audit::write(&mut tx, Audit::by(actor, action, &area).target(&username)).await?;
    tx.commit().await?;
    Ok(true)
}
