//! What other features keep about a resident. Accounts do not know those features:
//! each registers a [`ResidentRecords`] at start-up, and account deletion and merging
//! call every one inside their own transaction, as does linking an identity.
use crate::db::{StoreError, Tx};
use async_trait::async_trait;

#[async_trait]
pub trait ResidentRecords: Send + Sync + 'static {
    /// The account is being deleted: unlink or delete what is kept about `resident`.
    async fn forget(&self, tx: &mut Tx, resident: &str) -> Result<(), StoreError>;
    /// Account `from` is being folded into `into`: carry over what is kept about it.
    async fn merge(&self, tx: &mut Tx, from: &str, into: &str) -> Result<(), StoreError>;
    /// `resident` now has these identities (keyed hashes), one newly joined: one
    /// person's marks must cover every one of them.
    async fn joined(
        &self,
        tx: &mut Tx,
        resident: &str,
        identities: &[String],
    ) -> Result<(), StoreError>;
    /// What is kept about `resident`, for their data export: a name for the section
    /// and its content.
    async fn held(
        &self,
        db: &crate::db::Db,
        resident: &str,
    ) -> Result<(&'static str, serde_json::Value), StoreError>;
    /// The same, in words, for the resident's data page.
    async fn taken_part(
        &self,
        db: &crate::db::Db,
        resident: &str,
    ) -> Result<Vec<app::accounts::model::TakenPart>, StoreError>;
}
