//! Surveys: the city's monthly questionnaire and committees' consultations.
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
