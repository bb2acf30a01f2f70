//! What 民生微实事 keeps about a resident, for account deletion, merging and linking:
//! their proposals (drafts are deleted with the account; proposals others have seen
//! stay, no longer linked to anyone) and the record of their supports.
use super::store::{comments, projects, supports};
use crate::accounts::records::ResidentRecords;
use crate::crypto::ServerKey;
use crate::db::{StoreError, Tx};
use crate::participation::{self, store as marks, Activity};
use app::accounts::model::TakenPart;
use app::projects::model::ProjectStatus;
use async_trait::async_trait;

pub struct ProjectRecords {
    pub key: ServerKey,
}

#[async_trait]
impl ResidentRecords for ProjectRecords {
    async fn forget(&self, tx: &mut Tx, resident: &str) -> Result<(), StoreError> {
        projects::delete_drafts(tx, resident).await?;
        projects::unlink_author(tx, resident).await?;
        supports::forget(tx, resident).await?;
        comments::forget(tx, resident).await
    }

    async fn merge(&self, tx: &mut Tx, from: &str, into: &str) -> Result<(), StoreError> {
        projects::move_author(tx, from, into).await?;
        comments::merge(tx, from, into).await?;
        supports::merge(tx, from, into).await
    }

    /// Every project still collecting supports that the resident supported gets the
    /// marks of all their identities.
    async fn joined(
        &self,
        tx: &mut Tx,
        resident: &str,
        identities: &[String],
    ) -> Result<(), StoreError> {
        for id in supports::by_resident(&mut **tx, resident).await? {
            let collecting = projects::get(&mut **tx, &id)
                .await?
                .is_some_and(|o| o.project.status == ProjectStatus::Accepted);
            if collecting {
                let activity = Activity::Project(&id);
                let m = participation::marks(&self.key, activity, identities);
                marks::leave(tx, activity, &m).await?;
            }
        }
        Ok(())
    }

    async fn held(
        &self,
        db: &crate::db::Db,
        resident: &str,
    ) -> Result<(&'static str, serde_json::Value), StoreError> {
        let proposals = projects::by_author(db.reader(), resident).await?;
        let supported = supports::by_resident(db.reader(), resident).await?;
        let comments = comments::by_author(db.reader(), resident).await?;
        let value = serde_json::json!({
            "proposals": proposals,
            "supported": supported,
            "comments": comments,
        });
        Ok(("projects", value))
    }

    async fn taken_part(
        &self,
        db: &crate::db::Db,
        resident: &str,
    ) -> Result<Vec<TakenPart>, StoreError> {
        let mut out = Vec::new();
        for p in projects::by_author(db.reader(), resident).await? {
            out.push(TakenPart {
                title: p.title,
                href: format!("/projects/{}", p.id),
                answers: None,
            });
        }
        for id in supports::by_resident(db.reader(), resident).await? {
            if let Some(o) = projects::get(db.reader(), &id).await? {
                let title = o.project.title;
                out.push(TakenPart { title, href: format!("/projects/{id}"), answers: None });
            }
        }
        Ok(out)
    }
}
