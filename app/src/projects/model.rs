//! 民生微实事's plain data: a proposal, its status and public timeline, the review lists.
use crate::core::access::Role;
use crate::core::i18n::Msg;
use serde::{Deserialize, Serialize};

/// The three kinds of project the city funds, each with its own cost cap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectKind {
    /// 服务类
    Service,
    /// 货物类
    Goods,
    /// 工程类
    Works,
}

impl ProjectKind {
    pub const ALL: [ProjectKind; 3] =
        [ProjectKind::Service, ProjectKind::Goods, ProjectKind::Works];

    pub const fn as_str(self) -> &'static str {
        match self {
            ProjectKind::Service => "service",
            ProjectKind::Goods => "goods",
            ProjectKind::Works => "works",
        }
    }

    pub fn parse(s: &str) -> Option<ProjectKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub const fn name(self) -> Msg {
        match self {
            ProjectKind::Service => Msg::ProjectKindService,
            ProjectKind::Goods => Msg::ProjectKindGoods,
            ProjectKind::Works => Msg::ProjectKindWorks,
        }
    }
}

/// Where a project stands. The order is the loop's: proposal, review, supports, the
/// residents' council.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectStatus {
    /// The author's own, seen by nobody else.
    Draft,
    /// Waiting for the committee's review (the author can no longer edit).
    Submitted,
    /// Sent back by the committee with reasons, for the author to edit and send again.
    Returned,
    /// Accepted: public, collecting supports (附议).
    Accepted,
    /// Rejected, with a public reason.
    Rejected,
    /// Has the supports it needs: waits for the residents' council (议事会).
    Council,
    /// The council put it off to a later meeting.
    Deferred,
    /// The council sent it to the community's budget vote.
    Ballot,
}

impl ProjectStatus {
    pub const ALL: [ProjectStatus; 8] = [
        ProjectStatus::Draft,
        ProjectStatus::Submitted,
        ProjectStatus::Returned,
        ProjectStatus::Accepted,
        ProjectStatus::Rejected,
        ProjectStatus::Council,
        ProjectStatus::Deferred,
        ProjectStatus::Ballot,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            ProjectStatus::Draft => "draft",
            ProjectStatus::Submitted => "submitted",
            ProjectStatus::Returned => "returned",
            ProjectStatus::Accepted => "accepted",
            ProjectStatus::Rejected => "rejected",
            ProjectStatus::Council => "council",
            ProjectStatus::Deferred => "deferred",
            ProjectStatus::Ballot => "ballot",
        }
    }

    pub fn parse(s: &str) -> Option<ProjectStatus> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub const fn name(self) -> Msg {
        match self {
            ProjectStatus::Draft => Msg::ProjectStatusDraft,
            ProjectStatus::Submitted => Msg::ProjectStatusSubmitted,
            ProjectStatus::Returned => Msg::ProjectStatusReturned,
            ProjectStatus::Accepted => Msg::ProjectStatusAccepted,
            ProjectStatus::Rejected => Msg::ProjectStatusRejected,
            ProjectStatus::Council => Msg::ProjectStatusCouncil,
            ProjectStatus::Deferred => Msg::ProjectStatusDeferred,
            ProjectStatus::Ballot => Msg::ProjectStatusBallot,
        }
    }

    /// Seen by everyone (the others only by the author and the committee).
    pub const fn is_public(self) -> bool {
        !matches!(self, ProjectStatus::Draft | ProjectStatus::Submitted | ProjectStatus::Returned)
    }

    /// On the agenda of the community's next council meeting.
    pub const fn on_agenda(self) -> bool {
        matches!(self, ProjectStatus::Council | ProjectStatus::Deferred)
    }

    /// The author may still change the proposal.
    pub const fn editable(self) -> bool {
        matches!(self, ProjectStatus::Draft | ProjectStatus::Returned)
    }
}

