//! The import against a live database: concurrent imports queue on the single writer
//! instead of failing, and the web server sees a CLI import within a second.
use crate::helpers::{areas, spawn};
use app::core::areas::Area;
use tongxin::csv_import::ImportOutcome;

#[tokio::test]
async fn concurrent_imports_all_apply() {
    let app = spawn(true).await;
    let before = areas(&app.db).await.len();
    let revision = tongxin::db::meta::revision(&app.db).await.unwrap();
    let street = areas(&app.db)
        .await
        .into_iter()
        .find(|a| a.level == app::core::areas::Level::Street)
        .unwrap();
    let mut tasks = Vec::new();
    for i in 0..20 {
        let db = app.db.clone();
        let csv = format!(
            "code,parent_code,level,name_zh,name_en,population\nT{i},{},community,测试{i}社区,Test {i},10\n",
            street.code
        );
        tasks.push(tokio::spawn(async move {
            tongxin::areas::service::import_csv(&db, csv.as_bytes()).await
        }));
    }
    for t in tasks {
        assert!(matches!(
            t.await.unwrap().unwrap(),
            ImportOutcome::Applied { inserted: 1, updated: 0 }
        ));
    }
    assert_eq!(areas(&app.db).await.len(), before + 20);
    assert_eq!(
        tongxin::db::meta::revision(&app.db).await.unwrap(),
        revision + 20,
        "one revision per import"
    );
}

#[tokio::test]
async fn pages_and_api_see_an_import_made_by_another_process() {
    let app = spawn(true).await;
    let street = areas(&app.db)
        .await
        .into_iter()
        .find(|a| a.level == app::core::areas::Level::Street)
        .unwrap();
    // Warm the cache.
    let _: Vec<Area> = app.get("/api/v1/areas").await.json().await.unwrap();
    // Another connection (as the CLI would) adds a community.
    let other = crate::helpers::open(app.dir.path()).await;
    let csv = format!(
        "code,parent_code,level,name_zh,name_en,population\nNEW1,{},community,新来社区,Xinlai,10\n",
        street.code
    );
    assert!(matches!(
        tongxin::areas::service::import_csv(&other, csv.as_bytes()).await.unwrap(),
        ImportOutcome::Applied { .. }
    ));
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let html = app.get(&format!("/areas/{}", street.code)).await.text().await.unwrap();
    assert!(html.contains("新来社区"));
}
