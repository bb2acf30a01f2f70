//! Who took part and what was answered. The two live apart: for anonymous surveys the
//! tables share no id, keep no time finer than the day, and are keyed so that their
//! storage order is unrelated (participants by resident, answers by a random id), so
//! nothing in the database pairs a response with its resident.
use super::surveys::get;
use crate::db::{Db, StoreError, Tx};
use app::core::time::{china_date, now};
use app::surveys::model::Answers;
use app::surveys::port::Response;
use sqlx::{Row, Sqlite};

/// Who answers, from where.
#[derive(Clone, Debug)]
pub struct Respondent<'a> {
    pub resident_id: &'a str,
    pub community_code: Option<&'a str>,
    pub street_code: Option<&'a str>,
    /// The community whose share link brought the answer, when one did.
    pub via_community: Option<&'a str>,
}

/// What became of a submission.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Submitted {
    Stored,
    /// A named, editable survey: the earlier answers were replaced.
    Replaced,
    AlreadyAnswered,
    /// Not published, not yet open, or closed.
    NotOpen,
    NoSuchSurvey,
}

fn answers_from(json: &str) -> Result<Answers, StoreError> {
    serde_json::from_str(json).map_err(|e| StoreError::corrupt("survey answers", e))
}

/// Stores one resident's answers, once. Checked under the write lock, so of any number
/// of concurrent submissions by one resident exactly one is stored.
pub async fn submit(
    db: &Db,
    survey_id: &str,
    who: Respondent<'_>,
    answers: &Answers,
) -> Result<Submitted, StoreError> {
    let json =
        serde_json::to_string(answers).map_err(|e| StoreError::corrupt("survey answers", e))?;
    let t = now();
    let day = china_date(t);
    let mut tx = db.begin_write().await?;
    let Some(survey) = get(&mut *tx, survey_id).await? else {
        return Ok(Submitted::NoSuchSurvey);
    };
    if !survey.is_open(t) {
        return Ok(Submitted::NotOpen);
    }
    if answered(&mut *tx, survey_id, who.resident_id).await? {
        if !survey.editable || survey.anonymous {
            return Ok(Submitted::AlreadyAnswered);
        }
        sqlx::query("UPDATE survey_responses SET answers = ?, day = ? WHERE survey_id = ? AND resident_id = ?")
            .bind(&json)
            .bind(&day)
            .bind(survey_id)
            .bind(who.resident_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        return Ok(Submitted::Replaced);
    }
    sqlx::query("INSERT INTO survey_participants (survey_id, resident_id, day) VALUES (?, ?, ?)")
        .bind(survey_id)
        .bind(who.resident_id)
        .bind(&day)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO survey_responses (id, survey_id, resident_id, community_code, street_code, \
         day, answers, via_community) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(crate::crypto::random_id())
    .bind(survey_id)
    .bind((!survey.anonymous).then_some(who.resident_id))
    .bind(who.community_code)
    .bind(who.street_code)
    .bind(&day)
    .bind(&json)
    .bind(who.via_community)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Submitted::Stored)
}

/// Has the resident taken part, from the pool or inside a transaction?
pub async fn answered<'e, E: sqlx::Executor<'e, Database = Sqlite>>(
    exec: E,
    survey_id: &str,
    resident_id: &str,
) -> Result<bool, StoreError> {
    let n: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM survey_participants WHERE survey_id = ? AND resident_id = ?",
    )
    .bind(survey_id)
    .bind(resident_id)
    .fetch_optional(exec)
    .await?;
    Ok(n.is_some())
}

/// A resident's own answers to a named survey (to change them while it is open).
pub async fn own(
    db: &Db,
    survey_id: &str,
    resident_id: &str,
) -> Result<Option<Answers>, StoreError> {
    let json: Option<String> = sqlx::query_scalar(
        "SELECT answers FROM survey_responses WHERE survey_id = ? AND resident_id = ?",
    )
    .bind(survey_id)
    .bind(resident_id)
    .fetch_optional(db.reader())
    .await?;
    json.as_deref().map(answers_from).transpose()
}

/// Every response with where it came from, in no particular order.
pub async fn all(db: &Db, survey_id: &str) -> Result<Vec<Response>, StoreError> {
    let rows = sqlx::query(
        "SELECT community_code, street_code, via_community, answers FROM survey_responses WHERE survey_id = ?",
    )
    .bind(survey_id)
    .fetch_all(db.reader())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Response {
                community: r.try_get("community_code")?,
                street: r.try_get("street_code")?,
                via: r.try_get("via_community")?,
                answers: answers_from(&r.try_get::<String, _>("answers")?)?,
            })
        })
        .collect()
}

/// The street and answers of every response, read inside a transaction (closing the
/// monthly survey feeds them to the index).
pub async fn by_street(
    tx: &mut Tx,
    survey_id: &str,
) -> Result<Vec<(Option<String>, Answers)>, StoreError> {
    let rows = sqlx::query("SELECT street_code, answers FROM survey_responses WHERE survey_id = ?")
        .bind(survey_id)
        .fetch_all(&mut **tx)
        .await?;
    rows.iter()
        .map(|r| {
            Ok((r.try_get("street_code")?, answers_from(&r.try_get::<String, _>("answers")?)?))
        })
        .collect()
}

/// Account deletion: participation goes, named answers stay for the published results,
/// no longer tied to anyone.
pub async fn forget(tx: &mut Tx, resident: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM survey_participants WHERE resident_id = ?")
        .bind(resident)
        .execute(&mut **tx)
        .await?;
    sqlx::query("UPDATE survey_responses SET resident_id = NULL WHERE resident_id = ?")
        .bind(resident)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Account merge: `from`'s participation and named answers become `into`'s. Where both
/// took part in a survey, `into`'s stay and `from`'s named answers are unlinked.
pub async fn merge(tx: &mut Tx, from: &str, into: &str) -> Result<(), StoreError> {
    sqlx::query("UPDATE OR IGNORE survey_participants SET resident_id = ? WHERE resident_id = ?")
        .bind(into)
        .bind(from)
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM survey_participants WHERE resident_id = ?")
        .bind(from)
        .execute(&mut **tx)
        .await?;
    sqlx::query("UPDATE OR IGNORE survey_responses SET resident_id = ? WHERE resident_id = ?")
        .bind(into)
        .bind(from)
        .execute(&mut **tx)
        .await?;
    sqlx::query("UPDATE survey_responses SET resident_id = NULL WHERE resident_id = ?")
        .bind(from)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
