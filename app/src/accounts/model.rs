//! What account pages show: a resident's own data (also their JSON export), a
//! committee's verification queue, the staff list and the audit log. Plain data,
//! read through [`AccountPort`](crate::accounts::port::AccountPort).
use crate::core::access::{Role, Verification};
use serde::{Deserialize, Serialize};

/// Everything the portal holds about one resident — what "我的" shows and what the
/// export contains.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ResidentData {
    pub id: String,
    /// Unix seconds.
    pub created_at: i64,
    /// Last four digits of the linked phone number (the number itself is not kept).
    pub phone_tail: Option<String>,
    pub wechat_linked: bool,
    pub community_code: Option<String>,
    pub verification: Verification,
    pub verified_by: Option<String>,
    pub verified_at: Option<i64>,
    pub claim_name: Option<String>,
    pub claim_address: Option<String>,
    /// Why the committee did not verify them (while the request stands refused).
    #[serde(default)]
    pub reject_reason: Option<String>,
    pub consent_version: Option<String>,
    pub consent_at: Option<i64>,
    pub sessions: Vec<SessionInfo>,
}

/// Longest reason a committee may give for not verifying a resident (characters).
pub const MAX_REASON: usize = 200;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
}

/// Something the resident took part in, as their data page lists it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TakenPart {
    pub title: String,
    /// Where it is shown ("/surveys/<id>").
    pub href: String,
    /// Their answers in words, question by question; `None` when they were anonymous
    /// (kept without any link to the resident, so not theirs to list).
    pub answers: Option<Vec<(String, String)>>,
}

/// A resident as their committee sees them in the verification queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueEntry {
    pub resident_id: String,
    pub phone_tail: Option<String>,
    pub claim_name: Option<String>,
    pub claim_address: Option<String>,
    pub verification: Verification,
    pub since: i64,
}

/// A community's residents, for its committee.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommunityResidents {
    pub entries: Vec<QueueEntry>,
    /// Entries on the committee's roll.
    pub roll_size: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffRecord {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub area_code: String,
    pub active: bool,
    pub created_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: i64,
    pub actor: String,
    pub role: Option<String>,
    pub action: String,
    pub area_code: Option<String>,
    pub target: Option<String>,
    pub detail: String,
}

/// A staff member's own account security (`/staff/security`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffSecurity {
    pub setup: crate::core::access::StaffSetup,
    /// The city administrator cannot turn the second factor off.
    pub totp_required: bool,
    pub totp_on: bool,
    /// The key being enrolled (base32), shown until confirmed.
    pub pending_key: Option<String>,
}
