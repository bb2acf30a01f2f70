//! Accounts: residents' sign-in, consent and data, and the staff pages.
pub mod api;
pub mod components;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod port;
