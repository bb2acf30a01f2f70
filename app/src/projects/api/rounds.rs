//! Budget rounds' loaders: a round's page (its ballot while open, its result with
//! reasons once closed) and the committee's rounds page.
use crate::core::access::NotEligible;
use crate::core::error::AppResult;
use crate::projects::model::{Candidate, Round};
use crate::projects::rules::round::{Phase, Reason};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A project on a round's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoundLine {
    pub id: String,
    pub title: String,
    pub cost: i64,
    /// On the viewer's ballot.
    pub chosen: bool,
    /// Once the round has closed: its votes, and why it was funded or not.
    pub votes: Option<usize>,
    pub reason: Option<Reason>,
    /// Equal shares: what the viewer's share paid towards it.
    pub my_part: Option<f64>,
}

/// Where the viewer stands with a round's ballot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum VoteState {
    Guest,
    NotEligible(NotEligible),
    Eligible,
}

/// A round's page.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RoundPage {
    pub round: Round,
    pub community_label: String,
    pub phase: Phase,
    /// In the order the committee listed them; after close, funded ones first in the
    /// order the rule funded them.
    pub lines: Vec<RoundLine>,
    pub voters: usize,
    pub voted: bool,
    pub state: VoteState,
    /// Once closed: the money the winners take, and each voter's share (equal shares).
    pub spent: Option<f64>,
    pub share: Option<f64>,
}

/// A round in a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoundItem {
    pub id: String,
    pub title: String,
    pub budget: i64,
    pub opens_at: i64,
    pub closes_at: i64,
    pub phase: Phase,
}

/// The committee's rounds page of a community.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StaffRoundsPage {
    pub community: String,
    pub community_label: String,
    /// Projects the council sent to the ballot and no round holds yet.
    pub candidates: Vec<Candidate>,
    pub rounds: Vec<RoundItem>,
    /// May this member set up a round (the community's committee)?
    pub creates: bool,
    /// Now, for the form's default times.
    pub now: i64,
}

#[cfg(feature = "ssr")]
pub(super) fn round_item(r: &Round, now: i64) -> RoundItem {
    RoundItem {
        id: r.id.clone(),
        title: r.title.clone(),
        budget: r.budget,
        opens_at: r.opens_at,
        closes_at: r.closes_at,
        phase: crate::projects::rules::round::phase(r.opens_at, r.closes_at, now),
    }
}

/// A round: public to everyone; the ballot for verified residents of its community.
#[server(prefix = "/rpc", endpoint = "round")]
pub async fn load_round(id: String) -> AppResult<RoundPage> {
    use super::shared::projects;
    use crate::core::access::{use_viewer, Audience};
    use crate::core::error::AppError;
    use crate::core::port::snapshot;
    use crate::projects::rules::round::{phase, tally};
    let snap = snapshot().await?;
    let lang = crate::core::prefs::request_lang();
    let port = projects()?;
    let round = port.round(&id).await?.ok_or(AppError::NotFound)?;
    let me = use_viewer().resident;
    let now = crate::core::time::now();
    let phase = phase(round.opens_at, round.closes_at, now);
    let candidates = port.candidates(&id).await?;
    let ballots = port.ballots(&id, me.as_ref().map(|m| m.id.as_str())).await?;
    let mine: Vec<String> = ballots.mine.map(|i| ballots.all[i].clone()).unwrap_or_default();
    let audience = Audience { area: round.community_code.clone(), verified_only: true };
    let state = match &me {
        None => VoteState::Guest,
        Some(m) => match m.may_take_part(&audience, &snap.tree) {
            Ok(()) => VoteState::Eligible,
            Err(why) => VoteState::NotEligible(why),
        },
    };
    let mut lines: Vec<RoundLine> = candidates
        .iter()
        .map(|c| RoundLine {
            id: c.id.clone(),
            title: c.title.clone(),
            cost: c.cost,
            chosen: mine.contains(&c.id),
            votes: None,
            reason: None,
            my_part: None,
        })
        .collect();
    let (mut spent, mut share) = (None, None);
    if phase == Phase::Closed {
        let index: Vec<Vec<usize>> = ballots
            .all
            .iter()
            .map(|b| {
                b.iter().filter_map(|id| candidates.iter().position(|c| &c.id == id)).collect()
            })
            .collect();
        let result = tally(round.budget, &candidates, index, round.rule);
        for (i, line) in lines.iter_mut().enumerate() {
            line.votes = Some(result.votes[i]);
            line.reason = Some(result.reasons[i].clone());
            if let Some(me) = ballots.mine {
                line.my_part = result
                    .paid
                    .get(me)
                    .and_then(|p| p.iter().find(|(q, _)| *q == i))
                    .map(|(_, a)| *a);
            }
        }
        // The funded first, in the order the rule funded them; then by votes.
        let rank = |i: usize| result.funded.iter().position(|f| *f == i).unwrap_or(usize::MAX);
        let mut order: Vec<usize> = (0..lines.len()).collect();
        order.sort_by_key(|&i| (rank(i), std::cmp::Reverse(result.votes[i])));
        lines = order.into_iter().map(|i| lines[i].clone()).collect();
        spent = Some(result.spent);
        share = result.share;
    }
    Ok(RoundPage {
        community_label: snap.tree.label(&round.community_code, lang),
        round,
        phase,
        lines,
        voters: ballots.all.len(),
        voted: ballots.mine.is_some(),
        state,
        spent,
        share,
    })
}

/// A community's rounds and the form to set one up (its committee only).
#[server(prefix = "/staff/rpc", endpoint = "rounds")]
pub async fn load_staff_rounds(community: String) -> AppResult<StaffRoundsPage> {
    use super::shared::projects;
    use crate::core::access::{require, Duty, Role};
    use crate::core::areas::Level;
    use crate::core::error::AppError;
    use crate::core::port::snapshot;
    let me = crate::core::access::staff_viewer()?;
    let snap = snapshot().await?;
    let tree = &snap.tree;
    let lang = crate::core::prefs::request_lang();
    let community = if community.is_empty() && me.role == Role::Committee {
        me.area_code.clone()
    } else {
        community
    };
    if tree.get(&community).is_none_or(|a| a.level != Level::Community) {
        return Err(AppError::NotFound);
    }
    require(tree.is_within(&community, &me.area_code))?;
    let port = projects()?;
    let now = crate::core::time::now();
    Ok(StaffRoundsPage {
        community_label: tree.label(&community, lang),
        candidates: port.open_candidates(&community).await?,
        rounds: port.rounds(Some(&community)).await?.iter().map(|r| round_item(r, now)).collect(),
        creates: me.may(Duty::ProjectReview, &community, tree),
        now,
        community,
    })
}
