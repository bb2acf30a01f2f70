//! 民生微实事: the budget tally over real pabulib rounds.
mod pabulib;
