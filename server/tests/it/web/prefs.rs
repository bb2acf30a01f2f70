//! The preference forms: cookies set on good input, nothing set on bad input.
use crate::helpers::{areas, spawn};
use app::core::areas::Level;

#[tokio::test]
async fn language_form_sets_a_lax_httponly_cookie_and_redirects_back() {
    let app = spawn(false).await;
    let res = app.post_form("/prefs/lang", &[("lang", "en"), ("next", "/areas?q=金")]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/areas?q=%E9%87%91");
    let cookie = res.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("tx_lang=en;"), "{cookie}");
    for attr in ["Path=/", "SameSite=Lax", "HttpOnly", "Max-Age="] {
        assert!(cookie.contains(attr), "{cookie}");
    }
}

#[tokio::test]
async fn redirects_never_leave_the_site() {
    let app = spawn(false).await;
    for next in ["//evil.example/", "https://evil.example/", "/\\evil.example"] {
        let res = app.post_form("/prefs/lang", &[("lang", "en"), ("next", next)]).await;
        assert_eq!(res.headers()["location"], "/", "{next}");
    }
}

#[tokio::test]
async fn bad_input_is_refused_in_the_residents_language_and_sets_nothing() {
    let app = spawn(true).await;
    let res = app.post_form("/prefs/lang", &[("lang", "fr"), ("next", "/")]).await;
    assert_eq!(res.status(), 400);
    assert!(res.headers().get("set-cookie").is_none());
    let res = app
        .client
        .post(app.url("/prefs/area"))
        .header("cookie", "tx_lang=en")
        .form(&[("area", "nowhere"), ("next", "/")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert!(res.headers().get("set-cookie").is_none());
    // A form post is answered with a page (the open-data API answers JSON).
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    let body = res.text().await.unwrap();
    assert!(
        body.contains("<h1>There is no area with the code &quot;nowhere&quot;.</h1>"),
        "{body}"
    );
}

#[tokio::test]
async fn area_form_remembers_a_real_community() {
    let app = spawn(true).await;
    let community = areas(&app.db).await.into_iter().find(|a| a.level == Level::Community).unwrap();
    let res = app.post_form("/prefs/area", &[("area", &community.code), ("next", "/")]).await;
    assert_eq!(res.status(), 303);
    let cookie = res.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with(&format!("tx_area={};", community.code)), "{cookie}");
}

#[tokio::test]
async fn senior_mode_is_remembered_across_pages_like_the_language_and_bad_values_set_nothing() {
    let app = spawn(true).await;
    let b = app.browser();
    let (_, plain) = b.page("/", None).await;
    assert!(plain.starts_with("<!DOCTYPE html><html lang=\"zh-CN\""), "{}", &plain[..80]);
    assert!(!plain.contains("class=\"elder\""), "standard by default");
    assert!(plain.contains(
        "aria-pressed=\"false\" class=\"lang-button elder-button\"><span>长辈模式</span>"
    ));

    let res = b.post_form("/prefs/elder", &[("elder", "1"), ("next", "/index")]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/index");
    let cookie = res.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("tx_elder=1;") && cookie.contains("Max-Age="), "{cookie}");
    for page in ["/", "/index", "/surveys", "/me", "/index/methodology"] {
        let html = b.get(page).await.text().await.unwrap();
        assert!(html.contains("<html lang=\"zh-CN\" class=\"elder\">"), "{page}");
        assert!(
            html.contains(
                "aria-pressed=\"true\" class=\"lang-button elder-button\"><span>长辈模式</span>"
            ),
            "{page}"
        );
    }
    // 我的 offers it too, pressed.
    let me = b.get("/me").await.text().await.unwrap();
    assert!(me.contains("id=\"elder-h\""));

    for bad in ["2", "on", ""] {
        let res = b.post_form("/prefs/elder", &[("elder", bad), ("next", "/")]).await;
        assert_eq!(res.status(), 400, "{bad:?}");
        assert!(res.headers().get("set-cookie").is_none());
    }
    let res = b.post_form("/prefs/elder", &[("elder", "0"), ("next", "/")]).await;
    assert!(res.headers()["set-cookie"].to_str().unwrap().starts_with("tx_elder=0;"));
    let html = b.get("/").await.text().await.unwrap();
    assert!(
        !html.contains("class=\"elder\"")
            && html.contains(
                "aria-pressed=\"false\" class=\"lang-button elder-button\"><span>长辈模式"
            )
    );
}
