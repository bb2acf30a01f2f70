//! What 民生微实事's pages read.
use crate::core::port::PortError;
use crate::projects::model::{Candidate, Event, ListEntry, Meeting, Project, ProjectRules, Round};
use async_trait::async_trait;

/// A project with the account that proposed it (never sent to the browser).
#[derive(Clone, Debug, PartialEq)]
pub struct Owned {
    pub project: Project,
    pub author: String,
}

/// A comment as stored, with its author (never sent to the browser).
#[derive(Clone, Debug, PartialEq)]
pub struct StoredComment {
    pub id: String,
    pub parent: Option<String>,
    pub author: String,
    pub body: String,
    pub at: i64,
    pub hidden: Option<String>,
    pub reports: i64,
}

/// A round's ballots (each the chosen project ids, in an order unrelated to when or by
/// whom they were cast) and which one is the viewer's (never sent to the browser).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ballots {
    pub all: Vec<Vec<String>>,
    pub mine: Option<usize>,
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
    /// A project's comments, oldest first.
    async fn comments(&self, project: &str) -> Result<Vec<StoredComment>, PortError>;
    /// A community's council meetings, the newest first.
    async fn meetings(&self, community: &str) -> Result<Vec<Meeting>, PortError>;
    /// The comments of a project a resident has reported.
    async fn reported_by(&self, project: &str, resident: &str) -> Result<Vec<String>, PortError>;
    /// A community's budget rounds (every community's with `None`), the latest first.
    async fn rounds(&self, community: Option<&str>) -> Result<Vec<Round>, PortError>;
    async fn round(&self, id: &str) -> Result<Option<Round>, PortError>;
    /// The projects on a round's ballot, in the committee's order.
    async fn candidates(&self, round: &str) -> Result<Vec<Candidate>, PortError>;
    /// The community's projects sent to the ballot that no round holds yet.
    async fn open_candidates(&self, community: &str) -> Result<Vec<Candidate>, PortError>;
    /// A round's ballots, and the resident's own among them (by any of their identities).
    async fn ballots(&self, round: &str, resident: Option<&str>) -> Result<Ballots, PortError>;
}
