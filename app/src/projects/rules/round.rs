//! Budget rounds (预算投票): what the committee sets before a round opens, when it is
//! open, which ballots count, and the result with a reason for every project.
//!
//! The ballot type and the tally rule are part of the round and fixed before it opens:
//! approval (optionally at most k projects) or knapsack (the chosen projects must fit
//! the budget); greedy or the Method of Equal Shares ([`super::tally`]).
use super::proposal::{find, Fault};
use super::tally::{equal_shares, greedy, Election};
use crate::projects::model::MAX_TITLE;
pub use crate::projects::model::{BallotKind, Candidate, TallyRule};

/// The longest a round may run, and the most projects one ballot may list.
pub const MAX_DAYS: i64 = 60;
pub const MAX_ON_BALLOT: usize = 40;
/// The largest budget a community's round may hold: 1 000 万元.
pub const MAX_BUDGET: i64 = 10_000_000;

/// A round as the committee set it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoundSpec {
    pub title: String,
    pub budget: i64,
    /// Unix seconds.
    pub opens_at: i64,
    pub closes_at: i64,
    pub kind: BallotKind,
    pub rule: TallyRule,
    /// Ids of the projects on the ballot, in the order the committee listed them.
    pub projects: Vec<String>,
}

/// Where a round is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Phase {
    Upcoming,
    Open,
    Closed,
}

pub fn phase(opens_at: i64, closes_at: i64, now: i64) -> Phase {
    if now < opens_at {
        Phase::Upcoming
    } else if now < closes_at {
        Phase::Open
    } else {
        Phase::Closed
    }
}

fn first<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim()).unwrap_or("")
}

/// Reads the committee's round form. `candidates` are the community's projects the
/// council sent to the ballot; `opens_at` and `closes_at` come as Unix seconds
/// (the page turns its local date and time into them).
pub fn read_round(
    pairs: &[(String, String)],
    candidates: &[Candidate],
    opens_at: Option<i64>,
    closes_at: Option<i64>,
    now: i64,
) -> Result<RoundSpec, Fault> {
    let title = first(pairs, "title");
    if title.chars().count() < 2
        || title.chars().count() > MAX_TITLE
        || title.chars().any(char::is_control)
    {
        return Err(find("round_title"));
    }
    let budget = match first(pairs, "budget").replace([',', '，'], "").parse::<i64>() {
        Ok(n) if (1..=MAX_BUDGET).contains(&n) => n,
        _ => return Err(find("round_budget")),
    };
    let (Some(opens_at), Some(closes_at)) = (opens_at, closes_at) else {
        return Err(find("round_times"));
    };
    if opens_at < now - 300 || closes_at <= opens_at || closes_at - opens_at > MAX_DAYS * 86_400 {
        return Err(find("round_times"));
    }
    let mut projects: Vec<String> = Vec::new();
    for (k, v) in pairs {
        if k == "project" && !projects.contains(v) {
            projects.push(v.clone());
        }
    }
    if projects.len() < 2 || projects.len() > MAX_ON_BALLOT {
        return Err(find("round_projects"));
    }
    for id in &projects {
        let Some(c) = candidates.iter().find(|c| &c.id == id) else {
            return Err(find("round_projects"));
        };
        if c.cost > budget {
            return Err(find("round_over_budget"));
        }
    }
    let kind = match first(pairs, "ballot") {
        "knapsack" => BallotKind::Knapsack,
        "approval" => match first(pairs, "at_most") {
            "" => BallotKind::Approval { at_most: None },
            k => match k.parse::<u32>() {
                Ok(k) if k >= 1 && (k as usize) < projects.len() => {
                    BallotKind::Approval { at_most: Some(k) }
                }
                _ => return Err(find("round_at_most")),
            },
        },
        _ => return Err(find("round_ballot")),
    };
    let rule = TallyRule::parse(first(pairs, "rule")).ok_or(find("round_ballot"))?;
    Ok(RoundSpec { title: title.to_string(), budget, opens_at, closes_at, kind, rule, projects })
}