/// A proposal. `cost` is in whole yuan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    pub id: String,
    pub community_code: String,
    pub title: String,
    pub description: String,
    pub kind: ProjectKind,
    pub cost: i64,
    pub location: String,
    /// The photos, in the author's order.
    pub photos: Vec<Photo>,
    pub status: ProjectStatus,
    /// The positive-list category the committee filed it under when accepting.
    pub category: Option<String>,
    /// The committee's last reason (sent back or rejected).
    pub reason: Option<String>,
    /// The negative-list entry a rejection named.
    pub negative: Option<ListEntry>,
    pub supports: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A stored photo: its name (the hash of its content) and its size; served at
/// `/photos/<name>.jpg` and, for lists, `/photos/<name>-s.jpg`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Photo {
    pub name: String,
    pub width: u32,
    pub height: u32,
}

impl Photo {
    /// The size of the small copy (at most 480 pixels on the long side).
    pub fn small(&self) -> (u32, u32) {
        let long = self.width.max(self.height).max(1);
        if long <= 480 {
            (self.width, self.height)
        } else {
            let scale =
                |v: u32| ((u64::from(v) * 480 + u64::from(long) / 2) / u64::from(long)) as u32;
            (scale(self.width).max(1), scale(self.height).max(1))
        }
    }
}

/// Who did something on a project's public timeline: never a private name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum Actor {
    /// The resident who proposed it.
    Author,
    /// A staff member, by role and area.
    Staff { role: Role, area: String },
    /// The site itself (a threshold reached).
    Site,
}

/// What happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Submitted,
    Returned,
    Accepted,
    Rejected,
    /// Reached the support threshold.
    ToCouncil,
    /// The council's outcomes.
    CouncilBallot,
    CouncilDeferred,
    CouncilRejected,
}

impl EventKind {
    pub const ALL: [EventKind; 8] = [
        EventKind::Submitted,
        EventKind::Returned,
        EventKind::Accepted,
        EventKind::Rejected,
        EventKind::ToCouncil,
        EventKind::CouncilBallot,
        EventKind::CouncilDeferred,
        EventKind::CouncilRejected,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            EventKind::Submitted => "submitted",
            EventKind::Returned => "returned",
            EventKind::Accepted => "accepted",
            EventKind::Rejected => "rejected",
            EventKind::ToCouncil => "to_council",
            EventKind::CouncilBallot => "council_ballot",
            EventKind::CouncilDeferred => "council_deferred",
            EventKind::CouncilRejected => "council_rejected",
        }
    }

    pub fn parse(s: &str) -> Option<EventKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub const fn name(self) -> Msg {
        match self {
            EventKind::Submitted => Msg::ProjectEventSubmitted,
            EventKind::Returned => Msg::ProjectEventReturned,
            EventKind::Accepted => Msg::ProjectEventAccepted,
            EventKind::Rejected => Msg::ProjectEventRejected,
            EventKind::ToCouncil => Msg::ProjectEventToCouncil,
            EventKind::CouncilBallot => Msg::ProjectEventCouncilBallot,
            EventKind::CouncilDeferred => Msg::ProjectEventCouncilDeferred,
            EventKind::CouncilRejected => Msg::ProjectEventCouncilRejected,
        }
    }

    /// Shown to everyone (the others only to the author and the committee, as the
    /// project was private then).
    pub const fn is_public(self) -> bool {
        !matches!(self, EventKind::Submitted | EventKind::Returned)
    }
}

/// One step on a project's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub at: i64,
    pub actor: Actor,
    pub kind: EventKind,
    pub reason: Option<String>,
    pub negative: Option<ListEntry>,
}

/// The city's two review lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListKind {
    /// 正面清单: what may be funded.
    Positive,
    /// 负面清单: what may not.
    Negative,
}

impl ListKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            ListKind::Positive => "positive",
            ListKind::Negative => "negative",
        }
    }

    pub fn parse(s: &str) -> Option<ListKind> {
        [ListKind::Positive, ListKind::Negative].into_iter().find(|k| k.as_str() == s)
    }
}

/// An entry of a review list, in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListEntry {
    pub id: String,
    pub list: ListKind,
    pub zh: String,
    pub en: String,
}

