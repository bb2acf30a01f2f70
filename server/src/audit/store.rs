//! The audit log's SQL.
use crate::db::{Db, StoreError, Tx};
use app::accounts::model::AuditEntry;
use app::core::access::{Role, StaffUser};
use sqlx::Row;

/// One line of the audit log, before it is written.
pub struct Audit<'a> {
    pub actor: &'a str,
    pub role: Option<Role>,
    pub action: &'a str,
    pub area_code: Option<&'a str>,
    pub target: Option<&'a str>,
    pub detail: &'a str,
}

impl<'a> Audit<'a> {
    /// A staff member's action on `area`.
    pub fn by(me: &'a StaffUser, action: &'a str, area: &'a str) -> Self {
        Audit {
            actor: &me.username,
            role: Some(me.role),
            action,
            area_code: Some(area),
            target: None,
            detail: "",
        }
    }

    pub fn target(mut self, target: &'a str) -> Self {
        self.target = Some(target);
        self
    }

    pub fn detail(mut self, detail: &'a str) -> Self {
        self.detail = detail;
        self
    }
}

/// Writes a line inside the transaction of the change it records.
pub async fn write(tx: &mut Tx, entry: Audit<'_>) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor, role, action, area_code, target, detail) \
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(app::core::time::now())
    .bind(entry.actor)
    .bind(entry.role.map(Role::as_str))
    .bind(entry.action)
    .bind(entry.area_code)
    .bind(entry.target)
    .bind(entry.detail)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Writes one line on its own.
pub async fn append(db: &Db, entry: Audit<'_>) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    write(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(())
}

/// The newest lines (up to `limit`) with a sequence number below `before`.
pub async fn page(db: &Db, before: Option<i64>, limit: i64) -> Result<Vec<AuditEntry>, StoreError> {
    let rows = sqlx::query(
        "SELECT seq, at, actor, role, action, area_code, target, detail FROM audit_log \
         WHERE seq < ? ORDER BY seq DESC LIMIT ?",
    )
    .bind(before.unwrap_or(i64::MAX))
    .bind(limit)
    .fetch_all(db.reader())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(AuditEntry {
                seq: r.try_get("seq")?,
                at: r.try_get("at")?,
                actor: r.try_get("actor")?,
                role: r.try_get("role")?,
                action: r.try_get("action")?,
                area_code: r.try_get("area_code")?,
                target: r.try_get("target")?,
                detail: r.try_get("detail")?,
            })
        })
        .collect()
}
