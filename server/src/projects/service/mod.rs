//! 民生微实事's changes: each authorises, opens the one write transaction, changes the
//! project and its timeline together (and, for staff, the audit log), and says what
//! happened. Forms are checked with `app::projects::rules` before anything is written.
pub mod comments;
pub mod council;
pub mod lists;
pub mod propose;
pub mod review;
pub mod rounds;
pub mod support;

pub use crate::projects::store::projects::get;
