//! The resident's own record: consent, home community, the request to be verified,
//! the data export and deletion.
use crate::accounts::error::AccountError;
use crate::accounts::records::ResidentRecords;
use crate::accounts::store::residents;
use crate::db::Db;
use app::accounts::model::ResidentData;
use app::core::access::Verification;
use std::sync::Arc;

/// Accepts the consent notice in force.
pub async fn consent(db: &Db, resident: &str) -> Result<(), AccountError> {
    residents::consent(db, resident).await?;
    Ok(())
}

/// Withdraws the resident's consent; the account and what it holds stay.
pub async fn withdraw_consent(db: &Db, resident: &str) -> Result<(), AccountError> {
    residents::withdraw_consent(db, resident).await?;
    Ok(())
}

/// Sets the home community (a community of the area map); returns the verification
/// the resident now has there.
pub async fn set_community(
    db: &Db,
    resident: &str,
    community: &str,
) -> Result<Verification, AccountError> {
    Ok(residents::set_community(db, resident, community).await?)
}

/// Asks the committee to verify; `false` when no home community is set yet.
pub async fn request_verification(
    db: &Db,
    resident: &str,
    name: &str,
    address: &str,
) -> Result<bool, AccountError> {
    Ok(residents::request_verification(db, resident, name, address).await?)
}

/// Everything kept about the resident, for the export (PIPL art. 45).
pub async fn data(db: &Db, resident: &str) -> Result<Option<ResidentData>, AccountError> {
    Ok(residents::data(db, resident).await?)
}

/// What every feature keeps about the resident, by feature, for their data export.
pub async fn held(
    db: &Db,
    records: &[Arc<dyn ResidentRecords>],
    resident: &str,
) -> Result<serde_json::Map<String, serde_json::Value>, AccountError> {
    let mut held = serde_json::Map::new();
    for r in records {
        let (name, value) = r.held(db, resident).await?;
        held.insert(name.to_string(), value);
    }
    Ok(held)
}

/// Deletes the account, and with it what every feature keeps about the resident.
pub async fn delete(
    db: &Db,
    records: &[Arc<dyn ResidentRecords>],
    resident: &str,
) -> Result<(), AccountError> {
    residents::delete(db, records, resident).await?;
    Ok(())
}