impl ListEntry {
    pub fn label(&self, lang: crate::core::i18n::Lang) -> &str {
        match lang {
            crate::core::i18n::Lang::Zh => &self.zh,
            crate::core::i18n::Lang::En => &self.en,
        }
    }
}

/// The city's settings for proposals (the `[projects]` section of the server's
/// configuration; each field defaults on its own).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectRules {
    /// The largest cost of a project of each kind, in yuan.
    pub cap_service: i64,
    pub cap_goods: i64,
    pub cap_works: i64,
    /// Supports a project needs to reach the residents' council.
    pub support_threshold: i64,
}

impl Default for ProjectRules {
    /// Zhuhai's: 20万 for services and goods, 50万 for works; ten supports.
    fn default() -> Self {
        ProjectRules {
            cap_service: 200_000,
            cap_goods: 200_000,
            cap_works: 500_000,
            support_threshold: 10,
        }
    }
}

impl ProjectRules {
    pub const fn cap(&self, kind: ProjectKind) -> i64 {
        match kind {
            ProjectKind::Service => self.cap_service,
            ProjectKind::Goods => self.cap_goods,
            ProjectKind::Works => self.cap_works,
        }
    }

    /// The largest cap of any kind (what a draft may hold).
    pub fn max_cap(&self) -> i64 {
        self.cap_service.max(self.cap_goods).max(self.cap_works)
    }
}

/// Photos a proposal may carry.
pub const MAX_PHOTOS: usize = 4;
pub const MAX_TITLE: usize = 40;
pub const MAX_DESCRIPTION: usize = 2000;
pub const MAX_LOCATION: usize = 100;
pub const MAX_REASON: usize = 500;

/// A comment on a project as a page shows it: never who wrote it, only whether it is
/// the proposer's or the viewer's own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub id: String,
    /// The comment it answers (one level of replies).
    pub parent: Option<String>,
    /// The text; `None` when the committee hid it and it is not the viewer's own.
    pub body: Option<String>,
    pub at: i64,
    pub by_proposer: bool,
    pub mine: bool,
    /// The committee's public reason, when it hid the comment.
    pub hidden: Option<String>,
    /// How many residents reported it (shown to staff only; 0 for residents).
    pub reports: i64,
    /// Has the viewer reported it?
    pub reported: bool,
}

pub const MAX_COMMENT: usize = 500;

/// A residents' council meeting as recorded by the committee (public).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub id: String,
    pub community_code: String,
    /// `YYYY-MM-DD`.
    pub held_on: String,
    pub attendees: i64,
    pub minutes: String,
    /// Each project on its agenda: id, title, outcome (`ballot`, `deferred`,
    /// `rejected`) and reason.
    pub outcomes: Vec<MeetingOutcome>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingOutcome {
    pub project: String,
    pub title: String,
    pub outcome: String,
    pub reason: Option<String>,
}

/// How a resident marks a ballot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BallotKind {
    /// Any number of projects the resident approves, or at most `at_most`.
    Approval { at_most: Option<u32> },
    /// Projects whose costs together fit the budget.
    Knapsack,
}

impl BallotKind {
    pub fn as_str(self) -> &'static str {
        match self {
            BallotKind::Approval { .. } => "approval",
            BallotKind::Knapsack => "knapsack",
        }
    }
}

/// How the ballots become winners.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TallyRule {
    Greedy,
    EqualShares,
}

impl TallyRule {
    pub fn as_str(self) -> &'static str {
        match self {
            TallyRule::Greedy => "greedy",
            TallyRule::EqualShares => "equal_shares",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "greedy" => Some(TallyRule::Greedy),
            "equal_shares" => Some(TallyRule::EqualShares),
            _ => None,
        }
    }
}

/// A project on the ballot: its id, name and cost in yuan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub id: String,
    pub title: String,
    pub cost: i64,
}

/// A budget round as stored (its projects apart).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    pub id: String,
    pub community_code: String,
    pub title: String,
    pub budget: i64,
    /// Unix seconds.
    pub opens_at: i64,
    pub closes_at: i64,
    pub kind: BallotKind,
    pub rule: TallyRule,
}
