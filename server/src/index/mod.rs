//! The 平安+ index on the server: its storage, imports and recomputation, the open-data
//! API and the staff upload, and the cache behind the index pages.
pub mod adapter;
pub mod error;
pub mod http;
pub mod import;
pub mod methodology;
pub mod routes;
pub mod service;
pub mod store;
mod warnings;
