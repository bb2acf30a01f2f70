//! Answering a survey: a plain form post that works before wasm loads, asks for sign-in
//! only here, and keeps the answers across it (by a cookie token) so that nothing typed
//! is lost on the way through sign-in, consent and choosing a community.
use crate::crypto::{random_token, token_hash, Purpose, ServerKey};
use crate::db::Db;
use crate::participation::{self, Activity};
use crate::surveys::error::SurveyError;
pub use crate::surveys::store::drafts::DRAFT_TTL;
pub use crate::surveys::store::responses::Submitted;
use crate::surveys::store::responses::{self, Respondent};
use crate::surveys::store::{drafts, surveys};
use app::core::access::{NotEligible, ResidentUser};
use app::core::areas::AreaTree;
use app::core::time::now;
use app::surveys::model::SurveyStatus;
use app::surveys::rules::answers::{check_answers, group_form};
use app::surveys::rules::keep::keepable;

/// What was posted.
pub struct Submission {
    /// Every field of the form (the survey's questions and ours).
    pub pairs: Vec<(String, String)>,
    /// The browser's draft token, when its cookie carries one.
    pub draft_token: Option<String>,
    /// The client's address, and how many guests' drafts it may start in a day.
    pub client: String,
    pub drafts_per_client_day: i64,
}

/// What became of a submission. Every outcome but `Done` and `Closed` keeps the
/// answers for the page to show again.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Closed,
    /// Some answers are missing or wrong; the page names them.
    Problems,
    /// A guest: sign in first.
    SignIn,
    NotEligible(NotEligible),
    /// Submitting answers kept for a sign-in, none were found (expired or never kept).
    NothingKept,
    Done(Submitted),
}

pub struct Answered {
    pub outcome: Outcome,
    /// The share link the form came through, when it is one of this survey's.
    pub via: Option<String>,
    /// A new draft token, when answers were kept for a browser that had none.
    pub new_token: Option<String>,
}

/// Keeps a guest's answers under the browser's token (a new one when it has none,
/// returned for its cookie), unless the draft limits say no.
async fn keep(
    db: &Db,
    key: &ServerKey,
    id: &str,
    kept: &[(String, String)],
    sub: &Submission,
) -> Result<Option<String>, SurveyError> {
    let (token, new_token) = match &sub.draft_token {
        Some(t) => (t.clone(), None),
        None => {
            let t = random_token();
            (t.clone(), Some(t))
        }
    };
    let client = key.hash(Purpose::Client, &sub.client);
    let limit = sub.drafts_per_client_day;
    Ok(match drafts::put(db, &token_hash(&token), &client, id, kept, limit).await? {
        drafts::Kept::Yes => new_token,
        drafts::Kept::No => None,
    })
}

pub async fn answer(
    db: &Db,
    key: &ServerKey,
    tree: &AreaTree,
    me: Option<&ResidentUser>,
    id: &str,
    mut sub: Submission,
) -> Result<Answered, SurveyError> {
    let survey = surveys::get(db.reader(), id).await?.filter(|s| s.status != SurveyStatus::Draft);
    let survey = survey.ok_or(SurveyError::NotFound)?;
    // Only a share link of this survey names a community; a form cannot.
    let code = sub.pairs.iter().find(|(k, _)| k == "_via").map(|(_, v)| v.as_str()).unwrap_or("");
    let via_community = super::share::via(db, id, code).await?;
    let via = via_community.as_ref().map(|_| code.trim().to_string());
    let done = |outcome, new_token| Answered { outcome, via: via.clone(), new_token };
    if !survey.is_open(now()) {
        return Ok(done(Outcome::Closed, None));
    }
    // Only values that could answer the survey's own questions are kept (the form's
    // other fields are ours); what is checked is the whole post.
    let answers = check_answers(&survey.questions, &group_form(&sub.pairs));
    let kept = keepable(&survey.questions, std::mem::take(&mut sub.pairs));
    let answers = match answers {
        Ok(a) => a,
        Err(_) => return Ok(done(Outcome::Problems, keep(db, key, id, &kept, &sub).await?)),
    };
    let Some(me) = me else {
        return Ok(done(Outcome::SignIn, keep(db, key, id, &kept, &sub).await?));
    };
    if let Err(why) = me.may_take_part(&survey.audience(), tree) {
        return Ok(done(Outcome::NotEligible(why), keep(db, key, id, &kept, &sub).await?));
    }
    let community = me.community.as_deref();
    let street = community.and_then(|c| tree.get(c)).and_then(|c| c.parent_code.clone());
    let who = Respondent {
        resident_id: &me.id,
        community_code: community,
        street_code: street.as_deref(),
        via_community: via_community.as_deref(),
    };
    // The person's marks are read with their identities inside the write transaction,
    // so that an identity linked at the same moment is covered either way.
    let mut tx = db.begin_write().await?;
    let identities = crate::accounts::service::identities_in(&mut tx, &me.id).await?;
    let marks = participation::marks(key, Activity::Survey(id), &identities);
    let outcome = responses::submit(&mut tx, id, who, &answers, &marks).await?;
    Db::commit(tx).await?;
    if matches!(outcome, Submitted::Stored | Submitted::Replaced) {
        if let Some(t) = &sub.draft_token {
            if let Err(e) = drafts::delete(db, &token_hash(t), id).await {
                tracing::warn!(error = %e, "could not drop kept survey answers");
            }
        }
    }
    Ok(done(Outcome::Done(outcome), None))
}

/// Submits the answers this browser kept (under `draft_token`) when its resident was
/// asked to sign in: the second screen of a guest's submission.
pub async fn submit_kept(
    db: &Db,
    key: &ServerKey,
    tree: &AreaTree,
    me: &ResidentUser,
    id: &str,
    via: &str,
    sub: Submission,
) -> Result<Answered, SurveyError> {
    let kept = match &sub.draft_token {
        Some(t) => drafts::get(db, &token_hash(t), id).await?,
        None => None,
    };
    let Some(mut pairs) = kept.filter(|k| !k.is_empty()) else {
        return Ok(Answered { outcome: Outcome::NothingKept, via: None, new_token: None });
    };
    pairs.push(("_via".into(), via.to_string()));
    answer(db, key, tree, Some(me), id, Submission { pairs, ..sub }).await
}
