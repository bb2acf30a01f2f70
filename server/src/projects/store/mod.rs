//! 民生微实事's SQL. Callers check forms and decisions with `app::projects::rules`
//! first; this layer keeps the promises that need the database: a status changes only
//! from the status the caller read (so two reviews cannot both land), each step goes
//! on the timeline with its change, and a support is counted once per person.
pub mod comments;
pub mod council;
pub mod events;
pub mod lists;
pub mod projects;
pub mod rounds;
pub mod supports;
