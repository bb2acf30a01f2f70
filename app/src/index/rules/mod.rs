//! The index's pure rules (DESIGN.md, "The 平安+ index"): scoring, ranking, periods and
//! the change explanation. No I/O, no clock, no Leptos: plain data in, plain data out.
pub mod explain;
pub mod periods;
pub mod ranking;
pub mod scoring;
