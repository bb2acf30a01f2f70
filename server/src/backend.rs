//! The storage-backed implementation of `app::backend::Backend`, with the area map
//! cached in memory. The cache is re-validated against `snapshot_revision` at most once a
//! second (the revision covers areas and methodology), so an import by the CLI (another process) shows up within a second, and an
//! import through this process at once.
use crate::storage::{meta, Db};
use app::areas::AreaTree;
use app::backend::{Backend, BackendError, Snapshot};
use async_trait::async_trait;
use crate::domain::index::engine;
use crate::domain::observation_import::Period;
use app::index::Edition;
use app::scores::{IndicatorScore, PeriodRange, ScoreTable, SeriesPoint};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const RECHECK: Duration = Duration::from_secs(1);

struct Cached {
    revision: i64,
    checked: Instant,
    snapshot: Arc<Snapshot>,
}

/// Score tables and period ranges read since the revision last changed.
#[derive(Default)]
struct ScoreCache {
    revision: i64,
    tables: HashMap<(Edition, String), Option<Arc<ScoreTable>>>,
    periods: HashMap<Edition, Option<PeriodRange>>,
}

/// More distinct periods than this and the score cache starts over (a crawler walking
/// every date must not grow memory without bound).
const MAX_TABLES: usize = 2_000;

pub struct StoreBackend {
    db: Db,
    cache: Mutex<Option<Cached>>,
    scores: Mutex<ScoreCache>,
}

impl StoreBackend {
    pub fn new(db: Db) -> Self {
        StoreBackend { db, cache: Mutex::new(None), scores: Mutex::new(ScoreCache::default()) }
    }

    /// Drops the cache so the next read reloads.
    pub fn invalidate(&self) {
        if let Ok(mut c) = self.cache.lock() {
            *c = None;
        }
    }

    /// The revision the snapshot was last validated against (at most a second old),
    /// with the score cache emptied if it belongs to an older one.
    async fn score_cache(&self) -> Result<std::sync::MutexGuard<'_, ScoreCache>, BackendError> {
        self.snapshot().await?;
        let revision = self.cache.lock().map_err(|_| poisoned())?.as_ref().map(|c| c.revision).unwrap_or(0);
        let mut cache = self.scores.lock().map_err(|_| poisoned())?;
        if cache.revision != revision || cache.tables.len() > MAX_TABLES {
            *cache = ScoreCache { revision, ..ScoreCache::default() };
        }
        Ok(cache)
    }

    async fn load(&self) -> Result<Cached, crate::storage::StorageError> {
        let revision = self.db.snapshot_revision().await?;
        let tree = AreaTree::new(self.db.areas().await?);
        let demo = self.db.meta(meta::DEMO).await?.as_deref() == Some("1");
        let methodology = self.db.methodology_in_force().await?;
        Ok(Cached { revision, checked: Instant::now(), snapshot: Arc::new(Snapshot { tree, demo, methodology }) })
    }
}

fn poisoned() -> BackendError {
    BackendError::Unavailable("cache poisoned".into())
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

    async fn scores(&self, edition: Edition, period: &str) -> Result<Option<Arc<ScoreTable>>, BackendError> {
        let key = (edition, period.to_string());
        if let Some(hit) = self.score_cache().await?.tables.get(&key) {
            return Ok(hit.clone());
        }
        let table = self.db.score_table(edition, period).await.map_err(unavailable)?.map(Arc::new);
        self.scores.lock().map_err(|_| poisoned())?.tables.insert(key, table.clone());
        Ok(table)
    }

    async fn periods(&self, edition: Edition) -> Result<Option<PeriodRange>, BackendError> {
        if let Some(hit) = self.score_cache().await?.periods.get(&edition) {
            return Ok(hit.clone());
        }
        let range = self.db.score_periods(edition).await.map_err(unavailable)?;
        self.scores.lock().map_err(|_| poisoned())?.periods.insert(edition, range.clone());
        Ok(range)
    }

    async fn series(&self, area: &str, edition: Edition, from: &str, to: &str) -> Result<Vec<SeriesPoint>, BackendError> {
        self.db.score_series(area, edition, from, to).await.map_err(unavailable)
    }

    async fn indicators(&self, street: &str, edition: Edition, period: &str) -> Result<Vec<IndicatorScore>, BackendError> {
        let Some(period) = Period::parse(period).filter(|p| match edition {
            Edition::Daily => matches!(p, Period::Day(_)),
            Edition::Monthly => matches!(p, Period::Month(_)),
        }) else {
            return Ok(Vec::new());
        };
        let snapshot = self.snapshot().await?;
        let (Some(m), Some(area)) = (snapshot.methodology.as_ref(), snapshot.tree.get(street)) else {
            return Ok(Vec::new());
        };
        let observed = self.db.street_observations(street, edition, period).await.map_err(unavailable)?;
        let scored = engine::score_street(m, edition, area.population, period.days(), &observed);
        Ok(m.indicators
            .iter()
            .filter_map(|i| {
                let (value, score) = scored.indicators.get(&i.code)?;
                Some(IndicatorScore { code: i.code.clone(), observed: observed[&i.code], value: *value, score: *score })
            })
            .collect())
    }

    async fn resident_data(&self, id: &str) -> Result<Option<app::accounts::ResidentData>, BackendError> {
        self.db.resident_data(id).await.map_err(unavailable)
    }

    async fn community_residents(&self, community: &str) -> Result<app::accounts::CommunityResidents, BackendError> {
        self.db.community_residents(community).await.map_err(unavailable)
    }

    async fn staff_list(&self) -> Result<Vec<app::accounts::StaffRecord>, BackendError> {
        self.db.staff_list().await.map_err(unavailable)
    }

    async fn audit_log(&self, before: Option<i64>, limit: i64) -> Result<Vec<app::accounts::AuditEntry>, BackendError> {
        self.db.audit_log(before, limit).await.map_err(unavailable)
    }

    async fn survey(&self, id: &str) -> Result<Option<app::survey::Survey>, BackendError> {
        self.db.survey(id).await.map_err(unavailable)
    }

    async fn survey_list(&self) -> Result<Vec<(app::survey::Survey, i64)>, BackendError> {
        self.db.survey_list().await.map_err(unavailable)
    }

    async fn survey_answered(&self, survey: &str, resident: &str) -> Result<bool, BackendError> {
        self.db.survey_answered(survey, resident).await.map_err(unavailable)
    }

    async fn survey_own_answers(&self, survey: &str, resident: &str) -> Result<Option<app::survey::Answers>, BackendError> {
        self.db.survey_own_answers(survey, resident).await.map_err(unavailable)
    }

    async fn survey_draft(&self, token: &str, survey: &str) -> Result<Option<Vec<(String, String)>>, BackendError> {
        self.db.survey_draft(&crate::auth::crypto::token_hash(token), survey).await.map_err(unavailable)
    }

    async fn survey_responses(&self, survey: &str) -> Result<Vec<app::backend::ResponseData>, BackendError> {
        let rows = self.db.survey_response_rows(survey).await.map_err(unavailable)?;
        Ok(rows
            .into_iter()
            .map(|r| app::backend::ResponseData { community: r.community_code, street: r.street_code, answers: r.answers })
            .collect())
    }

    async fn survey_links(&self, survey: &str) -> Result<Vec<(String, String)>, BackendError> {
        self.db.survey_links(survey).await.map_err(unavailable)
    }
}
