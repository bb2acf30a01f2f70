//! What every feature shares: languages and messages, preferences, the area map,
//! who is asking and what they may do, and the storage port.
pub mod access;
pub mod areas;
pub mod error;
#[cfg(test)]
pub mod fixtures;
pub mod i18n;
pub mod ids;
#[cfg(feature = "ssr")]
pub mod port;
pub mod prefs;
pub mod share;
pub mod site;
pub mod time;
