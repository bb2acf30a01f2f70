//! Surveys in the store: one response per resident under concurrent submissions,
//! frozen definitions, and anonymous responses that nothing in the database pairs
//! with their residents.
use crate::helpers::spawn;
use app::survey::{check_answers, Answer, Choice, Question, QuestionKind, SurveyKind};
use std::collections::HashMap;
use tongxin::storage::surveys::{DraftEdit, NewSurvey, PublishRefusal, Respondent, Submitted};
use tongxin::storage::Db;

fn questions() -> Vec<Question> {
    vec![
        Question {
            id: "safe".into(),
            title: "你觉得所在社区安全吗？".into(),
            help: String::new(),
            required: true,
            kind: QuestionKind::Scale5 { low: "很不安全".into(), high: "很安全".into() },
            show_if: None,
            feeds: Some(app::survey::Feed::ResidentRating),
        },
        Question {
            id: "issue".into(),
            title: "最关心的问题".into(),
            help: String::new(),
            required: false,
            kind: QuestionKind::Single {
                options: vec![Choice { id: "light".into(), label: "路灯".into() }, Choice { id: "noise".into(), label: "噪音".into() }],
            },
            show_if: None,
            feeds: None,
        },
        Question {
            id: "note".into(),
            title: "其他意见".into(),
            help: String::new(),
            required: false,
            kind: QuestionKind::ShortText { max_len: 100 },
            show_if: None,
            feeds: None,
        },
    ]
}

/// A community survey of 枫林's first community, open between the two times.
fn draft(qs: &[Question], anonymous: bool, editable: bool, opens_at: i64, closes_at: i64) -> NewSurvey<'_> {
    NewSurvey {
        kind: SurveyKind::Community,
        month: None,
        created_by: "test",
        draft: DraftEdit {
            area_code: "449902002001",
            title: "平安建设问卷",
            intro: "",
            questions: qs,
            anonymous,
            verified_only: false,
            editable,
            opens_at,
            closes_at,
        },
    }
}

async fn published(db: &Db, anonymous: bool, editable: bool) -> String {
    let qs = questions();
    let now = chrono::Utc::now().timestamp();
    let id = db.survey_create(draft(&qs, anonymous, editable, now - 60, now + 86_400)).await.unwrap();
    db.survey_publish(&id).await.unwrap().unwrap();
    id
}

fn answers(safe: &str, note: &str) -> app::survey::Answers {
    let form: HashMap<String, Vec<String>> =
        [("safe", safe), ("note", note)].into_iter().map(|(k, v)| (k.to_string(), vec![v.to_string()])).collect();
    check_answers(&questions(), &form).unwrap()
}

fn who(resident: &str) -> Respondent<'_> {
    Respondent { resident_id: resident, community_code: Some("449902002001"), street_code: Some("449902002"), via_community: None }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_concurrent_submissions_by_one_resident_store_exactly_one() {
    let app = spawn(true).await;
    let survey = published(&app.db, true, false).await;
    let tasks: Vec<_> = (0..200)
        .map(|i| {
            let db = app.db.clone();
            let survey = survey.clone();
            tokio::spawn(async move { db.survey_submit(&survey, who("resident-1"), &answers(&(1 + i % 5).to_string(), &format!("第 {i} 次"))).await })
        })
        .collect();
    let mut outcomes = HashMap::new();
    for t in tasks {
        *outcomes.entry(format!("{:?}", t.await.unwrap().unwrap())).or_insert(0) += 1;
    }
    assert_eq!(outcomes.get("Stored"), Some(&1), "{outcomes:?}");
    assert_eq!(outcomes.get("AlreadyAnswered"), Some(&199), "{outcomes:?}");
    assert_eq!(app.db.survey_response_rows(&survey).await.unwrap().len(), 1);
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM survey_participants").fetch_one(app.db.reader()).await.unwrap();
    assert_eq!(n, 1);
}

