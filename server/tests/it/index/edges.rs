//! The index at its edges: a month in progress is divided by the days it has had (and
//! by all its days once it ends); a changed population recomputes every score; a street
//! without data has no score, and says so in the API, the CSV and the ranking page.
use super::import::{city, day_csv, import, AREAS};
use super::reference::expected_street;
use crate::helpers::TestApp;
use app::index::model::{Frequency, Methodology, Unit};
use chrono::{Datelike, Duration, NaiveDate, Utc};
use serde_json::Value;
use std::collections::BTreeMap;
use tongxin::csv_import::ImportOutcome;

fn today_in_china() -> NaiveDate {
    (Utc::now() + Duration::hours(8)).date_naive()
}

/// Counts that put every daily rate indicator halfway between its goalposts for one
/// day of `population`: any other divisor moves the scores.
fn halfway(m: &Methodology, population: f64) -> BTreeMap<&str, f64> {
    m.indicators
        .iter()
        .filter(|i| i.frequency == Frequency::Daily && i.unit == Unit::Rate)
        .map(|i| (i.code.as_str(), ((i.best + i.worst) / 2.0 * population / 10_000.0).round()))
        .collect()
}

/// A street's score in an edition, through the open-data API.
async fn api_score(app: &TestApp, edition: &str, period: &str, area: &str) -> Value {
    let key = if edition == "monthly" { "month" } else { "date" };
    let level = if area.starts_with('S') { "street" } else { "district" };
    let body: Value =
        app.json(&format!("/api/v1/index/{edition}?{key}={period}&level={level}")).await;
    let rows = body["areas"].as_array().unwrap();
    rows.iter().find(|r| r["area_code"] == area).unwrap()["score"].clone()
}

fn expected(m: &Methodology, monthly: bool, pop: f64, days: f64, c: &BTreeMap<&str, f64>) -> f64 {
    let obs = c.iter().map(|(k, v)| (k.to_string(), *v)).collect();
    expected_street(m, monthly, pop, days, &obs).0.unwrap()
}

