//! `/api/v1/index/*` on the demo city (two months of generated observations): every
//! score, at every level and in both editions, equals an independent computation of
//! DESIGN.md's formulas from `/api/v1/methodology`, `/api/v1/areas` and the stored
//! observations; ranks, grades, CSV and the 400s.
use super::reference::{expected_aggregate, expected_street, Scored};
use crate::helpers::{spawn, TestApp};
use app::core::areas::{Area, Level};
use app::index::model::Methodology;
use serde_json::Value;
use sqlx::Row;
use std::collections::BTreeMap;

async fn observations(
    app: &TestApp,
    monthly: bool,
    period: &str,
) -> BTreeMap<String, BTreeMap<String, f64>> {
    let rows = sqlx::query("SELECT area_code, indicator, value, period FROM observations WHERE period = ? OR (? AND period LIKE ?)")
        .bind(period)
        .bind(monthly)
        .bind(format!("{period}-%"))
        .fetch_all(app.db.reader())
        .await
        .unwrap();
    let mut out: BTreeMap<String, BTreeMap<String, f64>> = BTreeMap::new();
    for r in rows {
        *out.entry(r.get("area_code")).or_default().entry(r.get("indicator")).or_default() +=
            r.get::<f64, _>("value");
    }
    out
}

fn close(got: &Value, want: Option<f64>, what: &str) {
    match want {
        Some(w) => {
            assert!((got.as_f64().unwrap_or(f64::NAN) - w).abs() < 1e-6, "{what}: {got} vs {w}")
        }
        None => assert!(got.is_null(), "{what}: {got} should be null"),
    }
}

async fn check_edition(
    app: &TestApp,
    m: &Methodology,
    areas: &[Area],
    monthly: bool,
    period: &str,
    days: f64,
) {
    let obs = observations(app, monthly, period).await;
    let streets: Vec<&Area> = areas.iter().filter(|a| a.level == Level::Street).collect();
    let empty = BTreeMap::new();
    let mut expected: BTreeMap<String, Scored> = streets
        .iter()
        .map(|s| {
            (
                s.code.clone(),
                expected_street(
                    m,
                    monthly,
                    s.population as f64,
                    days,
                    obs.get(&s.code).unwrap_or(&empty),
                ),
            )
        })
        .collect();
    let within = |street: &Area, ancestor: &str| {
        street.parent_code.as_deref() == Some(ancestor)
            || areas.iter().any(|d| {
                Some(d.code.as_str()) == street.parent_code.as_deref()
                    && d.parent_code.as_deref() == Some(ancestor)
            })
    };
    for agg in areas.iter().filter(|a| matches!(a.level, Level::District | Level::City)) {
        let members: Vec<(f64, &Scored)> = streets
            .iter()
            .filter(|s| within(s, &agg.code))
            .map(|s| (s.population as f64, &expected[&s.code]))
            .collect();
        let e = expected_aggregate(&members);
        expected.insert(agg.code.clone(), e);
    }
    let (edition, key) = if monthly { ("monthly", "month") } else { ("daily", "date") };
    let mut seen = 0;
    for level in ["street", "district", "city"] {
        let body: Value =
            app.json(&format!("/api/v1/index/{edition}?{key}={period}&level={level}")).await;
        assert_eq!(body["methodology_version"], m.version.as_str());
        assert_eq!(body["period"], period);
        let rows = body["areas"].as_array().unwrap();
        let want_count = areas.iter().filter(|a| a.level.as_str() == level).count();
        assert_eq!(rows.len(), want_count, "{level}");
        let mut last_score = f64::INFINITY;
        for (i, row) in rows.iter().enumerate() {
            let code = row["area_code"].as_str().unwrap();
            let (score, dims) = &expected[code];
            close(&row["score"], *score, &format!("{edition} {period} {code}"));
            for (d, v) in dims {
                close(&row["dimensions"][d], *v, &format!("{edition} {period} {code} {d}"));
            }
            assert_eq!(row["dimensions"].as_object().unwrap().len(), dims.len());
            // Sorted best first; ranks follow the order; grades follow the score.
            let s = row["score"].as_f64().unwrap();
            assert!(s <= last_score);
            let rank = row["rank"].as_u64().unwrap() as usize;
            if s < last_score {
                assert_eq!(rank, i + 1);
            }
            last_score = s;
            let grade = if s >= 90.0 {
                "excellent"
            } else if s >= 80.0 {
                "good"
            } else if s >= 70.0 {
                "steady"
            } else {
                "poor"
            };
            assert_eq!(row["grade"], grade);
            seen += 1;
        }
    }
    assert_eq!(seen, areas.iter().filter(|a| a.level != Level::Community).count());
}

