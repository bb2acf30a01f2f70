//! Budget rounds: the committee sets one up for its community from the projects its
//! council sent to the ballot, everything fixed once saved; verified residents of the
//! community cast one ballot each, keyed to the person (their participation mark in
//! the round), and change it until the round closes.
use crate::access::{authorise, require};
use crate::audit::{self, Audit};
use crate::crypto::ServerKey;
use crate::db::Db;
use crate::participation::{self, Activity};
use crate::projects::error::ProjectError;
use crate::projects::store::{projects, rounds};
use app::core::access::{Audience, Duty, NotEligible, ResidentUser, StaffUser};
use app::core::areas::{AreaTree, Level};
use app::core::time::{now, parse_china_time};
use app::projects::model::{Candidate, ProjectStatus};
use app::projects::rules::proposal::Fault;
use app::projects::rules::round::{phase, read_ballot, read_round, Phase};

fn first<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("")
}

/// The community's projects the council sent to the ballot that no round holds yet.
pub async fn open_candidates(
    conn: &mut sqlx::SqliteConnection,
    community: &str,
) -> Result<Vec<Candidate>, ProjectError> {
    let taken = rounds::in_rounds(&mut *conn).await?;
    Ok(projects::list(&mut *conn)
        .await?
        .into_iter()
        .filter(|p| {
            p.community_code == community
                && p.status == ProjectStatus::Ballot
                && !taken.contains(&p.id)
        })
        .map(|p| Candidate { id: p.id, title: p.title, cost: p.cost })
        .collect())
}

/// Sets up a round for `community`; its id, or the form's first fault.
pub async fn create(
    db: &Db,
    tree: &AreaTree,
    me: &StaffUser,
    community: &str,
    pairs: &[(String, String)],
) -> Result<Result<String, Fault>, ProjectError> {
    require(me, Duty::ProjectReview)?;
    if tree.get(community).is_none_or(|a| a.level != Level::Community) {
        return Err(ProjectError::NotFound);
    }
    authorise(me, Duty::ProjectReview, community, tree)?;
    let at = now();
    let opens = parse_china_time(first(pairs, "opens"));
    let closes = parse_china_time(first(pairs, "closes"));
    let mut tx = db.begin_write().await?;
    // What may stand on the ballot is read on the writer: a project goes into one round.
    let candidates = open_candidates(&mut tx, community).await?;
    let spec = match read_round(pairs, &candidates, opens, closes, at) {
        Ok(s) => s,
        Err(f) => return Ok(Err(f)),
    };
    let id = rounds::add(&mut tx, community, &spec, at).await?;
    let detail = format!(
        "{} · {} yuan · {} projects · {} · {}",
        spec.title,
        spec.budget,
        spec.projects.len(),
        spec.kind.as_str(),
        spec.rule.as_str()
    );
    audit::write(&mut tx, Audit::by(me, "project.round", community).target(&id).detail(&detail))
        .await?;
    Db::commit(tx).await?;
    Ok(Ok(id))
}

/// What became of a ballot.
#[derive(Debug, PartialEq, Eq)]
pub enum Cast {
    Cast,
    /// The person's earlier ballot was replaced.
    Changed,
    /// The round has not opened or has closed.
    NotOpen,
    NotEligible(NotEligible),
    Refused(Fault),
}

pub async fn cast(
    db: &Db,
    key: &ServerKey,
    tree: &AreaTree,
    me: &ResidentUser,
    id: &str,
    chosen: &[&str],
) -> Result<Cast, ProjectError> {
    let round = rounds::get(db.reader(), id).await?.ok_or(ProjectError::NotFound)?;
    let audience = Audience { area: round.community_code.clone(), verified_only: true };
    if let Err(why) = me.may_take_part(&audience, tree) {
        return Ok(Cast::NotEligible(why));
    }
    if phase(round.opens_at, round.closes_at, now()) != Phase::Open {
        return Ok(Cast::NotOpen);
    }
    let candidates = rounds::candidates(db.reader(), id).await?;
    let picks = match read_ballot(chosen, &candidates, round.kind, round.budget) {
        Ok(p) => p,
        Err(f) => return Ok(Cast::Refused(f)),
    };
    let ids: Vec<String> = picks.iter().map(|i| candidates[*i].id.clone()).collect();
    let mut tx = db.begin_write().await?;
    let at = now();
    if at >= round.closes_at {
        return Ok(Cast::NotOpen);
    }
    let identities = crate::accounts::service::identities_in(&mut tx, &me.id).await?;
    let marks = participation::marks(key, Activity::Round(id), &identities);
    // A verified resident has a phone, so at least one identity and one mark.
    let Some(own) = marks.iter().min().cloned() else {
        return Ok(Cast::NotEligible(NotEligible::Verification));
    };
    let before = rounds::ballot_of(&mut *tx, id, &marks).await?;
    let voter = before.as_ref().map(|(v, _)| v.clone()).unwrap_or(own);
    rounds::cast(&mut tx, id, &voter, &ids, at).await?;
    Db::commit(tx).await?;
    Ok(if before.is_some() { Cast::Changed } else { Cast::Cast })
}
