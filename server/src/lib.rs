//! Tongxin's server: configuration, storage, domain engines and the HTTP surface.
//! `main.rs` is only the command line; tests build the same [`startup::Application`].
pub mod auth;
pub mod backend;
pub mod config;
pub mod domain;
pub mod http;
pub mod startup;
pub mod storage;
pub mod telemetry;
