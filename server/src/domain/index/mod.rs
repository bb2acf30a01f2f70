//! The 平安+ index engine (DESIGN.md, "The 平安+ index"): pure functions from a
//! methodology and observations to scores, aggregates, warnings and explanations.
pub mod engine;
pub mod methodology;
