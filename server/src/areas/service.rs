//! Importing areas: the whole file validated against the stored map, then applied in
//! one transaction (all or nothing), and every cache told.
use super::{import, store};
use crate::csv_import::{ImportOutcome, Parsed};
use crate::db::{meta, Db, StoreError};
use crate::index::service as index;
use app::core::areas::{AreaTree, Level};

/// Validates the CSV against the stored map and applies it in one transaction.
pub async fn import_csv(db: &Db, bytes: &[u8]) -> Result<ImportOutcome, StoreError> {
    match import::parse(bytes) {
        Ok(parsed) => import_rows(db, parsed, false).await,
        Err(problems) => Ok(ImportOutcome::Rejected(problems)),
    }
}

/// Validates and applies rows under the write lock, so that the map they were checked
/// against is the one they are written to. `demo` marks demo data.
pub async fn import_rows(db: &Db, rows: Parsed, demo: bool) -> Result<ImportOutcome, StoreError> {
    let mut tx = db.begin_write().await?;
    let existing = AreaTree::new(store::load(&mut *tx).await?);
    let valid = match import::validate(rows, &existing) {
        Ok(v) => v,
        Err(problems) => {
            Db::rollback(tx).await?;
            return Ok(ImportOutcome::Rejected(problems));
        }
    };
    // A street's population divides every rate of its scores, and weighs it in its
    // district's and the city's: a changed one recomputes every stored score.
    let repopulated = valid.areas.iter().any(|a| {
        a.level == Level::Street
            && existing.get(&a.code).is_some_and(|old| old.population != a.population)
    });
    for area in &valid.areas {
        store::upsert(&mut tx, area).await?;
    }
    if repopulated {
        let tree = AreaTree::new(store::load(&mut *tx).await?);
        let editions = index::recompute_all(&mut tx, &tree).await?;
        tracing::info!(editions, "populations changed: every stored score recomputed");
    }
    meta::bump(&mut tx, meta::SNAPSHOT_REVISION).await?;
    if demo {
        meta::set(&mut tx, meta::DEMO, "1").await?;
    }
    Db::commit(tx).await?;
    Ok(ImportOutcome::Applied { inserted: valid.inserted, updated: valid.updated })
}
