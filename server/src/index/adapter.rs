//! The app's [`IndexPort`]: the methodology, score tables and period ranges, cached in
//! memory until the data's revision changes (every import and adoption bumps it), so
//! that the city's ranking page reads no database on most requests.
use super::store::{methodology, observations, scores};
use crate::areas::adapter::SiteCache;
use crate::db::{Db, StoreError};
use app::core::port::PortError;
use app::index::model::{
    Edition, IndicatorScore, Methodology, PeriodRange, ScoreTable, SeriesPoint,
};
use app::index::port::IndexPort;
use app::index::rules::periods::Period;
use app::index::rules::scoring::score_street;
use async_trait::async_trait;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

/// More distinct periods than this and the cache starts over (a crawler walking every
/// date must not grow memory without bound).
const MAX_TABLES: usize = 2_000;

/// What was read since the revision last changed.
#[derive(Default)]
struct Cache {
    revision: i64,
    methodology: Option<Option<Arc<Methodology>>>,
    tables: HashMap<(Edition, String), Option<Arc<ScoreTable>>>,
    periods: HashMap<Edition, Option<PeriodRange>>,
}

pub struct IndexCache {
    db: Db,
    site: Arc<SiteCache>,
    cache: Mutex<Cache>,
}

impl IndexCache {
    pub fn new(db: Db, site: Arc<SiteCache>) -> Self {
        IndexCache { db, site, cache: Mutex::new(Cache::default()) }
    }

    /// The cache, emptied first if it belongs to an older revision.
    async fn fresh(&self) -> Result<MutexGuard<'_, Cache>, StoreError> {
        let (revision, _) = self.site.current().await?;
        let mut cache = self.cache.lock().map_err(|_| StoreError::Corrupt("cache lock".into()))?;
        if cache.revision != revision || cache.tables.len() > MAX_TABLES {
            *cache = Cache { revision, ..Cache::default() };
        }
        Ok(cache)
    }

    fn lock(&self) -> Result<MutexGuard<'_, Cache>, StoreError> {
        self.cache.lock().map_err(|_| StoreError::Corrupt("cache lock".into()))
    }

    pub async fn methodology(&self) -> Result<Option<Arc<Methodology>>, StoreError> {
        if let Some(hit) = &self.fresh().await?.methodology {
            return Ok(hit.clone());
        }
        let m = methodology::current(&self.db).await?.map(Arc::new);
        self.lock()?.methodology = Some(m.clone());
        Ok(m)
    }

    pub async fn scores(
        &self,
        edition: Edition,
        period: &str,
    ) -> Result<Option<Arc<ScoreTable>>, StoreError> {
        let key = (edition, period.to_string());
        if let Some(hit) = self.fresh().await?.tables.get(&key) {
            return Ok(hit.clone());
        }
        let table = scores::table(&self.db, edition, period).await?.map(Arc::new);
        self.lock()?.tables.insert(key, table.clone());
        Ok(table)
    }

    pub async fn periods(&self, edition: Edition) -> Result<Option<PeriodRange>, StoreError> {
        if let Some(hit) = self.fresh().await?.periods.get(&edition) {
            return Ok(hit.clone());
        }
        let range = scores::periods(&self.db, edition).await?;
        self.lock()?.periods.insert(edition, range.clone());
        Ok(range)
    }

    /// A street's indicators as scored: the stored observations run through the engine.
    async fn indicators(
        &self,
        street: &str,
        edition: Edition,
        period: &str,
    ) -> Result<Vec<IndicatorScore>, StoreError> {
        let Some(period) = Period::parse(period).filter(|p| match edition {
            Edition::Daily => matches!(p, Period::Day(_)),
            Edition::Monthly => matches!(p, Period::Month(_)),
        }) else {
            return Ok(Vec::new());
        };
        let snapshot = self.site.snapshot().await?;
        let (Some(m), Some(area)) = (self.methodology().await?, snapshot.tree.get(street)) else {
            return Ok(Vec::new());
        };
        let observed = observations::street(&self.db, street, edition, period).await?;
        let days =
            super::service::rate_days(self.db.reader(), period, crate::clock::today_in_china())
                .await?;
        let scored = score_street(&m, edition, area.population, days, &observed);
        Ok(m.indicators
            .iter()
            .filter_map(|i| {
                let (value, score) = scored.indicators.get(&i.code)?;
                Some(IndicatorScore {
                    code: i.code.clone(),
                    observed: observed[&i.code],
                    value: *value,
                    score: *score,
                })
            })
            .collect())
    }
}

#[async_trait]
impl IndexPort for IndexCache {
    async fn methodology(&self) -> Result<Option<Arc<Methodology>>, PortError> {
        IndexCache::methodology(self).await.map_err(PortError::from)
    }

    async fn scores(
        &self,
        edition: Edition,
        period: &str,
    ) -> Result<Option<Arc<ScoreTable>>, PortError> {
        IndexCache::scores(self, edition, period).await.map_err(PortError::from)
    }

    async fn periods(&self, edition: Edition) -> Result<Option<PeriodRange>, PortError> {
        IndexCache::periods(self, edition).await.map_err(PortError::from)
    }

    async fn series(
        &self,
        area: &str,
        edition: Edition,
        from: &str,
        to: &str,
    ) -> Result<Vec<SeriesPoint>, PortError> {
        scores::series(&self.db, area, edition, from, to).await.map_err(PortError::from)
    }

    async fn indicators(
        &self,
        street: &str,
        edition: Edition,
        period: &str,
    ) -> Result<Vec<IndicatorScore>, PortError> {
        IndexCache::indicators(self, street, edition, period).await.map_err(PortError::from)
    }
}
