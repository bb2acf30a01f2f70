//! One page per file.
pub mod area;
pub mod compare;
pub mod methodology;
pub mod my_index;
pub mod ranking;
pub mod staff_observations;

pub use area::AreaIndexPage;
pub use compare::ComparePage;
pub use methodology::MethodologyPage;
pub use my_index::MyIndexPage;
pub use ranking::RankingPage;
pub use staff_observations::StaffObservationsPage;
