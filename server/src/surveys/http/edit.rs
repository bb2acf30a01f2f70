//! `POST /staff/surveys/:id`: the editor's buttons. Everything posted is saved, then the
//! button's action applied; "publish" publishes only a survey that passes every check,
//! and only with the box ticked that says the questions then freeze.
use crate::surveys::error::SurveyError;
use crate::surveys::service::manage::{self, Saved};
use crate::web::extract::{ReqLang, Staff};
use crate::web::reply::{first, see_other, Pairs};
use crate::web::AppState;
use app::surveys::rules::answers::group_form;
use app::surveys::rules::editor::EditAction;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;

pub async fn edit(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Staff(me): Staff,
    Path(id): Path<String>,
    Form(pairs): Pairs,
) -> Result<Response, SurveyError> {
    let site = state.site.snapshot().await?;
    let tree = &site.tree;
    // Publishing freezes the questions: it takes the box saying so ticked. Without it
    // everything posted is saved and the editor asks again.
    let action = match EditAction::parse(first(&pairs, "action")) {
        EditAction::Publish { .. } => {
            EditAction::Publish { confirmed: first(&pairs, "confirm_publish") == "yes" }
        }
        other => other,
    };
    let saved = manage::save(&state.db, tree, &me, &id, &group_form(&pairs), action, lang).await?;
    let page = format!("/staff/surveys/{id}");
    let to = match saved {
        Saved::NotDraft => page,
        Saved::Fault(f) => format!("{page}?error={}#settings-h", f.code()),
        Saved::Saved { focus } => {
            let anchor = focus.map(|q| format!("#edit-{q}")).unwrap_or_default();
            format!("{page}?notice=survey_saved{anchor}")
        }
        Saved::NotReady => format!("{page}?error=survey_not_ready#definition-problems"),
        Saved::Unconfirmed => format!("{page}?error=publish_unconfirmed#publish-confirm"),
        Saved::Published => format!("{page}?notice=survey_published"),
    };
    Ok(see_other(&to, vec![]))
}
