//! Proposals in storage.
use crate::db::{StoreError, Tx};
use app::projects::model::{ListEntry, Photo, Project, ProjectKind, ProjectStatus};
use app::projects::port::Owned;
use app::projects::rules::proposal::ProposalText;
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, Sqlite};

const COLUMNS: &str = "id, community_code, author_id, title, description, kind, cost, location, \
     photos, status, category_id, reason, negative, supports, created_at, updated_at";

fn corrupt(what: &str, v: &str) -> StoreError {
    StoreError::corrupt(what, v)
}

pub(super) fn negative_from(v: Option<String>) -> Result<Option<ListEntry>, StoreError> {
    v.map(|j| serde_json::from_str(&j).map_err(|e| StoreError::corrupt("negative entry", e)))
        .transpose()
}

pub(super) fn negative_json(n: Option<&ListEntry>) -> Result<Option<String>, StoreError> {
    n.map(|e| serde_json::to_string(e).map_err(|e| StoreError::corrupt("negative entry", e)))
        .transpose()
}

fn owned_from(row: &SqliteRow) -> Result<Owned, StoreError> {
    let kind: String = row.try_get("kind")?;
    let status: String = row.try_get("status")?;
    let photos: String = row.try_get("photos")?;
    let photos: Vec<Photo> =
        serde_json::from_str(&photos).map_err(|e| StoreError::corrupt("project photos", e))?;
    let project = Project {
        id: row.try_get("id")?,
        community_code: row.try_get("community_code")?,
        title: row.try_get("title")?,
        description: row.try_get("description")?,
        kind: ProjectKind::parse(&kind).ok_or_else(|| corrupt("project kind", &kind))?,
        cost: row.try_get("cost")?,
        location: row.try_get("location")?,
        photos,
        status: ProjectStatus::parse(&status).ok_or_else(|| corrupt("project status", &status))?,
        category: row.try_get("category_id")?,
        reason: row.try_get("reason")?,
        negative: negative_from(row.try_get("negative")?)?,
        supports: row.try_get("supports")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    };
    Ok(Owned { project, author: row.try_get("author_id")? })
}

pub async fn get<'e, E>(db: E, id: &str) -> Result<Option<Owned>, StoreError>
where
    E: sqlx::Executor<'e, Database = Sqlite>,
{
    let sql = format!("SELECT {COLUMNS} FROM projects WHERE id = ?");
    let row = sqlx::query(&sql).bind(id).fetch_optional(db).await?;
    row.as_ref().map(owned_from).transpose()
}

/// Every project past its draft, newest first.
pub async fn list<'e, E>(db: E) -> Result<Vec<Project>, StoreError>
where
    E: sqlx::Executor<'e, Database = Sqlite>,
{
    let sql = format!(
        "SELECT {COLUMNS} FROM projects WHERE status <> 'draft' ORDER BY created_at DESC, id"
    );
    let rows = sqlx::query(&sql).fetch_all(db).await?;
    rows.iter().map(|r| owned_from(r).map(|o| o.project)).collect()
}

/// A resident's proposals, drafts included, newest first.
pub async fn by_author<'e, E>(db: E, author: &str) -> Result<Vec<Project>, StoreError>
where
    E: sqlx::Executor<'e, Database = Sqlite>,
{
    let sql =
        format!("SELECT {COLUMNS} FROM projects WHERE author_id = ? ORDER BY created_at DESC, id");
    let rows = sqlx::query(&sql).bind(author).fetch_all(db).await?;
    rows.iter().map(|r| owned_from(r).map(|o| o.project)).collect()
}

/// Stores a new draft; returns its id.
pub async fn create(
    tx: &mut Tx,
    community: &str,
    author: &str,
    text: &ProposalText,
    at: i64,
) -> Result<String, StoreError> {
    let id = crate::crypto::random_id();
    sqlx::query(
        "INSERT INTO projects (id, community_code, author_id, title, description, kind, cost, \
         location, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(community)
    .bind(author)
    .bind(&text.title)
    .bind(&text.description)
    .bind(text.kind.as_str())
    .bind(text.cost)
    .bind(&text.location)
    .bind(at)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(id)
}

/// Saves the text of a proposal still in `status`; `false` when its status moved on.
pub async fn save_text(
    tx: &mut Tx,
    id: &str,
    status: ProjectStatus,
    text: &ProposalText,
    at: i64,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE projects SET title = ?, description = ?, kind = ?, cost = ?, location = ?, \
         updated_at = ? WHERE id = ? AND status = ?",
    )
    .bind(&text.title)
    .bind(&text.description)
    .bind(text.kind.as_str())
    .bind(text.cost)
    .bind(&text.location)
    .bind(at)
    .bind(id)
    .bind(status.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Replaces the photos of a proposal still in `status`.
pub async fn set_photos(
    tx: &mut Tx,
    id: &str,
    status: ProjectStatus,
    photos: &[Photo],
    at: i64,
) -> Result<bool, StoreError> {
    let json = serde_json::to_string(photos).map_err(|e| StoreError::corrupt("photos", e))?;
    let done =
        sqlx::query("UPDATE projects SET photos = ?, updated_at = ? WHERE id = ? AND status = ?")
            .bind(json)
            .bind(at)
            .bind(id)
            .bind(status.as_str())
            .execute(&mut **tx)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// A change of status, from `from` only; the category, reason and negative entry
/// are set as given. `false` when the status was no longer `from`.
pub struct Move<'a> {
    pub from: ProjectStatus,
    pub to: ProjectStatus,
    pub category: Option<&'a str>,
    pub reason: Option<&'a str>,
    pub negative: Option<&'a ListEntry>,
}

pub async fn move_status(tx: &mut Tx, id: &str, m: Move<'_>, at: i64) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE projects SET status = ?, category_id = COALESCE(?, category_id), reason = ?, \
         negative = ?, updated_at = ? WHERE id = ? AND status = ?",
    )
    .bind(m.to.as_str())
    .bind(m.category)
    .bind(m.reason)
    .bind(negative_json(m.negative)?)
    .bind(at)
    .bind(id)
    .bind(m.from.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Counts one more support; the new count.
pub async fn count_support(tx: &mut Tx, id: &str) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "UPDATE projects SET supports = supports + 1 WHERE id = ? RETURNING supports",
    )
    .bind(id)
    .fetch_one(&mut **tx)
    .await?)
}

/// Deletes a resident's drafts (their account is going): nobody else ever saw them.
pub async fn delete_drafts(tx: &mut Tx, author: &str) -> Result<u64, StoreError> {
    Ok(sqlx::query("DELETE FROM projects WHERE author_id = ? AND status = 'draft'")
        .bind(author)
        .execute(&mut **tx)
        .await?
        .rows_affected())
}

/// The account is going: its proposals that others have seen stay, linked to nobody.
pub async fn unlink_author(tx: &mut Tx, author: &str) -> Result<u64, StoreError> {
    Ok(sqlx::query("UPDATE projects SET author_id = '' WHERE author_id = ?")
        .bind(author)
        .execute(&mut **tx)
        .await?
        .rows_affected())
}

/// Account `from` is folded into `into`: its proposals become `into`'s.
pub async fn move_author(tx: &mut Tx, from: &str, into: &str) -> Result<u64, StoreError> {
    Ok(sqlx::query("UPDATE projects SET author_id = ? WHERE author_id = ?")
        .bind(into)
        .bind(from)
        .execute(&mut **tx)
        .await?
        .rows_affected())
}
