//! The accounts' services: sign-in by code or WeChat, staff sign-in with lock-out, and
//! the staff actions on residents, rolls and accounts. Each authorises, runs one
//! transaction in the store (with its audit line), and returns what happened.
use super::error::AccountError;
use super::records::ResidentRecords;
use super::store::codes::{self, OtpFailure, OtpLimits, OtpRefusal};
use super::store::residents::{self, Proof};
use super::store::staff::{self, NewStaff, StaffSignin};
use super::store::{rolls, sessions};
use crate::config::AuthLimits;
use crate::crypto::{self, Purpose, ServerKey};
use crate::csv_import::Problem;
use crate::db::Db;
use app::core::access::{Duty, Role, StaffUser, CONSENT_VERSION};
use app::core::areas::AreaTree;
use app::core::i18n::Lang;
use app::core::ids::Phone;
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

/// The outcome of asking for a sign-in code.
pub enum CodeSent {
    /// Sent; the challenge's id goes into the browser's cookie.
    Sent {
        challenge: String,
    },
    Refused(OtpRefusal),
    /// The SMS gateway failed; nothing counts against the limits.
    NotSent,
}

pub async fn send_code(
    db: &Db,
    id: &Identity,
    phone: &Phone,
    client: &str,
    lang: Lang,
) -> Result<CodeSent, AccountError> {
    let challenge = crypto::random_id();
    let code = crypto::random_code();
    let code_hash = id.key.hash(Purpose::Code, &format!("{challenge}:{code}"));
    let phone_hash = id.key.hash(Purpose::Phone, phone.digits());
    let client_hash = id.key.hash(Purpose::Client, client);
    let limits = OtpLimits {
        ttl_secs: id.limits.code_ttl_secs,
        resend_secs: id.limits.resend_secs,
        per_phone_hour: id.limits.codes_per_phone_hour,
        per_client_hour: id.limits.codes_per_client_hour,
    };
    let issued =
        codes::issue(db, &challenge, (&phone_hash, phone.tail()), &client_hash, &code_hash, limits)
            .await?;
    if let Err(refusal) = issued {
        return Ok(CodeSent::Refused(refusal));
    }
    if let Err(e) = id.sms.send(phone.digits(), &code, lang).await {
        tracing::error!(error = %e, "sign-in code not sent");
        codes::withdraw(db, &challenge).await?;
        return Ok(CodeSent::NotSent);
    }
    Ok(CodeSent::Sent { challenge })
}

/// Checks a code against its challenge; on success the phone is proven.
pub async fn check_code(
    db: &Db,
    id: &Identity,
    challenge: &str,
    code: &str,
) -> Result<Result<Proof, OtpFailure>, AccountError> {
    let expected = id.key.hash(Purpose::Code, &format!("{challenge}:{code}"));
    let checked = codes::check(
        db,
        challenge,
        |stored| crypto::same(stored, &expected),
        id.limits.code_attempts,
    )
    .await?;
    Ok(checked.map(|p| Proof::Phone { hash: p.phone_hash, tail: p.tail }))
}

/// A resident's new session.
pub struct SignedIn {
    pub token: String,
    /// Has accepted the consent notice in force (else it is the next page).
    pub consented: bool,
}

/// Signs a resident in with a proof, linking or merging with the account signed in on
/// this browser (`current`), and opens a session.
pub async fn sign_in(
    db: &Db,
    id: &Identity,
    proof: &Proof,
    current: Option<&str>,
) -> Result<SignedIn, AccountError> {
    let (token, hash) = crypto::new_token();
    let ttl = id.limits.resident_session_days * 86_400;
    let resident = residents::sign_in(db, &id.records, proof, current, &hash, ttl).await?;
    let consent = residents::data(db, &resident).await?.and_then(|d| d.consent_version);
    Ok(SignedIn { token, consented: consent.as_deref() == Some(CONSENT_VERSION) })
}

