//! The staff survey pages: the list, one survey (editor or overview with sharing) and
//! its results for the member's part of the area.
use super::{ResultsPage, StaffSurvey, StaffSurveys};
use crate::core::error::AppResult;
use leptos::prelude::*;

#[server(prefix = "/staff/rpc", endpoint = "surveys")]
pub async fn load_staff_surveys() -> AppResult<StaffSurveys> {
    use super::shared::{area_choices, item};
    use crate::core::access::Role;
    use crate::core::port::{port, snapshot};
    use crate::index::model::Edition;
    use crate::index::rules::periods::next_period;
    use crate::surveys::port::SurveyPort;
    use crate::surveys::rules::access::{manages, scope};
    let me = crate::core::access::staff_viewer()?;
    let snap = snapshot().await?;
    let tree = &snap.tree;
    let lang = crate::core::prefs::request_lang();
    let list = port::<dyn SurveyPort>()?.list().await?;
    let surveys = list
        .iter()
        .filter(|l| scope(&me, &l.survey, tree).is_some())
        .map(|l| item(&l.survey, l.responses, tree, lang, manages(&me, &l.survey, tree)))
        .collect();
    let taken: Vec<&str> = list.iter().filter_map(|l| l.survey.month.as_deref()).collect();
    let this_month = crate::core::time::china_date(crate::core::time::now())[..7].to_string();
    let next_month = std::iter::successors(Some(this_month), |m| next_period(Edition::Monthly, m))
        .take(24)
        .find(|m| !taken.contains(&m.as_str()))
        .unwrap_or_default();
    Ok(StaffSurveys {
        surveys,
        monthly: me.role == Role::CityAdmin,
        next_month,
        areas: area_choices(tree, &me.area_code, lang),
    })
}

#[server(prefix = "/staff/rpc", endpoint = "survey")]
pub async fn load_staff_survey(id: String, community: Option<String>) -> AppResult<StaffSurvey> {
    use super::shared::{area_choices, item, origin, staff_view, StaffView};
    use super::ShareLink;
    use crate::core::areas::Level;
    use crate::core::port::port;
    use crate::surveys::port::SurveyPort;
    use crate::surveys::rules::access::manages;
    use crate::surveys::rules::definition::check_definition;
    let StaffView { me, survey, snap, scope } = staff_view(&id).await?;
    let surveys = port::<dyn SurveyPort>()?;
    let tree = &snap.tree;
    let lang = crate::core::prefs::request_lang();
    let manage = manages(&me, &survey, tree);
    let n = surveys.responses(&id).await?.len() as i64;
    let problems = match check_definition(&survey.questions) {
        Ok(()) => Vec::new(),
        Err(ps) => ps.iter().map(|p| (p.question, lang.t(p.fault.message()).to_string())).collect(),
    };
    let links: Vec<(String, String, String)> = surveys
        .links(&id)
        .await?
        .into_iter()
        .filter(|l| tree.is_within(&l.community, &scope))
        .map(|l| (tree.label(&l.community, lang), l.community, l.code))
        .collect();
    let chosen = community
        .or_else(|| {
            tree.get(&me.area_code).filter(|a| a.level == Level::Community).map(|a| a.code.clone())
        })
        .or_else(|| (links.len() == 1).then(|| links[0].1.clone()));
    let origin = origin();
    let link =
        chosen.and_then(|c| links.iter().find(|l| l.1 == c)).map(|(label, c, code)| ShareLink {
            community: c.clone(),
            label: label.clone(),
            code: code.clone(),
            url: format!("{origin}/s/{code}"),
        });
    let areas = if manage { area_choices(tree, &me.area_code, lang) } else { Vec::new() };
    Ok(StaffSurvey {
        item: item(&survey, n, tree, lang, manage),
        survey,
        problems,
        areas,
        links: links.into_iter().map(|(l, c, _)| (c, l)).collect(),
        link,
    })
}

#[server(prefix = "/staff/rpc", endpoint = "results")]
pub async fn load_staff_results(id: String, area: Option<String>) -> AppResult<ResultsPage> {
    use super::shared::{results, staff_view, StaffView};
    use crate::surveys::model::SurveyStatus;
    use crate::surveys::rules::access::manages;
    let StaffView { me, survey, snap, scope } = staff_view(&id).await?;
    crate::core::access::require(survey.status != SurveyStatus::Draft)?;
    let manage = manages(&me, &survey, &snap.tree);
    results(&survey, &scope, area, true, manage).await
}
