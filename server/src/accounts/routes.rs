//! The accounts' URLs.
use super::http::{
    export, me, phone, residents, signout, staff_accounts, staff_security, staff_signin, wechat,
};
use crate::web::upload::MAX_UPLOAD;
use crate::web::AppState;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/auth/phone/send", post(phone::send_code))
        .route("/auth/phone/verify", post(phone::verify_code))
        .route("/auth/wechat", get(wechat::start))
        .route("/auth/wechat/callback", get(wechat::callback))
        .route("/auth/signout", post(signout::sign_out))
        .route("/auth/signout-all", post(signout::sign_out_everywhere))
        .route("/me/consent", post(me::consent))
        .route("/me/consent/withdraw", post(me::withdraw_consent))
        .route("/me/phone/send", post(phone::link_send))
        .route("/me/phone/verify", post(phone::link_verify))
        .route("/me/community", post(me::set_community))
        .route("/me/verification", post(me::request_verification))
        .route("/me/export", get(export::export))
        .route("/me/delete", post(me::delete))
        .route("/staff/signin", post(staff_signin::sign_in))
        .route("/staff/signout", post(staff_signin::sign_out))
        .route("/staff/signout-all", post(staff_signin::sign_out_everywhere))
        .route("/staff/security/password", post(staff_security::change_password))
        .route("/staff/security/totp/start", post(staff_security::totp_start))
        .route("/staff/security/totp/confirm", post(staff_security::totp_confirm))
        .route("/staff/security/totp/off", post(staff_security::totp_off))
        .route("/staff/security/totp.svg", get(staff_security::totp_qr))
        .route("/staff/residents/decide", post(residents::decide))
        .route("/staff/roll", post(residents::import_roll).layer(DefaultBodyLimit::max(MAX_UPLOAD)))
        .route("/staff/accounts", post(staff_accounts::create))
        .route("/staff/accounts/active", post(staff_accounts::set_active))
}
