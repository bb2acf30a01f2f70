pub mod home;
pub mod sections;

pub use home::HomePage;
pub use sections::VotesPage;