#[tokio::test]
async fn named_editable_surveys_replace_and_published_questions_are_frozen() {
    let app = spawn(true).await;
    let survey = published(&app.db, false, true).await;
    assert_eq!(app.db.survey_submit(&survey, who("r"), &answers("2", "一")).await.unwrap(), Submitted::Stored);
    assert_eq!(app.db.survey_submit(&survey, who("r"), &answers("5", "二")).await.unwrap(), Submitted::Replaced);
    let stored = app.db.survey_response_rows(&survey).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].answers.get("safe"), Some(&Answer::Number(5.0)));
    assert_eq!(app.db.survey_publish(&survey).await.unwrap(), Err(PublishRefusal::NotDraft));
    assert_eq!(app.db.survey_submit("nope", who("r"), &answers("5", "")).await.unwrap(), Submitted::NoSuchSurvey);
    // A draft takes no answers.
    let qs = questions();
    let unpublished = app.db.survey_create(draft(&qs, true, false, 0, i64::MAX / 2)).await.unwrap();
    assert_eq!(app.db.survey_submit(&unpublished, who("r"), &answers("5", "")).await.unwrap(), Submitted::NotOpen);
    // The store refuses an anonymous survey whose answers could be changed (they cannot be found again).
    let bad = app.db.survey_create(draft(&qs, true, true, 0, 1)).await;
    assert!(bad.is_err());
}

#[tokio::test]
async fn a_database_dump_cannot_pair_an_anonymous_response_with_its_resident() {
    let app = spawn(true).await;
    let survey = published(&app.db, true, false).await;
    // 40 residents, each with an answer that names them, submitted in order.
    let residents: Vec<String> = (0..40).map(|i| format!("resident-{i:02}")).collect();
    for (i, r) in residents.iter().enumerate() {
        let outcome = app.db.survey_submit(&survey, who(r), &answers(&(1 + i % 5).to_string(), &format!("answer-{i:02}"))).await.unwrap();
        assert_eq!(outcome, Submitted::Stored);
    }
    let dump = app.dir.path().join("dump.db");
    app.db.backup(&dump).await.unwrap();
    let copy = sqlx::SqlitePool::connect(&format!("sqlite://{}", dump.display())).await.unwrap();

    // No column of the responses table refers to anyone, and no time is finer than the day.
    let cols: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info('survey_responses')").fetch_all(&copy).await.unwrap();
    let named: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM survey_responses WHERE resident_id IS NOT NULL").fetch_one(&copy).await.unwrap();
    assert_eq!(named, 0, "anonymous responses carry no resident");
    for c in &cols {
        assert!(!c.ends_with("_at"), "{c}: no timestamps on responses");
    }
    let days: Vec<String> = sqlx::query_scalar("SELECT DISTINCT day FROM survey_responses").fetch_all(&copy).await.unwrap();
    assert!(days.iter().all(|d| d.len() == 10), "{days:?}");
    let pdays: Vec<String> = sqlx::query_scalar("SELECT DISTINCT day FROM survey_participants").fetch_all(&copy).await.unwrap();
    assert!(pdays.iter().all(|d| d.len() == 10), "{pdays:?}");
    let shared: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM pragma_table_info('survey_participants') WHERE name IN (SELECT name FROM pragma_table_info('survey_responses')) \
         AND name NOT IN ('survey_id', 'day', 'resident_id')",
    )
    .fetch_all(&copy)
    .await
    .unwrap();
    assert!(shared.is_empty(), "{shared:?}");

    // Storage order: both tables read back in the order the file holds them. Pairing
    // them by position must do no better than chance (here: the submission order
    // would pair all 40; a random order pairs about one).
    let parts: Vec<String> = sqlx::query_scalar("SELECT resident_id FROM survey_participants").fetch_all(&copy).await.unwrap();
    let resps: Vec<String> = sqlx::query_scalar("SELECT answers FROM survey_responses").fetch_all(&copy).await.unwrap();
    assert_eq!((parts.len(), resps.len()), (40, 40));
    let paired = parts
        .iter()
        .zip(&resps)
        .filter(|(p, a)| a.contains(&format!("answer-{}", &p["resident-".len()..])))
        .count();
    assert!(paired <= 8, "{paired} of 40 responses pair with their resident by storage order");
    // Participants come back in resident order (their key), not in time order.
    let mut sorted = parts.clone();
    sorted.sort();
    assert_eq!(parts, sorted);
    copy.close().await;
}

