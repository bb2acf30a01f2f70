//! A project's timeline in storage (append-only: triggers refuse changes).
use super::projects::{negative_from, negative_json};
use crate::db::{StoreError, Tx};
use app::core::access::Role;
use app::projects::model::{Actor, Event, EventKind, ListEntry};
use sqlx::{Row, Sqlite};

/// Appends a step inside the change's transaction.
pub async fn append(
    tx: &mut Tx,
    project: &str,
    at: i64,
    actor: &Actor,
    kind: EventKind,
    reason: Option<&str>,
    negative: Option<&ListEntry>,
) -> Result<(), StoreError> {
    let (who, role, area) = match actor {
        Actor::Author => ("author", None, None),
        Actor::Site => ("site", None, None),
        Actor::Staff { role, area } => ("staff", Some(role.as_str()), Some(area.as_str())),
    };
    sqlx::query(
        "INSERT INTO project_events (project_id, at, actor, role, area_code, kind, reason, negative) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(project)
    .bind(at)
    .bind(who)
    .bind(role)
    .bind(area)
    .bind(kind.as_str())
    .bind(reason)
    .bind(negative_json(negative)?)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The timeline, oldest first.
pub async fn of<'e, E>(db: E, project: &str) -> Result<Vec<Event>, StoreError>
where
    E: sqlx::Executor<'e, Database = Sqlite>,
{
    let rows = sqlx::query(
        "SELECT at, actor, role, area_code, kind, reason, negative FROM project_events \
         WHERE project_id = ? ORDER BY seq",
    )
    .bind(project)
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|r| {
            let actor: String = r.try_get("actor")?;
            let actor = match actor.as_str() {
                "author" => Actor::Author,
                "site" => Actor::Site,
                _ => {
                    let role: Option<String> = r.try_get("role")?;
                    let role = role.as_deref().and_then(Role::parse);
                    let role = role.ok_or_else(|| StoreError::corrupt("event role", &actor))?;
                    Actor::Staff {
                        role,
                        area: r.try_get::<Option<String>, _>("area_code")?.unwrap_or_default(),
                    }
                }
            };
            let kind: String = r.try_get("kind")?;
            Ok(Event {
                at: r.try_get("at")?,
                actor,
                kind: EventKind::parse(&kind)
                    .ok_or_else(|| StoreError::corrupt("event kind", &kind))?,
                reason: r.try_get("reason")?,
                negative: negative_from(r.try_get("negative")?)?,
            })
        })
        .collect()
}
