//! What 民生微实事's pages read.
use crate::core::port::PortError;
use crate::projects::model::{Event, ListEntry, Project, ProjectRules};
use async_trait::async_trait;

/// A project with the account that proposed it (never sent to the browser).
#[derive(Clone, Debug, PartialEq)]
pub struct Owned {
    pub project: Project,
    pub author: String,
}

#[async_trait]
pub trait ProjectPort: Send + Sync + 'static {
    /// The city's caps and support threshold.
    fn rules(&self) -> ProjectRules;
    async fn project(&self, id: &str) -> Result<Option<Owned>, PortError>;
    /// Its timeline, oldest first.
    async fn events(&self, id: &str) -> Result<Vec<Event>, PortError>;
    /// Every project past its draft (public or waiting for review), newest first.
    async fn list(&self) -> Result<Vec<Project>, PortError>;
    /// A resident's own proposals, drafts included, newest first.
    async fn by_author(&self, resident: &str) -> Result<Vec<Project>, PortError>;
    /// The ids of the projects a resident has supported.
    async fn supported_by(&self, resident: &str) -> Result<Vec<String>, PortError>;
    /// Has anyone with the resident's identities supported the project?
    async fn has_supported(&self, project: &str, resident: &str) -> Result<bool, PortError>;
    /// The city's review lists.
    async fn lists(&self) -> Result<Vec<ListEntry>, PortError>;
}
