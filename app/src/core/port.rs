//! Ports: the traits through which server functions reach storage, so that `app` never
//! contains SQL. Each feature declares its own (`index::port`, `surveys::port`,
//! `accounts::port`); `server/` implements them and provides them as context for page
//! rendering and server-function calls. This module holds what every feature reads:
//! the area map.
use crate::core::areas::AreaTree;
use crate::core::error::AppError;
use async_trait::async_trait;
use leptos::prelude::*;
use std::sync::Arc;

/// What pages read on every request: the area map and whether it is demo data.
/// Cached by the server and replaced whenever an import changes the areas.
#[derive(Debug, Default)]
pub struct Snapshot {
    pub tree: AreaTree,
    pub demo: bool,
}

/// A port's failure; its details are logged where it is turned into an [`AppError`].
#[derive(Debug, thiserror::Error)]
#[error("storage unavailable: {0}")]
pub struct PortError(pub String);

impl From<PortError> for AppError {
    fn from(e: PortError) -> Self {
        leptos::logging::error!("{e}");
        AppError::Unavailable
    }
}

#[async_trait]
pub trait SitePort: Send + Sync + 'static {
    async fn snapshot(&self) -> Result<Arc<Snapshot>, PortError>;
}

/// A port from the request's context (`P` is a trait object, e.g. `dyn SitePort`).
pub fn port<P: ?Sized + Send + Sync + 'static>() -> Result<Arc<P>, AppError> {
    use_context::<Arc<P>>().ok_or_else(|| {
        leptos::logging::error!("port {} missing from context", std::any::type_name::<P>());
        AppError::Unavailable
    })
}

/// The current snapshot, from inside a server function or a server-rendered page.
pub async fn snapshot() -> Result<Arc<Snapshot>, AppError> {
    Ok(port::<dyn SitePort>()?.snapshot().await?)
}
