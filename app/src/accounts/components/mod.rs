//! Parts of the account pages.
pub mod community_select;
pub mod link;
pub mod phone_code;
