//! View pieces 民生微实事's pages share.
pub mod card;
pub mod comments;
pub mod council;
pub mod photos;
pub mod timeline;
