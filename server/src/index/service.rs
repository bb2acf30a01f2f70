//! Changing the index: importing observations (all or nothing) and recomputing every
//! score they touch, for streets, districts and the city, with warning flags; adopting
//! a methodology; reading a series. `in_force`, `apply` and `recompute` run inside the
//! caller's transaction (the monthly survey's close uses them) and so answer in the
//! store's error; the entry points answer in [`IndexError`].
use super::error::IndexError;
use super::store::scores::NewScore;
use super::store::{methodology, observations, scores};
use crate::areas::store as areas;
use crate::audit::{self, Audit};
use crate::csv_import::ImportOutcome;
use crate::db::{meta, Db, StoreError, Tx};
use app::core::access::{Role, StaffUser};
use app::core::areas::{AreaTree, Level};
use app::index::model::{Edition, Methodology, Observation};
use app::index::rules::periods::Period;
use app::index::rules::scoring::{self, StreetScore};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Where a long import is, for progress bars.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    Validated { rows: u64 },
    Written { done: u64, total: u64 },
    Recomputed { done: u64, total: u64 },
}

/// A progress callback.
pub type OnProgress<'a> = &'a (dyn Fn(Progress) + Send + Sync);

/// The methodology in force, or an error: scores cannot be computed without one.
pub async fn in_force(tx: &mut Tx) -> Result<Methodology, StoreError> {
    methodology::in_force(&mut **tx)
        .await?
        .ok_or_else(|| StoreError::Corrupt("no methodology in force".into()))
}

/// Who uploaded a file, for the refusal of rows outside their area and the audit line.
pub struct Uploader<'a> {
    pub staff: &'a StaffUser,
    pub filename: &'a str,
}

/// Validates an observations CSV whole (against the stored map and methodology, and,
/// for a staff upload, the uploader's area) and applies it all or nothing; a staff
/// upload is audited in the same transaction.
pub async fn import_csv(
    db: &Db,
    bytes: &[u8],
    by: Option<Uploader<'_>>,
    progress: OnProgress<'_>,
) -> Result<ImportOutcome, IndexError> {
    let scope =
        by.as_ref().filter(|u| u.staff.role != Role::CityAdmin).map(|u| u.staff.area_code.as_str());
    let parsed = match super::import::parse(bytes) {
        Ok(p) => p,
        Err(problems) => return Ok(ImportOutcome::Rejected(problems)),
    };
    let mut tx = db.begin_write().await?;
    let tree = AreaTree::new(areas::load(&mut *tx).await?);
    let m = in_force(&mut tx).await?;
    let observations = match super::import::validate(parsed, &tree, &m, scope) {
        Ok(o) => o,
        Err(problems) => {
            Db::rollback(tx).await?;
            return Ok(ImportOutcome::Rejected(problems));
        }
    };
    let outcome = apply(&mut tx, &m, &tree, &observations, progress).await?;
    if let (Some(u), ImportOutcome::Applied { inserted, updated }) = (&by, &outcome) {
        let detail = format!("file={} inserted={inserted} updated={updated}", u.filename);
        let line = Audit::by(u.staff, "observations.import", &u.staff.area_code).detail(&detail);
        audit::store::write(&mut tx, line).await?;
    }
    Db::commit(tx).await?;
    Ok(outcome)
}

/// Stores observations that are valid by construction (the demo city's), the same way
/// as an import: all or nothing, scores recomputed.
pub async fn import(
    db: &Db,
    observations: &[Observation],
    progress: OnProgress<'_>,
) -> Result<ImportOutcome, IndexError> {
    let mut tx = db.begin_write().await?;
    let tree = AreaTree::new(areas::load(&mut *tx).await?);
    let m = in_force(&mut tx).await?;
    let outcome = apply(&mut tx, &m, &tree, observations, progress).await?;
    Db::commit(tx).await?;
    Ok(outcome)
}

/// Writes observations and recomputes what they touch, inside `tx`.
pub async fn apply(
    tx: &mut Tx,
    m: &Methodology,
    tree: &AreaTree,
    rows: &[Observation],
    progress: OnProgress<'_>,
) -> Result<ImportOutcome, StoreError> {
    progress(Progress::Validated { rows: rows.len() as u64 });
    let before = observations::count(tx).await?;
    let total = rows.len() as u64;
    for (i, chunk) in rows.chunks(observations::BATCH).enumerate() {
        observations::write_batch(tx, chunk).await?;
        let done = ((i * observations::BATCH + chunk.len()) as u64).min(total);
        progress(Progress::Written { done, total });
    }
    let after = observations::count(tx).await?;
    recompute(tx, m, tree, &affected_periods(rows), progress).await?;
    // Pages cache scores: tell every process they changed.
    meta::bump(tx, meta::SNAPSHOT_REVISION).await?;
    let inserted = (after - before).max(0) as usize;
    Ok(ImportOutcome::Applied { inserted, updated: rows.len() - inserted })
}

/// The editions the observations' periods touch ([`touched`]).
pub fn affected_periods(observations: &[Observation]) -> BTreeSet<(Edition, Period)> {
    touched(observations.iter().map(|o| o.period))
}

/// A day changes its daily edition and its month's monthly edition; a month changes
/// its monthly edition.
fn touched(periods: impl IntoIterator<Item = Period>) -> BTreeSet<(Edition, Period)> {
    let mut out = BTreeSet::new();
    for p in periods {
        if let Period::Day(_) = p {
            out.insert((Edition::Daily, p));
        }
        out.insert((Edition::Monthly, p.month()));
    }
    out
}

