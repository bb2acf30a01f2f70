//! Surveys in storage: drafts, publication (questions frozen), closing, listing.
use crate::db::{Db, StoreError, Tx};
use app::core::time::now;
use app::surveys::model::{Question, Survey, SurveyKind, SurveyStatus};
use app::surveys::port::Listed;
use sqlx::sqlite::SqliteRow;
use sqlx::Row;
use sqlx::Sqlite;

/// A survey as written by its author (its id and status are the store's).
#[derive(Clone, Debug)]
pub struct NewSurvey<'a> {
    pub kind: SurveyKind,
    pub month: Option<&'a str>,
    pub created_by: &'a str,
    /// What the editor may change while it is a draft.
    pub draft: DraftEdit<'a>,
}

/// A draft's editable part, as saved by the editor.
#[derive(Clone, Debug)]
pub struct DraftEdit<'a> {
    pub area_code: &'a str,
    pub title: &'a str,
    pub intro: &'a str,
    pub questions: &'a [Question],
    pub anonymous: bool,
    pub verified_only: bool,
    pub editable: bool,
    pub opens_at: i64,
    pub closes_at: i64,
}

pub(super) fn survey_from(row: &SqliteRow) -> Result<Survey, StoreError> {
    let questions: String = row.try_get("questions")?;
    let questions: Vec<Question> =
        serde_json::from_str(&questions).map_err(|e| StoreError::corrupt("survey questions", e))?;
    let kind: String = row.try_get("kind")?;
    let status: String = row.try_get("status")?;
    Ok(Survey {
        id: row.try_get("id")?,
        kind: SurveyKind::parse(&kind).ok_or_else(|| StoreError::corrupt("survey kind", &kind))?,
        month: row.try_get("month")?,
        area_code: row.try_get("area_code")?,
        title: row.try_get("title")?,
        intro: row.try_get("intro")?,
        questions,
        anonymous: row.try_get::<i64, _>("anonymous")? == 1,
        verified_only: row.try_get::<i64, _>("verified_only")? == 1,
        editable: row.try_get::<i64, _>("editable")? == 1,
        opens_at: row.try_get("opens_at")?,
        closes_at: row.try_get("closes_at")?,
        status: SurveyStatus::parse(&status)
            .ok_or_else(|| StoreError::corrupt("survey status", &status))?,
    })
}

fn questions_json(q: &[Question]) -> Result<String, StoreError> {
    serde_json::to_string(q).map_err(|e| StoreError::corrupt("survey questions", e))
}

/// Stores a draft; returns its id. A second city survey for a month is
/// [`StoreError::Taken`].
pub async fn create(tx: &mut Tx, new: NewSurvey<'_>) -> Result<String, StoreError> {
    let id = crate::crypto::random_id();
    let NewSurvey { kind, month, created_by, draft } = new;
    let questions = questions_json(draft.questions)?;
    sqlx::query(
        "INSERT INTO surveys (id, kind, month, area_code, title, intro, questions, anonymous, \
         verified_only, editable, opens_at, closes_at, status, created_by, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(kind.as_str())
    .bind(month)
    .bind(draft.area_code)
    .bind(draft.title)
    .bind(draft.intro)
    .bind(questions)
    .bind(draft.anonymous as i64)
    .bind(draft.verified_only as i64)
    .bind(draft.editable as i64)
    .bind(draft.opens_at)
    .bind(draft.closes_at)
    .bind(SurveyStatus::Draft.as_str())
    .bind(created_by)
    .bind(now())
    .execute(&mut **tx)
    .await?;
    Ok(id)
}

/// The survey, from the pool (`db.reader()`) or under the write lock (`&mut **tx`).
pub async fn get<'e, E: sqlx::Executor<'e, Database = Sqlite>>(
    exec: E,
    id: &str,
) -> Result<Option<Survey>, StoreError> {
    let row =
        sqlx::query("SELECT * FROM surveys WHERE id = ?").bind(id).fetch_optional(exec).await?;
    row.as_ref().map(survey_from).transpose()
}

/// Publishes a draft (its questions are frozen from now on); `false` when it was not
/// a draft.
pub async fn publish(tx: &mut Tx, id: &str) -> Result<bool, StoreError> {
    advance(tx, id, SurveyStatus::Draft, SurveyStatus::Published, "published_at").await
}

/// Closes a published survey; `false` when it was not published.
pub async fn close(tx: &mut Tx, id: &str) -> Result<bool, StoreError> {
    advance(tx, id, SurveyStatus::Published, SurveyStatus::Closed, "closed_at").await
}

/// Moves a survey from `from` to `to`, stamping `stamp` with the time.
async fn advance(
    tx: &mut Tx,
    id: &str,
    from: SurveyStatus,
    to: SurveyStatus,
    stamp: &'static str,
) -> Result<bool, StoreError> {
    let done = sqlx::query(&format!(
        "UPDATE surveys SET status = ?, {stamp} = ? WHERE id = ? AND status = ?"
    ))
    .bind(to.as_str())
    .bind(now())
    .bind(id)
    .bind(from.as_str())
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(done == 1)
}

/// Saves a draft's settings and questions; `false` once it is published.
pub async fn update_draft(tx: &mut Tx, id: &str, edit: DraftEdit<'_>) -> Result<bool, StoreError> {
    let questions = questions_json(edit.questions)?;
    let done = sqlx::query(
        "UPDATE surveys SET area_code = ?, title = ?, intro = ?, questions = ?, anonymous = ?, \
         verified_only = ?, editable = ?, opens_at = ?, closes_at = ? WHERE id = ? AND status = ?",
    )
    .bind(edit.area_code)
    .bind(edit.title)
    .bind(edit.intro)
    .bind(questions)
    .bind(edit.anonymous as i64)
    .bind(edit.verified_only as i64)
    .bind(edit.editable as i64)
    .bind(edit.opens_at)
    .bind(edit.closes_at)
    .bind(id)
    .bind(SurveyStatus::Draft.as_str())
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(done == 1)
}

/// Deletes a draft and the answers kept for it (never a published survey).
pub async fn delete_draft(tx: &mut Tx, id: &str) -> Result<bool, StoreError> {
    let draft = SurveyStatus::Draft.as_str();
    sqlx::query(
        "DELETE FROM survey_drafts WHERE survey_id = ? \
         AND EXISTS (SELECT 1 FROM surveys WHERE id = ? AND status = ?)",
    )
    .bind(id)
    .bind(id)
    .bind(draft)
    .execute(&mut **tx)
    .await?;
    let done = sqlx::query("DELETE FROM surveys WHERE id = ? AND status = ?")
        .bind(id)
        .bind(draft)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    Ok(done == 1)
}

/// Every survey with its number of responses, newest first.
pub async fn list(db: &Db) -> Result<Vec<Listed>, StoreError> {
    let rows = sqlx::query(
        "SELECT s.*, (SELECT COUNT(*) FROM survey_responses r WHERE r.survey_id = s.id) AS responses \
         FROM surveys s ORDER BY s.opens_at DESC, s.created_at DESC",
    )
    .fetch_all(db.reader())
    .await?;
    rows.iter()
        .map(|r| Ok(Listed { survey: survey_from(r)?, responses: r.try_get("responses")? }))
        .collect()
}

/// Published surveys whose closing time has passed.
pub async fn due(db: &Db) -> Result<Vec<String>, StoreError> {
    Ok(sqlx::query_scalar("SELECT id FROM surveys WHERE status = ? AND closes_at <= ?")
        .bind(SurveyStatus::Published.as_str())
        .bind(now())
        .fetch_all(db.reader())
        .await?)
}
