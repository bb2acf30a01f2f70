//! The storage-backed implementation of `app::backend::Backend`, with the area map
//! cached in memory. The cache is re-validated against `snapshot_revision` at most once a
//! second (the revision covers areas and methodology), so an import by the CLI (another process) shows up within a second, and an
//! import through this process at once.
use crate::storage::{meta, Db};
use app::areas::AreaTree;
use app::backend::{Backend, BackendError, Snapshot};
use async_trait::async_trait;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const RECHECK: Duration = Duration::from_secs(1);

struct Cached {
    revision: i64,
    checked: Instant,
    snapshot: Arc<Snapshot>,
}

pub struct StoreBackend {
    db: Db,
    cache: Mutex<Option<Cached>>,
}

impl StoreBackend {
    pub fn new(db: Db) -> Self {
        StoreBackend { db, cache: Mutex::new(None) }
    }

    /// Drops the cache so the next read reloads.
    pub fn invalidate(&self) {
        if let Ok(mut c) = self.cache.lock() {
            *c = None;
        }
    }

    async fn load(&self) -> Result<Cached, crate::storage::StorageError> {
        let revision = self.db.snapshot_revision().await?;
        let tree = AreaTree::new(self.db.areas().await?);
        let demo = self.db.meta(meta::DEMO).await?.as_deref() == Some("1");
        let methodology = self.db.methodology_in_force().await?;
        Ok(Cached { revision, checked: Instant::now(), snapshot: Arc::new(Snapshot { tree, demo, methodology }) })
    }
}

fn unavailable(e: crate::storage::StorageError) -> BackendError {
    BackendError::Unavailable(e.to_string())
}

#[async_trait]
impl Backend for StoreBackend {
    async fn snapshot(&self) -> Result<Arc<Snapshot>, BackendError> {
        let stale_revision = {
            let cache = self.cache.lock().map_err(|_| BackendError::Unavailable("cache poisoned".into()))?;
            match &*cache {
                Some(c) if c.checked.elapsed() < RECHECK => return Ok(c.snapshot.clone()),
                Some(c) => Some(c.revision),
                None => None,
            }
        };
        if let Some(old) = stale_revision {
            let revision = self.db.snapshot_revision().await.map_err(unavailable)?;
            if revision == old {
                let mut cache = self.cache.lock().map_err(|_| BackendError::Unavailable("cache poisoned".into()))?;
                if let Some(c) = cache.as_mut() {
                    c.checked = Instant::now();
                    return Ok(c.snapshot.clone());
                }
            }
        }
        let fresh = self.load().await.map_err(unavailable)?;
        let snapshot = fresh.snapshot.clone();
        if let Ok(mut cache) = self.cache.lock() {
            *cache = Some(fresh);
        }
        Ok(snapshot)
    }
}
