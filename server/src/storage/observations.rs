//! Observations in storage: the all-or-nothing import, which recomputes the scores of
//! every period it touches inside the same transaction.
use super::areas::ImportOutcome;
use super::{scores, Db, StorageError};
use crate::domain::observation_import::{self, Observation, Period};
use app::areas::AreaTree;
use app::index::Edition;
use sqlx::QueryBuilder;
use std::collections::BTreeSet;

/// Where a long import is, for progress bars.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    Validated { rows: u64 },
    Written { done: u64, total: u64 },
    Recomputed { done: u64, total: u64 },
}

/// Rows per INSERT statement (4 parameters each, far below SQLite's limit).
const BATCH: usize = 500;

impl Db {
    pub async fn import_observations_csv(
        &self,
        bytes: &[u8],
        progress: &(dyn Fn(Progress) + Send + Sync),
    ) -> Result<ImportOutcome, StorageError> {
        self.import_observations_csv_within(bytes, None, progress).await
    }

    /// As [`Db::import_observations_csv`], refusing the whole file if any row's street
    /// lies outside `scope` (the uploading staff member's area).
    pub async fn import_observations_csv_within(
        &self,
        bytes: &[u8],
        scope: Option<&str>,
        progress: &(dyn Fn(Progress) + Send + Sync),
    ) -> Result<ImportOutcome, StorageError> {
        let parsed = match observation_import::parse(bytes) {
            Ok(p) => p,
            Err(problems) => return Ok(ImportOutcome::Rejected(problems)),
        };
        let mut tx = self.begin_write().await?;
        let tree = AreaTree::new(super::areas::load(&mut *tx).await?);
        let Some(m) = super::methodology::in_force(&mut *tx).await? else {
            return Err(StorageError::Corrupt("no methodology in force".into()));
        };
        let observations = match observation_import::validate(parsed, &tree, &m, scope) {
            Ok(o) => o,
            Err(problems) => {
                tx.rollback().await?;
                return Ok(ImportOutcome::Rejected(problems));
            }
        };
        let outcome = apply(&mut tx, &m, &tree, &observations, progress).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    /// Stores observations that are valid by construction (the demo city's), the same
    /// way as an import: all or nothing, scores recomputed.
    pub async fn import_observations(
        &self,
        observations: &[Observation],
        progress: &(dyn Fn(Progress) + Send + Sync),
    ) -> Result<ImportOutcome, StorageError> {
        let mut tx = self.begin_write().await?;
        let tree = AreaTree::new(super::areas::load(&mut *tx).await?);
        let Some(m) = super::methodology::in_force(&mut *tx).await? else {
            return Err(StorageError::Corrupt("no methodology in force".into()));
        };
        let outcome = apply(&mut tx, &m, &tree, observations, progress).await?;
        tx.commit().await?;
        Ok(outcome)
    }
}

pub(super) async fn apply(
    tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
    m: &app::index::Methodology,
    tree: &AreaTree,
    observations: &[Observation],
    progress: &(dyn Fn(Progress) + Send + Sync),
) -> Result<ImportOutcome, StorageError> {
    progress(Progress::Validated { rows: observations.len() as u64 });
    let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM observations").fetch_one(&mut **tx).await?;
    let total = observations.len() as u64;
    for (i, chunk) in observations.chunks(BATCH).enumerate() {
        write_batch(tx, chunk).await?;
        progress(Progress::Written { done: ((i * BATCH + chunk.len()) as u64).min(total), total });
    }
    let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM observations").fetch_one(&mut **tx).await?;
    let affected = affected_periods(observations);
    scores::recompute(tx, m, tree, &affected, progress).await?;
    // Pages cache scores: tell every process they changed.
    super::meta::bump(tx, super::meta::SNAPSHOT_REVISION).await?;
    let inserted = (after - before).max(0) as usize;
    Ok(ImportOutcome::Applied { inserted, updated: observations.len() - inserted })
}

async fn write_batch(tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>, rows: &[Observation]) -> Result<(), StorageError> {
    let mut q = QueryBuilder::new("INSERT INTO observations (period, area_code, indicator, value) ");
    q.push_values(rows, |mut b, o| {
        b.push_bind(o.period.to_string()).push_bind(&o.area_code).push_bind(&o.indicator).push_bind(o.value);
    });
    q.push(" ON CONFLICT (period, area_code, indicator) DO UPDATE SET value = excluded.value");
    q.build().execute(&mut **tx).await?;
    Ok(())
}

/// A day changes its daily edition and its month's monthly edition; a month changes
/// its monthly edition.
pub fn affected_periods(observations: &[Observation]) -> BTreeSet<(Edition, Period)> {
    let mut out = BTreeSet::new();
    for o in observations {
        if let Period::Day(_) = o.period {
            out.insert((Edition::Daily, o.period));
        }
        out.insert((Edition::Monthly, o.period.month()));
    }
    out
}
