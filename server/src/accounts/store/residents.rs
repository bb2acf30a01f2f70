//! Residents: consent, home community and its verification, their data, deletion,
//! and the committees' view of them. Signing in and linking are `identities`.
use super::rows::verification;
use super::sessions::SessionKind;
use crate::accounts::records::ResidentRecords;
use crate::audit::{self, Audit};
use crate::db::{Db, StoreError};
use app::accounts::model::{CommunityResidents, QueueEntry, ResidentData, SessionInfo};
use app::core::access::{StaffUser, Verification, CONSENT_VERSION};
use app::core::time::now;
use sqlx::Row;
use std::sync::Arc;

/// The resident accepts the consent notice in force.
pub async fn consent(db: &Db, id: &str) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE residents SET consent_version = ?, consent_at = ? WHERE id = ?")
        .bind(CONSENT_VERSION)
        .bind(now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Withdraws consent (PIPL art. 15): the account stays, but nothing more is taken
/// part in until the notice is accepted again.
pub async fn withdraw_consent(db: &Db, id: &str) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE residents SET consent_version = NULL, consent_at = NULL WHERE id = ?")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Sets the resident's home community. A number on that community's roll is
/// verified at once; otherwise verification starts over.
pub async fn set_community(db: &Db, id: &str, community: &str) -> Result<Verification, StoreError> {
    let mut tx = db.begin_write().await?;
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
         claim_name = NULL, claim_address = NULL, reject_reason = NULL WHERE id = ?",
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
pub async fn request_verification(
    db: &Db,
    id: &str,
    name: &str,
    address: &str,
) -> Result<bool, StoreError> {
    let mut tx = db.begin_write().await?;
    let n = sqlx::query(
        "UPDATE residents SET verification = ?, claim_name = ?, claim_address = ?, reject_reason = NULL \
         WHERE id = ? AND community_code IS NOT NULL AND verification <> ?",
    )
    .bind(Verification::Pending.as_str())
    .bind(name)
    .bind(address)
    .bind(id)
    .bind(Verification::Verified.as_str())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    tx.commit().await?;
    Ok(n == 1)
}

/// Everything held about a resident.
pub async fn data(db: &Db, id: &str) -> Result<Option<ResidentData>, StoreError> {
    let row = sqlx::query(
        "SELECT id, created_at, phone_tail, openid_hash, community_code, verification, verified_by, verified_at, \
         claim_name, claim_address, reject_reason, consent_version, consent_at FROM residents WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(db.reader())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let sessions = sqlx::query(
        "SELECT created_at, last_seen_at, expires_at FROM sessions WHERE kind = ? AND subject_id = ? ORDER BY created_at",
    )
    .bind(SessionKind::Resident.as_str())
    .bind(id)
    .fetch_all(db.reader())
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
        reject_reason: row.try_get("reject_reason")?,
        consent_version: row.try_get("consent_version")?,
        consent_at: row.try_get("consent_at")?,
        sessions,
    }))
}

/// Deletes a resident's account: the account row, its sessions, and
/// what other features keep about the resident (`records`), in one transaction.
pub async fn delete(
    db: &Db,
    records: &[Arc<dyn ResidentRecords>],
    id: &str,
) -> Result<bool, StoreError> {
    let mut tx = db.begin_write().await?;
    let exists: Option<i64> = sqlx::query_scalar("SELECT 1 FROM residents WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
    if exists.is_none() {
        return Ok(false);
    }
    // The number's sign-in codes stay until they expire: they carry its resend pause
    // and hourly count, which deleting an account must not reset.
    sqlx::query("DELETE FROM sessions WHERE kind = ? AND subject_id = ?")
        .bind(SessionKind::Resident.as_str())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    for r in records {
        r.forget(&mut tx, id).await?;
    }
    sqlx::query("DELETE FROM residents WHERE id = ?").bind(id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(true)
}

/// Residents who chose this community, newest requests first.
/// A community's residents as its staff see them (names and addresses they gave for
/// verification): a read of personal data, so the audit line is written first and
/// nothing is shown unless it is.
pub async fn community_residents(
    db: &Db,
    me: &StaffUser,
    community: &str,
) -> Result<CommunityResidents, StoreError> {
    let mut tx = db.begin_write().await?;
    audit::write(&mut tx, Audit::by(me, "residents.view", community)).await?;
    tx.commit().await?;
    let rows = sqlx::query(
        "SELECT id, phone_tail, claim_name, claim_address, verification, COALESCE(verified_at, created_at) AS since \
         FROM residents WHERE community_code = ? \
         ORDER BY CASE verification WHEN ? THEN 0 WHEN ? THEN 1 WHEN ? THEN 2 ELSE 3 END, created_at DESC",
    )
    .bind(community)
    .bind(Verification::Pending.as_str())
    .bind(Verification::None.as_str())
    .bind(Verification::Verified.as_str())
    .fetch_all(db.reader())
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
    let roll_size =
        sqlx::query_scalar("SELECT COUNT(*) FROM resident_roll WHERE community_code = ?")
            .bind(community)
            .fetch_one(db.reader())
            .await?;
    Ok(CommunityResidents { entries, roll_size })
}

/// How many residents wait for a decision on their verification, by community (only
/// communities with some). Counts only: nothing about who.
pub async fn pending_counts(db: &Db) -> Result<Vec<(String, i64)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT community_code, COUNT(*) FROM residents \
         WHERE verification = ? AND community_code IS NOT NULL GROUP BY community_code",
    )
    .bind(Verification::Pending.as_str())
    .fetch_all(db.reader())
    .await?)
}

/// The community a resident chose, if any (for authorising staff decisions).
pub async fn community_of(db: &Db, id: &str) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar::<_, Option<String>>("SELECT community_code FROM residents WHERE id = ?")
        .bind(id)
        .fetch_optional(db.reader())
        .await?
        .flatten())
}

/// A committee's decision on a resident of `community` (`Err(reason)`: not verified,
/// with the reason the resident is shown); audited. Returns false (changing nothing)
/// when the resident is not of that community.
pub async fn decide(
    db: &Db,
    staff: &StaffUser,
    community: &str,
    resident: &str,
    decision: Result<(), &str>,
) -> Result<bool, StoreError> {
    let mut tx = db.begin_write().await?;
    let approve = decision.is_ok();
    let state = if approve { Verification::Verified } else { Verification::Rejected };
    let n = sqlx::query(
        "UPDATE residents SET verification = ?, reject_reason = ?, verified_by = ?, verified_at = ? \
         WHERE id = ? AND community_code = ?",
    )
    .bind(state.as_str())
    .bind(decision.err())
    .bind(&staff.id)
    .bind(now())
    .bind(resident)
    .bind(community)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if n == 1 {
        let action = if approve { "resident.verify" } else { "resident.reject" };
        audit::write(&mut tx, Audit::by(staff, action, community).target(resident)).await?;
    }
    tx.commit().await?;
    Ok(n == 1)
}
