use super::*;

const NOW: i64 = 1_764_547_200; // 2025-12-01 00:00 UTC
const DAY: i64 = 86_400;

fn candidates() -> Vec<Candidate> {
    [
        ("a", "楼道扶手加装", 60_000),
        ("b", "长者饭堂餐桌更换", 30_000),
        ("c", "儿童游乐设施翻新", 50_000),
    ]
    .iter()
    .map(|(id, title, cost)| Candidate {
        id: id.to_string(),
        title: title.to_string(),
        cost: *cost,
    })
    .collect()
}

fn form(fields: &[(&str, &str)]) -> Vec<(String, String)> {
    fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn good() -> Vec<(&'static str, &'static str)> {
    vec![
        ("title", "2026年第一轮民生微实事投票"),
        ("budget", "100,000"),
        ("project", "a"),
        ("project", "b"),
        ("project", "c"),
        ("ballot", "approval"),
        ("at_most", ""),
        ("rule", "equal_shares"),
    ]
}

fn read(fields: &[(&str, &str)]) -> Result<RoundSpec, &'static str> {
    read_round(&form(fields), &candidates(), Some(NOW), Some(NOW + 7 * DAY), NOW)
        .map_err(|f| f.code)
}

fn with(change: (&'static str, &'static str)) -> Vec<(&'static str, &'static str)> {
    let mut f = good();
    f.retain(|(k, _)| *k != change.0);
    f.push(change);
    f
}

#[test]
fn a_complete_form_reads_as_a_round() {
    let r = read(&good()).unwrap();
    assert_eq!(r.budget, 100_000);
    assert_eq!(r.projects, ["a", "b", "c"]);
    assert_eq!(r.kind, BallotKind::Approval { at_most: None });
    assert_eq!(r.rule, TallyRule::EqualShares);
    let k = read(&with(("at_most", "2"))).unwrap();
    assert_eq!(k.kind, BallotKind::Approval { at_most: Some(2) });
    let knap = read(&with(("ballot", "knapsack"))).unwrap();
    assert_eq!(knap.kind, BallotKind::Knapsack);
}

#[test]
fn each_fault_names_its_field() {
    assert_eq!(read(&with(("budget", "0"))), Err("round_budget"));
    assert_eq!(read(&with(("budget", "十万"))), Err("round_budget"));
    assert_eq!(read(&with(("budget", "10000001"))), Err("round_budget"));
    assert_eq!(read(&with(("budget", "55000"))), Err("round_over_budget"));
    assert_eq!(
        read(&with(("at_most", "3"))),
        Err("round_at_most"),
        "k below the number of projects"
    );
    assert_eq!(read(&with(("at_most", "0"))), Err("round_at_most"));
    assert_eq!(read(&with(("rule", "borda"))), Err("round_ballot"));
    assert_eq!(read(&with(("ballot", ""))), Err("round_ballot"));
    assert_eq!(read(&with(("title", "一"))), Err("round_title"));
    let one = [
        ("title", "投票"),
        ("budget", "100000"),
        ("project", "a"),
        ("project", "a"),
        ("ballot", "knapsack"),
        ("rule", "greedy"),
    ];
    assert_eq!(read(&one), Err("round_projects"), "a repeat is one project");
    let mut stranger = good();
    stranger.push(("project", "z"));
    assert_eq!(read(&stranger), Err("round_projects"), "only projects sent to the ballot");
}

#[test]
fn times_must_be_now_or_later_and_at_most_sixty_days() {
    let f = form(&good());
    let c = candidates();
    let at = |o: Option<i64>, cl: Option<i64>| read_round(&f, &c, o, cl, NOW).map_err(|f| f.code);
    assert_eq!(at(None, Some(NOW + DAY)), Err("round_times"));
    assert_eq!(at(Some(NOW - DAY), Some(NOW + DAY)), Err("round_times"));
    assert_eq!(at(Some(NOW + DAY), Some(NOW + DAY)), Err("round_times"));
    assert_eq!(at(Some(NOW), Some(NOW + 61 * DAY)), Err("round_times"));
    assert!(at(Some(NOW + DAY), Some(NOW + 60 * DAY)).is_ok());
}

