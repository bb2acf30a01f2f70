//! Sign-in with WeChat (against a fake WeChat on loopback), and linking it with a phone.
use super::*;
use crate::helpers::spawn_wechat as wechat_app;

/// Starts the WeChat flow; returns the `state` sent to WeChat.
pub async fn start_wechat(b: &crate::helpers::Browser) -> String {
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
async fn phone_and_wechat_link_to_one_account_only_when_asked_on_me() {
    let app = wechat_app().await;
    let both =
        "SELECT COUNT(*) FROM residents WHERE phone_hash IS NOT NULL AND openid_hash IS NOT NULL";
    // Signed in by phone, the resident links WeChat from 我的.
    let b = app.resident(PHONE).await;
    let res = b.get("/auth/wechat?next=/me&link=1").await;
    let state =
        location(&res).split("state=").nth(1).unwrap().split('#').next().unwrap().to_string();
    let res = b.get(&format!("/auth/wechat/callback?code=good&state={state}")).await;
    assert_eq!(location(&res), "/me?notice=wechat_linked#wechat");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM residents").await, 1);
    assert_eq!(count(&app, both).await, 1);
    // A new browser signing in with WeChat reaches the same account, phone included.
    let w = app.browser();
    let state = start_wechat(&w).await;
    w.get(&format!("/auth/wechat/callback?code=good&state={state}")).await;
    let me = w.get("/me").await.text().await.unwrap();
    assert!(me.contains("尾号 8000"));
    // A second WeChat cannot be linked to the same account.
    let res = b.get("/auth/wechat?next=/me&link=1").await;
    let state =
        location(&res).split("state=").nth(1).unwrap().split('#').next().unwrap().to_string();
    let res = b.get(&format!("/auth/wechat/callback?code=good2&state={state}")).await;
    assert_eq!(location(&res), "/me?error=wechat_already#wechat");

    // WeChat first for another person, then a number linked by its code: the number's
    // own account (with its community) and the WeChat account become one.
    let other = wechat_app().await;
    let phone_account = other.resident("13900139000").await;
    phone_account.post_form("/me/community", &[("community", "449902002001")]).await;
    let x = other.browser();
    let state = start_wechat(&x).await;
    x.get(&format!("/auth/wechat/callback?code=good&state={state}")).await;
    x.post_form("/me/consent", &[("accept", "yes"), ("next", "/me")]).await;
    x.post_form("/me/phone/send", &[("phone", "13900139000")]).await;
    let code = other.last_code("13900139000");
    let res = x.post_form("/me/phone/verify", &[("code", &code)]).await;
    assert_eq!(location(&res), "/me?notice=phone_linked#phone");
    assert_eq!(count(&other, "SELECT COUNT(*) FROM residents").await, 1);
    assert_eq!(count(&other, both).await, 1);
    let page = x.get("/me").await.text().await.unwrap();
    assert!(page.contains("尾号 9000"), "the WeChat browser is now in the joined account");
    let page = phone_account.get("/me").await.text().await.unwrap();
    assert!(page.contains("尾号 9000"), "and so is the number's own browser");
}
