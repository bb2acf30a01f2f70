use crate::helpers::spawn;

#[tokio::test]
async fn healthz_answers_ok_while_the_database_answers() {
    let app = spawn(false).await;
    let res = app.get("/healthz").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    // The pool refuses new work at once; waiting for idle connections is bounded.
    let _ = tokio::time::timeout(std::time::Duration::from_secs(5), app.db.close()).await;
    let res = app.get("/healthz").await;
    assert_eq!(res.status(), 503);
}

#[tokio::test]
async fn refusals_are_never_cached() {
    let app = spawn(true).await;
    for (path, kind) in [
        ("/no-such-page", "text/html"),
        ("/index/area/000000", "text/html"),
        ("/staff", "text/html"),
        ("/api/v1/index/daily?date=2026-13-99", "application/json"),
    ] {
        let res = app.get(path).await;
        assert!(res.status().is_client_error(), "{path}: {}", res.status());
        assert_eq!(res.headers()["cache-control"], "no-store", "{path}");
        let ct = res.headers()["content-type"].to_str().unwrap().to_string();
        assert!(ct.starts_with(kind), "{path}: {ct}");
    }
}
