//! `POST /surveys/:id/answer`: a resident's answers, a plain form post.
use crate::surveys::error::SurveyError;
use crate::surveys::service::answer::{self, Outcome, Submission, Submitted, DRAFT_TTL};
use crate::web::extract::{AnyViewer, ClientAddr};
use crate::web::reply::{q, see_other, Pairs};
use crate::web::session::{set_cookie, token};
use crate::web::AppState;
use app::core::access::NotEligible;
use app::core::ids::RecordId;
use app::surveys::api::DRAFT_COOKIE;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Form;

pub async fn answer(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    AnyViewer(viewer): AnyViewer,
    Path(id): Path<String>,
    headers: HeaderMap,
    Form(pairs): Pairs,
) -> Result<Response, SurveyError> {
    let id = RecordId::parse(&id).map_err(|_| SurveyError::NotFound)?;
    let page = format!("/surveys/{id}");
    if !state.submit_limiter.allow(&client) {
        return Ok(see_other(&format!("{page}?error=rate_limit"), vec![]));
    }
    let site = state.site.snapshot().await?;
    let tree = &site.tree;
    let sub = Submission {
        pairs,
        draft_token: token(&headers, DRAFT_COOKIE, state.settings.secure_cookies),
        client,
        drafts_per_client_day: state.identity.limits.drafts_per_client_day,
    };
    let answered = answer::answer(
        &state.db,
        &state.identity.key,
        tree,
        viewer.resident.as_ref(),
        id.as_str(),
        sub,
    )
    .await?;
    let back = match &answered.via {
        Some(v) => format!("{page}?via={}", q(v)),
        None => page.clone(),
    };
    let join = |extra: &str| format!("{back}{}{extra}", if back.contains('?') { '&' } else { '?' });
    let resume = join("resume=1");
    let to = match answered.outcome {
        Outcome::Closed | Outcome::Done(Submitted::NotOpen) => join("error=survey_closed"),
        Outcome::Problems => format!("{}#problems", join("error=answers")),
        Outcome::SignIn => format!("/signin?next={}", q(&resume)),
        Outcome::NotEligible(NotEligible::Consent) => format!("/me/consent?next={}", q(&resume)),
        Outcome::NotEligible(NotEligible::Community) => {
            join("resume=1&error=community_needed#community-step")
        }
        Outcome::NotEligible(NotEligible::OutsideArea | NotEligible::Verification) => resume,
        Outcome::Done(Submitted::Stored) => join("notice=submitted"),
        Outcome::Done(Submitted::Replaced) => join("notice=replaced"),
        Outcome::Done(Submitted::AlreadyAnswered) => {
            format!("{}#already-answered", join("notice=already_answered"))
        }
        Outcome::Done(Submitted::NoSuchSurvey) => return Err(SurveyError::NotFound),
    };
    let cookies = answered
        .new_token
        .map(|t| set_cookie(DRAFT_COOKIE, &t, "/", DRAFT_TTL, state.settings.secure_cookies))
        .into_iter()
        .collect();
    Ok(see_other(&to, cookies))
}
