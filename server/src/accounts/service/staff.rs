//! Staff actions: verification decisions, resident rolls, staff accounts.
use super::Identity;
use crate::access;
use crate::accounts::error::AccountError;
use crate::accounts::store::staff::{self, NewStaff};
use crate::accounts::store::{residents, rolls};
use crate::crypto::Purpose;
use crate::csv_import::Problem;
use crate::db::Db;
use app::core::access::{Duty, Role, StaffUser};
use app::core::areas::AreaTree;

/// A committee's decision on a resident's verification; returns the resident's
/// community. The community is the resident's own, never the form's word for it.
pub async fn decide(
    db: &Db,
    tree: &AreaTree,
    me: &StaffUser,
    resident: &str,
    decision: Result<(), &str>,
) -> Result<String, AccountError> {
    let community = residents::community_of(db, resident).await?.ok_or(AccountError::Forbidden)?;
    access::authorise(me, Duty::Residents, &community, tree)?;
    if !residents::decide(db, me, &community, resident, decision).await? {
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
    let entries = match crate::accounts::roll_import::parse(bytes) {
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
        let role = self.check_all_but_password(tree)?;
        if self.password.chars().count() < MIN_PASSWORD {
            return Err(DraftFault::PasswordShort);
        }
        Ok(role)
    }

    /// [`Self::check`] without the password (the command line asks for it only once
    /// the rest is right).
    pub fn check_all_but_password(&self, tree: &AreaTree) -> Result<Role, DraftFault> {
        let role = Role::parse(self.role).ok_or(DraftFault::Role)?;
        if !valid_username(self.username) {
            return Err(DraftFault::Username);
        }
        let name = self.display_name.trim();
        if name.is_empty() || name.chars().count() > 40 {
            return Err(DraftFault::DisplayName);
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
        access::authorise(me, Duty::StaffAccounts, draft.area, tree)?;
    }
    let phc = super::staff_security::hash_password(draft.password.to_string()).await?;
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
    access::authorise(me, Duty::StaffAccounts, &account.area_code, tree)?;
    staff::set_active(db, me, target, active).await?;
    Ok(())
}
