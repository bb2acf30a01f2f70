//! The app's [`ProjectPort`]: what 民生微实事's pages read.
use super::store::{comments, council, events, lists, projects, supports};
use crate::crypto::ServerKey;
use crate::db::Db;
use crate::participation::{self, Activity};
use app::core::port::PortError;
use app::projects::model::{Event, ListEntry, Meeting, Project, ProjectRules};
use app::projects::port::{Owned, ProjectPort, StoredComment};
use async_trait::async_trait;

pub struct ProjectReader {
    pub db: Db,
    /// Keys the participation marks (has this person supported?).
    pub key: ServerKey,
    pub rules: ProjectRules,
}

#[async_trait]
impl ProjectPort for ProjectReader {
    fn rules(&self) -> ProjectRules {
        self.rules
    }

    async fn project(&self, id: &str) -> Result<Option<Owned>, PortError> {
        projects::get(self.db.reader(), id).await.map_err(PortError::from)
    }

    async fn events(&self, id: &str) -> Result<Vec<Event>, PortError> {
        events::of(self.db.reader(), id).await.map_err(PortError::from)
    }

    async fn list(&self) -> Result<Vec<Project>, PortError> {
        projects::list(self.db.reader()).await.map_err(PortError::from)
    }

    async fn by_author(&self, resident: &str) -> Result<Vec<Project>, PortError> {
        projects::by_author(self.db.reader(), resident).await.map_err(PortError::from)
    }

    async fn supported_by(&self, resident: &str) -> Result<Vec<String>, PortError> {
        supports::by_resident(self.db.reader(), resident).await.map_err(PortError::from)
    }

    /// By the person's marks (any of their identities), so that a new account of
    /// the same phone is told it has supported.
    async fn has_supported(&self, project: &str, resident: &str) -> Result<bool, PortError> {
        let identities = crate::accounts::service::identities_of(&self.db, resident)
            .await
            .map_err(PortError::from)?;
        let activity = Activity::Project(project);
        let marks = participation::marks(&self.key, activity, &identities);
        participation::store::taken(self.db.reader(), activity, &marks)
            .await
            .map_err(PortError::from)
    }

    async fn lists(&self) -> Result<Vec<ListEntry>, PortError> {
        lists::all(self.db.reader()).await.map_err(PortError::from)
    }

    async fn comments(&self, project: &str) -> Result<Vec<StoredComment>, PortError> {
        comments::of(self.db.reader(), project).await.map_err(PortError::from)
    }

    async fn meetings(&self, community: &str) -> Result<Vec<Meeting>, PortError> {
        council::of(self.db.reader(), community).await.map_err(PortError::from)
    }

    async fn reported_by(&self, project: &str, resident: &str) -> Result<Vec<String>, PortError> {
        comments::reported_by(self.db.reader(), project, resident).await.map_err(PortError::from)
    }
}
