//! Who is asking: the signed-in resident and/or staff member of the request, as the
//! server resolved them from the session cookies (DESIGN.md, "Security and privacy").
//! Plain data shared by pages and handlers; the server puts a [`Viewer`] into every
//! request's extensions, and pages read it from there.
use crate::core::areas::{AreaTree, Level};
use crate::core::error::AppError;
use crate::core::i18n::Msg;
use serde::{Deserialize, Serialize};

/// Cookie of a resident's session (path `/`).
pub const RESIDENT_COOKIE: &str = "tx_sid";
/// Cookie of a staff session; its path is `/staff`, so public pages never carry it.
pub const STAFF_COOKIE: &str = "tx_staff";
/// The path the staff session cookie is sent on.
pub const STAFF_PATH: &str = "/staff";

/// The name a session or sign-in cookie `name` is stored under. With
/// `secure_cookies`, `__Host-` (path `/`) or `__Secure-` (a narrower path) goes in
/// front: the browser then takes it only over HTTPS, with `Secure`, and (`__Host-`)
/// for this host alone, so neither a plain-HTTP page nor a sibling subdomain can plant
/// one (a session fixed by an attacker). Without HTTPS (development) the plain name.
pub fn stored_name(name: &str, path: &str, secure: bool) -> String {
    match (secure, path) {
        (false, _) => name.to_string(),
        (true, "/") => format!("__Host-{name}"),
        (true, _) => format!("__Secure-{name}"),
    }
}

/// Cookie naming a pending phone sign-in (the challenge, never the number).
pub const OTP_COOKIE: &str = "tx_otp";
/// The version of the consent notice residents accept; a new text asks again.
pub const CONSENT_VERSION: &str = "2026-11-30";

/// What pages need to know about how residents can sign in here.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AuthOptions {
    /// The city configured a WeChat official account.
    pub wechat: bool,
}

/// A staff member's role; each is bound to an area of the matching level and its
/// rights cover that area's subtree only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    CityAdmin,
    DistrictOfficer,
    StreetOfficer,
    Committee,
}

impl Role {
    pub const ALL: [Role; 4] =
        [Role::CityAdmin, Role::DistrictOfficer, Role::StreetOfficer, Role::Committee];

    pub const fn as_str(self) -> &'static str {
        match self {
            Role::CityAdmin => "city_admin",
            Role::DistrictOfficer => "district_officer",
            Role::StreetOfficer => "street_officer",
            Role::Committee => "committee",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s.trim())
    }

    /// The level of the area this role is bound to.
    pub const fn level(self) -> Level {
        match self {
            Role::CityAdmin => Level::City,
            Role::DistrictOfficer => Level::District,
            Role::StreetOfficer => Level::Street,
            Role::Committee => Level::Community,
        }
    }

    pub const fn name(self) -> Msg {
        match self {
            Role::CityAdmin => Msg::RoleCityAdmin,
            Role::DistrictOfficer => Msg::RoleDistrictOfficer,
            Role::StreetOfficer => Msg::RoleStreetOfficer,
            Role::Committee => Msg::RoleCommittee,
        }
    }
}

/// A signed-in staff member.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffUser {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub area_code: String,
    /// What they must do before anything else (`/staff/security`).
    pub setup: StaffSetup,
}

/// A staff account's security before it may work: a password an administrator set is
/// changed first, and the city administrator turns on the second factor.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum StaffSetup {
    #[default]
    Ready,
    ChangePassword,
    EnrolTotp,
}

impl StaffSetup {
    pub fn of(role: Role, must_change_password: bool, totp_on: bool) -> StaffSetup {
        if must_change_password {
            StaffSetup::ChangePassword
        } else if role == Role::CityAdmin && !totp_on {
            StaffSetup::EnrolTotp
        } else {
            StaffSetup::Ready
        }
    }
}

/// What a staff member may do. Every check is "is the target inside my area?" plus,
/// for a few city-wide duties, "am I the city administrator?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Duty {
    /// Residents of a community: the verification queue, the roll.
    Residents,
    /// Upload index observations for streets.
    Observations,
    /// Create, deactivate and reactivate staff accounts.
    StaffAccounts,
    /// Read the audit log.
    Audit,
    /// Review a community's 民生微实事 proposals (its committee's work).
    ProjectReview,
    /// Edit the city's positive and negative lists of projects.
    ProjectLists,
}

impl StaffUser {
    /// May this staff member perform `duty` on `area`?
    pub fn may(&self, duty: Duty, area: &str, tree: &AreaTree) -> bool {
        let inside = tree.is_within(area, &self.area_code);
        match duty {
            Duty::Residents => {
                inside && tree.get(area).is_some_and(|a| a.level == Level::Community)
            }
            Duty::Observations => inside && self.role != Role::Committee,
            Duty::StaffAccounts | Duty::Audit | Duty::ProjectLists => {
                self.role == Role::CityAdmin && inside
            }
            Duty::ProjectReview => self.role == Role::Committee && inside,
        }
    }