/// A staff sign-in attempt's outcome; `Ok` carries the new session's token.
pub enum StaffAttempt {
    Ok(String),
    Refused,
    Locked,
    Inactive,
    /// Too many attempts from this address in the last hour.
    ClientLimit,
}

pub async fn staff_sign_in(
    db: &Db,
    id: &Identity,
    username: &str,
    password: String,
    client: &str,
) -> Result<StaffAttempt, AccountError> {
    let client_hash = id.key.hash(Purpose::Client, client);
    if staff::signin_attempt(db, &client_hash).await? >= id.limits.staff_signins_per_client_hour {
        return Ok(StaffAttempt::ClientLimit);
    }
    if username.is_empty() || password.is_empty() {
        return Ok(StaffAttempt::Refused);
    }
    let creds = staff::credentials(db, username).await?;
    // argon2 takes tens of milliseconds: off the async workers. An unknown name is
    // checked against a dummy hash so that both answers take as long.
    let phc = creds
        .as_ref()
        .map(|c| c.password_hash.clone())
        .unwrap_or_else(|| crypto::dummy_password_hash().to_string());
    let ok = tokio::task::spawn_blocking(move || crypto::verify_password(&password, &phc))
        .await
        .unwrap_or(false);
    let (token, hash) = crypto::new_token();
    let ttl = id.limits.staff_session_hours * 3600;
    let lock = (id.limits.staff_failures, id.limits.staff_lock_secs);
    let checked = creds.as_ref().map(|c| (&c.user, ok));
    Ok(match staff::sign_in(db, username, checked, lock, &hash, ttl).await? {
        StaffSignin::Ok(_) => StaffAttempt::Ok(token),
        StaffSignin::Refused => StaffAttempt::Refused,
        StaffSignin::Locked(_) => StaffAttempt::Locked,
        StaffSignin::Inactive => StaffAttempt::Inactive,
    })
}

/// Does `me`'s role carry `duty` at all (wherever the area)? Checked before a
/// form is even read, so a refused post learns nothing about its fields.
pub fn require(me: &StaffUser, duty: Duty) -> Result<(), AccountError> {
    if me.has(duty) {
        Ok(())
    } else {
        tracing::warn!(staff = %me.username, ?duty, "staff action outside their role refused");
        Err(AccountError::Forbidden)
    }
}

/// May `me` do `duty` on `area`? Refusals are logged: they are either a bug or a probe.
pub fn authorise(
    me: &StaffUser,
    duty: Duty,
    area: &str,
    tree: &AreaTree,
) -> Result<(), AccountError> {
    if me.may(duty, area, tree) {
        Ok(())
    } else {
        tracing::warn!(staff = %me.username, ?duty, area, "staff action outside their rights refused");
        Err(AccountError::Forbidden)
    }
}

/// A committee's decision on a resident's verification; returns the resident's
/// community. The community is the resident's own, never the form's word for it.
pub async fn decide(
    db: &Db,
    tree: &AreaTree,
    me: &StaffUser,
    resident: &str,
    approve: bool,
) -> Result<String, AccountError> {
    let community = residents::community_of(db, resident).await?.ok_or(AccountError::Forbidden)?;
    authorise(me, Duty::Residents, &community, tree)?;
    if !residents::decide(db, me, &community, resident, approve).await? {
        return Err(AccountError::Forbidden);
    }
    Ok(community)
}

/// What a roll upload did.
pub enum RollOutcome {
    Replaced { entries: u64, verified: u64 },
    Rejected(Vec<Problem>),
}

/// Replaces a community's roll with a CSV of `phone,label` (numbers stored hashed).
pub async fn replace_roll(
    db: &Db,
    id: &Identity,
    me: &StaffUser,
    community: &str,
    bytes: &[u8],
) -> Result<RollOutcome, AccountError> {
    let entries = match super::roll_import::parse(bytes) {
        Ok(e) => e,
        Err(problems) => return Ok(RollOutcome::Rejected(problems)),
    };
    let hashed: Vec<(String, String)> = entries
        .into_iter()
        .map(|(p, label)| (id.key.hash(Purpose::Phone, p.digits()), label))
        .collect();
    let done = rolls::replace(db, me, community, &hashed).await?;
    Ok(RollOutcome::Replaced { entries: done.entries, verified: done.verified })
}

