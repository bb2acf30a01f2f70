//! Council meetings in storage.
use crate::db::{StoreError, Tx};
use app::projects::model::{Meeting, MeetingOutcome};
use app::projects::rules::council::Meeting as Recorded;
use sqlx::{Row, Sqlite};

/// Stores a meeting and its outcomes; returns its id.
pub async fn add(
    tx: &mut Tx,
    community: &str,
    m: &Recorded,
    at: i64,
) -> Result<String, StoreError> {
    let id = crate::crypto::random_id();
    sqlx::query(
        "INSERT INTO council_meetings (id, community_code, held_on, attendees, minutes, recorded_at) \
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(community)
    .bind(&m.held_on)
    .bind(m.attendees)
    .bind(&m.minutes)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    for (project, outcome, reason) in &m.outcomes {
        sqlx::query("INSERT INTO council_outcomes (meeting_id, project_id, outcome, reason) VALUES (?, ?, ?, ?)")
            .bind(&id)
            .bind(project)
            .bind(outcome.as_str())
            .bind(reason)
            .execute(&mut **tx)
            .await?;
    }
    Ok(id)
}

/// A community's meetings, the newest first, with their outcomes.
pub async fn of<'e, E>(db: E, community: &str) -> Result<Vec<Meeting>, StoreError>
where
    E: sqlx::Executor<'e, Database = Sqlite> + Copy,
{
    let rows = sqlx::query(
        "SELECT id, held_on, attendees, minutes FROM council_meetings WHERE community_code = ? \
         ORDER BY held_on DESC, recorded_at DESC",
    )
    .bind(community)
    .fetch_all(db)
    .await?;
    let mut out = Vec::new();
    for r in rows {
        let id: String = r.try_get("id")?;
        let outcomes = sqlx::query(
            "SELECT o.project_id, p.title, o.outcome, o.reason FROM council_outcomes o \
             JOIN projects p ON p.id = o.project_id WHERE o.meeting_id = ? ORDER BY p.title",
        )
        .bind(&id)
        .fetch_all(db)
        .await?
        .iter()
        .map(|o| {
            Ok(MeetingOutcome {
                project: o.try_get("project_id")?,
                title: o.try_get("title")?,
                outcome: o.try_get("outcome")?,
                reason: o.try_get("reason")?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
        out.push(Meeting {
            id,
            community_code: community.to_string(),
            held_on: r.try_get("held_on")?,
            attendees: r.try_get("attendees")?,
            minutes: r.try_get("minutes")?,
            outcomes,
        });
    }
    Ok(out)
}
