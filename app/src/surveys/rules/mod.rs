//! Pure rules over surveys: no I/O, no clock, no Leptos.
pub mod access;
pub mod answers;
#[cfg(test)]
mod checks_tests;
pub mod conditions;
pub mod definition;
pub mod draft;
pub mod editor;
pub mod export;
pub mod feed;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod keep;
pub mod results;
pub mod suppression;
pub mod template;
