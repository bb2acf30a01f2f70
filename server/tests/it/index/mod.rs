//! The index: open data, the methodology, imports, the staff upload.
mod edges;
mod editions;
mod import;
mod methodology;
mod reference;
mod upload;
