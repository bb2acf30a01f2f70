use crate::helpers::spawn;
use app::index::model::{Edition, Methodology};
use tongxin::index::methodology::default_methodology;

#[tokio::test]
async fn serves_the_methodology_in_force() {
    let app = spawn(false).await;
    let res = app.get("/api/v1/methodology").await;
    assert_eq!(res.status(), 200);
    let m: Methodology = res.json().await.unwrap();
    assert_eq!(m, default_methodology(), "the shipped default is adopted on first start");
    assert_eq!(m.version, "2026.1");
    assert_eq!((m.dimensions.len(), m.indicators.len()), (14, 28));
    assert_eq!(m.dimensions_in(Edition::Daily).count(), 7);
}

#[tokio::test]
async fn serves_it_as_csv_and_refuses_unknown_formats() {
    let app = spawn(false).await;
    let res = app.get("/api/v1/methodology?format=csv").await;
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    let text = res.text().await.unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 29);
    assert!(lines[0].starts_with("version,dimension,"));
    assert!(text
        .contains("2026.1,public_security,治安指数,Public security,10,crime_reports,违法犯罪警情"));
    assert_eq!(app.get("/api/v1/methodology?format=pdf").await.status(), 400);
}

#[tokio::test]
async fn a_new_version_replaces_the_one_in_force() {
    let app = spawn(false).await;
    let mut m = default_methodology();
    m.version = "2027.1".into();
    m.dimensions[0].weight = 12.0;
    tongxin::index::store::methodology::adopt(&app.db, &m, "2027-01-01T00:00:00Z").await.unwrap();
    let got: Methodology = app.get("/api/v1/methodology").await.json().await.unwrap();
    assert_eq!(got, m);
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM methodologies")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert_eq!(count, 2, "older versions are kept for the scores they produced");
}
