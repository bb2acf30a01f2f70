//! Server-rendered pages: language from the cookie, the demo notice, 404s, assets.
use crate::helpers::{areas, spawn};
use app::core::areas::Level;

#[tokio::test]
async fn home_is_chinese_by_default_and_english_by_cookie() {
    let app = spawn(true).await;
    let (status, html) = app.page("/", None).await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"<html lang="zh-CN""#));
    assert!(html.contains("同心市") && html.contains("演示数据"));
    for label in ["指数", "问卷", "微实事", "议事", "我的"] {
        assert!(html.contains(&format!("<span>{label}</span>")), "{label}");
    }
    let (_, html) = app.page("/", Some("en")).await;
    assert!(html.contains(r#"<html lang="en""#));
    assert!(html.contains("Tongxin City") && html.contains("Demo data"));
}

#[tokio::test]
async fn no_demo_notice_without_demo_data() {
    let app = spawn(false).await;
    let (status, html) = app.page("/", None).await;
    assert_eq!(status, 200);
    assert!(!html.contains("演示数据"));
}

#[tokio::test]
async fn every_shell_page_renders() {
    let app = spawn(true).await;
    let all = areas(&app.db).await;
    let community = all.iter().find(|a| a.level == Level::Community).unwrap();
    for path in ["/", "/areas", "/areas?q=%E9%87%91", "/surveys", "/projects", "/votes", "/me"] {
        let (status, html) = app.page(path, None).await;
        assert_eq!(status, 200, "{path}");
        assert!(html.contains(r#"id="main""#), "{path}");
    }
    let (status, html) = app.page(&format!("/areas/{}", community.code), None).await;
    assert_eq!(status, 200);
    assert!(html.contains(&community.name_zh));
    assert!(html.contains("设为我的社区"));
    // The server-side search (no JavaScript) lists matching communities.
    let (_, html) = app.page("/areas?q=Village", Some("en")).await;
    assert!(html.contains(" Village</span>"));
}

#[tokio::test]
async fn unknown_pages_and_areas_are_404_in_the_current_language() {
    let app = spawn(true).await;
    let (status, html) = app.page("/no/such/page", None).await;
    assert_eq!(status, 404);
    assert!(html.contains("页面不存在"));
    let (status, html) = app.page("/no/such/page", Some("en")).await;
    assert_eq!(status, 404);
    assert!(html.contains("Page not found"));
    let (status, html) = app.page("/areas/999999", Some("en")).await;
    assert_eq!(status, 404);
    assert!(html.contains("999999"));
}

#[tokio::test]
async fn chosen_area_shows_in_the_header() {
    let app = spawn(true).await;
    let community = areas(&app.db).await.into_iter().find(|a| a.level == Level::Community).unwrap();
    let res = app
        .client
        .get(app.url("/"))
        .header("cookie", format!("tx_area={}", community.code))
        .send()
        .await
        .unwrap();
    let html = res.text().await.unwrap();
    assert!(html.contains(&community.name_zh));
    // A cookie naming an unknown area is ignored.
    let res =
        app.client.get(app.url("/")).header("cookie", "tx_area=nowhere").send().await.unwrap();
    assert!(res.text().await.unwrap().contains("还没有选择您所在的社区"));
}

#[tokio::test]
async fn a_storage_failure_shows_the_error_page_in_the_residents_language() {
    let app = spawn(true).await;
    assert_eq!(app.page("/", None).await.0, 200);
    // The pool refuses new work at once; waiting for idle connections is bounded.
    let _ = tokio::time::timeout(std::time::Duration::from_secs(5), app.db.close()).await;
    // The area map is re-validated at most once a second.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let (status, html) = app.page("/", None).await;
    assert_eq!(status, 500);
    assert!(html.contains("出错了"), "{html}");
    let (status, html) = app.page("/areas", Some("en")).await;
    assert_eq!(status, 500);
    assert!(html.contains("Something went wrong"));
}

#[tokio::test]
async fn the_methodology_page_lists_every_indicator_in_both_languages() {
    let app = spawn(false).await;
    let (status, html) = app.page("/index/methodology", None).await;
    assert_eq!(status, 200);
    for text in
        ["指数如何计算", "治安指数", "违法犯罪警情", "市民打分", "版本 2026.1", "件/万人·日"]
    {
        assert!(html.contains(text), "{text}");
    }
    assert_eq!(html.matches(r#"class="indicator""#).count(), 28);
    let (_, html) = app.page("/index/methodology", Some("en")).await;
    for text in [
        "How the index is calculated",
        "Public security",
        "Crime reports",
        "best 0.1 per 10 000 residents per day",
    ] {
        assert!(html.contains(text), "{text}");
    }
}

#[tokio::test]
async fn index_pages_carry_the_published_scores_in_their_html() {
    let app = spawn(true).await;
    let ranking: serde_json::Value = app.get("/api/v1/index/daily").await.json().await.unwrap();
    let day = ranking["period"].as_str().unwrap();
    let (status, html) = app.page("/index", None).await;
    assert_eq!(status, 200);
    // Every street in rank order, its own row carrying its score to one decimal and its
    // grade in words, without any script.
    let mut last = 0;
    for row in ranking["areas"].as_array().unwrap() {
        let code = row["area_code"].as_str().unwrap();
        let start = format!(r#"data-code="{code}" class="rank-row""#);
        let at = html.find(&start).unwrap_or_else(|| panic!("{code} missing"));
        assert!(at > last, "{code} out of order");
        last = at;
        let own = &html[at..at + html[at..].find("</li>").unwrap()];
        let shown =
            format!(r#"<span class="grade-score">{:.1}</span>"#, row["score"].as_f64().unwrap());
        let grade = match row["grade"].as_str().unwrap() {
            "excellent" => "优秀",
            "good" => "良好",
            "steady" => "平稳",
            _ => "较差",
        };
        let label = format!(r#"<span class="grade-label">{grade}</span>"#);
        assert!(own.contains(&shown) && own.contains(&label), "{code}: {shown} {label} in {own}");
    }
    assert!(html.contains(day), "{day}");
    let monthly: serde_json::Value = app.get("/api/v1/index/monthly").await.json().await.unwrap();
    let fenglin =
        monthly["areas"].as_array().unwrap().iter().find(|a| a["area_code"] == "449902002");
    let score = fenglin.unwrap()["score"].as_f64().unwrap();
    let (status, html) = app.page("/index/area/449902002?edition=monthly", Some("en")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Fenglin Subdistrict") && html.contains("data-chart="));
    let hero = &html[html.find(r#"index-hero""#).expect("the hero")..];
    let hero = &hero[..hero.find("</section>").unwrap()];
    assert!(hero.contains(&format!(r#"<span class="grade-score">{score:.1}</span>"#)), "{hero}");
    // Bad and missing periods, unknown areas: clear statuses, in the visitor's language.
    assert_eq!(app.page("/index?date=2026-02-30", None).await.0, 400);
    let (status, html) = app.page("/index?date=2001-01-01", None).await;
    assert_eq!(status, 404);
    assert!(html.contains("2001-01-01 尚未发布指数"));
    assert_eq!(
        app.page("/index/area/449901001001", None).await.0,
        404,
        "communities have no index"
    );
    assert_eq!(app.page("/index/area/nope", Some("en")).await.0, 404);
}
