//! The app's [`ProjectPort`]: what 民生微实事's pages read.
use super::store::{comments, council, events, lists, projects, rounds, supports};
use crate::crypto::ServerKey;
use crate::db::Db;
use crate::participation::{self, Activity};
use app::core::port::PortError;
use app::projects::model::{Candidate, Event, ListEntry, Meeting, Project, ProjectRules, Round};
use app::projects::port::{Ballots, Owned, ProjectPort, StoredComment};
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

    async fn rounds(&self, community: Option<&str>) -> Result<Vec<Round>, PortError> {
        rounds::list(self.db.reader(), community).await.map_err(PortError::from)
    }

    async fn round(&self, id: &str) -> Result<Option<Round>, PortError> {
        rounds::get(self.db.reader(), id).await.map_err(PortError::from)
    }

    async fn candidates(&self, round: &str) -> Result<Vec<Candidate>, PortError> {
        rounds::candidates(self.db.reader(), round).await.map_err(PortError::from)
    }

    async fn open_candidates(&self, community: &str) -> Result<Vec<Candidate>, PortError> {
        let mut conn = self.db.reader().acquire().await.map_err(|e| PortError(e.to_string()))?;
        super::service::rounds::open_candidates(&mut conn, community)
            .await
            .map_err(|e| PortError(e.to_string()))
    }

    async fn ballots(&self, round: &str, resident: Option<&str>) -> Result<Ballots, PortError> {
        let all = rounds::ballots(self.db.reader(), round).await.map_err(PortError::from)?;
        let mine = match resident {
            Some(resident) => {
                let identities = crate::accounts::service::identities_of(&self.db, resident)
                    .await
                    .map_err(PortError::from)?;
                let marks = participation::marks(&self.key, Activity::Round(round), &identities);
                all.iter().position(|(voter, _)| marks.contains(voter))
            }
            None => None,
        };
        Ok(Ballots { all: all.into_iter().map(|(_, c)| c).collect(), mine })
    }
}
