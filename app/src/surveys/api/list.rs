//! `/surveys` (what is open for the visitor's area, and closed ones) and the public
//! results of a closed survey.
use super::{ResultsPage, SurveysPage};
use crate::core::error::AppResult;
use leptos::prelude::*;

/// Surveys open for the viewer's area, and closed ones with public results.
#[server(prefix = "/rpc", endpoint = "surveys")]
pub async fn load_surveys() -> AppResult<SurveysPage> {
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
    let mut open = Vec::new();
    let mut closed = Vec::new();
    let surveys = port::<dyn SurveyPort>()?;
    for listed in surveys.list().await? {
        let s = &listed.survey;
        // Surveys for the viewer's area (or any, when the area is not known), and
        // the ones aimed below it.
        let relevant = match &home {
            Some(h) => tree.is_within(h, &s.area_code) || tree.is_within(&s.area_code, h),
            None => true,
        };
        match s.status {
            _ if !relevant => {}
            SurveyStatus::Published if s.closes_at > now => {
                let mut it = item(s, listed.responses, tree, lang, false);
                if let Some(me) = &resident {
                    it.taken_part = surveys.answered(&s.id, me).await?;
                }
                open.push(it)
            }
            SurveyStatus::Closed => closed.push(item(s, listed.responses, tree, lang, false)),
            _ => {}
        }
    }
    closed.truncate(20);
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
    Ok(Some(super::shared::results(&survey, &scope, area, false, false).await?))
}
