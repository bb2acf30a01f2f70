//! Parts of the account pages.
pub mod link;
