//! `/surveys/:id/confirm`: the screen between a guest's 提交 and the thanks page.
use super::ConfirmPage;
use crate::core::error::AppResult;
use leptos::prelude::*;

/// The confirmation screen's data; `None` when there is no such (published) survey.
#[server(prefix = "/rpc", endpoint = "survey_confirm")]
pub async fn load_confirm(
    id: String,
    via: Option<String>,
    community: Option<String>,
) -> AppResult<Option<ConfirmPage>> {
    use super::shared::{draft_token, public_survey, via_link};
    use crate::accounts::api::street_groups;
    use crate::core::areas::Level;
    use crate::core::port::{port, snapshot};
    use crate::core::time::now;
    use crate::surveys::port::SurveyPort;
    let surveys = port::<dyn SurveyPort>()?;
    let Some(survey) = public_survey(&*surveys, &id).await? else { return Ok(None) };
    let snap = snapshot().await?;
    let tree = &snap.tree;
    let lang = crate::core::prefs::request_lang();
    let kept = match draft_token() {
        Some(token) => surveys.draft(&token, &id).await?.is_some_and(|k| !k.is_empty()),
        None => false,
    };
    let via = via_link(&*surveys, &survey.id, via.as_deref(), tree, lang).await?;
    // The communities that may answer: those of the survey's area, by street.
    let area = tree.get(&survey.area_code);
    let streets: Vec<_> = match area.map(|a| a.level) {
        Some(Level::Community) => area
            .and_then(|a| a.parent_code.as_deref())
            .and_then(|p| tree.get(p))
            .into_iter()
            .collect(),
        Some(Level::Street) => area.into_iter().collect(),
        _ => tree.descendants(&survey.area_code, Level::Street),
    };
    let mut groups = street_groups(tree, streets, lang);
    for g in &mut groups {
        g.communities.retain(|c| tree.is_within(&c.code, &survey.area_code));
    }
    groups.retain(|g| !g.communities.is_empty());
    let offered = |c: &str| groups.iter().any(|g| g.communities.iter().any(|x| x.code == c));
    let selected = community
        .filter(|c| offered(c))
        .or_else(|| via.as_ref().map(|v| v.community.clone()).filter(|c| offered(c)));
    Ok(Some(ConfirmPage {
        id: survey.id.clone(),
        title: survey.title.clone(),
        kept,
        signed_in: crate::core::access::use_viewer().resident.is_some(),
        open: survey.is_open(now()),
        via,
        groups,
        selected,
    }))
}
