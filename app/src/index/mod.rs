//! The 平安+ index: its methodology and scores, the rules that compute them, and the
//! pages that show them.
pub mod api;
#[cfg(feature = "ssr")]
pub mod charts;
pub mod components;
pub mod islands;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod port;
pub mod rules;
