//! Sign-in with WeChat (against a fake WeChat on loopback), and linking it with a phone.
use super::*;
use crate::helpers::{spawn_with, TestApp};
use serde_json::Value;

/// A fake WeChat API on loopback: `sns/oauth2/access_token` answers by code.
async fn fake_wechat() -> String {
    use axum::{extract::Query, routing::get, Json, Router};
    use std::collections::HashMap;
    async fn token(Query(q): Query<HashMap<String, String>>) -> Json<Value> {
        assert_eq!(q.get("appid").map(String::as_str), Some("wxtest"));
        assert_eq!(q.get("secret").map(String::as_str), Some("s3cret"));
        assert_eq!(q.get("grant_type").map(String::as_str), Some("authorization_code"));
        Json(match q.get("code").map(String::as_str) {
            Some("good") => {
                serde_json::json!({"access_token": "AT", "expires_in": 7200, "refresh_token": "RT", "openid": "oWx_resident_1", "scope": "snsapi_base"})
            }
            Some("snap") => {
                serde_json::json!({"access_token": "AT", "openid": "oSnapshot", "scope": "snsapi_base", "is_snapshotuser": 1})
            }
            _ => serde_json::json!({"errcode": 40029, "errmsg": "invalid code"}),
        })
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        axum::serve(listener, Router::new().route("/sns/oauth2/access_token", get(token))).await
    });
    base
}

async fn wechat_app() -> TestApp {
    let api = fake_wechat().await;
    spawn_with(true, move |s| {
        s.wechat_appid = Some("wxtest".into());
        s.wechat_secret = Some("s3cret".into());
        s.wechat_api_base = api.clone();
        s.wechat_open_base = api;
    })
    .await
}

/// Starts the WeChat flow; returns the `state` sent to WeChat.
async fn start_wechat(b: &crate::helpers::Browser) -> String {
    let res = b.get("/auth/wechat?next=/votes").await;
    assert_eq!(res.status(), 302);
    let loc = location(&res);
    assert!(
        loc.contains("/connect/oauth2/authorize?appid=wxtest&redirect_uri=http%3A%2F%2F127.0.0.1"),
        "{loc}"
    );
    assert!(loc.contains("scope=snsapi_base") && loc.ends_with("#wechat_redirect"));
    loc.split("state=").nth(1).unwrap().split('#').next().unwrap().to_string()
}

#[tokio::test]
async fn wechat_sign_in_checks_state_and_treats_snapshots_and_errors_as_no_identity() {
    let app = wechat_app().await;
    let ua = "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 MicroMessenger/8.0.47.2560";
    let page = app
        .client
        .get(app.url("/signin"))
        .header("user-agent", ua)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("/auth/wechat?next="), "inside WeChat the one-tap sign-in is offered");
    let page = app.get("/signin").await.text().await.unwrap();
    assert!(!page.contains("/auth/wechat?next="), "outside WeChat it is not");

    let b = app.browser();
    let state = start_wechat(&b).await;
    let res = b.get("/auth/wechat/callback?code=good&state=forged").await;
    assert!(location(&res).starts_with("/signin?error=wechat_state"), "{}", location(&res));
    let res = app.get(&format!("/auth/wechat/callback?code=good&state={state}")).await;
    assert!(
        location(&res).starts_with("/signin?error=wechat_state"),
        "the state must come with its cookie"
    );

    let state = start_wechat(&b).await;
    let res = b.get(&format!("/auth/wechat/callback?code=bad&state={state}")).await;
    assert_eq!(
        location(&res),
        "/signin?error=wechat_retry&next=%2Fvotes",
        "errcode answers ask to retry"
    );
    let state = start_wechat(&b).await;
    let res = b.get(&format!("/auth/wechat/callback?code=snap&state={state}")).await;
    assert!(location(&res).starts_with("/signin?error=wechat_snapshot"));
    let state = start_wechat(&b).await;
    let res = b.get(&format!("/auth/wechat/callback?state={state}")).await;
    assert!(location(&res).starts_with("/signin?error=wechat_denied"));
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM residents").await,
        0,
        "none of these made an account"
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sessions").await, 0);

    let state = start_wechat(&b).await;
    let res = b.get(&format!("/auth/wechat/callback?code=good&state={state}")).await;
    assert_eq!(location(&res), "/me/consent?next=%2Fvotes");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM residents WHERE openid_hash IS NOT NULL").await,
        1
    );
    let raw: String = sqlx::query_scalar("SELECT openid_hash FROM residents")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert!(!raw.contains("oWx_resident_1"), "the openid is stored only as a keyed hash");
}

#[tokio::test]
async fn phone_and_wechat_link_to_one_account() {
    let app = wechat_app().await;
    // Signed in by phone first, then WeChat in the same browser: linked.
    let b = app.resident(PHONE).await;
    let state = start_wechat(&b).await;
    b.get(&format!("/auth/wechat/callback?code=good&state={state}")).await;
    assert_eq!(count(&app, "SELECT COUNT(*) FROM residents").await, 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM residents WHERE phone_hash IS NOT NULL AND openid_hash IS NOT NULL").await, 1);
    // A new browser signing in with WeChat reaches the same account, phone included.
    let w = app.browser();
    let state = start_wechat(&w).await;
    w.get(&format!("/auth/wechat/callback?code=good&state={state}")).await;
    let me = w.get("/me").await.text().await.unwrap();
    assert!(me.contains("尾号 8000"));
    // WeChat first in a third browser for another person, then their phone: one account.
    let other = wechat_app().await;
    let x = other.browser();
    let state = start_wechat(&x).await;
    x.get(&format!("/auth/wechat/callback?code=good&state={state}")).await;
    x.sign_in_phone(&other, "13900139000").await;
    assert_eq!(count(&other, "SELECT COUNT(*) FROM residents").await, 1);
}
