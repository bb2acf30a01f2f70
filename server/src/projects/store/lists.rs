//! The city's review lists in storage.
use crate::db::{StoreError, Tx};
use app::projects::model::{ListEntry, ListKind};
use sqlx::{Row, Sqlite};

pub async fn all<'e, E>(db: E) -> Result<Vec<ListEntry>, StoreError>
where
    E: sqlx::Executor<'e, Database = Sqlite>,
{
    let rows =
        sqlx::query("SELECT id, list, zh, en FROM project_lists ORDER BY list DESC, position, id")
            .fetch_all(db)
            .await?;
    rows.iter()
        .map(|r| {
            let list: String = r.try_get("list")?;
            Ok(ListEntry {
                id: r.try_get("id")?,
                list: ListKind::parse(&list).ok_or_else(|| StoreError::corrupt("list", &list))?,
                zh: r.try_get("zh")?,
                en: r.try_get("en")?,
            })
        })
        .collect()
}

/// Adds an entry at the end of its list; returns its id.
pub async fn add(tx: &mut Tx, list: ListKind, zh: &str, en: &str) -> Result<String, StoreError> {
    let id = crate::crypto::random_id();
    sqlx::query(
        "INSERT INTO project_lists (id, list, zh, en, position) \
         VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM project_lists WHERE list = ?))",
    )
    .bind(&id)
    .bind(list.as_str())
    .bind(zh)
    .bind(en)
    .bind(list.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(id)
}

/// Removes an entry (projects filed under it keep its id; a rejection kept its words).
/// The entry removed, when there was one.
pub async fn remove(tx: &mut Tx, id: &str) -> Result<Option<(String, String)>, StoreError> {
    let row = sqlx::query("DELETE FROM project_lists WHERE id = ? RETURNING list, zh")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    row.map(|r| Ok((r.try_get("list")?, r.try_get("zh")?))).transpose()
}
