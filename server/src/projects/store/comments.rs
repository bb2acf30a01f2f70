//! Comments in storage.
use crate::db::{StoreError, Tx};
use app::projects::port::StoredComment;
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, Sqlite};

const COLUMNS: &str = "id, parent_id, author_id, body, created_at, hidden_reason, reports";

fn from(r: &SqliteRow) -> Result<StoredComment, StoreError> {
    Ok(StoredComment {
        id: r.try_get("id")?,
        parent: r.try_get("parent_id")?,
        author: r.try_get("author_id")?,
        body: r.try_get("body")?,
        at: r.try_get("created_at")?,
        hidden: r.try_get("hidden_reason")?,
        reports: r.try_get("reports")?,
    })
}

/// A comment with the project it is on.
pub async fn get<'e, E>(db: E, id: &str) -> Result<Option<(String, StoredComment)>, StoreError>
where
    E: sqlx::Executor<'e, Database = Sqlite>,
{
    let sql = format!("SELECT project_id, {COLUMNS} FROM project_comments WHERE id = ?");
    let row = sqlx::query(&sql).bind(id).fetch_optional(db).await?;
    row.map(|r| Ok((r.try_get("project_id")?, from(&r)?))).transpose()
}

pub async fn of<'e, E>(db: E, project: &str) -> Result<Vec<StoredComment>, StoreError>
where
    E: sqlx::Executor<'e, Database = Sqlite>,
{
    let sql = format!(
        "SELECT {COLUMNS} FROM project_comments WHERE project_id = ? ORDER BY created_at, rowid"
    );
    let rows = sqlx::query(&sql).bind(project).fetch_all(db).await?;
    rows.iter().map(from).collect()
}

pub async fn add(
    tx: &mut Tx,
    project: &str,
    parent: Option<&str>,
    author: &str,
    body: &str,
    at: i64,
) -> Result<String, StoreError> {
    let id = crate::crypto::random_id();
    sqlx::query(
        "INSERT INTO project_comments (id, project_id, parent_id, author_id, body, created_at) \
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(project)
    .bind(parent)
    .bind(author)
    .bind(body)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(id)
}

/// Records a resident's report; `false` when they had reported it already.
pub async fn report(tx: &mut Tx, comment: &str, resident: &str) -> Result<bool, StoreError> {
    let new = sqlx::query(
        "INSERT OR IGNORE INTO project_comment_reports (comment_id, resident_id) VALUES (?, ?)",
    )
    .bind(comment)
    .bind(resident)
    .execute(&mut **tx)
    .await?
    .rows_affected()
        == 1;
    if new {
        sqlx::query("UPDATE project_comments SET reports = reports + 1 WHERE id = ?")
            .bind(comment)
            .execute(&mut **tx)
            .await?;
    }
    Ok(new)
}

pub async fn reported_by<'e, E>(
    db: E,
    project: &str,
    resident: &str,
) -> Result<Vec<String>, StoreError>
where
    E: sqlx::Executor<'e, Database = Sqlite>,
{
    Ok(sqlx::query_scalar(
        "SELECT r.comment_id FROM project_comment_reports r \
         JOIN project_comments c ON c.id = r.comment_id \
         WHERE c.project_id = ? AND r.resident_id = ?",
    )
    .bind(project)
    .bind(resident)
    .fetch_all(db)
    .await?)
}

/// Hides a comment with a public reason; `false` when it was hidden already.
pub async fn hide(tx: &mut Tx, id: &str, reason: &str, at: i64) -> Result<bool, StoreError> {
    Ok(sqlx::query(
        "UPDATE project_comments SET hidden_reason = ?, hidden_at = ? \
         WHERE id = ? AND hidden_reason IS NULL",
    )
    .bind(reason)
    .bind(at)
    .bind(id)
    .execute(&mut **tx)
    .await?
    .rows_affected()
        == 1)
}

/// A resident's comments (for their data export): project, text, time, hidden reason.
pub async fn by_author<'e, E>(db: E, resident: &str) -> Result<Vec<serde_json::Value>, StoreError>
where
    E: sqlx::Executor<'e, Database = Sqlite>,
{
    let rows = sqlx::query(
        "SELECT project_id, body, created_at, hidden_reason FROM project_comments \
         WHERE author_id = ? ORDER BY created_at, rowid",
    )
    .bind(resident)
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(serde_json::json!({
                "project": r.try_get::<String, _>("project_id")?,
                "text": r.try_get::<String, _>("body")?,
                "at": r.try_get::<i64, _>("created_at")?,
                "hidden_reason": r.try_get::<Option<String>, _>("hidden_reason")?,
            }))
        })
        .collect()
}

/// The account is going: its comments stay (others replied to them), linked to nobody;
/// its reports go.
pub async fn forget(tx: &mut Tx, resident: &str) -> Result<(), StoreError> {
    sqlx::query("UPDATE project_comments SET author_id = '' WHERE author_id = ?")
        .bind(resident)
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM project_comment_reports WHERE resident_id = ?")
        .bind(resident)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Account `from` is folded into `into`.
pub async fn merge(tx: &mut Tx, from: &str, into: &str) -> Result<(), StoreError> {
    sqlx::query("UPDATE project_comments SET author_id = ? WHERE author_id = ?")
        .bind(into)
        .bind(from)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT OR IGNORE INTO project_comment_reports (comment_id, resident_id) \
         SELECT comment_id, ? FROM project_comment_reports WHERE resident_id = ?",
    )
    .bind(into)
    .bind(from)
    .execute(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM project_comment_reports WHERE resident_id = ?")
        .bind(from)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
