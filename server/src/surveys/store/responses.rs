//! Who took part and what was answered. The two live apart: for anonymous surveys the
//! tables share no id, keep no time at all, keep no area below the street with the
//! answers, and are keyed so that their storage order is unrelated (participants by
//! resident, answers by a random id), so nothing in the database pairs a response with
//! its resident. The guarantee of one answer each is the person's marks
//! (`participation`), which name no account and outlive it until the survey closes.
use super::surveys::get;
use crate::audit::{self, Audit};
use crate::db::{Db, StoreError, Tx};
use crate::participation::store as participation;
use crate::participation::Activity;
use app::core::access::{StaffUser, Verification};
use app::core::time::now;
use app::surveys::model::Answers;
use app::surveys::port::{NamedResponse, Response};
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

/// Stores one resident's answers, once, inside the caller's transaction (which holds
/// the write lock, so of any number of concurrent submissions by one person exactly
/// one is stored). `marks` are the person's marks in this survey (`participation`):
/// any of them already left means they took part, whichever account they used.
pub async fn submit(
    tx: &mut Tx,
    survey_id: &str,
    who: Respondent<'_>,
    answers: &Answers,
    marks: &[String],
) -> Result<Submitted, StoreError> {
    let json =
        serde_json::to_string(answers).map_err(|e| StoreError::corrupt("survey answers", e))?;
    let Some(survey) = get(&mut **tx, survey_id).await? else {
        return Ok(Submitted::NoSuchSurvey);
    };
    if !survey.is_open(now()) {
        return Ok(Submitted::NotOpen);
    }
    let activity = Activity::Survey(survey_id);
    let taken = participation::taken(&mut **tx, activity, marks).await?
        || answered(&mut **tx, survey_id, who.resident_id).await?;
    if taken {
        if !survey.editable || survey.anonymous {
            return Ok(Submitted::AlreadyAnswered);
        }
        // A named, editable survey: this account's own answers may change (marks left
        // by a deleted account of the same person have no answers to change).
        let changed = sqlx::query(
            "UPDATE survey_responses SET answers = ? WHERE survey_id = ? AND resident_id = ?",
        )
        .bind(&json)
        .bind(survey_id)
        .bind(who.resident_id)
        .execute(&mut **tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Ok(Submitted::AlreadyAnswered);
        }
        participation::leave(tx, activity, marks).await?;
        return Ok(Submitted::Replaced);
    }
    participation::leave(tx, activity, marks).await?;
    sqlx::query("INSERT INTO survey_participants (survey_id, resident_id) VALUES (?, ?)")
        .bind(survey_id)
        .bind(who.resident_id)
        .execute(&mut **tx)
        .await?;
    // Anonymous answers keep the street only: nothing finer, no account, no time.
    let named = !survey.anonymous;
    sqlx::query(
        "INSERT INTO survey_responses (id, survey_id, resident_id, community_code, street_code, \
         answers, via_community) VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(crate::crypto::random_id())
    .bind(survey_id)
    .bind(named.then_some(who.resident_id))
    .bind(who.community_code.filter(|_| named))
    .bind(who.street_code)
    .bind(&json)
    .bind(who.via_community.filter(|_| named))
    .execute(&mut **tx)
    .await?;
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

/// Every survey a resident has taken part in (their participation history).
pub async fn taken_by(db: &Db, resident_id: &str) -> Result<Vec<String>, StoreError> {
    Ok(sqlx::query_scalar("SELECT survey_id FROM survey_participants WHERE resident_id = ?")
        .bind(resident_id)
        .fetch_all(db.reader())
        .await?)
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

/// A named survey's responses with who gave them (the name and address they gave
/// for verification, the end of their number), for its committee: a read of personal
/// data, so the audit line is written first and nothing is read unless it is. An
/// anonymous survey's rows name no one, and the query asks for named surveys only.
pub async fn named(
    db: &Db,
    me: &StaffUser,
    survey_id: &str,
) -> Result<Vec<NamedResponse>, StoreError> {
    let mut tx = db.begin_write().await?;
    audit::write(&mut tx, Audit::by(me, "survey.respondents.view", survey_id)).await?;
    tx.commit().await?;
    let rows = sqlx::query(
        "SELECT r.community_code, p.phone_tail, p.claim_name, p.claim_address, p.verification, r.answers \
         FROM survey_responses r JOIN surveys s ON s.id = r.survey_id \
         LEFT JOIN residents p ON p.id = r.resident_id \
         WHERE r.survey_id = ? AND s.anonymous = 0 AND r.resident_id IS NOT NULL \
         ORDER BY r.community_code, p.claim_name, p.phone_tail",
    )
    .bind(survey_id)
    .fetch_all(db.reader())
    .await?;
    rows.iter()
        .map(|r| {
            let state: Option<String> = r.try_get("verification")?;
            Ok(NamedResponse {
                community: r.try_get("community_code")?,
                name: r.try_get("claim_name")?,
                address: r.try_get("claim_address")?,
                phone_tail: r.try_get("phone_tail")?,
                verified: state.as_deref() == Some(Verification::Verified.as_str()),
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

/// Account deletion: the resident's record of taking part goes and named answers stay
/// for the published results, no longer tied to anyone. The marks stay until each
/// survey closes (one person, one answer, even after deleting the account).
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

/// What a resident's data export shows of their surveys: each one taken part in
/// (id, title) with their answers when the survey was named (anonymous answers are
/// not linked to anyone, so they cannot be found).
pub async fn held_by(
    db: &crate::db::Db,
    resident: &str,
) -> Result<Vec<(String, String, Option<String>)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT p.survey_id, s.title, r.answers FROM survey_participants p \
         JOIN surveys s ON s.id = p.survey_id \
         LEFT JOIN survey_responses r ON r.survey_id = p.survey_id AND r.resident_id = p.resident_id \
         WHERE p.resident_id = ? ORDER BY s.opens_at, p.survey_id",
    )
    .bind(resident)
    .fetch_all(db.reader())
    .await?)
}

/// The surveys still open for answers that a resident has taken part in.
pub async fn open_taken_by(tx: &mut Tx, resident: &str) -> Result<Vec<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT p.survey_id FROM survey_participants p JOIN surveys s ON s.id = p.survey_id \
         WHERE p.resident_id = ? AND s.status = ?",
    )
    .bind(resident)
    .bind(app::surveys::model::SurveyStatus::Published.as_str())
    .fetch_all(&mut **tx)
    .await?)
}

/// Every (survey, resident) of the surveys still open: marks are made from these for
/// records older than marks.
pub async fn open_participants(tx: &mut Tx) -> Result<Vec<(String, String)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT p.survey_id, p.resident_id FROM survey_participants p \
         JOIN surveys s ON s.id = p.survey_id WHERE s.status = ?",
    )
    .bind(app::surveys::model::SurveyStatus::Published.as_str())
    .fetch_all(&mut **tx)
    .await?)
}