async fn scalar_f64(db: &Db, sql: &str, binds: &[&str]) -> Option<f64> {
    let mut q = sqlx::query_scalar::<_, Option<f64>>(sql);
    for b in binds {
        q = q.bind(*b);
    }
    q.fetch_optional(db.reader()).await.unwrap().flatten()
}

#[tokio::test]
async fn closing_the_monthly_survey_updates_the_co_building_indicators_and_the_monthly_index() {
    let app = spawn(true).await;
    let db = &app.db;
    // The latest month with a monthly edition in the demo history.
    let month: String = sqlx::query_scalar("SELECT MAX(period) FROM scores WHERE edition = 'monthly'").fetch_one(db.reader()).await.unwrap();
    let (fenglin, hubin) = ("449902002", "449901001");
    let before = |street: &'static str, indicator: &'static str| {
        let month = month.clone();
        async move {
            scalar_f64(db, "SELECT value FROM observations WHERE period = ? AND area_code = ? AND indicator = ?", &[&month, street, indicator]).await
        }
    };
    let score_sql = "SELECT score FROM scores WHERE edition = 'monthly' AND period = ? AND area_code = ?";
    let fenglin_score = scalar_f64(db, score_sql, &[&month, fenglin]).await.expect("a monthly score");
    let city_score = scalar_f64(db, score_sql, &[&month, "449900"]).await.expect("a city score");
    let hubin_rating = before(hubin, "resident_rating").await;

    let qs = questions();
    let now = chrono::Utc::now().timestamp();
    let mut new = NewSurvey { kind: SurveyKind::CityMonthly, month: Some(&month), ..draft(&qs, true, false, now - 60, now + 86_400) };
    new.draft.area_code = "449900";
    let survey = db.survey_create(new).await.unwrap();
    db.survey_publish(&survey).await.unwrap().unwrap();
    // 枫林: 40 responses, 10 of them feeling safe (4–5); 湖滨: 29, below the threshold.
    for i in 0..40 {
        let r = format!("fenglin-{i}");
        let who = Respondent { resident_id: &r, community_code: None, street_code: Some(fenglin), via_community: None };
        let safe = if i < 10 { "5" } else { "2" };
        assert_eq!(db.survey_submit(&survey, who, &answers(safe, "")).await.unwrap(), Submitted::Stored);
    }
    for i in 0..29 {
        let r = format!("hubin-{i}");
        let who = Respondent { resident_id: &r, community_code: None, street_code: Some(hubin), via_community: None };
        db.survey_submit(&survey, who, &answers("5", "")).await.unwrap();
    }
    let written = db.survey_close(&survey, tongxin::domain::survey_feed::MIN_RESPONSES).await.unwrap().unwrap();
    assert_eq!(written, 2, "both indicators for 枫林 only");

    assert_eq!(before(fenglin, "resident_rating").await, Some(25.0));
    let population: i64 = sqlx::query_scalar("SELECT population FROM areas WHERE code = ?").bind(fenglin).fetch_one(db.reader()).await.unwrap();
    let rate = before(fenglin, "participation_rate").await.unwrap();
    assert!((rate - 40_000.0 / population as f64).abs() < 1e-9, "{rate}");
    assert_eq!(before(hubin, "resident_rating").await, hubin_rating, "29 responses change nothing");
    // The monthly index was recomputed: 25 % feeling safe is far below the demo's figures.
    let after = scalar_f64(db, score_sql, &[&month, fenglin]).await.unwrap();
    assert!(after < fenglin_score, "{after} < {fenglin_score}");
    let dims: String = sqlx::query_scalar("SELECT dimensions FROM scores WHERE edition = 'monthly' AND period = ? AND area_code = ?")
        .bind(&month)
        .bind(fenglin)
        .fetch_one(db.reader())
        .await
        .unwrap();
    assert!(dims.contains("co_building"), "{dims}");
    assert_ne!(scalar_f64(db, score_sql, &[&month, "449900"]).await.unwrap(), city_score, "the city's figure follows");
    // Closed means closed.
    assert_eq!(db.survey_submit(&survey, Respondent { resident_id: "late", community_code: None, street_code: Some(fenglin), via_community: None }, &answers("5", "")).await.unwrap(), Submitted::NotOpen);
    assert_eq!(db.survey_close(&survey, 30).await.unwrap(), Err(tongxin::storage::surveys::CloseRefusal::NotPublished));
}