/// Shortest staff password.
pub const MIN_PASSWORD: usize = 10;

/// A staff account as typed into the form or on the command line.
pub struct StaffDraft<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub password: &'a str,
    pub role: &'a str,
    pub area: &'a str,
}

/// What is wrong with a [`StaffDraft`]; the code is the page's `?error=`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftFault {
    Role,
    Username,
    DisplayName,
    PasswordShort,
    AreaRole,
}

impl DraftFault {
    pub fn code(self) -> &'static str {
        match self {
            DraftFault::Role => "role_invalid",
            DraftFault::Username => "username_invalid",
            DraftFault::DisplayName => "display_name_invalid",
            DraftFault::PasswordShort => "password_short",
            DraftFault::AreaRole => "area_role_mismatch",
        }
    }
}

/// Is this a username staff can type and read? (letters, digits, `.`, `_`, `-`)
pub fn valid_username(s: &str) -> bool {
    (3..=32).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

impl StaffDraft<'_> {
    /// The role, when every field is acceptable and the area's level fits it.
    pub fn check(&self, tree: &AreaTree) -> Result<Role, DraftFault> {
        let role = Role::parse(self.role).ok_or(DraftFault::Role)?;
        if !valid_username(self.username) {
            return Err(DraftFault::Username);
        }
        let name = self.display_name.trim();
        if name.is_empty() || name.chars().count() > 40 {
            return Err(DraftFault::DisplayName);
        }
        if self.password.chars().count() < MIN_PASSWORD {
            return Err(DraftFault::PasswordShort);
        }
        match tree.get(self.area) {
            Some(a) if a.level == role.level() => Ok(role),
            _ => Err(DraftFault::AreaRole),
        }
    }
}

/// What creating an account did.
pub enum Created {
    Yes,
    Invalid(DraftFault),
    UsernameTaken,
}

/// Creates a staff account; `me` is the creating administrator (`None`: the CLI).
pub async fn create_staff(
    db: &Db,
    tree: &AreaTree,
    me: Option<&StaffUser>,
    draft: StaffDraft<'_>,
) -> Result<Created, AccountError> {
    let role = match draft.check(tree) {
        Ok(r) => r,
        Err(f) => return Ok(Created::Invalid(f)),
    };
    if let Some(me) = me {
        authorise(me, Duty::StaffAccounts, draft.area, tree)?;
    }
    let password = draft.password.to_string();
    let phc = tokio::task::spawn_blocking(move || crypto::hash_password(&password))
        .await
        .map_err(AccountError::internal)?
        .map_err(AccountError::internal)?;
    let new = NewStaff {
        username: draft.username,
        display_name: draft.display_name.trim(),
        password_hash: &phc,
        role,
        area_code: draft.area,
        created_by: me.map(|m| m.id.as_str()),
    };
    let actor = me.map(|m| m.username.as_str()).unwrap_or("cli");
    Ok(match staff::add(db, new, actor).await? {
        Some(_) => Created::Yes,
        None => Created::UsernameTaken,
    })
}

/// Activates or deactivates a staff account of `me`'s area; deactivation ends its
/// sessions at once.
pub async fn set_active(
    db: &Db,
    tree: &AreaTree,
    me: &StaffUser,
    target: &str,
    active: bool,
) -> Result<(), AccountError> {
    let account = staff::by_id(db, target).await?.ok_or(AccountError::Forbidden)?;
    authorise(me, Duty::StaffAccounts, &account.area_code, tree)?;
    staff::set_active(db, me, target, active).await?;
    Ok(())
}

/// Ends one session.
pub async fn sign_out(db: &Db, token_hash: Option<String>) -> Result<(), AccountError> {
    if let Some(hash) = token_hash {
        sessions::end(db, &hash).await?;
    }
    Ok(())
}
