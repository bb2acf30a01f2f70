//! Tongxin's server: one folder per feature (`areas`, `index`, `surveys`, `accounts`),
//! each with its routes, handlers, services and store, over the shared `db` and `web`
//! layers. `main.rs` is only the command line; tests build the same
//! [`startup::Application`]. See ARCHITECTURE.md for the map.
pub mod access;
pub mod accounts;
pub mod areas;
pub mod audit;
pub mod cli;
pub mod clock;
pub mod config;
pub mod crypto;
pub mod csv_export;
pub mod csv_import;
pub mod db;
pub mod demo;
pub mod index;
pub mod participation;
pub mod photos;
pub mod projects;
pub mod qr;
pub mod share;
pub mod startup;
pub mod surveys;
pub mod telemetry;
pub mod web;
