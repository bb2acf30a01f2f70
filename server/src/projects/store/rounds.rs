//! Budget rounds and their ballots in storage. A ballot is stored under the voter's
//! participation mark in the round, never under an account.
use crate::db::{StoreError, Tx};
use app::projects::model::{BallotKind, Candidate, Round, TallyRule};
use app::projects::rules::round::RoundSpec;
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, Sqlite};

/// Stores a round and its projects; returns its id.
pub async fn add(
    tx: &mut Tx,
    community: &str,
    spec: &RoundSpec,
    at: i64,
) -> Result<String, StoreError> {
    let id = crate::crypto::random_id();
    let at_most = match spec.kind {
        BallotKind::Approval { at_most } => at_most.map(i64::from),
        BallotKind::Knapsack => None,
    };
    sqlx::query(
        "INSERT INTO budget_rounds (id, community_code, title, budget, opens_at, closes_at, \
         ballot, at_most, rule, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(community)
    .bind(&spec.title)
    .bind(spec.budget)
    .bind(spec.opens_at)
    .bind(spec.closes_at)
    .bind(spec.kind.as_str())
    .bind(at_most)
    .bind(spec.rule.as_str())
    .bind(at)
    .execute(&mut **tx)
    .await?;
    for (i, project) in spec.projects.iter().enumerate() {
        sqlx::query("INSERT INTO round_projects (round_id, project_id, position) VALUES (?, ?, ?)")
            .bind(&id)
            .bind(project)
            .bind(i as i64)
            .execute(&mut **tx)
            .await?;
    }
    Ok(id)
}

fn round_from(r: &SqliteRow) -> Result<Round, StoreError> {
    let at_most: Option<i64> = r.try_get("at_most")?;
    let kind = match r.try_get::<String, _>("ballot")?.as_str() {
        "knapsack" => BallotKind::Knapsack,
        _ => BallotKind::Approval { at_most: at_most.map(|k| k as u32) },
    };
    let rule: String = r.try_get("rule")?;
    Ok(Round {
        id: r.try_get("id")?,
        community_code: r.try_get("community_code")?,
        title: r.try_get("title")?,
        budget: r.try_get("budget")?,
        opens_at: r.try_get("opens_at")?,
        closes_at: r.try_get("closes_at")?,
        kind,
        rule: TallyRule::parse(&rule).ok_or_else(|| StoreError::corrupt("round rule", &rule))?,
    })
}

const ROUND: &str = "SELECT id, community_code, title, budget, opens_at, closes_at, ballot, \
                     at_most, rule FROM budget_rounds";

pub async fn get<'e, E>(db: E, id: &str) -> Result<Option<Round>, StoreError>
where
    E: sqlx::Executor<'e, Database = Sqlite>,
{
    let row = sqlx::query(&format!("{ROUND} WHERE id = ?")).bind(id).fetch_optional(db).await?;
    row.as_ref().map(round_from).transpose()
}

/// A community's rounds (every community's with `None`), the latest opening first.
pub async fn list<'e, E>(db: E, community: Option<&str>) -> Result<Vec<Round>, StoreError>
where
    E: sqlx::Executor<'e, Database = Sqlite>,
{
    let rows = sqlx::query(&format!(
        "{ROUND} WHERE ?1 IS NULL OR community_code = ?1 ORDER BY opens_at DESC, id"
    ))
    .bind(community)
    .fetch_all(db)
    .await?;
    rows.iter().map(round_from).collect()
}

/// The projects on a round's ballot, in the committee's order.
pub async fn candidates<'e, E>(db: E, round: &str) -> Result<Vec<Candidate>, StoreError>
where
    E: sqlx::Executor<'e, Database = Sqlite>,
{
    let rows = sqlx::query(
        "SELECT p.id, p.title, p.cost FROM round_projects r JOIN projects p ON p.id = r.project_id \
         WHERE r.round_id = ? ORDER BY r.position",
    )
    .bind(round)
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Candidate {
                id: r.try_get("id")?,
                title: r.try_get("title")?,
                cost: r.try_get("cost")?,
            })
        })
        .collect()
}

/// The ids of projects already in a round.
pub async fn in_rounds<'e, E>(db: E) -> Result<Vec<String>, StoreError>
where
    E: sqlx::Executor<'e, Database = Sqlite>,
{
    Ok(sqlx::query_scalar("SELECT project_id FROM round_projects").fetch_all(db).await?)
}

fn choices(text: &str) -> Result<Vec<String>, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::corrupt("ballot", e))
}

/// Every ballot of a round as (voter mark, chosen project ids), in mark order: an order
/// nobody can tie to the order ballots came in.
pub async fn ballots<'e, E>(db: E, round: &str) -> Result<Vec<(String, Vec<String>)>, StoreError>
where
    E: sqlx::Executor<'e, Database = Sqlite>,
{
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT voter, choices FROM round_ballots WHERE round_id = ? ORDER BY voter",
    )
    .bind(round)
    .fetch_all(db)
    .await?;
    rows.into_iter().map(|(v, c)| Ok((v, choices(&c)?))).collect()
}

/// The ballot cast under one of these marks, if any: (its mark, its choices).
pub async fn ballot_of<'e, E>(
    db: E,
    round: &str,
    marks: &[String],
) -> Result<Option<(String, Vec<String>)>, StoreError>
where
    E: sqlx::Executor<'e, Database = Sqlite>,
{
    let marks = serde_json::to_string(marks).map_err(|e| StoreError::corrupt("marks", e))?;
    let row: Option<(String, String)> = sqlx::query_as(
        "SELECT voter, choices FROM round_ballots WHERE round_id = ? \
         AND voter IN (SELECT value FROM json_each(?)) ORDER BY voter LIMIT 1",
    )
    .bind(round)
    .bind(marks)
    .fetch_optional(db)
    .await?;
    row.map(|(v, c)| Ok((v, choices(&c)?))).transpose()
}

/// Casts or replaces the ballot stored under `voter`.
pub async fn cast(
    tx: &mut Tx,
    round: &str,
    voter: &str,
    chosen: &[String],
    at: i64,
) -> Result<(), StoreError> {
    let chosen = serde_json::to_string(chosen).map_err(|e| StoreError::corrupt("ballot", e))?;
    sqlx::query(
        "INSERT INTO round_ballots (round_id, voter, choices, cast_at) VALUES (?, ?, ?, ?) \
         ON CONFLICT (round_id, voter) DO UPDATE SET choices = excluded.choices, cast_at = excluded.cast_at",
    )
    .bind(round)
    .bind(voter)
    .bind(chosen)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