    /// May this staff member perform `duty` at all (somewhere)?
    pub fn has(&self, duty: Duty) -> bool {
        match duty {
            Duty::Residents => true,
            Duty::Observations => self.role != Role::Committee,
            Duty::StaffAccounts | Duty::Audit | Duty::ProjectLists => self.role == Role::CityAdmin,
            Duty::ProjectReview => self.role == Role::Committee,
        }
    }
}

/// Where a resident stands with their community committee.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verification {
    #[default]
    None,
    Pending,
    Verified,
    Rejected,
}

impl Verification {
    pub const fn as_str(self) -> &'static str {
        match self {
            Verification::None => "none",
            Verification::Pending => "pending",
            Verification::Verified => "verified",
            Verification::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<Verification> {
        [Verification::None, Verification::Pending, Verification::Verified, Verification::Rejected]
            .into_iter()
            .find(|v| v.as_str() == s)
    }

    pub const fn name(self) -> Msg {
        match self {
            Verification::None => Msg::VerifyNone,
            Verification::Pending => Msg::VerifyPending,
            Verification::Verified => Msg::VerifyVerified,
            Verification::Rejected => Msg::VerifyRejected,
        }
    }
}

/// A signed-in resident, as much as pages need to know.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResidentUser {
    pub id: String,
    /// Last four digits of the phone number, when one is linked.
    pub phone_tail: Option<String>,
    pub wechat: bool,
    pub community: Option<String>,
    pub verification: Verification,
    /// Has accepted the consent notice in force.
    pub consented: bool,
}

/// Who may take part in an activity (a survey, a vote, a project call): residents
/// living in `area`'s subtree, and, when `verified_only`, only those their
/// committee has verified.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Audience {
    pub area: String,
    pub verified_only: bool,
}

/// Why a signed-in resident may not take part yet; each has a next step on "我的".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NotEligible {
    /// The consent notice in force has not been accepted.
    Consent,
    /// No home community chosen yet.
    Community,
    /// The home community lies outside the activity's area.
    OutsideArea,
    /// The activity is for verified residents and this one is not (yet).
    Verification,
}

impl ResidentUser {
    /// May this resident take part in an activity for `audience`?
    pub fn may_take_part(&self, audience: &Audience, tree: &AreaTree) -> Result<(), NotEligible> {
        if !self.consented {
            return Err(NotEligible::Consent);
        }
        let Some(home) = self.community.as_deref() else {
            return Err(NotEligible::Community);
        };
        if !tree.is_within(home, &audience.area) {
            return Err(NotEligible::OutsideArea);
        }
        if audience.verified_only && self.verification != Verification::Verified {
            return Err(NotEligible::Verification);
        }
        Ok(())
    }
}

/// The identities of the request being served (either, both or neither).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Viewer {
    pub resident: Option<ResidentUser>,
    pub staff: Option<StaffUser>,
}

/// The viewer of the request being rendered (server), or a guest.
pub fn use_viewer() -> Viewer {
    #[cfg(feature = "ssr")]
    {
        use leptos::prelude::use_context;
        if let Some(parts) = use_context::<http::request::Parts>() {
            if let Some(v) = parts.extensions.get::<Viewer>() {
                return v.clone();
            }
        }
    }
    Viewer::default()
}

/// The signed-in staff member of the request, or [`AppError::SignIn`] (403).
pub fn staff_viewer() -> Result<StaffUser, AppError> {
    use_viewer().staff.ok_or_else(|| AppError::SignIn.refused())
}

/// `Ok` when `allowed`, else [`AppError::Forbidden`] (403).
pub fn require(allowed: bool) -> Result<(), AppError> {
    if allowed {
        Ok(())
    } else {
        Err(AppError::Forbidden.refused())
    }
}

/// Is the page being rendered for WeChat's in-app browser?
pub fn in_wechat() -> bool {
    #[cfg(feature = "ssr")]
    {
        use leptos::prelude::use_context;
        if let Some(parts) = use_context::<http::request::Parts>() {
            return parts
                .headers
                .get(http::header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|ua| ua.contains("MicroMessenger"));
        }
    }
    false
}

/// Whether WeChat sign-in is offered on this installation.
pub fn use_auth_options() -> AuthOptions {
    leptos::prelude::use_context::<AuthOptions>().unwrap_or_default()
}

#[cfg(test)]
#[path = "access_tests.rs"]
mod tests;
