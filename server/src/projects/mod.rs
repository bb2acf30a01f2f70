//! 民生微实事: proposals with photos, the committee's review against the city's lists,
//! supports up to the residents' council (budget rounds come next).
pub mod adapter;
pub mod error;
pub mod http;
pub mod records;
pub mod routes;
pub mod service;
pub mod store;
