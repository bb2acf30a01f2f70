//! Pure rules over projects and budget rounds: no I/O, no clock, no Leptos.
pub mod comments;
pub mod council;
pub mod pabulib;
pub mod proposal;
pub mod round;
pub mod tally;
