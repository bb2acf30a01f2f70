//! Surveys and their responses. Callers check definitions and answers with
//! `app::survey` first; this layer keeps the promises that need the database: a
//! published survey's questions never change, each resident answers once (also under
//! concurrent submissions), and an anonymous response cannot be paired with the
//! resident who gave it.
use super::accounts::now;
use super::{Db, StorageError};
use crate::domain::observation_import::Period;
use crate::domain::survey_feed::monthly_observations;
use app::areas::AreaTree;
use app::survey::{Answers, Question, Survey, SurveyKind, SurveyStatus};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;

/// A survey as written by its author (its id and status are the store's).
#[derive(Clone, Debug)]
pub struct NewSurvey<'a> {
    pub kind: SurveyKind,
    pub month: Option<&'a str>,
    pub created_by: &'a str,
    /// What the editor may change while it is a draft.
    pub draft: DraftEdit<'a>,
}

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

/// Why a survey could not be closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CloseRefusal {
    NoSuchSurvey,
    NotPublished,
}

/// Why a survey could not be published.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PublishRefusal {
    NoSuchSurvey,
    NotDraft,
}

fn survey_from(row: &SqliteRow) -> Result<Survey, StorageError> {
    let questions: String = row.try_get("questions")?;
    let questions: Vec<Question> =
        serde_json::from_str(&questions).map_err(|e| StorageError::Corrupt(format!("survey questions: {e}")))?;
    let kind: String = row.try_get("kind")?;
    let status: String = row.try_get("status")?;
    Ok(Survey {
        id: row.try_get("id")?,
        kind: SurveyKind::parse(&kind).ok_or_else(|| StorageError::Corrupt(format!("survey kind {kind}")))?,
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
        status: SurveyStatus::parse(&status).ok_or_else(|| StorageError::Corrupt(format!("survey status {status}")))?,
    })
}

/// 32 random hex digits.
fn random_id() -> String {
    crate::auth::crypto::random_id()
}

