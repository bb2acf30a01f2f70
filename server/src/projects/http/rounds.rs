//! `POST /staff/projects/rounds`: the committee sets up a budget round.
//! `POST /rounds/:id/ballot`: a resident's ballot (a plain form: one `project` field
//! per chosen project). A guest is sent to sign in and back to the round.
use crate::projects::error::ProjectError;
use crate::projects::service::rounds::{self, Cast};
use crate::web::extract::{AnyViewer, Staff};
use crate::web::reply::{first, q, see_other, Pairs};
use crate::web::AppState;
use app::core::access::NotEligible;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;

pub async fn create(
    State(state): State<AppState>,
    Staff(me): Staff,
    Form(pairs): Pairs,
) -> Result<Response, ProjectError> {
    let community = first(&pairs, "community").to_string();
    let site = state.site.snapshot().await?;
    let page = format!("/staff/projects/rounds?community={}", q(&community));
    let to = match rounds::create(&state.db, &site.tree, &me, &community, &pairs).await? {
        Ok(id) => format!("/rounds/{id}?notice=round_created"),
        Err(f) => format!("{page}&error={}#round-h", f.code),
    };
    Ok(see_other(&to, vec![]))
}

pub async fn ballot(
    State(state): State<AppState>,
    AnyViewer(viewer): AnyViewer,
    Path(id): Path<String>,
    Form(pairs): Pairs,
) -> Result<Response, ProjectError> {
    let id = app::core::ids::RecordId::parse(&id).map_err(|_| ProjectError::NotFound)?;
    let page = format!("/rounds/{id}");
    let Some(me) = viewer.resident else {
        return Ok(see_other(&format!("/signin?next={}", q(&format!("{page}#ballot"))), vec![]));
    };
    let chosen: Vec<&str> =
        pairs.iter().filter(|(k, _)| k == "project").map(|(_, v)| v.as_str()).collect();
    let site = state.site.snapshot().await?;
    let key = &state.identity.key;
    let done = rounds::cast(&state.db, key, &site.tree, &me, id.as_str(), &chosen).await?;
    let to = match done {
        Cast::Cast => format!("{page}?notice=ballot_cast#ballot"),
        Cast::Changed => format!("{page}?notice=ballot_changed#ballot"),
        Cast::NotOpen => format!("{page}?error=ballot_not_open#ballot"),
        Cast::Refused(f) => format!("{page}?error={}#ballot", f.code),
        Cast::NotEligible(NotEligible::OutsideArea) => {
            format!("{page}?error=ballot_outside#ballot")
        }
        Cast::NotEligible(NotEligible::Consent) => {
            format!("/me/consent?next={}", q(&format!("{page}#ballot")))
        }
        Cast::NotEligible(NotEligible::Community) => {
            format!("/me?next={}&error=community_first#community", q(&format!("{page}#ballot")))
        }
        Cast::NotEligible(NotEligible::Verification) => {
            format!("{page}?error=ballot_verified#ballot")
        }
    };
    Ok(see_other(&to, vec![]))
}
