//! Budget tallies of approval ballots: which projects a round funds, and why.
//!
//! Two rules, chosen before a round opens:
//! - **Greedy**: projects by votes, most first; each is funded if it still fits in
//!   what is left, else skipped.
//! - **The Method of Equal Shares** with cost utilities and add-one completion, as
//!   equalshares.net describes it and as pabutools'
//!   `method_of_equal_shares(..., sat_class=Cost_Sat, voter_budget_increment=1)`
//!   computes it: the budget is split equally among the voters; a project is funded
//!   when its supporters can pay for it, the one that asks the least of each
//!   supporter (per yuan of its cost) first, supporters paying equal parts or all
//!   they have left. When that leaves money no project fits in, each voter's share
//!   is raised by one yuan and the whole tally runs again, as long as what it funds
//!   still fits the real budget.
//!
//! Exact ties (equal votes; equal price per yuan) go to the lower name, as
//! pabutools' lexicographic tie-breaking does. Money is in `f64`: the sums are of
//! whole yuan and shares of them, and comparisons allow for rounding.
//!
//! Pure: no I/O, no clock. The server tallies rounds with it and `tongxin pb tally`
//! tallies pabulib files with it.
use std::cmp::Ordering;

/// A round as the tally sees it: the money, each project's cost and name, and each
/// ballot as the projects it approves (indices into `costs`).
#[derive(Clone, Debug, PartialEq)]
pub struct Election {
    pub budget: f64,
    pub costs: Vec<f64>,
    /// Break exact ties: the lower name wins.
    pub names: Vec<String>,
    /// Sorted, without repeats, every index below `costs.len()`.
    pub ballots: Vec<Vec<usize>>,
}

/// Why an election cannot be tallied.
#[derive(Clone, Debug, PartialEq)]
pub enum ElectionError {
    /// A cost or the budget is negative or not a number.
    BadMoney,
    /// A ballot names a project that is not in the round.
    UnknownProject(usize),
    /// `names` and `costs` differ in length.
    Names,
}

impl Election {
    /// Checks the money and the ballots; each ballot is sorted and its repeats dropped.
    pub fn new(
        budget: f64,
        costs: Vec<f64>,
        names: Vec<String>,
        ballots: Vec<Vec<usize>>,
    ) -> Result<Self, ElectionError> {
        let money = |m: f64| m.is_finite() && m >= 0.0;
        if !money(budget) || !costs.iter().all(|c| money(*c)) {
            return Err(ElectionError::BadMoney);
        }
        if names.len() != costs.len() {
            return Err(ElectionError::Names);
        }
        let mut clean = Vec::with_capacity(ballots.len());
        for mut b in ballots {
            if let Some(&p) = b.iter().find(|p| **p >= costs.len()) {
                return Err(ElectionError::UnknownProject(p));
            }
            b.sort_unstable();
            b.dedup();
            clean.push(b);
        }
        Ok(Election { budget, costs, names, ballots: clean })
    }

    /// Votes per project.
    pub fn votes(&self) -> Vec<usize> {
        let mut v = vec![0; self.costs.len()];
        for b in &self.ballots {
            for p in b {
                v[*p] += 1;
            }
        }
        v
    }

    /// The ballots approving each project (voter indices, ascending).
    fn supporters(&self) -> Vec<Vec<u32>> {
        let mut s = vec![Vec::new(); self.costs.len()];
        for (i, b) in self.ballots.iter().enumerate() {
            for p in b {
                s[*p].push(i as u32);
            }
        }
        s
    }

    fn by_name(&self, a: usize, b: usize) -> Ordering {
        self.names[a].cmp(&self.names[b])
    }
}

/// Rounding allowance for sums of money.
fn slack(amount: f64) -> f64 {
    1e-9 * amount.abs().max(1.0)
}

/// One project's turn under the greedy rule.
#[derive(Clone, Debug, PartialEq)]
pub struct GreedyTurn {
    pub project: usize,
    pub votes: usize,
    /// What was left of the budget when its turn came.
    pub left: f64,
    pub funded: bool,
}

/// What the greedy rule funds, with every project's turn (most votes first).
#[derive(Clone, Debug, PartialEq)]
pub struct GreedyOutcome {
    pub funded: Vec<usize>,
    pub turns: Vec<GreedyTurn>,
    pub spent: f64,
}

/// Projects by votes, most first; each funded if it fits in what is left. A project
/// nobody voted for is never funded.
pub fn greedy(e: &Election) -> GreedyOutcome {
    let votes = e.votes();
    let mut order: Vec<usize> = (0..e.costs.len()).collect();
    order.sort_by(|&a, &b| votes[b].cmp(&votes[a]).then_with(|| e.by_name(a, b)));
    let mut left = e.budget;
    let mut funded = Vec::new();
    let mut turns = Vec::with_capacity(order.len());
    for p in order {
        let fits = votes[p] > 0 && e.costs[p] <= left + slack(left);
        turns.push(GreedyTurn { project: p, votes: votes[p], left, funded: fits });
        if fits {
            left -= e.costs[p];
            funded.push(p);
        }
    }
    GreedyOutcome { funded, turns, spent: e.budget - left.max(0.0) }
}

