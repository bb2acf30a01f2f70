//! What is open for the viewer (home's card, the 问卷 tab's count) and a resident's
//! participation history (我的).
use super::SurveyItem;
use crate::core::error::AppResult;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Home's "open for me" card.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct OpenForMe {
    /// Open now for the viewer's community (or the city, when none is known); what
    /// still waits for them first.
    pub items: Vec<SurveyItem>,
    /// The community or area the list is for.
    pub area_label: Option<String>,
    pub signed_in: bool,
}

impl OpenForMe {
    /// How many open items the viewer has not taken part in.
    pub fn waiting(&self) -> usize {
        self.items.iter().filter(|i| !i.taken_part).count()
    }
}

#[server(prefix = "/rpc", endpoint = "open_for_me")]
pub async fn load_open_for_me() -> AppResult<OpenForMe> {
    let page = super::list::listing().await?;
    let signed_in = crate::core::access::use_viewer().resident.is_some();
    Ok(OpenForMe { items: page.open, area_label: page.area_label, signed_in })
}

/// What is open for the viewer, loaded once per page by the app: home's card and the
/// 问卷 tab's count read the same listing.
#[derive(Clone, Copy)]
pub struct OpenNow(pub Resource<AppResult<OpenForMe>>);

/// Every survey the signed-in resident has taken part in, the newest first (`None`
/// for a guest). The list says which survey and when it ran, not when they answered:
/// a time of answering beside anonymous answers' times could point at an answer.
#[server(prefix = "/rpc", endpoint = "my_participation")]
pub async fn load_my_participation() -> AppResult<Option<Vec<SurveyItem>>> {
    use super::shared::item;
    use crate::core::port::{port, snapshot};
    use crate::surveys::port::SurveyPort;
    let Some(me) = crate::core::access::use_viewer().resident else { return Ok(None) };
    let snap = snapshot().await?;
    let lang = crate::core::prefs::request_lang();
    let surveys = port::<dyn SurveyPort>()?;
    let taken = surveys.taken_by(&me.id).await?;
    let mut out: Vec<SurveyItem> = surveys
        .list()
        .await?
        .iter()
        .filter(|l| taken.contains(&l.survey.id))
        .map(|l| {
            let mut it = item(&l.survey, l.responses, &snap.tree, lang, false);
            it.taken_part = true;
            it
        })
        .collect();
    out.sort_by_key(|i| std::cmp::Reverse(i.opens_at));
    Ok(Some(out))
}