// ---- through HTTP, as residents' browsers submit ------------------------------------

/// A resident of 枫林's first community (signed in, consented, at home).
async fn neighbour(app: &crate::helpers::TestApp, phone: &str) -> crate::helpers::Browser {
    let b = app.resident(phone).await;
    let res = b.post_form("/me/community", &[("community", "449902002001")]).await;
    assert_eq!(res.status(), 303);
    b
}

fn location(res: &reqwest::Response) -> String {
    res.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or("").to_string()
}

#[tokio::test]
async fn invalid_answers_are_refused_naming_the_question_and_nothing_is_stored() {
    let app = spawn(true).await;
    let survey = published(&app.db, false, false).await;
    let me = neighbour(&app, "13800138001").await;
    let path = format!("/surveys/{survey}/answer");
    let long = "很".repeat(101);
    let cases: [(&[(&str, &str)], &str); 4] = [
        (&[("issue", "light")], "第 1 题“你觉得所在社区安全吗？”：请作答。"),
        (&[("safe", "7")], "第 1 题“你觉得所在社区安全吗？”：请填 1 到 5 之间的数。"),
        (&[("safe", "4"), ("issue", "gas")], "第 2 题“最关心的问题”：所选的选项不在本题中，请重新选择。"),
        (&[("safe", "4"), ("note", &long)], "第 3 题“其他意见”：最多 100 个字。"),
    ];
    for (form, message) in cases {
        let res = me.post_form(&path, form).await;
        assert_eq!(res.status(), 303);
        let back = location(&res);
        assert!(back.contains("error=answers"), "{back}");
        // The page shows the problem by the question's number and title, with the
        // answers given so far.
        let page = me.get(back.split('#').next().unwrap()).await.text().await.unwrap();
        assert!(page.contains(message), "{message} in the page");
        assert!(app.db.survey_response_rows(&survey).await.unwrap().is_empty(), "nothing stored for {form:?}");
    }
    let me_id: String = sqlx::query_scalar("SELECT subject_id FROM sessions WHERE kind = 'resident' LIMIT 1").fetch_one(app.db.reader()).await.unwrap();
    assert!(!app.db.survey_answered(&survey, &me_id).await.unwrap(), "no participation recorded");
    // In the resident's language.
    me.post_form("/prefs/lang", &[("lang", "en"), ("next", "/")]).await;
    let res = me.post_form(&path, &[("issue", "light")]).await;
    let page = me.get(location(&res).split('#').next().unwrap()).await.text().await.unwrap();
    assert!(page.contains("Question 1 “你觉得所在社区安全吗？”: please answer."), "English message");
    assert!(app.db.survey_response_rows(&survey).await.unwrap().is_empty());
    let res = me.post_form(&path, &[("safe", "4"), ("issue", "noise"), ("note", "路灯坏了")]).await;
    assert!(location(&res).contains("notice=submitted"), "{}", location(&res));
    let stored = app.db.survey_response_rows(&survey).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].answers.get("issue"), Some(&Answer::Text("noise".into())));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_concurrent_http_submissions_by_one_resident_store_one() {
    let app = crate::helpers::spawn_with(true, |s| {
        s.auth.resend_secs = 0;
        s.auth.survey_submits_per_client_minute = 10_000;
    })
    .await;
    let survey = published(&app.db, true, false).await;
    let me = neighbour(&app, "13800138002").await;
    let path = format!("/surveys/{survey}/answer");
    let tasks: Vec<_> = (0..200)
        .map(|i| {
            let client = me.client.clone();
            let url = me.url(&path);
            let base = me.base.clone();
            tokio::spawn(async move {
                let safe = (1 + i % 5).to_string();
                let res = client
                    .post(url)
                    .header("origin", base)
                    .header("sec-fetch-site", "same-origin")
                    .form(&[("safe", safe.as_str())])
                    .send()
                    .await
                    .unwrap();
                location(&res)
            })
        })
        .collect();
    let mut stored = 0;
    let mut already = 0;
    for t in tasks {
        let to = t.await.unwrap();
        if to.contains("notice=submitted") {
            stored += 1;
        } else if to.contains("notice=already_answered") {
            already += 1;
        } else {
            panic!("unexpected answer {to}");
        }
    }
    assert_eq!((stored, already), (1, 199));
    assert_eq!(app.db.survey_response_rows(&survey).await.unwrap().len(), 1);
    // The page then says so, and offers no form.
    let page = me.get(&format!("/surveys/{survey}")).await.text().await.unwrap();
    assert!(page.contains("你已经提交过这份问卷"));
    assert!(!page.contains("id=\"survey-form\""));
}

