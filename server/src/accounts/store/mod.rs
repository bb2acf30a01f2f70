//! The accounts' SQL: sessions, sign-in codes, residents, rolls and staff. Callers pass
//! hashes (never phone numbers or openids) and times in Unix seconds.
pub mod codes;
pub mod identities;
pub mod residents;
pub mod rolls;
mod rows;
pub mod sessions;
pub mod staff;
pub mod staff_auth;