/// Recomputes every area's score for the given (edition, period) pairs, then the
/// warning flags that depend on them, as of today in China.
pub async fn recompute(
    tx: &mut Tx,
    m: &Methodology,
    tree: &AreaTree,
    affected: &BTreeSet<(Edition, Period)>,
    progress: OnProgress<'_>,
) -> Result<(), StoreError> {
    recompute_on(tx, m, tree, affected, crate::clock::today_in_china(), progress).await
}

/// [`recompute`] as of `today` (which months are in progress).
async fn recompute_on(
    tx: &mut Tx,
    m: &Methodology,
    tree: &AreaTree,
    affected: &BTreeSet<(Edition, Period)>,
    today: chrono::NaiveDate,
    progress: OnProgress<'_>,
) -> Result<(), StoreError> {
    let streets: Vec<_> = tree.all().iter().filter(|a| a.level == Level::Street).collect();
    let total = affected.len() as u64;
    for (n, &(edition, period)) in affected.iter().enumerate() {
        let observed = observations::period(tx, edition, period).await?;
        let key = period.to_string();
        scores::clear(tx, edition, &key).await?;
        let empty = BTreeMap::new();
        let mut by_code: HashMap<&str, (i64, StreetScore)> = HashMap::new();
        let days = rate_days(&mut **tx, period, today).await?;
        if edition == Edition::Monthly && period == Period::Day(today).month() {
            meta::set(tx, meta::PARTIAL_MONTH, &key).await?;
        }
        for s in &streets {
            let obs = observed.get(&s.code).unwrap_or(&empty);
            let score = scoring::score_street(m, edition, s.population, days, obs);
            let new = NewScore {
                area: &s.code,
                version: &m.version,
                index: score.index,
                coverage: score.coverage,
                dimensions: &score.dimensions,
            };
            scores::write(tx, edition, &key, new).await?;
            by_code.insert(&s.code, (s.population, score));
        }
        for area in tree.all().iter().filter(|a| matches!(a.level, Level::District | Level::City)) {
            let members: Vec<(i64, &StreetScore)> = tree
                .descendants(&area.code, Level::Street)
                .iter()
                .filter_map(|s| by_code.get(s.code.as_str()).map(|(p, sc)| (*p, sc)))
                .collect();
            let agg = scoring::aggregate(&members);
            let new = NewScore {
                area: &area.code,
                version: &m.version,
                index: agg.index,
                coverage: agg.coverage,
                dimensions: &agg.dimensions,
            };
            scores::write(tx, edition, &key, new).await?;
        }
        progress(Progress::Recomputed { done: n as u64 + 1, total });
    }
    super::warnings::update(tx, affected).await
}

/// What the period's counts are divided by to make daily rates as of `today`
/// ([`Period::rate_days`]).
pub async fn rate_days<'e, E: sqlx::Executor<'e, Database = sqlx::Sqlite>>(
    exec: E,
    period: Period,
    today: chrono::NaiveDate,
) -> Result<u32, StoreError> {
    let latest = match period {
        Period::Day(_) => None,
        Period::Month(_) => observations::latest_day(exec, period).await?,
    };
    Ok(period.rate_days(today, latest))
}

/// Recomputes every period with observations, both editions, when a methodology is
/// in force: after a change that touches every score, such as a street's population.
/// The caller bumps the revision. Returns how many editions were recomputed.
pub async fn recompute_all(tx: &mut Tx, tree: &AreaTree) -> Result<usize, StoreError> {
    let Some(m) = methodology::in_force(&mut **tx).await? else { return Ok(0) };
    let affected = touched(observations::periods(tx).await?);
    recompute(tx, &m, tree, &affected, &|_| {}).await?;
    Ok(affected.len())
}

/// Once a month computed while in progress has ended, its monthly edition is
/// recomputed over all its days. Returns the month recomputed, if any.
pub async fn settle_last_month(
    db: &Db,
    today: chrono::NaiveDate,
) -> Result<Option<Period>, IndexError> {
    let current = Period::Day(today).month();
    let partial = meta::get(db, meta::PARTIAL_MONTH).await?.and_then(|p| Period::parse(&p));
    let Some(month) = partial.filter(|p| matches!(p, Period::Month(_)) && *p < current) else {
        return Ok(None);
    };
    let mut tx = db.begin_write().await?;
    let tree = AreaTree::new(areas::load(&mut *tx).await?);
    if let Some(m) = methodology::in_force(&mut *tx).await? {
        let months = BTreeSet::from([(Edition::Monthly, month)]);
        recompute_on(&mut tx, &m, &tree, &months, today, &|_| {}).await?;
        meta::bump(&mut tx, meta::SNAPSHOT_REVISION).await?;
    }
    meta::set(&mut tx, meta::PARTIAL_MONTH, "").await?;
    Db::commit(tx).await?;
    Ok(Some(month))
}

/// Adopts the shipped methodology when none is in force yet.
pub async fn adopt_default(db: &Db) -> Result<(), IndexError> {
    if methodology::current(db).await?.is_none() {
        let m = super::methodology::default_methodology();
        methodology::adopt(db, &m, &crate::clock::now_iso8601()).await?;
        tracing::info!(version = %m.version, "default methodology adopted");
    }
    Ok(())
}

/// An area's stored scores from `from` to `to` inclusive, oldest first.
pub async fn series(
    db: &Db,
    area: &str,
    edition: Edition,
    from: &str,
    to: &str,
) -> Result<Vec<app::index::model::SeriesPoint>, IndexError> {
    Ok(scores::series(db, area, edition, from, to).await?)
}
