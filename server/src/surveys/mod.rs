//! Surveys on the server: storage that keeps one answer each and anonymous answers
//! unlinkable, the answering and staff services, share links and QR codes, and the
//! submission limit.
pub mod adapter;
pub mod error;
pub mod http;
pub mod limiter;
pub mod records;
pub mod routes;
pub mod service;
pub mod store;
