//! Surveys over HTTP: residents' submissions, share links with their QR codes, and the
//! staff's forms (create, edit and publish, close, delete, export). Staff handlers are
//! refused (403, nothing changed) outside the member's role and area.
pub mod answer;
pub mod close;
pub mod confirm;
pub mod create;
pub mod delete;
pub mod edit;
pub mod export;
pub mod landing;
pub mod share;
