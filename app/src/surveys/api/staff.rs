//! The staff survey pages: the list, one survey (editor or overview with sharing) and
//! its results for the member's part of the area.
use super::{ResultsPage, StaffSurvey, StaffSurveys, StaffTodo};
use crate::core::error::AppResult;
use leptos::prelude::*;

#[server(prefix = "/staff/rpc", endpoint = "surveys")]
pub async fn load_staff_surveys() -> AppResult<StaffSurveys> {
    use super::shared::{area_choices, item};
    use crate::core::access::Role;
    use crate::core::i18n::Msg;
    use crate::core::port::{port, snapshot};
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
    let now = crate::core::time::now();
    let (next_month, short) = crate::surveys::rules::template::proposed_month(now, &taken);
    let month_warning = short.map(|(month, end)| {
        lang.fmt(
            Msg::StaffSurveyMonthShort,
            &[
                ("month", &crate::core::time::date_words(lang, &month)),
                ("left", &crate::core::time::deadline(lang, end, now)),
            ],
        )
    });
    Ok(StaffSurveys {
        surveys,
        monthly: me.role == Role::CityAdmin,
        month_warning,
        next_month,
        areas: area_choices(tree, &me.area_code, lang),
    })
}

/// The surveys of the member's area that wait for something: open ones (to follow and
/// share) and drafts to finish and publish.
#[server(prefix = "/staff/rpc", endpoint = "todo")]
pub async fn load_staff_todo() -> AppResult<StaffTodo> {
    use super::shared::item;
    use crate::core::port::{port, snapshot};
    use crate::surveys::model::SurveyStatus;
    use crate::surveys::port::SurveyPort;
    use crate::surveys::rules::access::{manages, scope};
    let me = crate::core::access::staff_viewer()?;
    let snap = snapshot().await?;
    let tree = &snap.tree;
    let lang = crate::core::prefs::request_lang();
    let now = crate::core::time::now();
    let mut open = Vec::new();
    let mut drafts = Vec::new();
    for l in port::<dyn SurveyPort>()?.list().await? {
        let s = &l.survey;
        if scope(&me, s, tree).is_none() {
            continue;
        }
        let manage = manages(&me, s, tree);
        match s.status {
            SurveyStatus::Published if now < s.closes_at => {
                open.push(item(s, l.responses, tree, lang, manage))
            }
            SurveyStatus::Draft if manage => drafts.push(item(s, l.responses, tree, lang, manage)),
            _ => {}
        }
    }
    open.sort_by_key(|i| i.closes_at);
    Ok(StaffTodo { open, drafts })
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
    // `community` is a code, or words typed in the search field: one community whose
    // name holds them is chosen, several are listed.
    let typed = community.map(|c| c.trim().to_string()).filter(|c| !c.is_empty());
    let found: Vec<(String, String)> = match &typed {
        Some(q) if !links.iter().any(|l| l.1 == *q) => links
            .iter()
            .filter(|(label, _, _)| label.to_lowercase().contains(&q.to_lowercase()))
            .map(|(label, c, _)| (c.clone(), label.clone()))
            .collect(),
        _ => Vec::new(),
    };
    let chosen = match (&typed, found.len()) {
        (Some(q), _) if links.iter().any(|l| l.1 == *q) => Some(q.clone()),
        (Some(_), 1) => Some(found[0].0.clone()),
        (Some(_), _) => None,
        (None, _) => tree
            .get(&me.area_code)
            .filter(|a| a.level == Level::Community)
            .map(|a| a.code.clone())
            .or_else(|| (links.len() == 1).then(|| links[0].1.clone())),
    };
    // Said only when the words chose no one community.
    let search = typed.filter(|q| !links.iter().any(|l| l.1 == *q) && found.len() != 1);
    let matches = if found.len() > 1 { found } else { Vec::new() };
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
        search,
        matches,
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
    results(&survey, &scope, area, Some(&me), manage).await
}
