//! The home page and the sections still to come.
pub mod pages;
