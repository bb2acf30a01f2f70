//! 民生微实事's form posts and the photo files: one action per file.
pub mod comments;
pub mod council;
pub mod lists;
pub mod photos;
pub mod review;
pub mod rounds;
pub mod save;
pub mod support;
