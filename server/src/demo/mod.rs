//! The fictional demo city 同心市 and its history: areas and a year of index
//! observations, generated deterministically from a seed, loaded through the same
//! imports as real data.
pub mod city;
pub mod incidents;
pub mod observations;
pub mod projects;
pub mod random;

use crate::areas::{import as area_import, service as areas};
use crate::csv_import::ImportOutcome;
use crate::db::{Db, StoreError};
use crate::index::{service as index, store::methodology};
use app::core::areas::AreaTree;
use chrono::NaiveDate;

/// Loads the demo city and `months` months of index observations up to `last_day`.
/// Refuses (changes nothing) if the city conflicts with stored areas.
pub async fn seed(db: &Db, months: u32, last_day: NaiveDate) -> anyhow::Result<ImportOutcome> {
    let areas = city::demo_areas(city::DEMO_SEED);
    let outcome = areas::import_rows(db, area_import::raw_rows(&areas), true).await?;
    if matches!(outcome, ImportOutcome::Rejected(_)) {
        return Ok(outcome);
    }
    let tree = AreaTree::new(crate::areas::store::all(db).await?);
    let proposals = projects::seed(db, &tree).await?;
    tracing::info!(proposals, "demo 民生微实事 seeded");
    if months == 0 {
        return Ok(outcome);
    }
    let m = methodology::current(db)
        .await?
        .ok_or_else(|| StoreError::Corrupt("no methodology in force".into()))?;
    let rows = observations::demo_observations(&tree, &m, city::DEMO_SEED, last_day, months);
    index::import(db, &rows, &|_| {}).await?;
    tracing::info!(rows = rows.len(), %last_day, "demo observations seeded");
    Ok(outcome)
}