#[test]
fn the_phase_follows_the_clock() {
    assert_eq!(phase(NOW, NOW + DAY, NOW - 1), Phase::Upcoming);
    assert_eq!(phase(NOW, NOW + DAY, NOW), Phase::Open);
    assert_eq!(phase(NOW, NOW + DAY, NOW + DAY), Phase::Closed);
}

#[test]
fn ballots_are_checked_against_their_round() {
    let c = candidates();
    let free = BallotKind::Approval { at_most: None };
    assert_eq!(read_ballot(&["c", "a", "a"], &c, free, 100_000).unwrap(), [0, 2]);
    let code = |r: Result<Vec<usize>, Fault>| r.map_err(|f| f.code);
    assert_eq!(code(read_ballot(&[], &c, free, 100_000)), Err("ballot_empty"));
    assert_eq!(code(read_ballot(&["a", "x"], &c, free, 100_000)), Err("ballot_unknown"));
    let two = BallotKind::Approval { at_most: Some(2) };
    assert_eq!(code(read_ballot(&["a", "b", "c"], &c, two, 100_000)), Err("ballot_too_many"));
    assert!(read_ballot(&["a", "b"], &c, two, 100_000).is_ok());
    let knap = BallotKind::Knapsack;
    assert_eq!(code(read_ballot(&["a", "c"], &c, knap, 100_000)), Err("ballot_over_budget"));
    assert!(read_ballot(&["a", "b"], &c, knap, 100_000).is_ok(), "90 000 fits 100 000");
}

#[test]
fn greedy_funds_by_votes_and_says_why_the_rest_lost() {
    let c = candidates();
    // a: 3 votes, c: 2, b: 0. a (60 000) fits; c (50 000) no longer does.
    let r = tally(100_000, &c, vec![vec![0], vec![0, 2], vec![0, 2]], TallyRule::Greedy);
    assert_eq!(r.funded, [0]);
    assert_eq!(r.votes, [3, 0, 2]);
    assert_eq!(r.reasons[0], Reason::Funded);
    assert_eq!(r.reasons[1], Reason::NoVotes);
    assert_eq!(r.reasons[2], Reason::DidNotFit { left: 40_000.0 });
    assert_eq!(r.spent, 60_000.0);
    assert!(r.share.is_none());
}

#[test]
fn equal_shares_says_what_each_ballot_paid_for() {
    let c = candidates();
    // Two voters want a (60 000), one wants b (30 000): with 100 000 split three
    // ways both are funded, each voter paying for what they chose.
    let r = tally(100_000, &c, vec![vec![0], vec![0], vec![1]], TallyRule::EqualShares);
    let mut funded = r.funded.clone();
    funded.sort_unstable();
    assert_eq!(funded, [0, 1]);
    assert_eq!(r.reasons[2], Reason::NoVotes);
    assert_eq!(r.paid[0], [(0, 30_000.0)]);
    assert_eq!(r.paid[2], [(1, 30_000.0)]);
    assert!(r.share.unwrap() >= 100_000.0 / 3.0);
}

#[test]
fn equal_shares_reports_what_supporters_had_left() {
    let c = candidates();
    // One voter for c (50 000) among four sharing 100 000: 25 000 is not enough
    // at any completion step that still fits the budget.
    let r = tally(100_000, &c, vec![vec![0], vec![0], vec![0], vec![2]], TallyRule::EqualShares);
    assert_eq!(r.funded, [0]);
    match r.reasons[2] {
        Reason::SupportersShort { had } => assert!(had < 50_000.0, "{had}"),
        ref other => panic!("{other:?}"),
    }
}
