//! Sharing inside WeChat: the official account's JS-SDK ticket, fetched from WeChat and
//! cached (`jssdk`), and the app's [`SharePort`](app::core::share::SharePort) that signs
//! a page's URL with it (`adapter`).
pub mod adapter;
pub mod jssdk;
