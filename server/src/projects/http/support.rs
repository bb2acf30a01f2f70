//! `POST /projects/:id/support`: a resident's support (附议). A guest is sent to sign
//! in and back to the project.
use crate::projects::error::ProjectError;
use crate::projects::service::support::{self, Support};
use crate::web::extract::AnyViewer;
use crate::web::reply::{q, see_other};
use crate::web::AppState;
use app::core::access::NotEligible;
use axum::extract::{Path, State};
use axum::response::Response;

pub async fn support(
    State(state): State<AppState>,
    AnyViewer(viewer): AnyViewer,
    Path(id): Path<String>,
) -> Result<Response, ProjectError> {
    let id = app::core::ids::RecordId::parse(&id).map_err(|_| ProjectError::NotFound)?;
    let page = format!("/projects/{id}");
    let Some(me) = viewer.resident else {
        return Ok(see_other(&format!("/signin?next={}", q(&format!("{page}#support"))), vec![]));
    };
    let site = state.site.snapshot().await?;
    let rules = &state.settings.projects;
    let key = &state.identity.key;
    let done = support::support(&state.db, key, &site.tree, rules, &me, id.as_str()).await?;
    let to = match done {
        Support::Counted => format!("{page}?notice=supported#support"),
        Support::ToCouncil => format!("{page}?notice=to_council#support"),
        Support::Already => format!("{page}?notice=already_supported#support"),
        Support::Closed => format!("{page}?error=support_closed#support"),
        Support::Author => format!("{page}?error=support_author#support"),
        Support::NotEligible(NotEligible::OutsideArea) => {
            format!("{page}?error=support_outside#support")
        }
        Support::NotEligible(NotEligible::Consent) => {
            format!("/me/consent?next={}", q(&format!("{page}#support")))
        }
        Support::NotEligible(NotEligible::Community) => {
            format!("/me?next={}&error=community_first#community", q(&format!("{page}#support")))
        }
        Support::NotEligible(NotEligible::Verification) => {
            format!("{page}?error=support_verified#support")
        }
    };
    Ok(see_other(&to, vec![]))
}
