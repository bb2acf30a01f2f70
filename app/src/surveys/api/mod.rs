//! Server functions behind the survey pages: the answering page (resident), the list
//! of surveys, results (public once closed; staff of the area at any time), and the
//! staff pages (list, editor, sharing). Each authorises from the request's session:
//! staff see a survey only where their area and the survey's overlap, and results
//! only for the overlap.
use crate::core::access::NotEligible;
use crate::surveys::model::{Survey, SurveyKind, SurveyStatus};
use crate::surveys::rules::results::Results;
use serde::{Deserialize, Serialize};

/// The cookie that keys answers kept across sign-in (see `survey_drafts`).
pub const DRAFT_COOKIE: &str = "tx_draft";

/// Where the answering page stands for this visitor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Standing {
    Guest,
    Resident { eligible: Result<(), NotEligible>, answered: bool },
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AnswerPage {
    pub survey: Survey,
    pub area_label: String,
    pub standing: Standing,
    /// Values to fill the form with (answers kept across sign-in, or the resident's
    /// own earlier answers to a changeable survey).
    pub prefill: Vec<(String, String)>,
    /// Problems of the kept answers, by question id, in the visitor's language
    /// ("请作答。"; the page names the question).
    pub problems: Vec<(String, String)>,
    /// The share link the page was reached by, when it is one of this survey's.
    pub via: Option<Via>,
    pub open: bool,
    /// Published, but its opening time is still to come.
    pub not_yet: bool,
    pub results_public: bool,
}

/// A share link followed to the survey: only a real link of this survey names a
/// community (a URL cannot name one), so that nobody can be sent a link that marks
/// their answer.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Via {
    /// The link's code (posted back with the answers).
    pub code: String,
    /// The community it was made for, and its name.
    pub community: String,
    pub name: String,
}

/// The screen between a guest's 提交 and the thanks page.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ConfirmPage {
    pub id: String,
    pub title: String,
    /// This browser's answers are kept on the server (else there is nothing to submit).
    pub kept: bool,
    pub signed_in: bool,
    pub open: bool,
    pub via: Option<Via>,
    /// The communities that may answer, by street.
    pub groups: Vec<crate::accounts::api::StreetGroup>,
    /// The community chosen on this screen, else the share link's.
    pub selected: Option<String>,
}

/// One line of a survey list.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SurveyItem {
    pub id: String,
    pub title: String,
    pub kind: SurveyKind,
    pub status: SurveyStatus,
    pub area_label: String,
    pub opens_at: i64,
    pub closes_at: i64,
    pub responses: i64,
    pub anonymous: bool,
    /// The viewer (staff) may edit, publish or close it.
    pub manage: bool,
    /// The viewer (a resident) has answered it.
    pub taken_part: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SurveysPage {
    /// Open now, for the viewer's area (or the whole city when none is known).
    pub open: Vec<SurveyItem>,
    /// Closed, results public.
    pub closed: Vec<SurveyItem>,
    pub area_label: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ResultsPage {
    pub survey: SurveyItem,
    /// The area shown and the choices of area (code, label), the first being the
    /// whole of what the viewer may see.
    pub area: String,
    pub areas: Vec<(String, String)>,
    pub results: Results,
    /// A chart's option JSON for each question that has one, by question id.
    pub charts: Vec<(String, String)>,
    pub staff: bool,
    /// A named survey's respondents in the area, for its committee (empty otherwise).
    pub respondents: Vec<Respondent>,
}

/// One respondent of a named survey and their answers, as its committee sees them.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Respondent {
    /// The name they gave for verification, if any.
    pub name: Option<String>,
    /// "3栋201 · 尾号 8000 · 已认证".
    pub about: String,
    pub community: String,
    /// (question number, question, answer in words), for the questions answered.
    pub answers: Vec<(usize, String, String)>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StaffSurveys {
    pub surveys: Vec<SurveyItem>,
    /// The city administrator creates the month's survey from the template.
    pub monthly: bool,
    /// The next month without a city survey, "YYYY-MM" (this month only while 3 days
    /// or more of it remain).
    pub next_month: String,
    /// This month has no survey and fewer than 3 days left: said beside the form.
    pub month_warning: Option<String>,
    /// Where a new consultation may be aimed: (code, label).
    pub areas: Vec<(String, String)>,
}

/// What waits for a staff member in their area's surveys (the staff home's to-dos).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StaffTodo {
    /// Published and not yet closed, the nearest deadline first, with response counts.
    pub open: Vec<SurveyItem>,
    /// Drafts the member may publish.
    pub drafts: Vec<SurveyItem>,
}

/// A share link for one community.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ShareLink {
    pub community: String,
    pub label: String,
    pub code: String,
    pub url: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StaffSurvey {
    pub survey: Survey,
    pub item: SurveyItem,
    /// Problems that stop publication, in the viewer's language.
    pub problems: Vec<(Option<usize>, String)>,
    /// Targets the editor offers.
    pub areas: Vec<(String, String)>,
    /// Communities whose links the viewer may hand out, and the one chosen.
    pub links: Vec<(String, String)>,
    pub link: Option<ShareLink>,
    /// Words searched for among the communities, when they named none exactly.
    pub search: Option<String>,
    /// The communities they found, when more than one: (code, label).
    pub matches: Vec<(String, String)>,
}

mod answer;
mod confirm;
mod list;
mod mine;
#[cfg(feature = "ssr")]
mod shared;
mod staff;

pub use answer::load_survey;
pub use confirm::load_confirm;
pub use list::{load_results, load_surveys};
pub use mine::{load_my_participation, load_open_for_me, OpenForMe, OpenNow};
pub use staff::{load_staff_results, load_staff_survey, load_staff_surveys, load_staff_todo};
