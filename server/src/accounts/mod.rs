//! Accounts on the server: residents signed in by phone code or WeChat, staff with
//! passwords and lock-out, sessions, rolls; their storage, services and HTTP forms.
pub mod adapter;
pub mod error;
pub mod http;
pub mod records;
pub mod roll_import;
pub mod routes;
pub mod service;
pub mod sms;
pub mod store;
pub mod totp;
pub mod wechat;
