//! A community's roll: the numbers (hashed) its committee knows to live there.
use crate::audit::{self, Audit};
use crate::db::{Db, StoreError};
use app::core::access::{StaffUser, Verification};
use app::core::time::now;

/// What replacing a roll did.
pub struct Replaced {
    pub entries: u64,
    /// Residents of the community newly verified because they are on it.
    pub verified: u64,
}

/// Replaces a community's roll (all or nothing) and verifies the residents of that
/// community whose number is on it; says how many entries it holds and how many
/// residents it newly verified.
pub async fn replace(
    db: &Db,
    staff: &StaffUser,
    community: &str,
    entries: &[(String, String)],
) -> Result<Replaced, StoreError> {
    let t = now();
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM resident_roll WHERE community_code = ?")
        .bind(community)
        .execute(&mut *tx)
        .await?;
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
        "UPDATE residents SET verification = ?, verified_by = 'roll', verified_at = ? \
         WHERE community_code = ? AND verification <> ? \
         AND phone_hash IN (SELECT phone_hash FROM resident_roll WHERE community_code = ?)",
    )
    .bind(Verification::Verified.as_str())
    .bind(t)
    .bind(community)
    .bind(Verification::Verified.as_str())
    .bind(community)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let detail = format!("entries={} verified={verified}", entries.len());
    audit::write(&mut tx, Audit::by(staff, "roll.import", community).detail(&detail)).await?;
    tx.commit().await?;
    Ok(Replaced { entries: entries.len() as u64, verified })
}
