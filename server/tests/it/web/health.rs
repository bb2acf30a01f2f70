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
