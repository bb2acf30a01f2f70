//! The port through which server functions reach storage. The trait lives here so
//! that `app` never contains SQL; `server/` implements it and provides it as context
//! for page rendering and for server-function calls.
use crate::areas::AreaTree;
use crate::index::Methodology;
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

#[derive(Debug, thiserror::Error)]
pub enum BackendError {
    #[error("storage unavailable: {0}")]
    Unavailable(String),
}

#[async_trait]
pub trait Backend: Send + Sync + 'static {
    async fn snapshot(&self) -> Result<Arc<Snapshot>, BackendError>;
}

/// The backend as provided in Leptos context.
#[derive(Clone)]
pub struct SharedBackend(pub Arc<dyn Backend>);

/// The current snapshot, from inside a server function or a server-rendered page.
pub async fn snapshot() -> Result<Arc<Snapshot>, ServerFnError> {
    let backend = use_context::<SharedBackend>()
        .ok_or_else(|| ServerFnError::new("backend missing from context"))?;
    backend.0.snapshot().await.map_err(|e| {
        leptos::logging::error!("{e}");
        ServerFnError::new("storage unavailable")
    })
}
