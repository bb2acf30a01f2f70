//! Parts of the account pages.
pub mod community_select;
pub mod link;
