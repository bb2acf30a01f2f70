use super::*;

fn election(budget: f64, costs: &[f64], ballots: &[&[usize]]) -> Election {
    let names = (0..costs.len()).map(|i| ((b'A' + i as u8) as char).to_string()).collect();
    Election::new(budget, costs.to_vec(), names, ballots.iter().map(|b| b.to_vec()).collect())
        .unwrap()
}

#[test]
fn greedy_funds_by_votes_and_skips_what_no_longer_fits() {
    // A (60) has 3 votes, B (50) 2, C (40) 1, D (10) none.
    let e = election(100.0, &[60.0, 50.0, 40.0, 10.0], &[&[0, 1], &[0, 1], &[0, 2]]);
    let out = greedy(&e);
    assert_eq!(out.funded, [0, 2]);
    assert_eq!(out.spent, 100.0);
    let turns: Vec<(usize, usize, f64, bool)> =
        out.turns.iter().map(|t| (t.project, t.votes, t.left, t.funded)).collect();
    assert_eq!(
        turns,
        [(0, 3, 100.0, true), (1, 2, 40.0, false), (2, 1, 40.0, true), (3, 0, 0.0, false)]
    );
}

#[test]
fn greedy_breaks_equal_votes_by_name() {
    let mut e = election(50.0, &[50.0, 50.0], &[&[0, 1]]);
    assert_eq!(greedy(&e).funded, [0]);
    e.names = vec!["b".into(), "a".into()];
    assert_eq!(greedy(&e).funded, [1]);
}

#[test]
fn a_project_nobody_voted_for_is_not_funded_even_if_it_fits() {
    let e = election(100.0, &[10.0, 10.0], &[&[0]]);
    assert_eq!(greedy(&e).funded, [0]);
    assert_eq!(equal_shares(&e).funded, [0]);
}

/// Four voters, 40 yuan: X (20) wanted by all, Y (20) by voters 0 and 1, Z (15) by
/// 2 and 3. With 10 each, X is paid 5 by each and neither Y nor Z can be paid for.
/// Raising the shares one yuan at a time: at 13 each, 2 and 3 have 8 left each and
/// pay 7.50 each for Z; Y would need 20 from 0 and 1's 16. At 15 each both Y and Z
/// would be funded, 55 yuan in all, over the budget: so the 13 run counts.
#[test]
fn equal_shares_completes_by_raising_each_share_one_yuan_at_a_time() {
    let e = election(40.0, &[20.0, 20.0, 15.0], &[&[0, 1], &[0, 1], &[0, 2], &[0, 2]]);
    let out = equal_shares(&e);
    assert_eq!(out.funded, [0, 2]);
    assert_eq!(out.share, 13.0);
    assert_eq!(out.spent, 35.0);
    assert_eq!(out.payments[0], [(0, 5.0), (1, 5.0), (2, 5.0), (3, 5.0)]);
    assert_eq!(out.payments[1], [(2, 7.5), (3, 7.5)]);
    assert_eq!(out.left, [8.0, 8.0, 0.5, 0.5]);
    // How each ballot was used, and why Y lost: its supporters had 16 for its 20.
    assert_eq!(out.paid_by(2), [(0, 5.0), (2, 7.5)]);
    assert_eq!(out.paid_by(0), [(0, 5.0)]);
    assert_eq!(out.supporters_left(&e, 1), 16.0);
}

/// Equal Shares is not greedy: a large project with many votes loses to smaller
/// ones when its supporters' shares cannot pay for it, though greedy funds it.
#[test]
fn equal_shares_gives_a_minority_its_share_where_greedy_does_not() {
    // Ten voters, 100 yuan. Seven want A (70) and B (30); three want C (30).
    let mut ballots: Vec<&[usize]> = vec![&[0usize, 1][..]; 7];
    ballots.extend([&[2usize][..]; 3]);
    let e = election(100.0, &[70.0, 30.0, 30.0], &ballots);
    assert_eq!(greedy(&e).funded, [0, 1]);
    let out = equal_shares(&e);
    let mut funded = out.funded.clone();
    funded.sort();
    assert_eq!(funded, [0, 2], "the three get C with their 30; the seven get A with their 70");
    assert_eq!(out.spent, 100.0);
}

#[test]
fn the_cheaper_per_supporter_goes_first_and_exact_ties_go_by_name() {
    // Two voters, 20 yuan: A and B cost 10 each, one supporter each: equal prices.
    let mut e = election(20.0, &[10.0, 10.0], &[&[0], &[1]]);
    assert_eq!(equal_shares(&e).funded, [0, 1]);
    e.names = vec!["b".into(), "a".into()];
    assert_eq!(equal_shares(&e).funded, [1, 0]);
}

#[test]
fn free_projects_someone_wants_are_funded_first() {
    let e = election(10.0, &[10.0, 0.0, 0.0], &[&[0, 1]]);
    assert_eq!(equal_shares(&e).funded, [1, 0]);
}

#[test]
fn elections_are_checked_and_ballots_cleaned() {
    let names = || vec!["a".to_string(), "b".to_string()];
    let e = Election::new(10.0, vec![1.0, 2.0], names(), vec![vec![1, 0, 1]]).unwrap();
    assert_eq!(e.ballots, [vec![0, 1]]);
    assert_eq!(e.votes(), [1, 1]);
    assert_eq!(
        Election::new(10.0, vec![1.0, 2.0], names(), vec![vec![2]]),
        Err(ElectionError::UnknownProject(2))
    );
    assert_eq!(Election::new(10.0, vec![-1.0, 2.0], names(), vec![]), Err(ElectionError::BadMoney));
    assert_eq!(
        Election::new(f64::NAN, vec![1.0, 2.0], names(), vec![]),
        Err(ElectionError::BadMoney)
    );
    assert_eq!(Election::new(10.0, vec![1.0], names(), vec![]), Err(ElectionError::Names));
    let empty = Election::new(10.0, vec![1.0, 2.0], names(), vec![]).unwrap();
    assert!(equal_shares(&empty).funded.is_empty());
    assert!(greedy(&empty).funded.is_empty());
}
