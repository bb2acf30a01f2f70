//! Staff accounts: creation, the list, activation (sign-in and credentials: `staff_auth`).
use super::rows::role;
use super::sessions::SessionKind;
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
        "INSERT INTO staff (id, username, display_name, password_hash, role, area_code, created_at, created_by, \
         must_change_password) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(new.username)
    .bind(new.display_name)
    .bind(new.password_hash)
    .bind(new.role.as_str())
    .bind(new.area_code)
    .bind(now())
    .bind(new.created_by)
    // A password an administrator chose in the browser is theirs too: changed at the
    // first sign-in. On the command line the operator holds the server anyway.
    .bind(new.created_by.is_some())
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

pub async fn list(db: &Db) -> Result<Vec<StaffRecord>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, username, display_name, role, area_code, active, created_at FROM staff ORDER BY area_code, username",
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
