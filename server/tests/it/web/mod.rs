//! The web layer: pages, health, preference forms, security headers and checks.
mod health;
mod pages;
mod prefs;
mod security;
