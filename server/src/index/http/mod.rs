//! The index over HTTP: open data (editions, series, methodology) and the staff upload.
pub mod editions;
pub mod methodology;
pub mod series;
mod tables;
pub mod upload;
