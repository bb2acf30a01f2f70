//! Where a submission lands: the thanks page, the form again with what is wrong, or
//! the step still missing (for a guest, the confirmation screen).
use crate::surveys::error::SurveyError;
use crate::surveys::service::answer::{Answered, Outcome, Submitted};
use crate::web::reply::q;
use app::core::access::NotEligible;
use app::core::ids::{RecordId, ShareCode};

/// The confirmation screen's URL: the share link it came through and the community
/// chosen on it, both only when well-formed.
pub fn confirm_url(id: &RecordId, via: &str, community: &str) -> String {
    let via = ShareCode::parse(via).map(|c| c.as_str().to_string()).unwrap_or_default();
    let community = if community.bytes().all(|b| b.is_ascii_digit()) { community } else { "" };
    format!("/surveys/{id}/confirm?via={}&community={}", q(&via), q(community))
}

/// Where a submission sends the browser: the thanks page, the form again with what is
/// wrong, or the step still missing (a guest's: the confirmation screen, which keeps
/// the share link's community).
pub fn destination(id: &RecordId, answered: &Answered) -> Result<String, SurveyError> {
    let page = format!("/surveys/{id}");
    let back = match &answered.via {
        Some(v) => format!("{page}?via={}", q(v)),
        None => page.clone(),
    };
    let join = |extra: &str| format!("{back}{}{extra}", if back.contains('?') { '&' } else { '?' });
    let resume = join("resume=1");
    Ok(match answered.outcome {
        Outcome::Closed | Outcome::Done(Submitted::NotOpen) => join("error=survey_closed"),
        Outcome::Problems => format!("{}#problems", join("error=answers")),
        Outcome::SignIn => confirm_url(id, answered.via.as_deref().unwrap_or(""), ""),
        Outcome::NothingKept => join("error=answers_lost"),
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
    })
}
