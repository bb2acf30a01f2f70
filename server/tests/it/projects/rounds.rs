//! Budget rounds: the community's committee sets one up from the projects its council
//! sent to the ballot; verified residents of the community vote once each (keyed to
//! the person), change their ballot until the close, and read the result with reasons.
use super::*;
use crate::helpers::{spawn, words};
use app::core::access::Role;
use app::core::time::{china_input, now};

const TITLES: [(&str, i64); 3] =
    [("楼道扶手加装", 60_000), ("长者饭堂餐桌更换", 30_000), ("儿童游乐设施翻新", 50_000)];

/// The committee of [`HOME`] and three of its projects on the ballot (costs as in
/// [`TITLES`]).
async fn ballot_projects(app: &TestApp) -> (Browser, Vec<String>) {
    app.add_staff("hz-committee", Role::Committee, HOME).await;
    let committee = app.staff("hz-committee").await;
    let author = verified(app, "13900000021").await;
    let mut ids = Vec::new();
    for (title, cost) in TITLES {
        let id = submitted(&author, title).await;
        accept(&committee, &id).await;
        // The council's step has its own tests: here the projects go to the ballot.
        let mut tx = app.db.begin_write().await.unwrap();
        sqlx::query("UPDATE projects SET status = 'ballot', cost = ? WHERE id = ?")
            .bind(cost)
            .bind(&id)
            .execute(&mut *tx)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        ids.push(id);
    }
    (committee, ids)
}

/// Posts the round form; the redirect.
async fn set_up(staff: &Browser, ids: &[String], budget: &str, rule: &str) -> String {
    let (opens, closes) = (china_input(now()), china_input(now() + 7 * 86_400));
    let mut f: Vec<(&str, &str)> = vec![
        ("community", HOME),
        ("title", "2026年第一轮民生微实事投票"),
        ("budget", budget),
        ("opens", &opens),
        ("closes", &closes),
        ("ballot", "approval"),
        ("at_most", ""),
        ("rule", rule),
    ];
    for id in ids {
        f.push(("project", id));
    }
    location(&staff.post_form("/staff/projects/rounds", &f).await)
}

fn round_in(to: &str) -> String {
    let rest = to.strip_prefix("/rounds/").unwrap_or_else(|| panic!("{to}"));
    rest.chars().take_while(|c| c.is_ascii_hexdigit()).collect()
}

async fn vote(b: &Browser, round: &str, chosen: &[&str]) -> String {
    let f: Vec<(&str, &str)> = chosen.iter().map(|id| ("project", *id)).collect();
    location(&b.post_form(&format!("/rounds/{round}/ballot"), &f).await)
}

