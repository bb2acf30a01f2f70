//! The app's [`SitePort`]: the area map, cached in memory. The cache is re-validated
//! against the revision counter at most once a second (every import bumps it), so an
//! import by the CLI (another process) shows up within a second, and an import through
//! this process at once.
use super::store;
use crate::db::{meta, Db, StoreError};
use app::core::areas::AreaTree;
use app::core::port::{PortError, SitePort, Snapshot};
use async_trait::async_trait;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const RECHECK: Duration = Duration::from_secs(1);

struct Cached {
    revision: i64,
    checked: Instant,
    snapshot: Arc<Snapshot>,
}

pub struct SiteCache {
    db: Db,
    cache: Mutex<Option<Cached>>,
}

impl SiteCache {
    pub fn new(db: Db) -> Self {
        SiteCache { db, cache: Mutex::new(None) }
    }

    /// Drops the cache so the next read reloads (after a change made here).
    pub fn invalidate(&self) {
        if let Ok(mut c) = self.cache.lock() {
            *c = None;
        }
    }

    /// The snapshot and the revision it belongs to (validated at most a second ago).
    pub async fn current(&self) -> Result<(i64, Arc<Snapshot>), StoreError> {
        let stale = {
            let cache = self.cache.lock().map_err(|_| StoreError::Corrupt("cache lock".into()))?;
            match &*cache {
                Some(c) if c.checked.elapsed() < RECHECK => {
                    return Ok((c.revision, c.snapshot.clone()));
                }
                Some(c) => Some(c.revision),
                None => None,
            }
        };
        let revision = meta::revision(&self.db).await?;
        if stale == Some(revision) {
            let mut cache =
                self.cache.lock().map_err(|_| StoreError::Corrupt("cache lock".into()))?;
            if let Some(c) = cache.as_mut() {
                c.checked = Instant::now();
                return Ok((c.revision, c.snapshot.clone()));
            }
        }
        let tree = AreaTree::new(store::all(&self.db).await?);
        let demo = meta::get(&self.db, meta::DEMO).await?.as_deref() == Some("1");
        let snapshot = Arc::new(Snapshot { tree, demo });
        if let Ok(mut cache) = self.cache.lock() {
            *cache = Some(Cached { revision, checked: Instant::now(), snapshot: snapshot.clone() });
        }
        Ok((revision, snapshot))
    }

    pub async fn snapshot(&self) -> Result<Arc<Snapshot>, StoreError> {
        Ok(self.current().await?.1)
    }
}

#[async_trait]
impl SitePort for SiteCache {
    async fn snapshot(&self) -> Result<Arc<Snapshot>, PortError> {
        self.current().await.map(|(_, s)| s).map_err(PortError::from)
    }
}
