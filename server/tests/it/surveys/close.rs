//! Closing the city's monthly survey feeds the index.
use super::*;
use crate::helpers::spawn;
use app::surveys::model::SurveyKind;
use tongxin::db::Db;
use tongxin::surveys::store::responses::{Respondent, Submitted};
use tongxin::surveys::store::surveys::NewSurvey;

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
    let month: String =
        sqlx::query_scalar("SELECT MAX(period) FROM scores WHERE edition = 'monthly'")
            .fetch_one(db.reader())
            .await
            .unwrap();
    let (fenglin, hubin) = ("449902002", "449901001");
    let before = |street: &'static str, indicator: &'static str| {
        let month = month.clone();
        async move {
            scalar_f64(db, "SELECT value FROM observations WHERE period = ? AND area_code = ? AND indicator = ?", &[&month, street, indicator]).await
        }
    };
    let score_sql =
        "SELECT score FROM scores WHERE edition = 'monthly' AND period = ? AND area_code = ?";
    let fenglin_score =
        scalar_f64(db, score_sql, &[&month, fenglin]).await.expect("a monthly score");
    let city_score = scalar_f64(db, score_sql, &[&month, "449900"]).await.expect("a city score");
    let hubin_rating = before(hubin, "resident_rating").await;

    let qs = questions();
    let now = chrono::Utc::now().timestamp();
    let mut new = NewSurvey {
        kind: SurveyKind::CityMonthly,
        month: Some(&month),
        ..draft(&qs, true, false, now - 60, now + 86_400)
    };
    new.draft.area_code = "449900";
    let survey = super::create(db, new).await.unwrap();
    assert!(tongxin::surveys::service::lifecycle::publish(db, &survey).await.unwrap());
    // 枫林: 40 responses, 10 of them feeling safe (4–5); 湖滨: 29, below the threshold.
    for i in 0..40 {
        let r = format!("fenglin-{i}");
        let who = Respondent {
            resident_id: &r,
            community_code: None,
            street_code: Some(fenglin),
            via_community: None,
        };
        let safe = if i < 10 { "5" } else { "2" };
        assert_eq!(
            super::submit(db, &survey, who, &answers(safe, "")).await.unwrap(),
            Submitted::Stored
        );
    }
    for i in 0..29 {
        let r = format!("hubin-{i}");
        let who = Respondent {
            resident_id: &r,
            community_code: None,
            street_code: Some(hubin),
            via_community: None,
        };
        super::submit(db, &survey, who, &answers("5", "")).await.unwrap();
    }
    let written = tongxin::surveys::service::lifecycle::close(
        db,
        &survey,
        app::surveys::rules::feed::MIN_RESPONSES,
    )
    .await
    .unwrap();
    assert_eq!(written, Some(2), "both indicators for 枫林 only");

    assert_eq!(before(fenglin, "resident_rating").await, Some(25.0));
    let population: i64 = sqlx::query_scalar("SELECT population FROM areas WHERE code = ?")
        .bind(fenglin)
        .fetch_one(db.reader())
        .await
        .unwrap();
    let rate = before(fenglin, "participation_rate").await.unwrap();
    assert!((rate - 40_000.0 / population as f64).abs() < 1e-9, "{rate}");
    assert_eq!(before(hubin, "resident_rating").await, hubin_rating, "29 responses change nothing");
    // The monthly index was recomputed: 25 % feeling safe is far below the demo's figures.
    let after = scalar_f64(db, score_sql, &[&month, fenglin]).await.unwrap();
    assert!(after < fenglin_score, "{after} < {fenglin_score}");
    let dims: String = sqlx::query_scalar(
        "SELECT dimensions FROM scores WHERE edition = 'monthly' AND period = ? AND area_code = ?",
    )
    .bind(&month)
    .bind(fenglin)
    .fetch_one(db.reader())
    .await
    .unwrap();
    assert!(dims.contains("co_building"), "{dims}");
    assert_ne!(
        scalar_f64(db, score_sql, &[&month, "449900"]).await.unwrap(),
        city_score,
        "the city's figure follows"
    );
    // Closed means closed.
    assert_eq!(
        super::submit(
            db,
            &survey,
            Respondent {
                resident_id: "late",
                community_code: None,
                street_code: Some(fenglin),
                via_community: None
            },
            &answers("5", "")
        )
        .await
        .unwrap(),
        Submitted::NotOpen
    );
    assert_eq!(
        tongxin::surveys::service::lifecycle::close(db, &survey, 30).await.unwrap(),
        None,
        "a closed survey is not closed again"
    );
}
