//! The page frame and the building blocks every feature's pages use.
pub mod chart;
pub mod icons;
pub mod layout;
pub mod nav;
pub mod notices;
pub mod outcome;
pub mod share;
pub mod staff;
pub mod status;
pub mod title;
pub mod upload;

pub use layout::Layout;
pub use status::{set_status, ErrorView, NotFoundView};
