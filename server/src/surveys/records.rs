//! What surveys keep about a resident, for account deletion, merging and linking.
use super::store::responses;
use crate::accounts::records::ResidentRecords;
use crate::crypto::ServerKey;
use crate::db::{StoreError, Tx};
use crate::participation::{self, store as marks, Activity};
use async_trait::async_trait;

pub struct SurveyRecords {
    /// Keys the participation marks.
    pub key: ServerKey,
}

#[async_trait]
impl ResidentRecords for SurveyRecords {
    async fn forget(&self, tx: &mut Tx, resident: &str) -> Result<(), StoreError> {
        responses::forget(tx, resident).await
    }

    async fn merge(&self, tx: &mut Tx, from: &str, into: &str) -> Result<(), StoreError> {
        responses::merge(tx, from, into).await
    }

    /// Every open survey the resident took part in gets the marks of all their
    /// identities, so that the newly joined one cannot answer again on its own.
    async fn joined(
        &self,
        tx: &mut Tx,
        resident: &str,
        identities: &[String],
    ) -> Result<(), StoreError> {
        for survey in responses::open_taken_by(tx, resident).await? {
            let activity = Activity::Survey(&survey);
            let m = participation::marks(&self.key, activity, identities);
            marks::leave(tx, activity, &m).await?;
        }
        Ok(())
    }

    async fn held(
        &self,
        db: &crate::db::Db,
        resident: &str,
    ) -> Result<(&'static str, serde_json::Value), StoreError> {
        let mut taken = Vec::new();
        for (survey, title, answers) in responses::held_by(db, resident).await? {
            let answers = match answers {
                Some(a) => {
                    serde_json::from_str(&a).map_err(|e| StoreError::corrupt("answers", e))?
                }
                None => serde_json::Value::Null,
            };
            taken.push(serde_json::json!({ "survey": survey, "title": title, "answers": answers }));
        }
        Ok(("surveys", serde_json::Value::Array(taken)))
    }
}
