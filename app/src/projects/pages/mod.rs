//! 民生微实事's pages.
mod list;
mod mine;
mod project;
mod propose;
mod round;
mod staff_council;
mod staff_lists;
mod staff_project;
mod staff_queue;
mod staff_rounds;

pub use list::ProjectsPage;
pub use mine::MyProjectsPage;
pub use project::ProjectDetailPage;
pub use propose::ProposePage;
pub use round::RoundPage;
pub use staff_council::StaffCouncilPage;
pub use staff_lists::StaffListsPage;
pub use staff_project::StaffProjectPage;
pub use staff_queue::StaffProjectsPage;
pub use staff_rounds::StaffRoundsPage;
