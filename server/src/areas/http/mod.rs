//! Areas over HTTP: the open-data list.
pub mod list;
