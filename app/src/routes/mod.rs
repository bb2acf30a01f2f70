//! One page per file (as in Leptos' hackernews_islands_axum).
pub mod area_index;
pub mod areas;
pub mod compare;
pub mod home;
pub mod me;
pub mod methodology;
pub mod my_index;
pub mod privacy;
pub mod ranking;
pub mod sections;
pub mod signin;
pub mod staff;

pub use area_index::AreaIndexPage;
pub use areas::{AreaDetailPage, AreaPickerPage};
pub use compare::ComparePage;
pub use home::HomePage;
pub use me::MePage;
pub use methodology::MethodologyPage;
pub use my_index::MyIndexPage;
pub use privacy::{ConsentPage, PrivacyPage};
pub use ranking::RankingPage;
pub use signin::SigninPage;
pub use staff::{StaffAccountsPage, StaffAuditPage, StaffHomePage, StaffObservationsPage, StaffResidentsPage, StaffSigninPage};
pub use sections::{ProjectsPage, SurveysPage, VotesPage};
