//! The accounts' services: sign-in by code or WeChat and staff sign-in (`signin`), the
//! resident's own record (`resident`), the staff actions on residents, rolls and
//! accounts (`staff`), and staff sign-in, passwords and second factor (`staff_security`). Each authorises, runs one transaction in the store (with its
//! audit line), and returns what happened; handlers never reach the store themselves.
mod resident;
mod signin;
mod staff;
mod staff_security;

pub use resident::*;
pub use signin::*;
pub use staff::*;
pub use staff_security::*;

use super::records::ResidentRecords;
use crate::config::AuthLimits;
use crate::crypto::ServerKey;
use std::sync::Arc;

/// What the account services need besides the database.
#[derive(Clone)]
pub struct Identity {
    pub key: ServerKey,
    pub sms: super::sms::Sms,
    /// Present when the city configured a WeChat official account.
    pub wechat: Option<Arc<super::wechat::WechatClient>>,
    pub limits: AuthLimits,
    /// What other features keep about residents (forgotten or carried over with them).
    pub records: Arc<[Arc<dyn ResidentRecords>]>,
}