/// Reads a resident's ballot: the indices (into `on_ballot`) of the projects chosen.
pub fn read_ballot(
    chosen: &[&str],
    on_ballot: &[Candidate],
    kind: BallotKind,
    budget: i64,
) -> Result<Vec<usize>, Fault> {
    let mut picks = Vec::new();
    for id in chosen {
        let Some(i) = on_ballot.iter().position(|c| c.id == *id) else {
            return Err(find("ballot_unknown"));
        };
        if !picks.contains(&i) {
            picks.push(i);
        }
    }
    if picks.is_empty() {
        return Err(find("ballot_empty"));
    }
    match kind {
        BallotKind::Approval { at_most: Some(k) } if picks.len() > k as usize => {
            return Err(find("ballot_too_many"));
        }
        BallotKind::Knapsack if picks.iter().map(|i| on_ballot[*i].cost).sum::<i64>() > budget => {
            return Err(find("ballot_over_budget"));
        }
        _ => {}
    }
    picks.sort_unstable();
    Ok(picks)
}

/// Why a project was or was not funded.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Reason {
    Funded,
    /// Nobody voted for it.
    NoVotes,
    /// Greedy: its turn came with only `left` yuan to spend.
    DidNotFit {
        left: f64,
    },
    /// Equal shares: its supporters had only `had` yuan of their shares left.
    SupportersShort {
        had: f64,
    },
}

/// A closed round's result.
#[derive(Clone, Debug, PartialEq)]
pub struct RoundResult {
    /// Indices into the ballot, in the order the rule funded them.
    pub funded: Vec<usize>,
    pub votes: Vec<usize>,
    pub reasons: Vec<Reason>,
    pub spent: f64,
    /// Equal shares: each voter's share in the run that counted.
    pub share: Option<f64>,
    /// Equal shares: what each ballot (by index) paid for.
    pub paid: Vec<Vec<(usize, f64)>>,
}

/// Tallies a round: `ballots` hold indices into `on_ballot`.
pub fn tally(
    budget: i64,
    on_ballot: &[Candidate],
    ballots: Vec<Vec<usize>>,
    rule: TallyRule,
) -> RoundResult {
    let costs = on_ballot.iter().map(|c| c.cost as f64).collect();
    let names = on_ballot.iter().map(|c| c.id.clone()).collect();
    let n = on_ballot.len();
    let Ok(e) = Election::new(budget as f64, costs, names, ballots) else {
        // Ballots are read against the same list; nothing else can reach here.
        return RoundResult {
            funded: Vec::new(),
            votes: vec![0; n],
            reasons: vec![Reason::NoVotes; n],
            spent: 0.0,
            share: None,
            paid: Vec::new(),
        };
    };
    let votes = e.votes();
    match rule {
        TallyRule::Greedy => {
            let g = greedy(&e);
            let mut reasons = vec![Reason::NoVotes; n];
            for t in &g.turns {
                reasons[t.project] = match (t.funded, t.votes) {
                    (true, _) => Reason::Funded,
                    (false, 0) => Reason::NoVotes,
                    (false, _) => Reason::DidNotFit { left: t.left },
                };
            }
            RoundResult {
                funded: g.funded,
                votes,
                reasons,
                spent: g.spent,
                share: None,
                paid: Vec::new(),
            }
        }
        TallyRule::EqualShares => {
            let s = equal_shares(&e);
            let reasons = (0..n)
                .map(|p| {
                    if s.funded.contains(&p) {
                        Reason::Funded
                    } else if votes[p] == 0 {
                        Reason::NoVotes
                    } else {
                        Reason::SupportersShort { had: s.supporters_left(&e, p) }
                    }
                })
                .collect();
            let paid = (0..e.ballots.len()).map(|v| s.paid_by(v as u32)).collect();
            RoundResult {
                funded: s.funded.clone(),
                votes,
                reasons,
                spent: s.spent,
                share: Some(s.share),
                paid,
            }
        }
    }
}

#[cfg(test)]
#[path = "round_tests.rs"]
mod tests;
