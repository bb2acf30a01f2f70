//! Integration tests: the real application on port 0 with a fresh SQLite file each,
//! and the real `tongxin` binary for the command line.
mod api_areas;
mod api_index;
mod accounts;
mod api_methodology;
mod cli;
mod health;
mod helpers;
mod import_areas;
mod import_observations;
mod pages;
mod prefs;
mod security;
mod staff;
mod surveys;
