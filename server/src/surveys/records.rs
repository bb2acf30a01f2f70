//! What surveys keep about a resident, for account deletion and merging.
use super::store::responses;
use crate::accounts::records::ResidentRecords;
use crate::db::{StoreError, Tx};
use async_trait::async_trait;

pub struct SurveyRecords;

#[async_trait]
impl ResidentRecords for SurveyRecords {
    async fn forget(&self, tx: &mut Tx, resident: &str) -> Result<(), StoreError> {
        responses::forget(tx, resident).await
    }

    async fn merge(&self, tx: &mut Tx, from: &str, into: &str) -> Result<(), StoreError> {
        responses::merge(tx, from, into).await
    }
}
