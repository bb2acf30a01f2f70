//! The surveys' services: answering (with answers kept across sign-in), and the staff's
//! work on a survey from draft to closing. Each authorises, keeps its promises in one
//! transaction, and says what happened; the handlers turn that into pages.
pub mod answer;
pub mod lifecycle;
pub mod manage;
pub mod share;
