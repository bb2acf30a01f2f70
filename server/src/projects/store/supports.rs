//! The resident's own record of their supports (one person, one support, is kept by
//! the participation marks).
use crate::db::{StoreError, Tx};
use sqlx::Sqlite;

/// Records the account's support; `false` when this account had supported already.
pub async fn record(tx: &mut Tx, project: &str, resident: &str) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "INSERT OR IGNORE INTO project_supports (project_id, resident_id) VALUES (?, ?)",
    )
    .bind(project)
    .bind(resident)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn by_resident<'e, E>(db: E, resident: &str) -> Result<Vec<String>, StoreError>
where
    E: sqlx::Executor<'e, Database = Sqlite>,
{
    Ok(sqlx::query_scalar("SELECT project_id FROM project_supports WHERE resident_id = ?")
        .bind(resident)
        .fetch_all(db)
        .await?)
}

/// The account is going: its record goes too (the marks stay, so that a new account
/// of the same person cannot support again).
pub async fn forget(tx: &mut Tx, resident: &str) -> Result<u64, StoreError> {
    Ok(sqlx::query("DELETE FROM project_supports WHERE resident_id = ?")
        .bind(resident)
        .execute(&mut **tx)
        .await?
        .rows_affected())
}

/// Account `from` is folded into `into`: its supports become `into`'s.
pub async fn merge(tx: &mut Tx, from: &str, into: &str) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT OR IGNORE INTO project_supports (project_id, resident_id) \
         SELECT project_id, ? FROM project_supports WHERE resident_id = ?",
    )
    .bind(into)
    .bind(from)
    .execute(&mut **tx)
    .await?;
    forget(tx, from).await.map(|_| ())
}
