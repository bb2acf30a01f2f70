//! A resident's proposal: the text (a draft, or sent for review) and its photos. Only
//! the author changes it, and only while it is a draft or sent back.
use crate::db::{Db, Tx};
use crate::photos::{PhotoError, Photos};
use crate::projects::error::ProjectError;
use crate::projects::store::{events, projects};
use app::core::access::{Audience, NotEligible, ResidentUser};
use app::core::areas::AreaTree;
use app::core::time::now;
use app::projects::model::{Actor, EventKind, Photo, ProjectRules, ProjectStatus, MAX_PHOTOS};
use app::projects::port::Owned;
use app::projects::rules::proposal::{read_form, ready_for_review, Fault};

/// What a save did.
#[derive(Debug, PartialEq, Eq)]
pub enum Saved {
    /// Saved as a draft (or still sent back).
    Draft(String),
    /// Saved and sent for review.
    Submitted(String),
    /// The form is wrong: nothing was written.
    Refused(Fault),
    /// Saved, but not sent: it is not complete (the draft keeps what was typed).
    NotReady(String, Fault),
    /// The resident may not propose yet.
    NotEligible(NotEligible),
    /// Under review or decided: no longer the author's to change.
    NotEditable(String),
}

/// The proposal, when it is `me`'s.
async fn own(db: &Db, me: &ResidentUser, id: &str) -> Result<Owned, ProjectError> {
    match projects::get(db.reader(), id).await? {
        Some(o) if o.author == me.id => Ok(o),
        Some(_) => Err(ProjectError::Forbidden),
        None => Err(ProjectError::NotFound),
    }
}

/// Sends a proposal in `from` for review, inside `tx`; `false` when it moved on.
async fn submit_in(
    tx: &mut Tx,
    id: &str,
    from: ProjectStatus,
    at: i64,
) -> Result<bool, ProjectError> {
    let m = projects::Move {
        from,
        to: ProjectStatus::Submitted,
        category: None,
        reason: None,
        negative: None,
    };
    if !projects::move_status(tx, id, m, at).await? {
        return Ok(false);
    }
    events::append(tx, id, at, &Actor::Author, EventKind::Submitted, None, None).await?;
    Ok(true)
}

/// Saves the proposal form: a new draft (`id` empty) or the author's own; with
/// `submit`, also sends it for review when it is complete.
pub async fn save(
    db: &Db,
    tree: &AreaTree,
    rules: &ProjectRules,
    me: &ResidentUser,
    id: &str,
    pairs: &[(String, String)],
    submit: bool,
) -> Result<Saved, ProjectError> {
    let existing = if id.is_empty() { None } else { Some(own(db, me, id).await?) };
    if let Some(o) = &existing {
        if !o.project.status.editable() {
            return Ok(Saved::NotEditable(o.project.id.clone()));
        }
    }
    let text = match read_form(pairs, rules) {
        Ok(t) => t,
        Err(f) => return Ok(Saved::Refused(f)),
    };
    let at = now();
    let mut tx = db.begin_write().await?;
    let (id, from) = match existing {
        Some(o) => {
            let (id, status) = (o.project.id, o.project.status);
            if !projects::save_text(&mut tx, &id, status, &text, at).await? {
                return Ok(Saved::NotEditable(id));
            }
            (id, status)
        }
        None => {
            let community = me.community.clone().unwrap_or_default();
            let audience = Audience { area: community.clone(), verified_only: false };
            if let Err(why) = me.may_take_part(&audience, tree) {
                return Ok(Saved::NotEligible(why));
            }
            (projects::create(&mut tx, &community, &me.id, &text, at).await?, ProjectStatus::Draft)
        }
    };
    let outcome = if !submit {
        Saved::Draft(id.clone())
    } else if let Err(f) = ready_for_review(&text, rules) {
        Saved::NotReady(id.clone(), f)
    } else if submit_in(&mut tx, &id, from, at).await? {
        Saved::Submitted(id.clone())
    } else {
        Saved::NotEditable(id.clone())
    };
    Db::commit(tx).await?;
    Ok(outcome)
}

/// What adding a photo did.
#[derive(Debug, PartialEq, Eq)]
pub enum PhotoAdded {
    Added,
    Refused(PhotoError),
    /// Already at [`MAX_PHOTOS`].
    Full,
    NotEditable,
}

/// Checks, cleans and stores a photo, then adds it to the author's proposal. A
/// refused photo leaves nothing behind.
pub async fn add_photo(
    db: &Db,
    photos: &Photos,
    me: &ResidentUser,
    id: &str,
    bytes: Vec<u8>,
) -> Result<PhotoAdded, ProjectError> {
    let o = own(db, me, id).await?;
    if !o.project.status.editable() {
        return Ok(PhotoAdded::NotEditable);
    }
    if o.project.photos.len() >= MAX_PHOTOS {
        return Ok(PhotoAdded::Full);
    }
    let store = photos.clone();
    let stored = tokio::task::spawn_blocking(move || store.put(&bytes))
        .await
        .map_err(|e| ProjectError::Photo(e.to_string()))?;
    let stored = match stored {
        Ok(s) => s,
        Err(PhotoError::Io(e)) => return Err(ProjectError::Photo(e)),
        Err(e) => return Ok(PhotoAdded::Refused(e)),
    };
    // The list is read again on the writer: two uploads at once both land (or the
    // second finds the proposal full).
    let mut tx = db.begin_write().await?;
    let Some(now_owned) = projects::get(&mut *tx, id).await?.filter(|o| o.author == me.id) else {
        return Err(ProjectError::NotFound);
    };
    let p = now_owned.project;
    if !p.status.editable() {
        return Ok(PhotoAdded::NotEditable);
    }
    let mut list = p.photos;
    if !list.iter().any(|x| x.name == stored.name) {
        if list.len() >= MAX_PHOTOS {
            return Ok(PhotoAdded::Full);
        }
        list.push(Photo { name: stored.name, width: stored.width, height: stored.height });
    }
    projects::set_photos(&mut tx, id, p.status, &list, now()).await?;
    Db::commit(tx).await?;
    Ok(PhotoAdded::Added)
}

/// Takes a photo off the author's proposal; `false` when it is no longer editable.
/// (The file stays: the same picture may be on another proposal.)
pub async fn remove_photo(
    db: &Db,
    me: &ResidentUser,
    id: &str,
    name: &str,
) -> Result<bool, ProjectError> {
    own(db, me, id).await?;
    let mut tx = db.begin_write().await?;
    let Some(o) = projects::get(&mut *tx, id).await?.filter(|o| o.author == me.id) else {
        return Err(ProjectError::NotFound);
    };
    if !o.project.status.editable() {
        return Ok(false);
    }
    let list: Vec<Photo> = o.project.photos.into_iter().filter(|p| p.name != name).collect();
    let done = projects::set_photos(&mut tx, id, o.project.status, &list, now()).await?;
    Db::commit(tx).await?;
    Ok(done)
}