/// What the Method of Equal Shares funds, and how each voter's share was used.
#[derive(Clone, Debug, PartialEq)]
pub struct SharesOutcome {
    /// In the order the method chose them.
    pub funded: Vec<usize>,
    /// Each voter's share in the run that counted (the budget over the voters,
    /// raised by whole yuan in the completion).
    pub share: f64,
    /// For each funded project (same order as `funded`): who paid how much.
    pub payments: Vec<Vec<(u32, f64)>>,
    /// What each voter had left at the end.
    pub left: Vec<f64>,
    pub spent: f64,
}

impl SharesOutcome {
    /// What a project's supporters had left at the end, against its cost: why an
    /// unfunded project lost (they could not pay for it, or it no longer fit).
    pub fn supporters_left(&self, e: &Election, project: usize) -> f64 {
        e.ballots
            .iter()
            .zip(&self.left)
            .filter(|(b, _)| b.binary_search(&project).is_ok())
            .map(|(_, l)| *l)
            .sum()
    }

    /// What one voter's share paid for: (funded project, amount).
    pub fn paid_by(&self, voter: u32) -> Vec<(usize, f64)> {
        self.funded
            .iter()
            .zip(&self.payments)
            .filter_map(|(p, pays)| pays.iter().find(|(v, _)| *v == voter).map(|(_, a)| (*p, *a)))
            .collect()
    }
}

/// The Method of Equal Shares with cost utilities and add-one completion (see the
/// module's notes).
pub fn equal_shares(e: &Election) -> SharesOutcome {
    let n = e.ballots.len();
    let supporters = e.supporters();
    if n == 0 {
        return SharesOutcome {
            funded: Vec::new(),
            share: 0.0,
            payments: Vec::new(),
            left: Vec::new(),
            spent: 0.0,
        };
    }
    // Projects that cost nothing and someone wants are funded first; projects nobody
    // wants are never considered.
    let free: Vec<usize> =
        (0..e.costs.len()).filter(|&p| e.costs[p] == 0.0 && !supporters[p].is_empty()).collect();
    let open: Vec<usize> =
        (0..e.costs.len()).filter(|&p| e.costs[p] > 0.0 && !supporters[p].is_empty()).collect();
    let mut share = e.budget / n as f64;
    let mut best = run(e, &supporters, &free, &open, share);
    loop {
        let exhausted = open
            .iter()
            .filter(|p| !best.funded.contains(p))
            .all(|p| best.spent + e.costs[*p] > e.budget + slack(e.budget));
        if exhausted {
            return best;
        }
        share += 1.0;
        let next = run(e, &supporters, &free, &open, share);
        if next.spent > e.budget + slack(e.budget) {
            return best;
        }
        best = next;
    }
}

/// One run of the method with each voter starting from `share`.
fn run(
    e: &Election,
    supporters: &[Vec<u32>],
    free: &[usize],
    open: &[usize],
    share: f64,
) -> SharesOutcome {
    let mut left = vec![share; e.ballots.len()];
    let mut funded: Vec<usize> = free.to_vec();
    let mut payments: Vec<Vec<(u32, f64)>> = vec![Vec::new(); free.len()];
    // What each project asked of its supporters per yuan of its cost when last
    // looked at; it only rises as they spend, so it bounds the search.
    let mut price: Vec<f64> = vec![0.0; e.costs.len()];
    for &p in open {
        price[p] = 1.0 / supporters[p].len() as f64;
    }
    let mut remaining: Vec<usize> = open.to_vec();
    let mut scratch: Vec<u32> = Vec::new();
    loop {
        remaining.sort_by(|&a, &b| price[a].total_cmp(&price[b]).then_with(|| e.by_name(a, b)));
        let mut best: Option<(usize, f64)> = None;
        let mut gone = Vec::new();
        for &p in &remaining {
            let cost = e.costs[p];
            let have: f64 = supporters[p].iter().map(|&i| left[i as usize]).sum();
            if have + slack(cost) < cost {
                gone.push(p);
                continue;
            }
            if let Some((_, b)) = best {
                if price[p] > b * (1.0 + 1e-12) {
                    break;
                }
            }
            // The poorest supporters pay all they have; the others equal parts.
            scratch.clear();
            scratch.extend_from_slice(&supporters[p]);
            scratch.sort_by(|&a, &b| left[a as usize].total_cmp(&left[b as usize]));
            let mut paid = 0.0;
            let mut others = scratch.len();
            for &i in &scratch {
                let part = (cost - paid) / others as f64;
                if part <= left[i as usize] + slack(part) {
                    price[p] = part / cost;
                    break;
                }
                paid += left[i as usize];
                others -= 1;
            }
            let better = match best {
                None => true,
                Some((q, b)) => {
                    let (a, b) = (price[p], b);
                    if (a - b).abs() <= 1e-12 * b {
                        e.by_name(p, q) == Ordering::Less
                    } else {
                        a < b
                    }
                }
            };
            if better {
                best = Some((p, price[p]));
            }
        }
        remaining.retain(|p| !gone.contains(p));
        let Some((p, rho)) = best else { break };
        remaining.retain(|q| *q != p);
        let part = rho * e.costs[p];
        let mut pays = Vec::with_capacity(supporters[p].len());
        for &i in &supporters[p] {
            let pay = part.min(left[i as usize]);
            left[i as usize] -= pay;
            if pay > 0.0 {
                pays.push((i, pay));
            }
        }
        funded.push(p);
        payments.push(pays);
    }
    let spent = funded.iter().map(|p| e.costs[*p]).sum();
    SharesOutcome { funded, share, payments, left, spent }
}

#[cfg(test)]
#[path = "tally_tests.rs"]
mod tests;
