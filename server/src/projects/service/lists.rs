//! The city administrator's edits of the review lists, each with its audit line.
use crate::access::require;
use crate::audit::{self, Audit};
use crate::db::Db;
use crate::projects::error::ProjectError;
use crate::projects::store::lists;
use app::core::access::{Duty, StaffUser};
use app::projects::rules::proposal::{read_entry, Fault};

pub async fn add(
    db: &Db,
    me: &StaffUser,
    pairs: &[(String, String)],
) -> Result<Result<(), Fault>, ProjectError> {
    require(me, Duty::ProjectLists)?;
    let (list, zh, en) = match read_entry(pairs) {
        Ok(e) => e,
        Err(f) => return Ok(Err(f)),
    };
    let mut tx = db.begin_write().await?;
    let id = lists::add(&mut tx, list, &zh, &en).await?;
    let detail = format!("{} {zh}", list.as_str());
    audit::write(
        &mut tx,
        Audit::by(me, "project.list.add", &me.area_code).target(&id).detail(&detail),
    )
    .await?;
    Db::commit(tx).await?;
    Ok(Ok(()))
}

/// Removes an entry; `false` when there was none.
pub async fn remove(db: &Db, me: &StaffUser, id: &str) -> Result<bool, ProjectError> {
    require(me, Duty::ProjectLists)?;
    let mut tx = db.begin_write().await?;
    let Some((list, zh)) = lists::remove(&mut tx, id).await? else {
        return Ok(false);
    };
    let detail = format!("{list} {zh}");
    audit::write(
        &mut tx,
        Audit::by(me, "project.list.remove", &me.area_code).target(id).detail(&detail),
    )
    .await?;
    Db::commit(tx).await?;
    Ok(true)
}
