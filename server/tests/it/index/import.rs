//! The observations import against a real database: scores for streets, districts and
//! the city equal an independent computation of DESIGN.md's formulas; a rejected file
//! leaves no trace; rows replace rows; warnings are flagged.
use super::reference::expected_street;
use crate::helpers::{spawn, TestApp};
use app::index::model::{Frequency, Methodology};
use sqlx::Row;
use std::collections::BTreeMap;
use tongxin::csv_import::ImportOutcome;

pub const AREAS: &str = "code,parent_code,level,name_zh,name_en,population\n\
C,,city,测试市,Test City,90000\n\
D1,C,district,甲区,District One,40000\n\
D2,C,district,乙区,District Two,50000\n\
S1,D1,street,一街道,Street One,10000\n\
S2,D1,street,二街道,Street Two,30000\n\
S3,D2,street,三街道,Street Three,50000\n";

pub async fn city() -> (TestApp, Methodology) {
    let app = spawn(false).await;
    assert!(matches!(
        tongxin::areas::service::import_csv(&app.db, AREAS.as_bytes()).await.unwrap(),
        ImportOutcome::Applied { .. }
    ));
    let m: Methodology = app.get("/api/v1/methodology").await.json().await.unwrap();
    (app, m)
}

pub async fn import(app: &TestApp, csv: &str) -> ImportOutcome {
    tongxin::index::service::import_csv(&app.db, csv.as_bytes(), None, &|_| {}).await.unwrap()
}

/// A street's daily score by the reference formulas.
fn expected_daily(m: &Methodology, population: f64, counts: &BTreeMap<&str, f64>) -> Option<f64> {
    let obs = counts.iter().map(|(k, v)| (k.to_string(), *v)).collect();
    expected_street(m, false, population, 1.0, &obs).0
}

async fn score(
    app: &TestApp,
    edition: &str,
    period: &str,
    area: &str,
) -> (Option<f64>, bool, String) {
    let row = sqlx::query("SELECT score, warning, methodology_version FROM scores WHERE edition = ? AND period = ? AND area_code = ?")
        .bind(edition)
        .bind(period)
        .bind(area)
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    (row.get("score"), row.get::<i64, _>("warning") != 0, row.get("methodology_version"))
}

pub fn day_csv(m: &Methodology, day: &str, street: &str, counts: &BTreeMap<&str, f64>) -> String {
    let mut csv = String::new();
    for i in m.indicators.iter().filter(|i| i.frequency == Frequency::Daily) {
        if let Some(c) = counts.get(i.code.as_str()) {
            csv.push_str(&format!("{day},{street},{},{c}\n", i.code));
        }
    }
    csv
}

#[tokio::test]
async fn scores_equal_an_independent_computation_at_every_level() {
    let (app, m) = city().await;
    let daily: Vec<&str> = m
        .indicators
        .iter()
        .filter(|i| i.frequency == Frequency::Daily)
        .map(|i| i.code.as_str())
        .collect();
    // Different counts per street, one indicator missing for S3.
    let counts = |k: f64, skip: Option<&str>| -> BTreeMap<&str, f64> {
        daily
            .iter()
            .enumerate()
            .filter(|(_, c)| Some(**c) != skip)
            .map(|(n, c)| (*c, ((n as f64 * k) % 7.0).floor()))
            .collect()
    };
    let (c1, c2, c3) = (counts(1.0, None), counts(3.0, None), counts(5.0, Some("fire_alarms")));
    let mut csv = String::from("period,area_code,indicator,value\n");
    csv += &day_csv(&m, "2026-11-20", "S1", &c1);
    csv += &day_csv(&m, "2026-11-20", "S2", &c2);
    csv += &day_csv(&m, "2026-11-20", "S3", &c3);
    let rows = csv.lines().count() - 1;
    assert!(
        matches!(import(&app, &csv).await, ImportOutcome::Applied { inserted, updated: 0 } if inserted == rows)
    );

    let (e1, e2, e3) = (
        expected_daily(&m, 10_000.0, &c1).unwrap(),
        expected_daily(&m, 30_000.0, &c2).unwrap(),
        expected_daily(&m, 50_000.0, &c3).unwrap(),
    );
    let close = |got: Option<f64>, want: f64| {
        assert!((got.unwrap() - want).abs() < 1e-6, "{got:?} vs {want}")
    };
    close(score(&app, "daily", "2026-11-20", "S1").await.0, e1);
    close(score(&app, "daily", "2026-11-20", "S2").await.0, e2);
    close(score(&app, "daily", "2026-11-20", "S3").await.0, e3);
    close(
        score(&app, "daily", "2026-11-20", "D1").await.0,
        (10_000.0 * e1 + 30_000.0 * e2) / 40_000.0,
    );
    close(score(&app, "daily", "2026-11-20", "D2").await.0, e3);
    close(
        score(&app, "daily", "2026-11-20", "C").await.0,
        (10_000.0 * e1 + 30_000.0 * e2 + 50_000.0 * e3) / 90_000.0,
    );
    assert_eq!(
        score(&app, "daily", "2026-11-20", "C").await.2,
        m.version,
        "scores record their methodology"
    );
    // The month's edition exists too, from the same counts over 30 days.
    assert!(score(&app, "monthly", "2026-11", "S1").await.0.is_some());
}

