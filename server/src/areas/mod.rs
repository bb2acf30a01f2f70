//! The area map on the server: its storage, the all-or-nothing import, the open-data
//! list and the cache every page reads.
pub mod adapter;
pub mod error;
pub mod http;
pub mod import;
pub mod routes;
pub mod service;
pub mod store;
