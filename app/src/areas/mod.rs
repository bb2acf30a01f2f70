//! The area map for residents: choosing one's area, an area's page and its search.
pub mod api;
pub mod islands;
pub mod list;
pub mod pages;
