//! Answering over HTTP: named problems with nothing stored, one response under 200
//! concurrent posts, the per-address limit, answers kept across sign-in; and the
//! submissions benchmark (ignored).
use super::*;
use crate::helpers::{spawn, words};
use app::surveys::model::Answer;

// ---- through HTTP, as residents' browsers submit ------------------------------------
#[tokio::test]
async fn invalid_answers_are_refused_naming_the_question_and_nothing_is_stored() {
    let app = spawn(true).await;
    let survey = published(&app.db, false, false).await;
    let me = neighbour(&app, "13800138001").await;
    let path = format!("/surveys/{survey}/answer");
    let long = "很".repeat(101);
    let cases: [(&[(&str, &str)], &str); 4] = [
        (&[("issue", "light")], "第 1 题“您觉得所在社区安全吗？”：请作答。"),
        (&[("safe", "7")], "第 1 题“您觉得所在社区安全吗？”：请填 1 到 5 之间的数。"),
        (
            &[("safe", "4"), ("issue", "gas")],
            "第 2 题“最关心的问题”：所选的选项不在本题中，请重新选择。",
        ),
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
        assert!(words(&page).contains(message), "{message} in the page");
        assert!(
            tongxin::surveys::store::responses::all(&app.db, &survey).await.unwrap().is_empty(),
            "nothing stored for {form:?}"
        );
    }
    let me_id: String =
        sqlx::query_scalar("SELECT subject_id FROM sessions WHERE kind = 'resident' LIMIT 1")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert!(
        !tongxin::surveys::store::responses::answered(app.db.reader(), &survey, &me_id)
            .await
            .unwrap(),
        "no participation recorded"
    );
    // In the resident's language.
    me.post_form("/prefs/lang", &[("lang", "en"), ("next", "/")]).await;
    let res = me.post_form(&path, &[("issue", "light")]).await;
    let page = me.get(location(&res).split('#').next().unwrap()).await.text().await.unwrap();
    assert!(
        words(&page).contains("Question 1 “您觉得所在社区安全吗？”: please answer."),
        "English message"
    );
    assert!(tongxin::surveys::store::responses::all(&app.db, &survey).await.unwrap().is_empty());
    let res = me.post_form(&path, &[("safe", "4"), ("issue", "noise"), ("note", "路灯坏了")]).await;
    assert!(location(&res).contains("notice=submitted"), "{}", location(&res));
    let stored = tongxin::surveys::store::responses::all(&app.db, &survey).await.unwrap();
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
    assert_eq!(tongxin::surveys::store::responses::all(&app.db, &survey).await.unwrap().len(), 1);
    // The page then says so, and offers no form.
    let page = me.get(&format!("/surveys/{survey}")).await.text().await.unwrap();
    assert!(page.contains("您已经提交过这份问卷"));
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
    assert!(tongxin::surveys::store::responses::all(&app.db, &survey).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_guest_who_signs_in_elsewhere_finds_the_answers_kept() {
    let app = spawn(true).await;
    let survey = published(&app.db, false, false).await;
    let guest = app.browser();
    let res = guest
        .post_form(
            &format!("/surveys/{survey}/answer"),
            &[("safe", "5"), ("note", "晚上巡逻多一些")],
        )
        .await;
    let to = location(&res);
    assert_eq!(to, format!("/surveys/{survey}/confirm?via=&community="));
    assert!(
        tongxin::surveys::store::responses::all(&app.db, &survey).await.unwrap().is_empty(),
        "nothing stored before sign-in"
    );
    // Instead of the confirmation screen, the resident signs in from 我的.
    guest.sign_in_phone(&app, "13800138004").await;
    guest.post_form("/me/consent", &[("accept", "yes"), ("next", "/me")]).await;
    guest.post_form("/me/community", &[("community", "449902002001")]).await;
    let page = guest.get(&format!("/surveys/{survey}?resume=1")).await.text().await.unwrap();
    assert!(page.contains("晚上巡逻多一些"), "the kept answer fills the form again");
    let res = guest
        .post_form(
            &format!("/surveys/{survey}/answer"),
            &[("safe", "5"), ("note", "晚上巡逻多一些")],
        )
        .await;
    assert!(location(&res).contains("notice=submitted"));
    let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM survey_drafts")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert_eq!(kept, 0, "kept answers are dropped once submitted");
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
    let pct = |p: f64| {
        latencies[((latencies.len() as f64 * p).ceil() as usize).min(latencies.len()) - 1]
            .as_secs_f64()
            * 1000.0
    };
    assert_eq!(tongxin::surveys::store::responses::all(&app.db, &survey).await.unwrap().len(), n);
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

#[tokio::test]
async fn the_data_export_holds_every_survey_taken_part_in_and_the_named_answers() {
    let app = spawn(true).await;
    let named = published(&app.db, false, false).await;
    let anonymous = published(&app.db, true, false).await;
    let me = neighbour(&app, "13800138031").await;
    for survey in [&named, &anonymous] {
        let form = [("safe", "4"), ("note", "楼道灯坏了")];
        let res = me.post_form(&format!("/surveys/{survey}/answer"), &form).await;
        assert!(location(&res).contains("notice=submitted"), "{}", location(&res));
    }
    let export: serde_json::Value = me.get("/me/export").await.json().await.unwrap();
    let taken = export["activities"]["surveys"].as_array().unwrap();
    assert_eq!(taken.len(), 2, "{export}");
    let of = |id: &str| taken.iter().find(|t| t["survey"] == id).unwrap().clone();
    assert_eq!(of(&named)["title"], "平安建设问卷");
    assert_eq!(of(&named)["answers"]["note"], "楼道灯坏了");
    assert_eq!(
        of(&anonymous)["answers"],
        serde_json::Value::Null,
        "anonymous answers are nobody's"
    );
}

/// Publishes a survey of 枫林's first community with `adjust` applied to its draft.
async fn survey_where(
    app: &crate::helpers::TestApp,
    adjust: impl FnOnce(&mut NewSurvey<'_>),
) -> String {
    let qs = questions();
    let now = chrono::Utc::now().timestamp();
    let mut new = draft(&qs, false, false, now - 60, now + 86_400);
    adjust(&mut new);
    let id = create(&app.db, new).await.unwrap();
    assert!(tongxin::surveys::service::lifecycle::publish(&app.db, &id).await.unwrap());
    id
}

#[tokio::test]
async fn eligibility_is_checked_through_http_and_a_refused_answer_leaves_no_trace() {
    let app = spawn(true).await;
    let now = chrono::Utc::now().timestamp();
    let open = survey_where(&app, |_| {}).await;
    let verified_only = survey_where(&app, |n| n.draft.verified_only = true).await;
    let not_yet = survey_where(&app, |n| {
        n.draft.opens_at = now + 3_600;
        n.draft.closes_at = now + 86_400;
    })
    .await;
    let closed = survey_where(&app, |_| {}).await;
    app.add_staff("jw", app::core::access::Role::Committee, "449902002001").await;
    let jw = app.staff("jw").await;
    assert!(app.staff_close(&jw, &closed).await);

    // A resident of a community in another district.
    let outsider = app.resident("13800138051").await;
    let res = outsider.post_form("/me/community", &[("community", "449901001001")]).await;
    assert_eq!(res.status(), 303);
    // An unverified resident of the survey's own community.
    let neighbour = neighbour(&app, "13800138052").await;

    let cases: [(&crate::helpers::Browser, &String, &str, &str); 4] = [
        (&outsider, &open, "resume=1", "这份问卷面向"),
        (&neighbour, &verified_only, "resume=1", "这份问卷仅限社区认证居民参加，请先申请认证。"),
        (&neighbour, &not_yet, "error=survey_closed", "问卷尚未开始"),
        (&neighbour, &closed, "error=survey_closed", "问卷已结束，这次提交没有保存。"),
    ];
    for (who, survey, outcome, says) in cases {
        let res = who.post_form(&format!("/surveys/{survey}/answer"), &[("safe", "4")]).await;
        let back = location(&res);
        assert_eq!(back, format!("/surveys/{survey}?{outcome}"), "{survey}");
        let page = who.get(&back).await.text().await.unwrap();
        assert!(page.contains(says), "{survey}: {says}");
        assert!(
            tongxin::surveys::store::responses::all(&app.db, survey).await.unwrap().is_empty(),
            "nothing stored for {survey}"
        );
    }
    let participants: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM survey_participants")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    let marks: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM participation_marks")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert_eq!((participants, marks), (0, 0), "no one has taken part");
    // The eligible neighbour is accepted, to show the cases above were refused for
    // their reason alone.
    let res = neighbour.post_form(&format!("/surveys/{open}/answer"), &[("safe", "4")]).await;
    assert_eq!(location(&res), format!("/surveys/{open}?notice=submitted"));
}
