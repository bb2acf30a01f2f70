//! Identity: the cryptography of accounts, the SMS senders for sign-in codes, and
//! the WeChat OAuth client.
pub mod crypto;
pub mod sms;
pub mod wechat;