#[tokio::test]
async fn submissions_over_the_per_address_limit_are_refused_and_leave_no_trace() {
    let app = crate::helpers::spawn_with(true, |s| {
        s.auth.resend_secs = 0;
        s.auth.survey_submits_per_client_minute = 2;
    })
    .await;
    let survey = published(&app.db, false, false).await;
    let me = neighbour(&app, "13800138003").await;
    let path = format!("/surveys/{survey}/answer");
    for _ in 0..2 {
        let res = me.post_form(&path, &[("safe", "9")]).await;
        assert!(location(&res).contains("error=answers"));
    }
    let res = me.post_form(&path, &[("safe", "4")]).await;
    assert!(location(&res).contains("error=rate_limit"), "{}", location(&res));
    assert!(app.db.survey_response_rows(&survey).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_guest_is_sent_to_sign_in_and_finds_the_answers_kept() {
    let app = spawn(true).await;
    let survey = published(&app.db, false, false).await;
    let guest = app.browser();
    let res = guest.post_form(&format!("/surveys/{survey}/answer"), &[("safe", "5"), ("note", "晚上巡逻多一些")]).await;
    let to = location(&res);
    assert!(to.starts_with("/signin?next=") && to.contains("resume%3D1"), "{to}");
    assert!(app.db.survey_response_rows(&survey).await.unwrap().is_empty(), "nothing stored before sign-in");
    guest.sign_in_phone(&app, "13800138004").await;
    guest.post_form("/me/consent", &[("accept", "yes"), ("next", "/me")]).await;
    guest.post_form("/me/community", &[("community", "449902002001")]).await;
    let page = guest.get(&format!("/surveys/{survey}?resume=1")).await.text().await.unwrap();
    assert!(page.contains("晚上巡逻多一些"), "the kept answer fills the form again");
    let res = guest.post_form(&format!("/surveys/{survey}/answer"), &[("safe", "5"), ("note", "晚上巡逻多一些")]).await;
    assert!(location(&res).contains("notice=submitted"));
    let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM survey_drafts").fetch_one(app.db.reader()).await.unwrap();
    assert_eq!(kept, 0, "kept answers are dropped once submitted");
}

#[tokio::test]
async fn staff_outside_the_survey_area_cannot_see_close_or_export_it() {
    use app::auth::Role;
    let app = spawn(true).await;
    let survey = published(&app.db, false, false).await;
    app.add_staff("own-committee", Role::Committee, "449902002001").await;
    app.add_staff("other-committee", Role::Committee, "449901001001").await;
    app.add_staff("fenglin-street", Role::StreetOfficer, "449902002").await;
    let other = app.staff("other-committee").await;
    for path in [format!("/staff/surveys/{survey}"), format!("/staff/surveys/{survey}/results"), format!("/staff/surveys/{survey}/export.csv")] {
        assert_eq!(other.get(&path).await.status(), 403, "{path}");
    }
    let res = other.post_form(&format!("/staff/surveys/{survey}/close"), &[("confirm", "yes")]).await;
    assert_eq!(res.status(), 403);
    assert_eq!(app.db.survey(&survey).await.unwrap().unwrap().status, app::survey::SurveyStatus::Published);
    // The street above it sees it; its own committee closes it.
    let street = app.staff("fenglin-street").await;
    assert_eq!(street.get(&format!("/staff/surveys/{survey}")).await.status(), 200);
    let own = app.staff("own-committee").await;
    let res = own.post_form(&format!("/staff/surveys/{survey}/close"), &[("confirm", "yes")]).await;
    assert!(location(&res).contains("notice=survey_closed_ok"));
    assert_eq!(app.db.survey(&survey).await.unwrap().unwrap().status, app::survey::SurveyStatus::Closed);
}

/// The submissions benchmark (README, "Benchmarks"): 1 000 signed-in residents each
/// submit once to an anonymous survey, 50 at a time, through HTTP; every answer is
/// committed with `synchronous = FULL` before the redirect is sent. Prints durable
/// submissions per second and the latency percentiles. Not a pass/fail test:
/// `cargo test --release -p tongxin --test it bench_submissions -- --ignored --nocapture`.
#[tokio::test(flavor = "multi_thread")]
#[ignore]
async fn bench_submissions() {
    use std::time::Instant;
    let app = crate::helpers::spawn_with(true, |s| {
        s.auth.resend_secs = 0;
        s.auth.codes_per_phone_hour = 1000;
        s.auth.codes_per_client_hour = 100_000;
        s.auth.survey_submits_per_client_minute = 1_000_000;
    })
    .await;
    let survey = published(&app.db, true, false).await;
    let n = 1000;
    let mut residents = Vec::with_capacity(n);
    for i in 0..n {
        residents.push(neighbour(&app, &format!("1370000{:04}", i)).await);
    }
    let path = format!("/surveys/{survey}/answer");
    let started = Instant::now();
    let sem = std::sync::Arc::new(tokio::sync::Semaphore::new(50));
    let tasks: Vec<_> = residents
        .into_iter()
        .enumerate()
        .map(|(i, b)| {
            let sem = sem.clone();
            let url = b.url(&path);
            tokio::spawn(async move {
                let _permit = sem.acquire().await.unwrap();
                let safe = (1 + i % 5).to_string();
                let t = Instant::now();
                let res = b
                    .client
                    .post(url)
                    .header("sec-fetch-site", "same-origin")
                    .form(&[("safe", safe.as_str()), ("issue", "light"), ("note", "路灯")])
                    .send()
                    .await
                    .unwrap();
                assert!(location(&res).contains("notice=submitted"));
                t.elapsed()
            })
        })
        .collect();
    let mut latencies = Vec::with_capacity(n);
    for t in tasks {
        latencies.push(t.await.unwrap());
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 * p).ceil() as usize).min(latencies.len()) - 1].as_secs_f64() * 1000.0;
    assert_eq!(app.db.survey_response_rows(&survey).await.unwrap().len(), n);
    println!(
        "{n} durable submissions in {:.2} s: {:.0} per second; latency p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms (concurrency 50)",
        elapsed.as_secs_f64(),
        n as f64 / elapsed.as_secs_f64(),
        pct(0.50),
        pct(0.95),
        pct(0.99),
        pct(1.0)
    );
}
