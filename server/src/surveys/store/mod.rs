//! The surveys' SQL. Callers check definitions and answers with `app::surveys::rules`
//! first; this layer keeps the promises that need the database: a published survey's
//! questions never change, each resident answers once (also under concurrent
//! submissions), and an anonymous response cannot be paired with its resident.
pub mod drafts;
pub mod links;
pub mod responses;
pub mod surveys;