/// As [`assert_close`] on the API's score, for a change made behind the server's back
/// (a service call): pages and the API re-read the data's revision at most once a
/// second, so the new score shows within a few seconds.
async fn assert_score(
    app: &TestApp,
    edition: &str,
    period: &str,
    area: &str,
    want: f64,
    what: &str,
) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let got = api_score(app, edition, period, area).await;
        if got.as_f64().is_some_and(|g| (g - want).abs() < 1e-6)
            || std::time::Instant::now() > deadline
        {
            return assert_close(&got, want, what);
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

fn assert_close(got: &Value, want: f64, what: &str) {
    let got = got.as_f64().unwrap_or_else(|| panic!("{what}: no score ({got})"));
    assert!((got - want).abs() < 1e-6, "{what}: {got} vs {want}");
}

#[tokio::test]
async fn a_month_in_progress_is_divided_by_the_days_it_has_had_and_an_ended_one_by_all() {
    let (app, m) = city().await;
    let today = today_in_china();
    let first = today.with_day(1).unwrap();
    let month = first.format("%Y-%m").to_string();
    let counts = halfway(&m, 10_000.0);
    let csv = format!(
        "period,area_code,indicator,value\n{}",
        day_csv(&m, &first.to_string(), "S1", &counts)
    );
    assert!(matches!(import(&app, &csv).await, ImportOutcome::Applied { .. }));
    // Only the 1st has data: the month so far is one day long.
    let got = api_score(&app, "monthly", &month, "S1").await;
    assert_close(&got, expected(&m, true, 10_000.0, 1.0, &counts), "month in progress");
    let whole = expected(&m, true, 10_000.0, month_days(first) as f64, &counts);
    assert!((got.as_f64().unwrap() - whole).abs() > 1.0, "dividing by the whole month differs");

    // A month that has ended counts all its days, even when its data stops early.
    let before = (first - Duration::days(40)).with_day(1).unwrap();
    let csv = format!(
        "period,area_code,indicator,value\n{}",
        day_csv(&m, &before.to_string(), "S1", &counts)
    );
    assert!(matches!(import(&app, &csv).await, ImportOutcome::Applied { .. }));
    let got = api_score(&app, "monthly", &before.format("%Y-%m").to_string(), "S1").await;
    let days = month_days(before) as f64;
    assert_close(&got, expected(&m, true, 10_000.0, days, &counts), "ended month");

    // Once the month in progress ends, its edition is recomputed over all its days, once.
    let next = first + Duration::days(month_days(first) as i64);
    let settled = tongxin::index::service::settle_last_month(&app.db, next).await.unwrap();
    assert_eq!(settled.map(|p| p.to_string()), Some(month.clone()));
    assert_score(&app, "monthly", &month, "S1", whole, "settled month").await;
    assert_eq!(tongxin::index::service::settle_last_month(&app.db, next).await.unwrap(), None);
}

fn month_days(d: NaiveDate) -> u32 {
    app::index::rules::periods::days_in_month(d.year(), d.month())
}

#[tokio::test]
async fn a_changed_population_in_an_areas_import_recomputes_every_score() {
    let (app, m) = city().await;
    let day = (today_in_china() - Duration::days(45)).to_string();
    let (c1, c2) = (halfway(&m, 10_000.0), halfway(&m, 30_000.0));
    let csv = format!(
        "period,area_code,indicator,value\n{}{}",
        day_csv(&m, &day, "S1", &c1),
        day_csv(&m, &day, "S2", &c2)
    );
    assert!(matches!(import(&app, &csv).await, ImportOutcome::Applied { .. }));
    let e1 = expected(&m, false, 10_000.0, 1.0, &c1);
    assert_close(&api_score(&app, "daily", &day, "S1").await, e1, "before");

    // Street One now has twice the residents: half the rates, a different score, and
    // twice the weight in its district.
    let areas = AREAS.replace("Street One,10000", "Street One,20000");
    let imported = tongxin::areas::service::import_csv(&app.db, areas.as_bytes()).await.unwrap();
    assert!(matches!(imported, ImportOutcome::Applied { .. }));
    let (n1, n2) =
        (expected(&m, false, 20_000.0, 1.0, &c1), expected(&m, false, 30_000.0, 1.0, &c2));
    assert!((n1 - e1).abs() > 1.0, "the population matters to this score");
    assert_score(&app, "daily", &day, "S1", n1, "daily street").await;
    let district = (20_000.0 * n1 + 30_000.0 * n2) / 50_000.0;
    assert_score(&app, "daily", &day, "D1", district, "daily district").await;
    let month = &day[..7];
    let days = month_days(NaiveDate::parse_from_str(&day, "%Y-%m-%d").unwrap()) as f64;
    let monthly = expected(&m, true, 20_000.0, days, &c1);
    assert_score(&app, "monthly", month, "S1", monthly, "monthly street").await;
}

#[tokio::test]
async fn a_street_without_data_has_no_score_in_the_api_the_csv_and_the_page() {
    let (app, m) = city().await;
    let day = (today_in_china() - Duration::days(3)).to_string();
    let counts = halfway(&m, 10_000.0);
    let csv = format!("period,area_code,indicator,value\n{}", day_csv(&m, &day, "S1", &counts));
    assert!(matches!(import(&app, &csv).await, ImportOutcome::Applied { .. }));

    let body: Value = app.json(&format!("/api/v1/index/daily?date={day}&level=street")).await;
    let rows = body["areas"].as_array().unwrap();
    let codes: Vec<&str> = rows.iter().map(|r| r["area_code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["S1", "S2", "S3"], "scored streets first, then the others by code");
    assert_close(&rows[0]["score"], expected(&m, false, 10_000.0, 1.0, &counts), "S1");
    assert_eq!(rows[0]["rank"], 1);
    for r in &rows[1..] {
        assert!(r["score"].is_null(), "{r}");
        assert!(r["rank"].is_null() && r["grade"].is_null(), "{r}");
        assert_eq!(r["coverage"], 0.0, "{r}");
    }

    let csv = app
        .get(&format!("/api/v1/index/daily?date={day}&level=street&format=csv"))
        .await
        .text()
        .await
        .unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 3);
    for rec in &records[1..] {
        assert_eq!(&rec[col("score")], "", "{rec:?}");
        assert_eq!(&rec[col("rank")], "", "{rec:?}");
        assert_eq!(&rec[col("grade")], "", "{rec:?}");
    }

    // The ranking page lists Street Two with "no data", not a score or a grade.
    let (status, html) = app.page(&format!("/index?date={day}&level=street"), Some("en")).await;
    assert_eq!(status, 200);
    let row = html
        .split("<li")
        .find(|li| li.contains("Street Two"))
        .unwrap_or_else(|| panic!("no row for Street Two in {html}"));
    assert!(row.contains("Not enough data"), "{row}");
    assert!(!["Excellent", "Good", "Steady", "Poor"].iter().any(|g| row.contains(g)), "{row}");
}
