//! One page per file.
pub mod answer;
pub mod confirm;
pub mod list;
pub mod results;
pub mod staff_list;
pub mod staff_results;
pub mod staff_survey;

pub use answer::SurveyPage;
pub use confirm::SurveyConfirmPage;
pub use list::SurveysPage;
pub use results::SurveyResultsPage;
pub use staff_list::StaffSurveysPage;
pub use staff_results::StaffSurveyResultsPage;
pub use staff_survey::StaffSurveyPage;
