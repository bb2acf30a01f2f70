//! Integration tests: the real application on port 0 with a fresh SQLite file each,
//! laid out like the features they exercise.
mod accounts;
mod areas;
mod attacks;
mod cli;
mod helpers;
mod index;
mod projects;
mod surveys;
mod web;
