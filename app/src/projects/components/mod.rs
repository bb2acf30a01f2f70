//! View pieces 民生微实事's pages share.
pub mod card;
pub mod photos;
pub mod timeline;
