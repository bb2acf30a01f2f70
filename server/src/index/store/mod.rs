//! The index's SQL: methodologies, observations and scores.
pub mod methodology;
pub mod observations;
pub mod scores;
