//! One page per file (as in Leptos' hackernews_islands_axum).
pub mod areas;
pub mod home;
pub mod me;
pub mod methodology;
pub mod sections;

pub use areas::{AreaDetailPage, AreaPickerPage};
pub use home::HomePage;
pub use me::MePage;
pub use methodology::MethodologyPage;
pub use sections::{ProjectsPage, SurveysPage, VotesPage};