#[tokio::test]
async fn a_rejected_file_leaves_no_trace_and_rows_replace_rows() {
    let (app, _) = city().await;
    let good = "period,area_code,indicator,value\n2026-11-20,S1,crime_reports,0\n2026-11-20,S1,hotline_12345,10\n2026-11-20,S1,traffic_accidents,1\n2026-11-20,S1,city_incidents,3\n";
    assert!(matches!(import(&app, good).await, ImportOutcome::Applied { inserted: 4, updated: 0 }));
    let count = |table: &'static str| {
        let db = app.db.clone();
        async move {
            sqlx::query_scalar::<_, i64>(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(db.reader())
                .await
                .unwrap()
        }
    };
    let (obs, scores) = (count("observations").await, count("scores").await);
    let before = score(&app, "daily", "2026-11-20", "S1").await;

    let bad = "period,area_code,indicator,value\n2026-11-21,S1,crime_reports,5\n2026-11-20,S1,crime_reports,9\n2026-11-21,S9,crime_reports,1\n";
    match import(&app, bad).await {
        ImportOutcome::Rejected(p) => {
            assert_eq!(p.iter().map(|p| p.line).collect::<Vec<_>>(), [Some(4)])
        }
        other => panic!("{other:?}"),
    }
    assert_eq!((count("observations").await, count("scores").await), (obs, scores));
    assert_eq!(score(&app, "daily", "2026-11-20", "S1").await, before);

    // A row for an existing (period, area, indicator) replaces it and moves the score.
    let worse = "period,area_code,indicator,value\n2026-11-20,S1,crime_reports,9\n";
    assert!(matches!(
        import(&app, worse).await,
        ImportOutcome::Applied { inserted: 0, updated: 1 }
    ));
    assert!(score(&app, "daily", "2026-11-20", "S1").await.0.unwrap() < before.0.unwrap());
}

#[tokio::test]
async fn a_bad_day_raises_a_warning_and_a_good_one_does_not() {
    let (app, m) = city().await;
    let zero: BTreeMap<&str, f64> = m
        .indicators
        .iter()
        .filter(|i| i.frequency == Frequency::Daily)
        .map(|i| (i.code.as_str(), 0.0))
        .collect();
    let mut awful = zero.clone();
    for v in awful.values_mut() {
        *v = 50.0;
    }
    let mut csv = String::from("period,area_code,indicator,value\n");
    csv += &day_csv(&m, "2026-11-19", "S1", &zero);
    csv += &day_csv(&m, "2026-11-20", "S1", &awful);
    assert!(matches!(import(&app, &csv).await, ImportOutcome::Applied { .. }));
    let (good, good_warn, _) = score(&app, "daily", "2026-11-19", "S1").await;
    let (bad, bad_warn, _) = score(&app, "daily", "2026-11-20", "S1").await;
    assert_eq!(good, Some(100.0));
    assert!(!good_warn);
    assert!(bad.unwrap() < 70.0);
    assert!(bad_warn);
}