/// Ends the round now (as the clock would).
async fn close(app: &TestApp, round: &str) {
    let mut tx = app.db.begin_write().await.unwrap();
    sqlx::query("UPDATE budget_rounds SET opens_at = ?, closes_at = ? WHERE id = ?")
        .bind(now() - 8 * 86_400)
        .bind(now() - 1)
        .bind(round)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

async fn ballots(app: &TestApp, round: &str) -> i64 {
    count(app, &format!("SELECT COUNT(*) FROM round_ballots WHERE round_id = '{round}'")).await
}

#[tokio::test]
async fn residents_vote_change_their_ballot_and_read_the_result_with_reasons() {
    let app = spawn(true).await;
    let (committee, ids) = ballot_projects(&app).await;
    let to = set_up(&committee, &ids, "100000", "equal_shares").await;
    assert!(to.ends_with("?notice=round_created"), "{to}");
    let round = round_in(&to);
    let page = words(&committee.page(&format!("/rounds/{round}"), None).await.1);
    assert!(page.contains("2026年第一轮民生微实事投票") && page.contains("投票中"), "{page}");
    assert!(page.contains("均等份额法"), "{page}");
    // Residents find it on the 微实事 tab of their community.
    let v1 = verified(&app, "13900000031").await;
    assert!(v1.page("/projects", None).await.1.contains(&format!("/rounds/{round}")));

    let (a, b, c) = (ids[0].as_str(), ids[1].as_str(), ids[2].as_str());
    let v2 = verified(&app, "13900000032").await;
    let v3 = verified(&app, "13900000033").await;
    assert!(vote(&v1, &round, &[a]).await.ends_with("?notice=ballot_cast#ballot"));
    assert!(vote(&v2, &round, &[a, c]).await.ends_with("?notice=ballot_cast#ballot"));
    assert!(vote(&v3, &round, &[c]).await.ends_with("?notice=ballot_cast#ballot"));
    // v3 changes their mind: the ballot is replaced, not added.
    assert!(vote(&v3, &round, &[a, b]).await.ends_with("?notice=ballot_changed#ballot"));
    assert_eq!(ballots(&app, &round).await, 3);
    let mine = v3.page(&format!("/rounds/{round}"), None).await.1;
    assert!(words(&mine).contains("您已投票"), "{mine}");
    // Signing in again (another phone, another browser) is the same person.
    let again = verified(&app, "13900000033").await;
    assert!(vote(&again, &round, &[a, b]).await.ends_with("?notice=ballot_changed#ballot"));
    assert_eq!(ballots(&app, &round).await, 3);

    // Bad ballots are refused in words and change nothing.
    assert!(vote(&v1, &round, &[]).await.ends_with("?error=ballot_empty#ballot"));
    assert!(vote(&v1, &round, &["ffffffffffffffffffffffffffffffff"])
        .await
        .ends_with("?error=ballot_unknown#ballot"));
    let unverified = resident_of(&app, "13900000034", HOME).await;
    assert!(vote(&unverified, &round, &[a]).await.ends_with("?error=ballot_verified#ballot"));
    let outsider = resident_of(&app, "13900000035", ELSEWHERE).await;
    assert!(vote(&outsider, &round, &[a]).await.ends_with("?error=ballot_outside#ballot"));
    let guest =
        app.anonymous.post_form(&format!("/rounds/{round}/ballot"), &[("project", a)]).await;
    assert!(location(&guest).starts_with("/signin?next="));
    assert_eq!(ballots(&app, &round).await, 3);
    let stored: String =
        sqlx::query_scalar("SELECT choices FROM round_ballots WHERE choices LIKE ? LIMIT 1")
            .bind(format!("%{b}%"))
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!(stored, format!("[\"{a}\",\"{b}\"]"), "v3's last ballot, in ballot order");

    close(&app, &round).await;
    assert!(vote(&v1, &round, &[b]).await.ends_with("?error=ballot_not_open#ballot"));
    // Equal shares, 100 000 among 3 voters: a (3 votes) costs its supporters 20 000
    // each; b, v3's alone, is paid from v3's share once it is raised to 50 000 (the
    // completion), which still fits; c (v2's) is then out of reach.
    let result = words(&v3.page(&format!("/rounds/{round}"), None).await.1);
    assert!(result.contains("投票结果"), "{result}");
    assert!(result.contains("资助 9万元，预算 10万元"), "{result}");
    assert!(result.contains("支持者剩余的份额合计"), "c's reason: {result}");
    assert!(result.contains("您的份额为“长者饭堂餐桌更换”出资 3万元"), "{result}");
    assert!(result.contains("您的份额为“楼道扶手加装”出资 2万元"), "{result}");
    assert_eq!(v1.post_form("/prefs/lang", &[("lang", "en"), ("next", "/")]).await.status(), 303);
    let english = words(&v1.page(&format!("/rounds/{round}"), None).await.1);
    assert!(english.contains("Your share paid ¥20,000 towards “楼道扶手加装”"), "{english}");
}

#[tokio::test]
async fn greedy_rounds_say_what_was_left_when_a_project_did_not_fit() {
    let app = spawn(true).await;
    let (committee, ids) = ballot_projects(&app).await;
    let round = round_in(&set_up(&committee, &ids, "100000", "greedy").await);
    for (phone, chosen) in
        [("13900000041", vec![0, 2]), ("13900000042", vec![0, 2]), ("13900000043", vec![0])]
    {
        let v = verified(&app, phone).await;
        let chosen: Vec<&str> = chosen.iter().map(|i| ids[*i].as_str()).collect();
        assert!(vote(&v, &round, &chosen).await.contains("notice=ballot_cast"));
    }
    close(&app, &round).await;
    let result = words(&app.page(&format!("/rounds/{round}"), None).await.1);
    assert!(result.contains("轮到它时剩余预算 4万元，不足以资助。"), "{result}");
    assert!(result.contains("无人投票。"), "{result}");
    assert!(result.contains("资助 6万元，预算 10万元"), "{result}");
}

#[tokio::test]
async fn two_hundred_concurrent_ballots_by_one_resident_store_one() {
    let app = spawn(true).await;
    let (committee, ids) = ballot_projects(&app).await;
    let round = round_in(&set_up(&committee, &ids, "100000", "greedy").await);
    let me = verified(&app, "13900000051").await;
    let url = me.url(&format!("/rounds/{round}/ballot"));
    let tasks: Vec<_> = (0..200)
        .map(|i| {
            let (client, url, base) = (me.client.clone(), url.clone(), me.base.clone());
            let pick = ids[i % 3].clone();
            tokio::spawn(async move {
                let res = client
                    .post(url)
                    .header("origin", base)
                    .header("sec-fetch-site", "same-origin")
                    .form(&[("project", pick)])
                    .send()
                    .await
                    .unwrap();
                location(&res)
            })
        })
        .collect();
    let mut outcomes = Vec::new();
    for t in tasks {
        outcomes.push(t.await.unwrap());
    }
    let cast = outcomes.iter().filter(|o| o.contains("notice=ballot_cast")).count();
    let changed = outcomes.iter().filter(|o| o.contains("notice=ballot_changed")).count();
    assert_eq!((cast, changed), (1, 199), "{outcomes:?}");
    assert_eq!(ballots(&app, &round).await, 1);
}

#[tokio::test]
async fn only_the_communitys_committee_sets_up_a_round_and_a_bad_form_changes_nothing() {
    let app = spawn(true).await;
    let (committee, ids) = ballot_projects(&app).await;
    app.add_staff("elsewhere", Role::Committee, ELSEWHERE).await;
    app.add_staff("street", Role::StreetOfficer, "449902002").await;
    for who in ["elsewhere", "street"] {
        let staff = app.staff(who).await;
        let res = staff
            .post_form("/staff/projects/rounds", &[("community", HOME), ("title", "投票")])
            .await;
        assert_eq!(res.status(), 403, "{who}");
    }
    let resident = verified(&app, "13900000061").await;
    let res = resident.post_form("/staff/projects/rounds", &[("community", HOME)]).await;
    assert_ne!(res.status(), 303, "a resident is no staff member");
    let rounds = || {
        count(&app, "SELECT COUNT(*) FROM budget_rounds WHERE title = '2026年第一轮民生微实事投票'")
    };
    assert_eq!(rounds().await, 0);

    assert!(set_up(&committee, &ids, "0", "greedy").await.ends_with("error=round_budget#round-h"));
    assert!(set_up(&committee, &ids, "55000", "greedy")
        .await
        .ends_with("error=round_over_budget#round-h"));
    assert!(set_up(&committee, &ids[..1], "100000", "greedy")
        .await
        .ends_with("error=round_projects#round-h"));
    assert!(set_up(&committee, &ids, "100000", "borda")
        .await
        .ends_with("error=round_ballot#round-h"));
    assert_eq!(rounds().await, 0);
    let page = words(&committee.page("/staff/projects/rounds?error=round_budget", None).await.1);
    assert!(page.contains("请填写预算金额"), "{page}");

    // A project stands in one round: a second round cannot take it again.
    assert!(set_up(&committee, &ids[..2], "100000", "greedy")
        .await
        .contains("notice=round_created"));
    assert!(set_up(&committee, &ids[1..], "100000", "greedy")
        .await
        .ends_with("error=round_projects#round-h"));
    assert_eq!(rounds().await, 1);
    let audit = count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'project.round'").await;
    assert_eq!(audit, 1);
}
