//! The port through which server functions reach storage. The trait lives here so
//! that `app` never contains SQL; `server/` implements it and provides it as context
//! for page rendering and for server-function calls.
use crate::accounts::{AuditEntry, CommunityResidents, ResidentData, StaffRecord};
use crate::areas::AreaTree;
use crate::index::{Edition, Methodology};
use crate::scores::{IndicatorScore, PeriodRange, ScoreTable, SeriesPoint};
use crate::survey::{Answers, Survey};
use async_trait::async_trait;
use leptos::prelude::*;
use std::sync::Arc;

/// What pages read on every request: the area map, whether it is demo data, and the
/// index methodology in force.
/// Cached by the server and replaced whenever an import changes the areas.
#[derive(Debug, Default)]
pub struct Snapshot {
    pub tree: AreaTree,
    pub demo: bool,
    pub methodology: Option<Methodology>,
}

/// One survey response as results read it (never with its resident).
#[derive(Clone, Debug)]
pub struct ResponseData {
    pub community: Option<String>,
    pub street: Option<String>,
    pub answers: Answers,
}

#[derive(Debug, thiserror::Error)]
pub enum BackendError {
    #[error("storage unavailable: {0}")]
    Unavailable(String),
}

#[async_trait]
pub trait Backend: Send + Sync + 'static {
    async fn snapshot(&self) -> Result<Arc<Snapshot>, BackendError>;
    /// Every area's scores for one period (cached: the city index page reads this).
    async fn scores(&self, edition: Edition, period: &str) -> Result<Option<Arc<ScoreTable>>, BackendError>;
    /// The first and last published period of an edition. For the monthly edition the
    /// last is the latest month with monthly observations (a month in progress has
    /// daily data only).
    async fn periods(&self, edition: Edition) -> Result<Option<PeriodRange>, BackendError>;
    /// An area's scores from `from` to `to` inclusive, oldest first.
    async fn series(&self, area: &str, edition: Edition, from: &str, to: &str) -> Result<Vec<SeriesPoint>, BackendError>;
    /// A street's indicators for one period, as scored.
    async fn indicators(&self, street: &str, edition: Edition, period: &str) -> Result<Vec<IndicatorScore>, BackendError>;
    /// Everything held about one resident.
    async fn resident_data(&self, id: &str) -> Result<Option<ResidentData>, BackendError>;
    /// A community's residents (verification queue) and the size of its roll.
    async fn community_residents(&self, community: &str) -> Result<CommunityResidents, BackendError>;
    async fn staff_list(&self) -> Result<Vec<StaffRecord>, BackendError>;
    /// Audit lines, newest first, below sequence number `before`.
    async fn audit_log(&self, before: Option<i64>, limit: i64) -> Result<Vec<AuditEntry>, BackendError>;
    async fn survey(&self, id: &str) -> Result<Option<Survey>, BackendError>;
    /// Every survey with its number of responses, newest first.
    async fn survey_list(&self) -> Result<Vec<(Survey, i64)>, BackendError>;
    async fn survey_answered(&self, survey: &str, resident: &str) -> Result<bool, BackendError>;
    async fn survey_own_answers(&self, survey: &str, resident: &str) -> Result<Option<Answers>, BackendError>;
    /// Answers a browser posted before signing in, by its draft cookie's token.
    async fn survey_draft(&self, token: &str, survey: &str) -> Result<Option<Vec<(String, String)>>, BackendError>;
    async fn survey_responses(&self, survey: &str) -> Result<Vec<ResponseData>, BackendError>;
    /// The survey's share links: (community, code).
    async fn survey_links(&self, survey: &str) -> Result<Vec<(String, String)>, BackendError>;
}

/// The backend as provided in Leptos context.
#[derive(Clone)]
pub struct SharedBackend(pub Arc<dyn Backend>);

/// The backend, from inside a server function or a server-rendered page.
pub fn backend() -> Result<Arc<dyn Backend>, ServerFnError> {
    use_context::<SharedBackend>()
        .map(|b| b.0)
        .ok_or_else(|| ServerFnError::new("backend missing from context"))
}

/// Logs a storage failure and hides its details from the visitor.
pub fn unavailable(e: BackendError) -> ServerFnError {
    leptos::logging::error!("{e}");
    ServerFnError::new("storage unavailable")
}

/// The current snapshot, from inside a server function or a server-rendered page.
pub async fn snapshot() -> Result<Arc<Snapshot>, ServerFnError> {
    backend()?.snapshot().await.map_err(unavailable)
}