async fn latest(app: &TestApp, edition: &str) -> String {
    let body: Value = app.json(&format!("/api/v1/index/{edition}?level=city")).await;
    body["period"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn both_editions_at_every_level_equal_an_independent_computation() {
    let app = spawn(true).await;
    let m: Methodology = app.json("/api/v1/methodology").await;
    let areas: Vec<Area> = app.json("/api/v1/areas").await;
    let day = latest(&app, "daily").await;
    check_edition(&app, &m, &areas, false, &day, 1.0).await;
    // The latest monthly edition is the latest complete month, with all 14 dimensions.
    let month = latest(&app, "monthly").await;
    let (y, mo): (i32, u32) = (month[..4].parse().unwrap(), month[5..].parse().unwrap());
    let next = chrono::NaiveDate::from_ymd_opt(
        if mo == 12 { y + 1 } else { y },
        if mo == 12 { 1 } else { mo + 1 },
        1,
    )
    .unwrap();
    let days = next - chrono::NaiveDate::from_ymd_opt(y, mo, 1).unwrap();
    // Complete: its last day has data (on the 1st, yesterday was that last day).
    let latest_day = chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d").unwrap();
    assert!(latest_day >= next.pred_opt().unwrap(), "{month} is complete by {day}");
    check_edition(&app, &m, &areas, true, &month, days.num_days() as f64).await;
    // A day from the middle of the history too.
    let body: Value = app.json("/api/v1/index/series?area=449900&edition=daily").await;
    let points = body["points"].as_array().unwrap();
    assert_eq!(points.len(), 30, "the default series is the latest 30 days");
    assert_eq!(points.last().unwrap()["period"], day.as_str());
    let middle = points[10]["period"].as_str().unwrap().to_string();
    check_edition(&app, &m, &areas, false, &middle, 1.0).await;
}

#[tokio::test]
async fn series_match_the_editions_and_csv_matches_json() {
    let app = spawn(true).await;
    let day = latest(&app, "daily").await;
    let street = "449902002";
    let body: Value =
        app.json(&format!("/api/v1/index/series?area={street}&from=2020-01-01&to={day}")).await;
    let points = body["points"].as_array().unwrap();
    assert!(points.len() > 50, "two months and more of history: {}", points.len());
    // Every point equals that day's edition.
    for p in points.iter().rev().take(12) {
        let period = p["period"].as_str().unwrap();
        let ed: Value = app.json(&format!("/api/v1/index/daily?date={period}")).await;
        let row = ed["areas"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["area_code"] == street)
            .unwrap()
            .clone();
        assert_eq!(row["score"], p["score"]);
        assert_eq!(row["warning"], p["warning"]);
        assert_eq!(row["dimensions"], p["dimensions"]);
    }
    // The demo's supervised street has red days with warnings in its recent history.
    assert!(points.iter().any(|p| p["grade"] == "poor" && p["warning"] == true));

    // CSV: same rows, same numbers, one column per dimension.
    let json: Value = app.json(&format!("/api/v1/index/daily?date={day}")).await;
    let resp = app.get(&format!("/api/v1/index/daily?date={day}&format=csv")).await;
    assert_eq!(resp.status(), 200);
    assert!(resp.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let csv = resp.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert!(headers.iter().any(|h| h == "public_security"));
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let rows = json["areas"].as_array().unwrap();
    assert_eq!(records.len(), rows.len());
    for (rec, row) in records.iter().zip(rows) {
        let get = |name: &str| rec.get(headers.iter().position(|h| h == name).unwrap()).unwrap();
        assert_eq!(get("area_code"), row["area_code"].as_str().unwrap());
        // (serde_json's default float parsing may differ from Rust's by an ulp.)
        assert!(
            (get("score").parse::<f64>().unwrap() - row["score"].as_f64().unwrap()).abs() < 1e-9
        );
        assert_eq!(get("rank"), row["rank"].to_string());
        let ps = get("public_security").parse::<f64>().unwrap();
        assert!((ps - row["dimensions"]["public_security"].as_f64().unwrap()).abs() < 1e-9);
    }
    let series_csv = app
        .get(&format!("/api/v1/index/series?area={street}&format=csv"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(series_csv.lines().count(), 31, "header and 30 days");
}

#[tokio::test]
async fn bad_parameters_get_a_clear_400_in_the_requesters_language() {
    let app = spawn(true).await;
    let cases = [
        ("/api/v1/index/daily?date=2026-02-30", "date"),
        ("/api/v1/index/daily?date=yesterday", "date"),
        ("/api/v1/index/daily?level=community", "level"),
        ("/api/v1/index/daily?format=xml", "format"),
        ("/api/v1/index/monthly?month=2026-13", "month"),
        ("/api/v1/index/monthly?month=2026-11-01", "month"),
        ("/api/v1/index/series", "area"),
        ("/api/v1/index/series?area=449900&edition=weekly", "edition"),
        ("/api/v1/index/series?area=449900&from=2026-13", "from"),
        ("/api/v1/index/series?area=449900&edition=monthly&to=11/2026", "to"),
        ("/api/v1/index/monthly?month=0000-01", "month"),
        ("/api/v1/index/daily?date=", "date"),
        ("/api/v1/index/daily?level=", "level"),
        ("/api/v1/index/daily?date=%202026-11-01", "date"),
        ("/api/v1/areas?level=street%20", "level"),
        ("/api/v1/index/monthly?month=2026-01&month=2026-02", "month"),
        ("/api/v1/index/series?area=449900&area=449901", "area"),
        ("/api/v1/index/daily?format=", "format"),
        ("/api/v1/methodology?format=csv&format=csv", "format"),
    ];
    for (url, names) in cases {
        for (lang, marker) in [("zh-CN", "参数"), ("en", "")] {
            let resp =
                app.client.get(app.url(url)).header("accept-language", lang).send().await.unwrap();
            assert_eq!(resp.status(), 400, "{url}");
            let body: Value = resp.json().await.unwrap();
            assert_eq!(body["error"]["code"], "bad_parameter", "{url}");
            let msg = body["error"]["message"].as_str().unwrap();
            assert!(msg.contains(names), "{url}: {msg}");
            if lang == "zh-CN" {
                assert!(msg.contains(marker), "{url}: {msg}");
            }
        }
    }
    let resp = app.get("/api/v1/index/daily?date=2001-01-01").await;
    assert_eq!(resp.status(), 404);
    assert_eq!(resp.json::<Value>().await.unwrap()["error"]["code"], "no_scores");
    let resp = app.get("/api/v1/index/series?area=449901001001").await;
    assert_eq!(resp.status(), 404, "communities have no index");
}

#[tokio::test]
async fn series_bounds_take_days_or_months_and_long_or_empty_ranges_answer() {
    let app = spawn(true).await;
    let get = |q: &'static str| {
        let app = &app;
        async move {
            let resp = app.get(&format!("/api/v1/index/series?area=449900&{q}")).await;
            assert_eq!(resp.status(), 200, "{q}");
            resp.json::<Value>().await.unwrap()
        }
    };
    let body = get("from=2026-02&to=2026-02").await;
    assert_eq!(
        (body["from"].as_str(), body["to"].as_str()),
        (Some("2026-02-01"), Some("2026-02-28"))
    );
    let body = get("edition=monthly&from=2026-02-14&to=2026-03-01").await;
    assert_eq!((body["from"].as_str(), body["to"].as_str()), (Some("2026-02"), Some("2026-03")));
    // From after to: an empty range.
    let body = get("from=2026-11-10&to=2026-11-01").await;
    assert_eq!(body["points"].as_array().unwrap().len(), 0);
    // Longer than 3 700 periods: the latest 3 700, and `from` says where they start.
    let body = get("from=0001-01-01&to=2026-11-01").await;
    assert_eq!(body["from"], "2016-09-15");
    let body = get("edition=monthly&from=0001-01&to=2026-11").await;
    assert_eq!(body["from"], "1718-08");
}

#[tokio::test]
async fn the_openapi_document_describes_every_endpoint() {
    let app = spawn(true).await;
    let doc: Value = app.json("/api/v1/openapi.json").await;
    assert_eq!(doc["openapi"], "3.1.0");
    for path in tongxin::web::OPENAPI_PATHS {
        let op = &doc["paths"][path]["get"];
        assert!(op.is_object(), "{path}");
        // Served as described: the required parameters from their examples give a
        // 200 whose JSON has the fields the schema requires.
        let query: Vec<String> = op["parameters"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter(|p| p["required"] == true)
            .map(|p| {
                format!(
                    "{}={}",
                    p["name"].as_str().unwrap(),
                    p["schema"]["examples"][0].as_str().unwrap()
                )
            })
            .collect();
        let resp = app.get(&format!("/api/v1{path}?{}", query.join("&"))).await;
        assert_eq!(resp.status(), 200, "{path}");
        let body: Value = resp.json().await.unwrap();
        let schema = &op["responses"]["200"]["content"]["application/json"]["schema"];
        let schema = match schema["$ref"].as_str() {
            Some(r) => &doc["components"]["schemas"][r.trim_start_matches("#/components/schemas/")],
            None => schema,
        };
        let object = if body.is_array() { &body[0] } else { &body };
        let required = match schema["items"]["$ref"].as_str() {
            Some(r) => {
                &doc["components"]["schemas"][r.trim_start_matches("#/components/schemas/")]
                    ["required"]
            }
            None => &schema["required"],
        };
        for field in required.as_array().map(Vec::as_slice).unwrap_or_default() {
            assert!(
                object.get(field.as_str().unwrap()).is_some(),
                "{path}: no {field} in {object:.300}"
            );
        }
    }
}
