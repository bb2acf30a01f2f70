//! `/surveys` (what is open for the visitor's area, and closed ones) and the public
//! results of a closed survey.
use super::{ResultsPage, SurveysPage};
use crate::core::error::AppResult;
use leptos::prelude::*;

/// Surveys open for the viewer's area, and closed ones with public results.
#[server(prefix = "/rpc", endpoint = "surveys")]
pub async fn load_surveys() -> AppResult<SurveysPage> {
    let mut page = listing().await?;
    page.closed.truncate(20);
    Ok(page)
}

/// What the survey lists and home show: the surveys open for the viewer's area (or
/// every one, when the area is not known) and those aimed below it, marked 已参与 for
/// a signed-in resident who has taken part; and the closed ones, newest first.
#[cfg(feature = "ssr")]
pub(crate) async fn listing() -> AppResult<SurveysPage> {
    use super::shared::item;
    use crate::core::port::{port, snapshot};
    use crate::surveys::model::SurveyStatus;
    use crate::surveys::port::SurveyPort;
    let snap = snapshot().await?;
    let tree = &snap.tree;
    let lang = crate::core::prefs::request_lang();
    let viewer = crate::core::access::use_viewer();
    let resident = viewer.resident.as_ref().map(|r| r.id.clone());
    let home = viewer
        .resident
        .and_then(|r| r.community)
        .or_else(|| crate::core::prefs::Prefs::from_request().area)
        .filter(|c| tree.get(c).is_some());
    let now = crate::core::time::now();
    let surveys = port::<dyn SurveyPort>()?;
    let taken = match &resident {
        Some(me) => surveys.taken_by(me).await?,
        None => Vec::new(),
    };
    let mut open = Vec::new();
    let mut closed = Vec::new();
    for listed in surveys.list().await? {
        let s = &listed.survey;
        let relevant = match &home {
            Some(h) => tree.is_within(h, &s.area_code) || tree.is_within(&s.area_code, h),
            None => true,
        };
        match s.status {
            _ if !relevant => {}
            SurveyStatus::Published if s.closes_at > now && s.opens_at <= now => {
                let mut it = item(s, listed.responses, tree, lang, false);
                it.taken_part = taken.contains(&s.id);
                open.push(it)
            }
            SurveyStatus::Closed => closed.push(item(s, listed.responses, tree, lang, false)),
            _ => {}
        }
    }
    // What still waits for the viewer first, the nearest deadline first.
    open.sort_by_key(|i| (i.taken_part, i.closes_at));
    Ok(SurveysPage { open, closed, area_label: home.map(|h| tree.label(&h, lang)) })
}

/// Public results: closed surveys only.
#[server(prefix = "/rpc", endpoint = "results")]
pub async fn load_results(id: String, area: Option<String>) -> AppResult<Option<ResultsPage>> {
    use crate::core::port::port;
    use crate::surveys::model::SurveyStatus;
    use crate::surveys::port::SurveyPort;
    let Some(survey) = port::<dyn SurveyPort>()?.survey(&id).await? else { return Ok(None) };
    if survey.status != SurveyStatus::Closed {
        return Ok(None);
    }
    let scope = survey.area_code.clone();
    Ok(Some(super::shared::results(&survey, &scope, area, None, false).await?))
}
