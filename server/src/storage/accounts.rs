//! Accounts: residents, staff, sessions, one-time codes and the audit log. Callers
//! pass hashes (never phone numbers or openids) and times in Unix seconds.
use super::{Db, StorageError};
use app::accounts::{AuditEntry, CommunityResidents, QueueEntry, ResidentData, SessionInfo, StaffRecord};
use app::auth::{ResidentUser, Role, StaffUser, Verification, Viewer, CONSENT_VERSION};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, Sqlite, Transaction};

type Tx = Transaction<'static, Sqlite>;

/// Which kind of account a session belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionKind {
    Resident,
    Staff,
}

impl SessionKind {
    fn as_str(self) -> &'static str {
        match self {
            SessionKind::Resident => "resident",
            SessionKind::Staff => "staff",
        }
    }
}

/// The limits on sending sign-in codes.
#[derive(Clone, Copy, Debug)]
pub struct OtpLimits {
    pub ttl_secs: i64,
    pub resend_secs: i64,
    pub per_phone_hour: i64,
    pub per_client_hour: i64,
}

/// Why no code was sent.
#[derive(Debug, PartialEq, Eq)]
pub enum OtpRefusal {
    /// A code went to this number moments ago; try again in this many seconds.
    Cooldown(i64),
    PhoneLimit,
    ClientLimit,
}

/// Why a code was not accepted.
#[derive(Debug, PartialEq, Eq)]
pub enum OtpFailure {
    /// No such challenge (or it was never ours).
    Unknown,
    Expired,
    Used,
    /// Attempts exhausted; a new code is needed.
    Exhausted,
    /// Wrong code; this many attempts remain.
    Wrong(i64),
}

/// A resident identity proven by a code or by WeChat.
#[derive(Clone, Debug)]
pub enum Proof {
    Phone { hash: String, tail: String },
    OpenId { hash: String },
}

/// A new staff account.
pub struct NewStaff<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub area_code: &'a str,
    pub created_by: Option<&'a str>,
}

/// The outcome of a staff sign-in attempt.
#[derive(Debug, PartialEq, Eq)]
pub enum StaffSignin {
    Ok(StaffUser),
    /// Unknown user or wrong password (deliberately the same answer).
    Refused,
    /// Too many wrong passwords; locked until this time.
    Locked(i64),
    Inactive,
}

/// One line of the audit log, before it is written.
pub struct Audit<'a> {
    pub actor: &'a str,
    pub role: Option<Role>,
    pub action: &'a str,
    pub area_code: Option<&'a str>,
    pub target: Option<&'a str>,
    pub detail: &'a str,
}

pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

fn verification(row: &SqliteRow) -> Result<Verification, sqlx::Error> {
    let v: String = row.try_get("verification")?;
    Verification::parse(&v).ok_or_else(|| sqlx::Error::Decode(format!("bad verification {v:?}").into()))
}

fn role(s: &str) -> Result<Role, sqlx::Error> {
    Role::parse(s).ok_or_else(|| sqlx::Error::Decode(format!("bad role {s:?}").into()))
}

fn resident_user(row: &SqliteRow) -> Result<ResidentUser, sqlx::Error> {
    let consent: Option<String> = row.try_get("consent_version")?;
    Ok(ResidentUser {
        id: row.try_get("id")?,
        phone_tail: row.try_get("phone_tail")?,
        wechat: row.try_get::<Option<String>, _>("openid_hash")?.is_some(),
        community: row.try_get("community_code")?,
        verification: verification(row)?,
        consented: consent.as_deref() == Some(CONSENT_VERSION),
    })
}

fn staff_user(row: &SqliteRow) -> Result<StaffUser, sqlx::Error> {
    Ok(StaffUser {
        id: row.try_get("id")?,
        username: row.try_get("username")?,
        display_name: row.try_get("display_name")?,
        role: role(&row.try_get::<String, _>("role")?)?,
        area_code: row.try_get("area_code")?,
    })
}

const RESIDENT_COLUMNS: &str = "r.id, r.phone_tail, r.openid_hash, r.community_code, r.verification, r.consent_version";

