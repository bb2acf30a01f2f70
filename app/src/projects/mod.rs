//! 民生微实事: residents' small neighbourhood projects, from proposal through review,
//! support and the community's budget round to completion. So far: proposals with
//! photos, the committee's review against the city's lists, supports (附议) up to the
//! residents' council, the budget tally and the pabulib format its open data uses.
pub mod api;
pub mod components;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod port;
pub mod rules;
