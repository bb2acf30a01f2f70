//! The append-only audit log (database triggers refuse updates and deletes): every
//! staff sign-in and every staff action that changes something, written in the same
//! transaction as the change it records.
pub mod store;

pub use store::{append, page, write, Audit};
