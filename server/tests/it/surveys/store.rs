//! What storage promises: one response each under 200 concurrent submissions, replaced
//! answers and frozen questions, and no way to pair an anonymous response with its
//! resident in a dump.
use super::*;
use crate::helpers::spawn;
use app::surveys::model::Answer;
use std::collections::HashMap;
use tongxin::surveys::store::responses::Submitted;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_concurrent_submissions_by_one_resident_store_exactly_one() {
    let app = spawn(true).await;
    let survey = published(&app.db, true, false).await;
    let tasks: Vec<_> = (0..200)
        .map(|i| {
            let db = app.db.clone();
            let survey = survey.clone();
            tokio::spawn(async move {
                super::submit(
                    &db,
                    &survey,
                    who("resident-1"),
                    &answers(&(1 + i % 5).to_string(), &format!("第 {i} 次")),
                )
                .await
            })
        })
        .collect();
    let mut outcomes = HashMap::new();
    for t in tasks {
        *outcomes.entry(format!("{:?}", t.await.unwrap().unwrap())).or_insert(0) += 1;
    }
    assert_eq!(outcomes.get("Stored"), Some(&1), "{outcomes:?}");
    assert_eq!(outcomes.get("AlreadyAnswered"), Some(&199), "{outcomes:?}");
    assert_eq!(tongxin::surveys::store::responses::all(&app.db, &survey).await.unwrap().len(), 1);
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM survey_participants")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert_eq!(n, 1);
}

#[tokio::test]
async fn named_editable_surveys_replace_and_published_questions_are_frozen() {
    let app = spawn(true).await;
    let survey = published(&app.db, false, true).await;
    assert_eq!(
        super::submit(&app.db, &survey, who("r"), &answers("2", "一")).await.unwrap(),
        Submitted::Stored
    );
    assert_eq!(
        super::submit(&app.db, &survey, who("r"), &answers("5", "二")).await.unwrap(),
        Submitted::Replaced
    );
    let stored = tongxin::surveys::store::responses::all(&app.db, &survey).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].answers.get("safe"), Some(&Answer::Number(5.0)));
    assert!(
        !tongxin::surveys::service::lifecycle::publish(&app.db, &survey).await.unwrap(),
        "a published survey is not published again"
    );
    assert_eq!(
        super::submit(&app.db, "nope", who("r"), &answers("5", "")).await.unwrap(),
        Submitted::NoSuchSurvey
    );
    // A draft takes no answers.
    let qs = questions();
    let unpublished =
        super::create(&app.db, draft(&qs, true, false, 0, i64::MAX / 2)).await.unwrap();
    assert_eq!(
        super::submit(&app.db, &unpublished, who("r"), &answers("5", "")).await.unwrap(),
        Submitted::NotOpen
    );
    // The store refuses an anonymous survey whose answers could be changed (they cannot be found again).
    let count = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM surveys")
            .fetch_one(app.db.reader())
            .await
            .unwrap()
    };
    let before = count().await;
    let bad = super::create(&app.db, draft(&qs, true, true, 0, 1)).await.unwrap_err();
    assert!(bad.to_string().contains("CHECK constraint failed"), "{bad}");
    assert_eq!(count().await, before, "nothing stored");
}

#[tokio::test]
async fn a_database_dump_cannot_pair_an_anonymous_response_with_its_resident() {
    let app = spawn(true).await;
    let survey = published(&app.db, true, false).await;
    // 40 residents, each with an answer that names them, submitted in order.
    let residents: Vec<String> = (0..40).map(|i| format!("resident-{i:02}")).collect();
    for (i, r) in residents.iter().enumerate() {
        let outcome = super::submit(
            &app.db,
            &survey,
            who(r),
            &answers(&(1 + i % 5).to_string(), &format!("answer-{i:02}")),
        )
        .await
        .unwrap();
        assert_eq!(outcome, Submitted::Stored);
    }
    let dump = app.dir.path().join("dump.db");
    app.db.backup(&dump).await.unwrap();
    let copy = sqlx::SqlitePool::connect(&format!("sqlite://{}", dump.display())).await.unwrap();

    // No column of the responses table refers to anyone; no table of taking part or
    // answering keeps any time; anonymous answers keep no area below the street.
    let named: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM survey_responses WHERE resident_id IS NOT NULL \
         OR community_code IS NOT NULL OR via_community IS NOT NULL",
    )
    .fetch_one(&copy)
    .await
    .unwrap();
    assert_eq!(named, 0, "anonymous responses carry no resident, community or link");
    for table in ["survey_responses", "survey_participants", "participation_marks"] {
        let cols: Vec<String> =
            sqlx::query_scalar(&format!("SELECT name FROM pragma_table_info('{table}')"))
                .fetch_all(&copy)
                .await
                .unwrap();
        assert!(!cols.is_empty(), "{table} exists");
        for c in &cols {
            assert!(!c.ends_with("_at") && c != "day", "{table}.{c}: no time is kept");
        }
    }
    let shared: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM pragma_table_info('survey_participants') WHERE name IN (SELECT name FROM pragma_table_info('survey_responses')) \
         AND name NOT IN ('survey_id', 'resident_id')",
    )
    .fetch_all(&copy)
    .await
    .unwrap();
    assert!(shared.is_empty(), "{shared:?}");

    // Storage order: both tables read back in the order the file holds them. Pairing
    // them by position must do no better than chance (here: the submission order
    // would pair all 40; a random order pairs about one).
    let parts: Vec<String> = sqlx::query_scalar("SELECT resident_id FROM survey_participants")
        .fetch_all(&copy)
        .await
        .unwrap();
    let resps: Vec<String> =
        sqlx::query_scalar("SELECT answers FROM survey_responses").fetch_all(&copy).await.unwrap();
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
