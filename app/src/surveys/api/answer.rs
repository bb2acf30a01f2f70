//! `/surveys/:id`: the answering page.
use super::AnswerPage;
use crate::core::error::AppResult;
use leptos::prelude::*;

/// The answering page's data; `None` when there is no such (published) survey.
#[server(prefix = "/rpc", endpoint = "survey")]
pub async fn load_survey(
    id: String,
    via: Option<String>,
    show_problems: bool,
) -> AppResult<Option<AnswerPage>> {
    use super::shared::{draft_token, public_survey, via_link};
    use super::Standing;
    use crate::core::port::{port, snapshot};
    use crate::core::time::now;
    use crate::surveys::model::SurveyStatus;
    use crate::surveys::port::SurveyPort;
    use crate::surveys::rules::answers::{answers_to_form, check_answers, group_form};
    let surveys = port::<dyn SurveyPort>()?;
    let Some(survey) = public_survey(&*surveys, &id).await? else { return Ok(None) };
    let snap = snapshot().await?;
    let tree = &snap.tree;
    let lang = crate::core::prefs::request_lang();
    let viewer = crate::core::access::use_viewer();
    let mut prefill = Vec::new();
    let mut problems = Vec::new();
    if let Some(token) = draft_token() {
        if let Some(kept) = surveys.draft(&token, &id).await? {
            if show_problems {
                if let Err(ps) = check_answers(&survey.questions, &group_form(&kept)) {
                    problems =
                        ps.iter().map(|p| (p.question.clone(), p.fault_text(lang))).collect();
                }
            }
            prefill = kept;
        }
    }
    let standing = match &viewer.resident {
        None => Standing::Guest,
        Some(me) => {
            let answered = surveys.answered(&id, &me.id).await?;
            if answered && prefill.is_empty() && survey.editable && !survey.anonymous {
                if let Some(own) = surveys.own_answers(&id, &me.id).await? {
                    prefill = answers_to_form(&own);
                }
            }
            Standing::Resident { eligible: me.may_take_part(&survey.audience(), tree), answered }
        }
    };
    let via = via_link(&*surveys, &survey.id, via.as_deref(), tree, lang).await?;
    let now = now();
    Ok(Some(AnswerPage {
        area_label: tree.label(&survey.area_code, lang),
        open: survey.is_open(now),
        not_yet: survey.status == SurveyStatus::Published && survey.opens_at > now,
        results_public: survey.status == SurveyStatus::Closed,
        survey,
        standing,
        prefill,
        problems,
        via,
    }))
}
