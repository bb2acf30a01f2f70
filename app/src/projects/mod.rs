//! 民生微实事: residents' small neighbourhood projects, from proposal through review,
//! support and the community's budget round to completion. So far: the budget
//! tally and the pabulib format its open data uses.
pub mod rules;
