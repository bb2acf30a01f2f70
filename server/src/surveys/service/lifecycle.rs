//! Publishing and closing. Publishing freezes the questions and makes a share link for
//! every community of the survey's area; closing the city's monthly survey writes that
//! month's survey indicators for every street with enough responses and recomputes the
//! monthly index, in the same transaction. The `_in` forms run inside the caller's
//! transaction (a staff action's, with its audit line); the others open their own.
use crate::areas::store as areas;
use crate::crypto::ServerKey;
use crate::db::{Db, Tx};
use crate::index::service as index;
use crate::participation::{self, store as marks, Activity};
use crate::surveys::error::SurveyError;
use crate::surveys::store::{links, responses, surveys};
use app::core::areas::{AreaTree, Level};
use app::index::rules::periods::Period;
use app::surveys::model::SurveyKind;
use app::surveys::rules::feed::monthly_observations;

/// Publishes a draft; `false` when it is not one.
pub async fn publish(db: &Db, id: &str) -> Result<bool, SurveyError> {
    let mut tx = db.begin_write().await?;
    let done = publish_in(&mut tx, id).await?;
    Db::commit(tx).await?;
    Ok(done)
}

/// [`publish`] inside `tx`.
pub async fn publish_in(tx: &mut Tx, id: &str) -> Result<bool, SurveyError> {
    let Some(survey) = surveys::get(&mut **tx, id).await? else { return Ok(false) };
    if !surveys::publish(tx, id).await? {
        return Ok(false);
    }
    let tree = AreaTree::new(areas::load(&mut **tx).await?);
    let mut communities = tree.descendants(&survey.area_code, Level::Community);
    communities.extend(tree.get(&survey.area_code).filter(|a| a.level == Level::Community));
    for c in communities {
        links::add(tx, id, &c.code).await?;
    }
    Ok(true)
}

/// Closes a published survey (its time is up, or early); `None` when it is not
/// published, else how many index observations it wrote.
pub async fn close(db: &Db, id: &str, min_responses: usize) -> Result<Option<usize>, SurveyError> {
    let mut tx = db.begin_write().await?;
    let written = close_in(&mut tx, id, min_responses).await?;
    Db::commit(tx).await?;
    Ok(written)
}

/// [`close`] inside `tx`.
pub async fn close_in(
    tx: &mut Tx,
    id: &str,
    min_responses: usize,
) -> Result<Option<usize>, SurveyError> {
    let Some(survey) = surveys::get(&mut **tx, id).await? else { return Ok(None) };
    if !surveys::close(tx, id).await? {
        return Ok(None);
    }
    // Nobody can answer any more: the marks have done their work.
    marks::purge(tx, Activity::Survey(id)).await?;
    let month =
        survey.month.as_deref().and_then(Period::parse).filter(|p| matches!(p, Period::Month(_)));
    let mut written = 0;
    if let (SurveyKind::CityMonthly, Some(month)) = (survey.kind, month) {
        let answers = responses::by_street(tx, id).await?;
        let tree = AreaTree::new(areas::load(&mut **tx).await?);
        let m = index::in_force(tx).await?;
        let observations = monthly_observations(
            month,
            &survey.questions,
            answers.iter().map(|(s, a)| (s.as_deref(), a)),
            |s| tree.get(s).map(|a| a.population),
            min_responses,
        );
        if !observations.is_empty() {
            index::apply(tx, &m, &tree, &observations, &|_| {}).await?;
        }
        written = observations.len();
    }
    Ok(Some(written))
}

/// Leaves the marks of every participation in an open survey (those already there
/// stay): participation recorded before marks existed is covered from then on.
pub async fn mark_participants(db: &Db, key: &ServerKey) -> Result<usize, SurveyError> {
    let mut tx = db.begin_write().await?;
    let pairs = responses::open_participants(&mut tx).await?;
    for (survey, resident) in &pairs {
        let ids = crate::accounts::service::identities_in(&mut tx, resident).await?;
        let activity = Activity::Survey(survey);
        marks::leave(&mut tx, activity, &participation::marks(key, activity, &ids)).await?;
    }
    Db::commit(tx).await?;
    Ok(pairs.len())
}

/// Closes every published survey whose closing time has passed; returns their ids.
pub async fn close_due(db: &Db, min_responses: usize) -> Result<Vec<String>, SurveyError> {
    let mut closed = Vec::new();
    for id in surveys::due(db).await? {
        if close(db, &id, min_responses).await?.is_some() {
            closed.push(id);
        }
    }
    Ok(closed)
}
