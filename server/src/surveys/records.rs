//! What surveys keep about a resident, for account deletion, merging and linking.
use super::store::{responses, surveys};
use crate::accounts::records::ResidentRecords;
use crate::crypto::ServerKey;
use crate::db::{StoreError, Tx};
use crate::participation::{self, store as marks, Activity};
use app::accounts::model::TakenPart;
use app::surveys::model::Answers;
use app::surveys::rules::export::answer_text;
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

    /// Each survey with the resident's named answers in words, question by question.
    async fn taken_part(
        &self,
        db: &crate::db::Db,
        resident: &str,
    ) -> Result<Vec<TakenPart>, StoreError> {
        let mut out = Vec::new();
        for (id, title, answers) in responses::held_by(db, resident).await? {
            let answers = match answers {
                Some(a) => {
                    let given: Answers =
                        serde_json::from_str(&a).map_err(|e| StoreError::corrupt("answers", e))?;
                    let questions = surveys::get(db.reader(), &id).await?.map(|s| s.questions);
                    Some(
                        questions
                            .unwrap_or_default()
                            .iter()
                            .filter_map(|q| {
                                let text = answer_text(q, given.get(&q.id));
                                (!text.is_empty()).then(|| (q.title.clone(), text))
                            })
                            .collect(),
                    )
                }
                None => None,
            };
            out.push(TakenPart { title, href: format!("/surveys/{id}"), answers });
        }
        Ok(out)
    }
}
