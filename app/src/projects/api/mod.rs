//! 民生微实事's server functions and what they return. Pages decide nothing about who
//! sees what: the loaders do, before anything leaves the server.
mod public;
mod rounds;
#[cfg(feature = "ssr")]
mod shared;
mod staff;

pub use public::*;
pub use rounds::*;
pub use staff::*;

use crate::core::access::NotEligible;
use crate::projects::model::{
    Comment, Event, ListEntry, Photo, Project, ProjectKind, ProjectRules, ProjectStatus,
};

/// Comments, each with its replies.
pub type Threads = Vec<(Comment, Vec<Comment>)>;

/// Where the viewer stands with commenting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CommentState {
    Open,
    Guest,
    /// The consent notice first.
    Consent,
    /// The project is not open for comments.
    Closed,
}
use serde::{Deserialize, Serialize};

/// A project in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectItem {
    pub id: String,
    pub title: String,
    pub kind: ProjectKind,
    pub cost: i64,
    pub status: ProjectStatus,
    pub community_label: String,
    pub supports: i64,
    pub photo: Option<Photo>,
    pub updated_at: i64,
}

/// The list's filters (from the query string; empty means any).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectFilter {
    pub community: String,
    pub status: String,
    pub kind: String,
    pub q: String,
}

/// A community to filter by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub code: String,
    pub label: String,
}

/// The 微实事 tab.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ProjectsPage {
    pub items: Vec<ProjectItem>,
    /// Communities that have public projects, for the filter.
    pub communities: Vec<Choice>,
    /// The filter as applied (the viewer's own community by default).
    pub filter: ProjectFilter,
    pub rules: ProjectRules,
    pub signed_in: bool,
    /// The budget rounds of the filtered community (of every community without one)
    /// that are open, about to open or closed within the last 30 days.
    pub rounds: Vec<RoundItem>,
}

/// Where the viewer stands with a project's supports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SupportState {
    /// The project is not collecting supports.
    Closed,
    Guest,
    NotEligible(NotEligible),
    /// Residents of another community may read but not support.
    OtherCommunity,
    Author,
    Open,
    Given,
}

/// A project's page.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ProjectPage {
    pub project: Project,
    pub community_label: String,
    pub category_label: Option<String>,
    /// Its timeline (the steps the viewer may see), oldest first.
    pub events: Vec<Event>,
    /// The labels of the areas its timeline names.
    pub area_labels: Vec<(String, String)>,
    pub is_author: bool,
    pub support: SupportState,
    pub rules: ProjectRules,
    pub comments: Threads,
    pub commenting: CommentState,
    /// The council meetings that discussed it, the newest first.
    pub meetings: Vec<crate::projects::model::Meeting>,
}

/// The proposal form, new or editing.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ProposalForm {
    /// The proposal being edited; `None` for a new one.
    pub project: Option<Project>,
    pub rules: ProjectRules,
    /// The author's home community, shown on the form.
    pub community_label: Option<String>,
    /// What keeps the viewer from proposing (`None`: nothing).
    pub blocked: Option<Blocked>,
}

/// Why a proposal form cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Blocked {
    Guest,
    NotEligible(NotEligible),
    /// Not the author, or no such proposal.
    NotYours,
    /// Under review or decided.
    NotEditable,
}

/// "我的微实事": a resident's proposals and supports.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MyProjects {
    pub proposals: Vec<ProjectItem>,
    pub supported: Vec<ProjectItem>,
}

/// The committee's queue.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StaffProjects {
    /// Waiting for review in the member's area.
    pub waiting: Vec<ProjectItem>,
    /// Everything else past its draft in the member's area.
    pub others: Vec<ProjectItem>,
    /// May this member review (a community committee)?
    pub reviews: bool,
    /// May this member edit the city's lists?
    pub edits_lists: bool,
}

/// A project as the committee reviews it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StaffProjectPage {
    pub project: Project,
    pub community_label: String,
    pub events: Vec<Event>,
    pub area_labels: Vec<(String, String)>,
    pub positive: Vec<ListEntry>,
    pub negative: Vec<ListEntry>,
    pub reviews: bool,
    pub rules: ProjectRules,
    pub comments: Threads,
}

/// The council page of a community: its agenda and past meetings.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CouncilPage {
    pub community: String,
    pub community_label: String,
    pub agenda: Vec<ProjectItem>,
    pub meetings: Vec<crate::projects::model::Meeting>,
    /// May this member record a meeting (the community's committee)?
    pub records: bool,
    /// Today in China (`YYYY-MM-DD`), the latest meeting date.
    pub today: String,
}

/// The city's review lists, and whether the viewer may edit them.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ListsPage {
    pub positive: Vec<ListEntry>,
    pub negative: Vec<ListEntry>,
    pub editable: bool,
}
