//! Areas: the open-data list and the all-or-nothing import.
mod import;
mod list;
