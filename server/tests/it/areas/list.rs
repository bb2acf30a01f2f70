use crate::helpers::{areas, spawn};
use app::core::areas::{Area, Level};
use tongxin::csv_import::ImportOutcome;

#[tokio::test]
async fn lists_every_area_as_json() {
    let app = spawn(true).await;
    let res = app.get("/api/v1/areas").await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("application/json"));
    let list: Vec<Area> = res.json().await.unwrap();
    assert_eq!(list, areas(&app.db).await);
    let count = |l: Level| list.iter().filter(|a| a.level == l).count();
    assert_eq!((count(Level::City), count(Level::District), count(Level::Street)), (1, 5, 25));
    assert!(count(Level::Community) >= 200);
}

#[tokio::test]
async fn filters_by_level() {
    let app = spawn(true).await;
    let list: Vec<Area> = app.get("/api/v1/areas?level=street").await.json().await.unwrap();
    assert_eq!(list.len(), 25);
    assert!(list.iter().all(|a| a.level == Level::Street));
}

#[tokio::test]
async fn csv_export_imports_unchanged_into_an_empty_database() {
    let app = spawn(true).await;
    let res = app.get("/api/v1/areas?format=csv").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    let csv = res.bytes().await.unwrap();
    assert!(csv.starts_with(b"code,parent_code,level,name_zh,name_en,population\n"));

    let other = spawn(false).await;
    match tongxin::areas::service::import_csv(&other.db, &csv).await.unwrap() {
        ImportOutcome::Applied { inserted, updated } => {
            assert_eq!((inserted, updated), (areas(&app.db).await.len(), 0))
        }
        ImportOutcome::Rejected(p) => panic!("rejected: {p:?}"),
    }
    assert_eq!(areas(&other.db).await, areas(&app.db).await);
}

#[tokio::test]
async fn bad_parameters_get_a_400_with_a_json_error_in_the_requesters_language() {
    let app = spawn(true).await;
    for (query, lang, text) in [
        ("format=xml", "zh-CN", "请求无效"),
        ("format=xml", "en", "Invalid request"),
        ("level=province", "en", "level"),
        ("format=", "en", "Parameter format must not be empty or padded with spaces."),
        ("level=city&level=district", "zh-CN", "参数 level 只能出现一次。"),
        ("format=csv&format=json", "en", "Parameter format may appear only once."),
    ] {
        let res = app
            .client
            .get(app.url(&format!("/api/v1/areas?{query}")))
            .header("accept-language", lang)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 400, "{query}");
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body["error"]["code"], "bad_parameter");
        assert!(body["error"]["message"].as_str().unwrap().contains(text), "{body}");
    }
}