pub async fn audit(tx: &mut Tx, entry: Audit<'_>) -> Result<(), StorageError> {
    sqlx::query("INSERT INTO audit_log (at, actor, role, action, area_code, target, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(now())
        .bind(entry.actor)
        .bind(entry.role.map(Role::as_str))
        .bind(entry.action)
        .bind(entry.area_code)
        .bind(entry.target)
        .bind(entry.detail)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

async fn insert_session(tx: &mut Tx, kind: SessionKind, subject: &str, token_hash: &str, ttl_secs: i64) -> Result<(), StorageError> {
    let t = now();
    sqlx::query("INSERT INTO sessions (token_hash, kind, subject_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(token_hash)
        .bind(kind.as_str())
        .bind(subject)
        .bind(t)
        .bind(t + ttl_secs)
        .bind(t)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

impl Db {
    // ---- sessions -------------------------------------------------------------

    /// Who holds these session tokens (hashes)? Expired sessions and deactivated
    /// staff count as nobody, so a deactivation takes effect on the next request.
    pub async fn viewer(&self, resident_token: Option<&str>, staff_token: Option<&str>) -> Result<Viewer, StorageError> {
        let t = now();
        let mut viewer = Viewer::default();
        if let Some(hash) = resident_token {
            let sql = format!(
                "SELECT {RESIDENT_COLUMNS} FROM sessions s JOIN residents r ON r.id = s.subject_id \
                 WHERE s.token_hash = ? AND s.kind = 'resident' AND s.expires_at > ?"
            );
            if let Some(row) = sqlx::query(&sql).bind(hash).bind(t).fetch_optional(self.reader()).await? {
                viewer.resident = Some(resident_user(&row)?);
            }
        }
        if let Some(hash) = staff_token {
            let row = sqlx::query(
                "SELECT st.id, st.username, st.display_name, st.role, st.area_code FROM sessions s \
                 JOIN staff st ON st.id = s.subject_id \
                 WHERE s.token_hash = ? AND s.kind = 'staff' AND s.expires_at > ? AND st.active = 1",
            )
            .bind(hash)
            .bind(t)
            .fetch_optional(self.reader())
            .await?;
            if let Some(row) = row {
                viewer.staff = Some(staff_user(&row)?);
            }
        }
        Ok(viewer)
    }

    /// Ends one session.
    pub async fn end_session(&self, token_hash: &str) -> Result<(), StorageError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM sessions WHERE token_hash = ?").bind(token_hash).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Ends every session of an account ("sign out everywhere").
    pub async fn end_all_sessions(&self, kind: SessionKind, subject: &str) -> Result<u64, StorageError> {
        let mut tx = self.begin_write().await?;
        let n = sqlx::query("DELETE FROM sessions WHERE kind = ? AND subject_id = ?")
            .bind(kind.as_str())
            .bind(subject)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(n)
    }

    /// Drops expired sessions and one-time codes older than a day.
    pub async fn purge_expired(&self) -> Result<(), StorageError> {
        let t = now();
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM sessions WHERE expires_at <= ?").bind(t).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM otp_challenges WHERE created_at < ?").bind(t - 86_400).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM staff_signin_attempts WHERE at < ?").bind(t - 86_400).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM survey_drafts WHERE created_at < ?").bind(t - 86_400).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }

    // ---- one-time codes ---------------------------------------------------------

    /// Records a new code for a number unless a limit forbids it (checked and written
    /// under the write lock, so concurrent requests cannot slip past a limit).
    pub async fn otp_issue(
        &self,
        id: &str,
        phone: (&str, &str),
        client_hash: &str,
        code_hash: &str,
        limits: OtpLimits,
    ) -> Result<Result<(), OtpRefusal>, StorageError> {
        let (phone_hash, phone_tail) = phone;
        let t = now();
        let mut tx = self.begin_write().await?;
        let last: Option<i64> = sqlx::query_scalar("SELECT MAX(created_at) FROM otp_challenges WHERE phone_hash = ?")
            .bind(phone_hash)
            .fetch_one(&mut *tx)
            .await?;
        if let Some(last) = last {
            let wait = last + limits.resend_secs - t;
            if wait > 0 {
                return Ok(Err(OtpRefusal::Cooldown(wait)));
            }
        }
        let by_phone: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM otp_challenges WHERE phone_hash = ? AND created_at > ?")
            .bind(phone_hash)
            .bind(t - 3600)
            .fetch_one(&mut *tx)
            .await?;
        if by_phone >= limits.per_phone_hour {
            return Ok(Err(OtpRefusal::PhoneLimit));
        }
        let by_client: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM otp_challenges WHERE client_hash = ? AND created_at > ?")
            .bind(client_hash)
            .bind(t - 3600)
            .fetch_one(&mut *tx)
            .await?;
        if by_client >= limits.per_client_hour {
            return Ok(Err(OtpRefusal::ClientLimit));
        }
        sqlx::query(
            "INSERT INTO otp_challenges (id, phone_hash, phone_tail, client_hash, code_hash, created_at, expires_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(phone_hash)
        .bind(phone_tail)
        .bind(client_hash)
        .bind(code_hash)
        .bind(t)
        .bind(t + limits.ttl_secs)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Ok(()))
    }

    /// Forgets a challenge whose code could not be sent, so it counts against no limit.
    pub async fn otp_withdraw(&self, id: &str) -> Result<(), StorageError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM otp_challenges WHERE id = ?").bind(id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Checks a code against a challenge: `expected(code_hash)` says whether the
    /// submitted code matches. On success the challenge is used up and the number's
    /// hash and tail are returned.
    pub async fn otp_check(
        &self,
        id: &str,
        matches: impl FnOnce(&str) -> bool,
        max_attempts: i64,
    ) -> Result<Result<(String, String), OtpFailure>, StorageError> {
        let t = now();
        let mut tx = self.begin_write().await?;
        let row = sqlx::query("SELECT phone_hash, phone_tail, code_hash, expires_at, attempts, used_at FROM otp_challenges WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(row) = row else { return Ok(Err(OtpFailure::Unknown)) };
        let used: Option<i64> = row.try_get("used_at")?;
        let attempts: i64 = row.try_get("attempts")?;
        if used.is_some() {
            return Ok(Err(OtpFailure::Used));
        }
        if row.try_get::<i64, _>("expires_at")? <= t {
            return Ok(Err(OtpFailure::Expired));
        }
        if attempts >= max_attempts {
            return Ok(Err(OtpFailure::Exhausted));
        }
        let code_hash: String = row.try_get("code_hash")?;
        if !matches(&code_hash) {
            sqlx::query("UPDATE otp_challenges SET attempts = attempts + 1 WHERE id = ?").bind(id).execute(&mut *tx).await?;
            tx.commit().await?;
            let left = max_attempts - attempts - 1;
            return Ok(Err(if left > 0 { OtpFailure::Wrong(left) } else { OtpFailure::Exhausted }));
        }
        sqlx::query("UPDATE otp_challenges SET used_at = ?, attempts = attempts + 1 WHERE id = ?")
            .bind(t)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Ok((row.try_get("phone_hash")?, row.try_get("phone_tail")?)))
    }

    // ---- residents ---------------------------------------------------------------

    /// Signs a resident in with a proven phone number or openid and opens a session
    /// (`token_hash`). When a resident is already signed in (`current`), the proof is
    /// linked to that account; if the proof already belongs to another account, the
    /// current one is merged into it. Returns the resident's id.
    pub async fn resident_sign_in(
        &self,
        proof: &Proof,
        current: Option<&str>,
        token_hash: &str,
        ttl_secs: i64,
    ) -> Result<String, StorageError> {
        let mut tx = self.begin_write().await?;
        let (column, hash) = match proof {
            Proof::Phone { hash, .. } => ("phone_hash", hash),
            Proof::OpenId { hash } => ("openid_hash", hash),
        };
        let owner: Option<String> = sqlx::query_scalar(&format!("SELECT id FROM residents WHERE {column} = ?"))
            .bind(hash)
            .fetch_optional(&mut *tx)
            .await?;
        let current_exists = match current {
            Some(id) => sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM residents WHERE id = ?")
                .bind(id)
                .fetch_one(&mut *tx)
                .await?
                > 0,
            None => false,
        };
        let id = match (owner, current.filter(|_| current_exists)) {
            (Some(owner), Some(cur)) if owner != cur => {
                merge_residents(&mut tx, cur, &owner).await?;
                owner
            }
            (Some(owner), _) => owner,
            (None, Some(cur)) => {
                link(&mut tx, cur, proof).await?;
                cur.to_string()
            }
            (None, None) => {
                let id = crate::auth::crypto::random_id();
                sqlx::query("INSERT INTO residents (id, created_at) VALUES (?, ?)").bind(&id).bind(now()).execute(&mut *tx).await?;
                link(&mut tx, &id, proof).await?;
                id
            }
        };
        insert_session(&mut tx, SessionKind::Resident, &id, token_hash, ttl_secs).await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn resident_consent(&self, id: &str) -> Result<(), StorageError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE residents SET consent_version = ?, consent_at = ? WHERE id = ?")
            .bind(CONSENT_VERSION)
            .bind(now())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sets the resident's home community. A number on that community's roll is
    /// verified at once; otherwise verification starts over.
    pub async fn resident_set_community(&self, id: &str, community: &str) -> Result<Verification, StorageError> {
        let mut tx = self.begin_write().await?;
        let on_roll: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM resident_roll l JOIN residents r ON r.phone_hash = l.phone_hash \
             WHERE r.id = ? AND l.community_code = ?",
        )
        .bind(id)
        .bind(community)
        .fetch_one(&mut *tx)
        .await?;
        let (state, by, at) = if on_roll > 0 {
            (Verification::Verified, Some("roll"), Some(now()))
        } else {
            (Verification::None, None, None)
        };
        sqlx::query(
            "UPDATE residents SET community_code = ?, verification = ?, verified_by = ?, verified_at = ?, \
             claim_name = NULL, claim_address = NULL WHERE id = ?",
        )
        .bind(community)
        .bind(state.as_str())
        .bind(by)
        .bind(at)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(state)
    }

    /// The resident asks their committee to verify them, saying who they are.
    pub async fn resident_request_verification(&self, id: &str, name: &str, address: &str) -> Result<bool, StorageError> {
        let mut tx = self.begin_write().await?;
        let n = sqlx::query(
            "UPDATE residents SET verification = 'pending', claim_name = ?, claim_address = ? \
             WHERE id = ? AND community_code IS NOT NULL AND verification <> 'verified'",
        )
        .bind(name)
        .bind(address)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(n == 1)
    }

    /// Everything held about a resident.
    pub async fn resident_data(&self, id: &str) -> Result<Option<ResidentData>, StorageError> {
        let row = sqlx::query(
            "SELECT id, created_at, phone_tail, openid_hash, community_code, verification, verified_by, verified_at, \
             claim_name, claim_address, consent_version, consent_at FROM residents WHERE id = ?",
        )
        .bind(id)
        .fetch_optional(self.reader())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let sessions = sqlx::query(
            "SELECT created_at, last_seen_at, expires_at FROM sessions WHERE kind = 'resident' AND subject_id = ? ORDER BY created_at",
        )
        .bind(id)
        .fetch_all(self.reader())
        .await?
        .iter()
        .map(|s| {
            Ok(SessionInfo {
                created_at: s.try_get("created_at")?,
                last_seen_at: s.try_get("last_seen_at")?,
                expires_at: s.try_get("expires_at")?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
        Ok(Some(ResidentData {
            id: row.try_get("id")?,
            created_at: row.try_get("created_at")?,
            phone_tail: row.try_get("phone_tail")?,
            wechat_linked: row.try_get::<Option<String>, _>("openid_hash")?.is_some(),
            community_code: row.try_get("community_code")?,
            verification: verification(&row)?,
            verified_by: row.try_get("verified_by")?,
            verified_at: row.try_get("verified_at")?,
            claim_name: row.try_get("claim_name")?,
            claim_address: row.try_get("claim_address")?,
            consent_version: row.try_get("consent_version")?,
            consent_at: row.try_get("consent_at")?,
            sessions,
        }))
    }

    /// Deletes a resident's account: the account row, its sessions and pending codes.
    /// (Participation records are kept only in anonymised form and hold no link to
    /// the account.)
    pub async fn resident_delete(&self, id: &str) -> Result<bool, StorageError> {
        let mut tx = self.begin_write().await?;
        let phone: Option<Option<String>> = sqlx::query_scalar("SELECT phone_hash FROM residents WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(phone) = phone else { return Ok(false) };
        if let Some(p) = phone {
            sqlx::query("DELETE FROM otp_challenges WHERE phone_hash = ?").bind(p).execute(&mut *tx).await?;
        }
        sqlx::query("DELETE FROM sessions WHERE kind = 'resident' AND subject_id = ?").bind(id).execute(&mut *tx).await?;
        // Survey answers stay for the published results, no longer tied to anyone.
        sqlx::query("DELETE FROM survey_participants WHERE resident_id = ?").bind(id).execute(&mut *tx).await?;
        sqlx::query("UPDATE survey_responses SET resident_id = NULL WHERE resident_id = ?").bind(id).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM residents WHERE id = ?").bind(id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(true)
    }

    // ---- committees: verification and the roll ----------------------------------------

    /// Residents who chose this community, newest requests first.
    pub async fn community_residents(&self, community: &str) -> Result<CommunityResidents, StorageError> {
        let rows = sqlx::query(
            "SELECT id, phone_tail, claim_name, claim_address, verification, COALESCE(verified_at, created_at) AS since \
             FROM residents WHERE community_code = ? \
             ORDER BY CASE verification WHEN 'pending' THEN 0 WHEN 'none' THEN 1 WHEN 'verified' THEN 2 ELSE 3 END, created_at DESC",
        )
        .bind(community)
        .fetch_all(self.reader())
        .await?;
        let entries = rows
            .iter()
            .map(|r| {
                Ok(QueueEntry {
                    resident_id: r.try_get("id")?,
                    phone_tail: r.try_get("phone_tail")?,
                    claim_name: r.try_get("claim_name")?,
                    claim_address: r.try_get("claim_address")?,
                    verification: verification(r)?,
                    since: r.try_get("since")?,
                })
            })
            .collect::<Result<Vec<_>, sqlx::Error>>()?;
        let roll_size = sqlx::query_scalar("SELECT COUNT(*) FROM resident_roll WHERE community_code = ?")
            .bind(community)
            .fetch_one(self.reader())
            .await?;
        Ok(CommunityResidents { entries, roll_size })
    }

    /// The community a resident chose, if any (for authorising staff decisions).
    pub async fn resident_community(&self, id: &str) -> Result<Option<String>, StorageError> {
        Ok(sqlx::query_scalar::<_, Option<String>>("SELECT community_code FROM residents WHERE id = ?")
            .bind(id)
            .fetch_optional(self.reader())
            .await?
            .flatten())
    }

    /// A committee's decision on a resident of `community`; audited. Returns false
    /// (changing nothing) when the resident is not of that community.
    pub async fn resident_decide(&self, staff: &StaffUser, community: &str, resident: &str, approve: bool) -> Result<bool, StorageError> {
        let mut tx = self.begin_write().await?;
        let state = if approve { Verification::Verified } else { Verification::Rejected };
        let n = sqlx::query(
            "UPDATE residents SET verification = ?, verified_by = ?, verified_at = ? WHERE id = ? AND community_code = ?",
        )
        .bind(state.as_str())
        .bind(&staff.id)
        .bind(now())
        .bind(resident)
        .bind(community)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 1 {
            let action = if approve { "resident.verify" } else { "resident.reject" };
            audit(&mut tx, Audit { actor: &staff.username, role: Some(staff.role), action, area_code: Some(community), target: Some(resident), detail: "" }).await?;
        }
        tx.commit().await?;
        Ok(n == 1)
    }

    /// Replaces a community's roll (all or nothing) and verifies the residents of that
    /// community whose number is on it. Returns (entries, residents newly verified).
    pub async fn roll_replace(&self, staff: &StaffUser, community: &str, entries: &[(String, String)]) -> Result<(u64, u64), StorageError> {
        let t = now();
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM resident_roll WHERE community_code = ?").bind(community).execute(&mut *tx).await?;
        for (hash, label) in entries {
            sqlx::query("INSERT INTO resident_roll (community_code, phone_hash, label, imported_at) VALUES (?, ?, ?, ?)")
                .bind(community)
                .bind(hash)
                .bind(label)
                .bind(t)
                .execute(&mut *tx)
                .await?;
        }
        let verified = sqlx::query(
            "UPDATE residents SET verification = 'verified', verified_by = 'roll', verified_at = ? \
             WHERE community_code = ? AND verification <> 'verified' \
             AND phone_hash IN (SELECT phone_hash FROM resident_roll WHERE community_code = ?)",
        )
        .bind(t)
        .bind(community)
        .bind(community)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let detail = format!("entries={} verified={verified}", entries.len());
        audit(&mut tx, Audit { actor: &staff.username, role: Some(staff.role), action: "roll.import", area_code: Some(community), target: None, detail: &detail }).await?;
        tx.commit().await?;
        Ok((entries.len() as u64, verified))
    }

    // ---- staff ----------------------------------------------------------------------

    /// Creates a staff account; `None` if the username is taken.
    pub async fn staff_add(&self, new: NewStaff<'_>, actor: &str) -> Result<Option<String>, StorageError> {
        let mut tx = self.begin_write().await?;
        let taken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM staff WHERE username = ?")
            .bind(new.username)
            .fetch_one(&mut *tx)
            .await?;
        if taken > 0 {
            return Ok(None);
        }
        let id = crate::auth::crypto::random_id();
        sqlx::query(
            "INSERT INTO staff (id, username, display_name, password_hash, role, area_code, created_at, created_by) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&id)
        .bind(new.username)
        .bind(new.display_name)
        .bind(new.password_hash)
        .bind(new.role.as_str())
        .bind(new.area_code)
        .bind(now())
        .bind(new.created_by)
        .execute(&mut *tx)
        .await?;
        let detail = format!("role={} name={}", new.role.as_str(), new.display_name);
        audit(&mut tx, Audit { actor, role: None, action: "staff.create", area_code: Some(new.area_code), target: Some(new.username), detail: &detail }).await?;
        tx.commit().await?;
        Ok(Some(id))
    }

    /// A staff member's stored credentials: the account, its password hash (PHC),
    /// whether it is active and until when it is locked.
    pub async fn staff_credentials(&self, username: &str) -> Result<Option<(StaffUser, String, bool, i64)>, StorageError> {
        let row = sqlx::query(
            "SELECT id, username, display_name, role, area_code, password_hash, active, locked_until FROM staff WHERE username = ?",
        )
        .bind(username)
        .fetch_optional(self.reader())
        .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some((
            staff_user(&row)?,
            row.try_get("password_hash")?,
            row.try_get::<i64, _>("active")? == 1,
            row.try_get("locked_until")?,
        )))
    }

    /// Records the outcome of a password check under the lock-out rules (`lock` =
    /// (failures before lock-out, lock seconds)) and opens a session on success.
    /// Every attempt is audited; an unknown username is audited as typed.
    pub async fn staff_sign_in(
        &self,
        username: &str,
        checked: Option<(&StaffUser, bool)>,
        lock: (i64, i64),
        token_hash: &str,
        ttl_secs: i64,
    ) -> Result<StaffSignin, StorageError> {
        let (max_failures, lock_secs) = lock;
        let t = now();
        let mut tx = self.begin_write().await?;
        let Some((user, password_ok)) = checked else {
            audit(&mut tx, Audit { actor: username, role: None, action: "staff.signin_failed", area_code: None, target: None, detail: "unknown user" }).await?;
            tx.commit().await?;
            return Ok(StaffSignin::Refused);
        };
        // Re-read under the write lock: concurrent guesses are counted one by one.
        let row = sqlx::query("SELECT active, failed_attempts, locked_until FROM staff WHERE id = ?")
            .bind(&user.id)
            .fetch_one(&mut *tx)
            .await?;
        let locked_until: i64 = row.try_get("locked_until")?;
        let active = row.try_get::<i64, _>("active")? == 1;
        let outcome = if locked_until > t {
            StaffSignin::Locked(locked_until)
        } else if !password_ok {
            let failures: i64 = row.try_get::<i64, _>("failed_attempts")? + 1;
            let until = if failures >= max_failures { t + lock_secs } else { 0 };
            sqlx::query("UPDATE staff SET failed_attempts = ?, locked_until = ? WHERE id = ?")
                .bind(if until > 0 { 0 } else { failures })
                .bind(until)
                .bind(&user.id)
                .execute(&mut *tx)
                .await?;
            let detail = if until > 0 { "wrong password; locked" } else { "wrong password" };
            audit(&mut tx, Audit { actor: &user.username, role: Some(user.role), action: "staff.signin_failed", area_code: Some(&user.area_code), target: None, detail }).await?;
            if until > 0 { StaffSignin::Locked(until) } else { StaffSignin::Refused }
        } else if !active {
            audit(&mut tx, Audit { actor: &user.username, role: Some(user.role), action: "staff.signin_failed", area_code: Some(&user.area_code), target: None, detail: "inactive" }).await?;
            StaffSignin::Inactive
        } else {
            sqlx::query("UPDATE staff SET failed_attempts = 0, locked_until = 0 WHERE id = ?").bind(&user.id).execute(&mut *tx).await?;
            insert_session(&mut tx, SessionKind::Staff, &user.id, token_hash, ttl_secs).await?;
            audit(&mut tx, Audit { actor: &user.username, role: Some(user.role), action: "staff.signin", area_code: Some(&user.area_code), target: None, detail: "" }).await?;
            StaffSignin::Ok(user.clone())
        };
        tx.commit().await?;
        Ok(outcome)
    }

    /// Counts and records a staff sign-in attempt from a client address; returns the
    /// attempts in the last hour before this one.
    pub async fn staff_signin_attempt(&self, client_hash: &str) -> Result<i64, StorageError> {
        let t = now();
        let mut tx = self.begin_write().await?;
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM staff_signin_attempts WHERE client_hash = ? AND at > ?")
            .bind(client_hash)
            .bind(t - 3600)
            .fetch_one(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO staff_signin_attempts (client_hash, at) VALUES (?, ?)").bind(client_hash).bind(t).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(n)
    }

    pub async fn staff_list(&self) -> Result<Vec<StaffRecord>, StorageError> {
        let t = now();
        let rows = sqlx::query(
            "SELECT id, username, display_name, role, area_code, active, locked_until, created_at FROM staff ORDER BY area_code, username",
        )
        .fetch_all(self.reader())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(StaffRecord {
                    id: r.try_get("id")?,
                    username: r.try_get("username")?,
                    display_name: r.try_get("display_name")?,
                    role: role(&r.try_get::<String, _>("role")?)?,
                    area_code: r.try_get("area_code")?,
                    active: r.try_get::<i64, _>("active")? == 1,
                    locked: r.try_get::<i64, _>("locked_until")? > t,
                    created_at: r.try_get("created_at")?,
                })
            })
            .collect::<Result<Vec<_>, sqlx::Error>>()
            .map_err(Into::into)
    }

    pub async fn staff_by_id(&self, id: &str) -> Result<Option<StaffRecord>, StorageError> {
        Ok(self.staff_list().await?.into_iter().find(|s| s.id == id))
    }

    /// Activates or deactivates an account; deactivation ends its sessions at once.
    pub async fn staff_set_active(&self, actor: &StaffUser, id: &str, active: bool) -> Result<bool, StorageError> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query("SELECT username, area_code FROM staff WHERE id = ?").bind(id).fetch_optional(&mut *tx).await?;
        let Some(row) = row else { return Ok(false) };
        let username: String = row.try_get("username")?;
        let area: String = row.try_get("area_code")?;
        sqlx::query("UPDATE staff SET active = ?, failed_attempts = 0, locked_until = 0 WHERE id = ?")
            .bind(if active { 1 } else { 0 })
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if !active {
            sqlx::query("DELETE FROM sessions WHERE kind = 'staff' AND subject_id = ?").bind(id).execute(&mut *tx).await?;
        }
        let action = if active { "staff.activate" } else { "staff.deactivate" };
        audit(&mut tx, Audit { actor: &actor.username, role: Some(actor.role), action, area_code: Some(&area), target: Some(&username), detail: "" }).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Writes one audit line on its own.
    pub async fn audit(&self, entry: Audit<'_>) -> Result<(), StorageError> {
        let mut tx = self.begin_write().await?;
        audit(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The newest audit lines (up to `limit`) with a sequence number below `before`.
    pub async fn audit_log(&self, before: Option<i64>, limit: i64) -> Result<Vec<AuditEntry>, StorageError> {
        let rows = sqlx::query(
            "SELECT seq, at, actor, role, action, area_code, target, detail FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?",
        )
        .bind(before.unwrap_or(i64::MAX))
        .bind(limit)
        .fetch_all(self.reader())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AuditEntry {
                    seq: r.try_get("seq")?,
                    at: r.try_get("at")?,
                    actor: r.try_get("actor")?,
                    role: r.try_get("role")?,
                    action: r.try_get("action")?,
                    area_code: r.try_get("area_code")?,
                    target: r.try_get("target")?,
                    detail: r.try_get("detail")?,
                })
            })
            .collect::<Result<Vec<_>, sqlx::Error>>()
            .map_err(Into::into)
    }
}

/// Attaches a proven phone or openid to an account.
async fn link(tx: &mut Tx, id: &str, proof: &Proof) -> Result<(), StorageError> {
    match proof {
        Proof::Phone { hash, tail } => {
            sqlx::query("UPDATE residents SET phone_hash = ?, phone_tail = ? WHERE id = ?").bind(hash).bind(tail).bind(id).execute(&mut **tx).await?;
        }
        Proof::OpenId { hash } => {
            sqlx::query("UPDATE residents SET openid_hash = ? WHERE id = ?").bind(hash).bind(id).execute(&mut **tx).await?;
        }
    }
    Ok(())
}

/// Folds account `from` into account `into`: `into` keeps what it has and gains what
/// only `from` had (the other sign-in method, community, verification, consent);
/// `from`'s sessions move over and `from` is deleted. Every table that refers to a
/// resident must be carried over here.
async fn merge_residents(tx: &mut Tx, from: &str, into: &str) -> Result<(), StorageError> {
    let row = sqlx::query(
        "SELECT phone_hash, phone_tail, openid_hash, community_code, verification, verified_by, verified_at, \
         claim_name, claim_address, consent_version, consent_at FROM residents WHERE id = ?",
    )
    .bind(from)
    .fetch_one(&mut **tx)
    .await?;
    sqlx::query("UPDATE residents SET phone_hash = NULL, openid_hash = NULL WHERE id = ?").bind(from).execute(&mut **tx).await?;
    sqlx::query(
        "UPDATE residents SET \
           phone_hash = COALESCE(phone_hash, ?), phone_tail = COALESCE(phone_tail, ?), openid_hash = COALESCE(openid_hash, ?), \
           consent_version = COALESCE(consent_version, ?), consent_at = COALESCE(consent_at, ?) WHERE id = ?",
    )
    .bind(row.try_get::<Option<String>, _>("phone_hash")?)
    .bind(row.try_get::<Option<String>, _>("phone_tail")?)
    .bind(row.try_get::<Option<String>, _>("openid_hash")?)
    .bind(row.try_get::<Option<String>, _>("consent_version")?)
    .bind(row.try_get::<Option<i64>, _>("consent_at")?)
    .bind(into)
    .execute(&mut **tx)
    .await?;
    // The community choice and its verification travel together.
    sqlx::query(
        "UPDATE residents SET community_code = ?, verification = ?, verified_by = ?, verified_at = ?, claim_name = ?, claim_address = ? \
         WHERE id = ? AND community_code IS NULL",
    )
    .bind(row.try_get::<Option<String>, _>("community_code")?)
    .bind(row.try_get::<String, _>("verification")?)
    .bind(row.try_get::<Option<String>, _>("verified_by")?)
    .bind(row.try_get::<Option<i64>, _>("verified_at")?)
    .bind(row.try_get::<Option<String>, _>("claim_name")?)
    .bind(row.try_get::<Option<String>, _>("claim_address")?)
    .bind(into)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE sessions SET subject_id = ? WHERE kind = 'resident' AND subject_id = ?").bind(into).bind(from).execute(&mut **tx).await?;
    sqlx::query("DELETE FROM residents WHERE id = ?").bind(from).execute(&mut **tx).await?;
    Ok(())
}
