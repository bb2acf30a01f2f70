//! Staff sign-in (password, and the TOTP code when the second factor is on, with
//! back-off per name and address), and what staff do for their own account: change
//! the password, turn the second factor on or off.
use super::Identity;
use crate::accounts::error::AccountError;
use crate::accounts::store::staff_auth::{self, Backoff, Checked, StaffSignin};
use crate::accounts::totp;
use crate::crypto::{self, Purpose};
use crate::db::Db;
use app::core::access::{Role, StaffUser};
use app::core::time::now;

/// A staff sign-in attempt's outcome; `Ok` carries the new session's token.
pub enum StaffAttempt {
    Ok(String),
    Refused,
    Locked,
    Inactive,
    /// Too many attempts from this address in the last hour.
    ClientLimit,
}

/// argon2 takes tens of milliseconds: off the async workers (checking and hashing).
async fn verify_password(password: String, phc: String) -> bool {
    tokio::task::spawn_blocking(move || crypto::verify_password(&password, &phc))
        .await
        .unwrap_or(false)
}

pub(super) async fn hash_password(password: String) -> Result<String, AccountError> {
    tokio::task::spawn_blocking(move || crypto::hash_password(&password))
        .await
        .map_err(AccountError::internal)?
        .map_err(AccountError::internal)
}

pub async fn staff_sign_in(
    db: &Db,
    id: &Identity,
    username: &str,
    password: String,
    code: &str,
    client: &str,
) -> Result<StaffAttempt, AccountError> {
    let client_hash = id.key.hash(Purpose::Client, client);
    if staff_auth::signin_attempt(db, &client_hash).await?
        >= id.limits.staff_signins_per_client_hour
    {
        return Ok(StaffAttempt::ClientLimit);
    }
    if username.is_empty() || password.is_empty() {
        return Ok(StaffAttempt::Refused);
    }
    let creds = staff_auth::credentials(db, username).await?;
    // An unknown name is checked against a dummy hash so that both answers take as long.
    let phc = creds
        .as_ref()
        .map(|c| c.password_hash.clone())
        .unwrap_or_else(|| crypto::dummy_password_hash().to_string());
    let password_ok = verify_password(password, phc).await;
    let checked = match &creds {
        None => Checked::Unknown,
        Some(c) => match &c.totp_secret {
            None => Checked::Known { user: &c.user, ok: password_ok, step: None },
            Some(sealed) => {
                let step = totp::open(&id.key, &c.user.id, sealed)
                    .and_then(|secret| totp::verify(&secret, code, now(), c.totp_last_step));
                Checked::Known { user: &c.user, ok: password_ok && step.is_some(), step }
            }
        },
    };
    let rules = Backoff {
        failures: id.limits.staff_failures,
        lock_secs: id.limits.staff_lock_secs,
        name_failures_hour: id.limits.staff_name_failures_hour,
    };
    let (token, hash) = crypto::new_token();
    let ttl = id.limits.staff_session_hours * 3600;
    Ok(match staff_auth::sign_in(db, username, &client_hash, checked, rules, &hash, ttl).await? {
        StaffSignin::Ok(_) => StaffAttempt::Ok(token),
        StaffSignin::Refused => StaffAttempt::Refused,
        StaffSignin::Locked => StaffAttempt::Locked,
        StaffSignin::Inactive => StaffAttempt::Inactive,
    })
}

/// What changing one's password came to; the code is the page's `?error=`.
#[derive(Debug, PartialEq, Eq)]
pub enum PasswordChange {
    Changed,
    Refused(&'static str),
}

/// Changes `me`'s password: the current one first, the new one twice, long enough and
/// different. Every other session of theirs ends; `session` (this one) stays.
pub async fn change_password(
    db: &Db,
    me: &StaffUser,
    current: String,
    new: String,
    repeat: &str,
    session: Option<&str>,
) -> Result<PasswordChange, AccountError> {
    let Some(secrets) = staff_auth::secrets(db, &me.id).await? else {
        return Err(AccountError::Forbidden);
    };
    if !verify_password(current.clone(), secrets.password_hash).await {
        return Ok(PasswordChange::Refused("password_wrong"));
    }
    if new != repeat {
        return Ok(PasswordChange::Refused("password_mismatch"));
    }
    if new.chars().count() < super::MIN_PASSWORD {
        return Ok(PasswordChange::Refused("password_short"));
    }
    if new == current {
        return Ok(PasswordChange::Refused("password_same"));
    }
    let phc = hash_password(new).await?;
    staff_auth::set_password(db, me, &phc, session).await?;
    Ok(PasswordChange::Changed)
}

/// Starts enrolling a second factor: a new secret, kept sealed until confirmed.
pub async fn totp_start(db: &Db, id: &Identity, me: &StaffUser) -> Result<(), AccountError> {
    let sealed = totp::seal(&id.key, &me.id, &totp::new_secret());
    staff_auth::set_pending_totp(db, me, &sealed).await?;
    Ok(())
}

/// The secret being enrolled, to show: base32 and the `otpauth://` URI.
pub struct Pending {
    pub key: String,
    pub uri: String,
}

pub async fn totp_pending(
    db: &Db,
    id: &Identity,
    me: &StaffUser,
) -> Result<Option<Pending>, AccountError> {
    let Some(secrets) = staff_auth::secrets(db, &me.id).await? else { return Ok(None) };
    if secrets.totp_secret.is_some() {
        return Ok(None);
    }
    let secret = secrets.totp_pending.and_then(|s| totp::open(&id.key, &me.id, &s));
    Ok(secret.map(|s| Pending {
        key: totp::base32(&s),
        uri: totp::uri("同心 Tongxin", &me.username, &s),
    }))
}

/// Confirms enrolment with a code from the authenticator; false when it is wrong.
pub async fn totp_confirm(
    db: &Db,
    id: &Identity,
    me: &StaffUser,
    code: &str,
) -> Result<bool, AccountError> {
    let Some(secrets) = staff_auth::secrets(db, &me.id).await? else { return Ok(false) };
    let Some(sealed) = secrets.totp_pending else { return Ok(false) };
    let Some(secret) = totp::open(&id.key, &me.id, &sealed) else { return Ok(false) };
    let Some(step) = totp::verify(&secret, code, now(), secrets.totp_last_step) else {
        return Ok(false);
    };
    staff_auth::set_totp(db, me, Some((&sealed, step))).await?;
    Ok(true)
}

/// Turns the second factor off, with the current password; never for the city
/// administrator. `Err` codes are the page's `?error=`.
pub async fn totp_disable(
    db: &Db,
    me: &StaffUser,
    password: String,
) -> Result<Result<(), &'static str>, AccountError> {
    if me.role == Role::CityAdmin {
        return Ok(Err("totp_required"));
    }
    let Some(secrets) = staff_auth::secrets(db, &me.id).await? else {
        return Err(AccountError::Forbidden);
    };
    if !verify_password(password, secrets.password_hash).await {
        return Ok(Err("password_wrong"));
    }
    staff_auth::set_totp(db, me, None).await?;
    Ok(Ok(()))
}

/// Is the second factor on for `me`?
pub async fn totp_on(db: &Db, me: &StaffUser) -> Result<bool, AccountError> {
    Ok(staff_auth::secrets(db, &me.id).await?.is_some_and(|s| s.totp_secret.is_some()))
}