/// A share link's code: 10 characters of an alphabet without look-alikes (about 50
/// bits), short enough to read off a poster.
fn link_code() -> String {
    const ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";
    // Bytes of 248 and above are dropped so that every character is equally likely.
    let limit = (256 / ALPHABET.len() * ALPHABET.len()) as u8;
    let mut code = String::with_capacity(10);
    while code.len() < 10 {
        for b in crate::auth::crypto::random_bytes::<16>() {
            if b < limit && code.len() < 10 {
                code.push(ALPHABET[b as usize % ALPHABET.len()] as char);
            }
        }
    }
    code
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

/// One stored response, for results and exports (never with its resident).
#[derive(Clone, Debug)]
pub struct ResponseRow {
    pub community_code: Option<String>,
    pub street_code: Option<String>,
    pub via_community: Option<String>,
    pub answers: Answers,
}

impl Db {
    /// Stores a draft; returns its id.
    pub async fn survey_create(&self, new: NewSurvey<'_>) -> Result<String, StorageError> {
        let id = random_id();
        let NewSurvey { kind, month, created_by, draft: new } = new;
        let questions = serde_json::to_string(new.questions).map_err(|e| StorageError::Corrupt(e.to_string()))?;
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO surveys (id, kind, month, area_code, title, intro, questions, anonymous, verified_only, editable, \
             opens_at, closes_at, status, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?)",
        )
        .bind(&id)
        .bind(kind.as_str())
        .bind(month)
        .bind(new.area_code)
        .bind(new.title)
        .bind(new.intro)
        .bind(questions)
        .bind(new.anonymous as i64)
        .bind(new.verified_only as i64)
        .bind(new.editable as i64)
        .bind(new.opens_at)
        .bind(new.closes_at)
        .bind(created_by)
        .bind(now())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn survey(&self, id: &str) -> Result<Option<Survey>, StorageError> {
        let row = sqlx::query("SELECT * FROM surveys WHERE id = ?").bind(id).fetch_optional(self.reader()).await?;
        row.as_ref().map(survey_from).transpose()
    }

    /// Publishes a draft: from now on its questions are frozen.
    pub async fn survey_publish(&self, id: &str) -> Result<Result<(), PublishRefusal>, StorageError> {
        let mut tx = self.begin_write().await?;
        let status: Option<String> = sqlx::query_scalar("SELECT status FROM surveys WHERE id = ?").bind(id).fetch_optional(&mut *tx).await?;
        match status.as_deref() {
            None => return Ok(Err(PublishRefusal::NoSuchSurvey)),
            Some("draft") => {}
            Some(_) => return Ok(Err(PublishRefusal::NotDraft)),
        }
        sqlx::query("UPDATE surveys SET status = 'published', published_at = ? WHERE id = ?").bind(now()).bind(id).execute(&mut *tx).await?;
        // A share link for every community of the survey's area.
        let area: String = sqlx::query_scalar("SELECT area_code FROM surveys WHERE id = ?").bind(id).fetch_one(&mut *tx).await?;
        let tree = AreaTree::new(super::areas::load(&mut *tx).await?);
        let mut communities = tree.descendants(&area, app::areas::Level::Community);
        if let Some(a) = tree.get(&area).filter(|a| a.level == app::areas::Level::Community) {
            communities.push(a);
        }
        for c in communities {
            sqlx::query("INSERT INTO survey_links (code, survey_id, community_code) VALUES (?, ?, ?)")
                .bind(link_code())
                .bind(id)
                .bind(&c.code)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(Ok(()))
    }

    /// Stores one resident's answers, once. Checked under the write lock, so of any
    /// number of concurrent submissions by one resident exactly one is stored.
    pub async fn survey_submit(&self, survey_id: &str, who: Respondent<'_>, answers: &Answers) -> Result<Submitted, StorageError> {
        let json = serde_json::to_string(answers).map_err(|e| StorageError::Corrupt(e.to_string()))?;
        let t = now();
        let day = app::accounts::china_date(t);
        let mut tx = self.begin_write().await?;
        let Some(row) = sqlx::query("SELECT * FROM surveys WHERE id = ?").bind(survey_id).fetch_optional(&mut *tx).await? else {
            return Ok(Submitted::NoSuchSurvey);
        };
        let survey = survey_from(&row)?;
        if !survey.is_open(t) {
            return Ok(Submitted::NotOpen);
        }
        let taken: Option<i64> = sqlx::query_scalar("SELECT 1 FROM survey_participants WHERE survey_id = ? AND resident_id = ?")
            .bind(survey_id)
            .bind(who.resident_id)
            .fetch_optional(&mut *tx)
            .await?;
        if taken.is_some() {
            if survey.editable && !survey.anonymous {
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
            return Ok(Submitted::AlreadyAnswered);
        }
        sqlx::query("INSERT INTO survey_participants (survey_id, resident_id, day) VALUES (?, ?, ?)")
            .bind(survey_id)
            .bind(who.resident_id)
            .bind(&day)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO survey_responses (id, survey_id, resident_id, community_code, street_code, day, answers, via_community) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(random_id())
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

    /// Closes a published survey (when its time is up, or early). Closing the city's
    /// monthly survey also writes that month's survey indicators for every street
    /// with at least `min_responses` responses and recomputes the monthly index, in
    /// the same transaction. Returns how many observations were written.
    pub async fn survey_close(&self, id: &str, min_responses: usize) -> Result<Result<usize, CloseRefusal>, StorageError> {
        let mut tx = self.begin_write().await?;
        let Some(row) = sqlx::query("SELECT * FROM surveys WHERE id = ?").bind(id).fetch_optional(&mut *tx).await? else {
            return Ok(Err(CloseRefusal::NoSuchSurvey));
        };
        let survey = survey_from(&row)?;
        if survey.status != SurveyStatus::Published {
            return Ok(Err(CloseRefusal::NotPublished));
        }
        sqlx::query("UPDATE surveys SET status = 'closed', closed_at = ? WHERE id = ?").bind(now()).bind(id).execute(&mut *tx).await?;
        let month = survey.month.as_deref().and_then(Period::parse).filter(|p| matches!(p, Period::Month(_)));
        let mut written = 0;
        if let (SurveyKind::CityMonthly, Some(month)) = (survey.kind, month) {
            let rows = sqlx::query("SELECT street_code, answers FROM survey_responses WHERE survey_id = ?").bind(id).fetch_all(&mut *tx).await?;
            let mut responses: Vec<(Option<String>, Answers)> = Vec::with_capacity(rows.len());
            for r in &rows {
                let answers: String = r.try_get("answers")?;
                let answers = serde_json::from_str(&answers).map_err(|e| StorageError::Corrupt(format!("survey answers: {e}")))?;
                responses.push((r.try_get("street_code")?, answers));
            }
            let tree = AreaTree::new(super::areas::load(&mut *tx).await?);
            let Some(m) = super::methodology::in_force(&mut *tx).await? else {
                return Err(StorageError::Corrupt("no methodology in force".into()));
            };
            let observations = monthly_observations(
                month,
                &survey.questions,
                responses.iter().map(|(s, a)| (s.as_deref(), a)),
                |s| tree.get(s).map(|a| a.population),
                min_responses,
            );
            if !observations.is_empty() {
                super::observations::apply(&mut tx, &m, &tree, &observations, &|_| {}).await?;
            }
            written = observations.len();
        }
        tx.commit().await?;
        Ok(Ok(written))
    }

    /// Has this resident answered this survey?
    pub async fn survey_answered(&self, survey_id: &str, resident_id: &str) -> Result<bool, StorageError> {
        let n: Option<i64> = sqlx::query_scalar("SELECT 1 FROM survey_participants WHERE survey_id = ? AND resident_id = ?")
            .bind(survey_id)
            .bind(resident_id)
            .fetch_optional(self.reader())
            .await?;
        Ok(n.is_some())
    }

    /// Saves a draft's settings and questions; `false` once it is published.
    pub async fn survey_update_draft(&self, id: &str, edit: DraftEdit<'_>) -> Result<bool, StorageError> {
        let questions = serde_json::to_string(edit.questions).map_err(|e| StorageError::Corrupt(e.to_string()))?;
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE surveys SET area_code = ?, title = ?, intro = ?, questions = ?, anonymous = ?, verified_only = ?, editable = ?, \
             opens_at = ?, closes_at = ? WHERE id = ? AND status = 'draft'",
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
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(done == 1)
    }

    /// Deletes a draft (never a published survey).
    pub async fn survey_delete_draft(&self, id: &str) -> Result<bool, StorageError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM survey_drafts WHERE survey_id = ? AND EXISTS (SELECT 1 FROM surveys WHERE id = ? AND status = 'draft')")
            .bind(id)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let done = sqlx::query("DELETE FROM surveys WHERE id = ? AND status = 'draft'").bind(id).execute(&mut *tx).await?.rows_affected();
        tx.commit().await?;
        Ok(done == 1)
    }

    /// Every survey with its number of responses, newest first.
    pub async fn survey_list(&self) -> Result<Vec<(Survey, i64)>, StorageError> {
        let rows = sqlx::query(
            "SELECT s.*, (SELECT COUNT(*) FROM survey_responses r WHERE r.survey_id = s.id) AS responses \
             FROM surveys s ORDER BY s.opens_at DESC, s.created_at DESC",
        )
        .fetch_all(self.reader())
        .await?;
        rows.iter().map(|r| Ok((survey_from(r)?, r.try_get("responses")?))).collect()
    }

    /// Closes every published survey whose closing time has passed; returns their ids.
    pub async fn survey_close_due(&self, min_responses: usize) -> Result<Vec<String>, StorageError> {
        let due: Vec<String> = sqlx::query_scalar("SELECT id FROM surveys WHERE status = 'published' AND closes_at <= ?")
            .bind(now())
            .fetch_all(self.reader())
            .await?;
        let mut closed = Vec::new();
        for id in due {
            if self.survey_close(&id, min_responses).await?.is_ok() {
                closed.push(id);
            }
        }
        Ok(closed)
    }

    /// The share links of a survey: (community, code).
    pub async fn survey_links(&self, survey_id: &str) -> Result<Vec<(String, String)>, StorageError> {
        let rows = sqlx::query("SELECT community_code, code FROM survey_links WHERE survey_id = ? ORDER BY community_code")
            .bind(survey_id)
            .fetch_all(self.reader())
            .await?;
        rows.iter().map(|r| Ok((r.try_get("community_code")?, r.try_get("code")?))).collect()
    }

    /// The survey and community of a share link.
    pub async fn survey_link(&self, code: &str) -> Result<Option<(String, String)>, StorageError> {
        let row = sqlx::query("SELECT survey_id, community_code FROM survey_links WHERE code = ?").bind(code).fetch_optional(self.reader()).await?;
        row.map(|r| Ok((r.try_get("survey_id")?, r.try_get("community_code")?))).transpose()
    }

    /// Keeps a browser's posted form until its resident has signed in.
    pub async fn survey_draft_put(&self, token_hash: &str, survey_id: &str, form: &[(String, String)]) -> Result<(), StorageError> {
        let json = serde_json::to_string(form).map_err(|e| StorageError::Corrupt(e.to_string()))?;
        let mut tx = self.begin_write().await?;
        sqlx::query("INSERT OR REPLACE INTO survey_drafts (token_hash, survey_id, form, created_at) VALUES (?, ?, ?, ?)")
            .bind(token_hash)
            .bind(survey_id)
            .bind(json)
            .bind(now())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn survey_draft(&self, token_hash: &str, survey_id: &str) -> Result<Option<Vec<(String, String)>>, StorageError> {
        let form: Option<String> = sqlx::query_scalar("SELECT form FROM survey_drafts WHERE token_hash = ? AND survey_id = ? AND created_at >= ?")
            .bind(token_hash)
            .bind(survey_id)
            .bind(now() - 86_400)
            .fetch_optional(self.reader())
            .await?;
        form.map(|f| serde_json::from_str(&f).map_err(|e| StorageError::Corrupt(format!("survey draft: {e}")))).transpose()
    }

    pub async fn survey_draft_delete(&self, token_hash: &str, survey_id: &str) -> Result<(), StorageError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM survey_drafts WHERE token_hash = ? AND survey_id = ?").bind(token_hash).bind(survey_id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A resident's own answers to a named survey (to change them while it is open).
    pub async fn survey_own_answers(&self, survey_id: &str, resident_id: &str) -> Result<Option<Answers>, StorageError> {
        let json: Option<String> = sqlx::query_scalar("SELECT answers FROM survey_responses WHERE survey_id = ? AND resident_id = ?")
            .bind(survey_id)
            .bind(resident_id)
            .fetch_optional(self.reader())
            .await?;
        json.map(|j| serde_json::from_str(&j).map_err(|e| StorageError::Corrupt(format!("survey answers: {e}")))).transpose()
    }

    /// Every response with where it came from, in no particular order.
    pub async fn survey_response_rows(&self, survey_id: &str) -> Result<Vec<ResponseRow>, StorageError> {
        let rows = sqlx::query("SELECT community_code, street_code, via_community, answers FROM survey_responses WHERE survey_id = ?")
            .bind(survey_id)
            .fetch_all(self.reader())
            .await?;
        rows.iter()
            .map(|r| {
                let answers: String = r.try_get("answers")?;
                Ok(ResponseRow {
                    community_code: r.try_get("community_code")?,
                    street_code: r.try_get("street_code")?,
                    via_community: r.try_get("via_community")?,
                    answers: serde_json::from_str(&answers).map_err(|e| StorageError::Corrupt(format!("survey answers: {e}")))?,
                })
            })
            .collect()
    }
}
