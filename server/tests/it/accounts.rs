//! Residents: phone-code sign-in and its limits, WeChat OAuth against a fake WeChat
//! on loopback, consent, community and verification, export and deletion, and the
//! promise that no phone number is stored in clear text.
use crate::helpers::{spawn, spawn_with, TestApp};
use serde_json::Value;

const PHONE: &str = "13800138000";

fn location(res: &reqwest::Response) -> String {
    res.headers().get("location").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default()
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(app.db.reader()).await.unwrap()
}

#[tokio::test]
async fn a_phone_code_signs_a_resident_in_once_and_finds_them_again() {
    let app = spawn(true).await;
    let b = app.browser();
    let res = b.post_form("/auth/phone/send", &[("phone", "+86 138-0013-8000"), ("next", "/index")]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/signin?step=code&to=8000&next=%2Findex");
    let otp_cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(otp_cookie.starts_with("tx_otp=") && otp_cookie.contains("HttpOnly") && otp_cookie.contains("SameSite=Lax"));
    let code = app.last_code(PHONE);
    let res = b.post_form("/auth/phone/verify", &[("code", &code), ("next", "/index")]).await;
    assert_eq!(location(&res), "/me/consent?next=%2Findex", "first sign-in asks for consent");
    let session = res.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string()).collect::<Vec<_>>();
    assert!(session.iter().any(|c| c.starts_with("tx_sid=") && c.contains("HttpOnly") && c.contains("SameSite=Lax")), "{session:?}");

    let me = b.get("/me").await.text().await.unwrap();
    assert!(me.contains("尾号 8000"), "the page shows the tail of the number");
    assert!(!me.contains(PHONE));
    assert!(me.contains("个人信息保护告知"), "consent still missing is said");

    // Accepting the notice, then signing in again elsewhere: the same account.
    assert_eq!(location(&b.post_form("/me/consent", &[("accept", "yes"), ("next", "/index")]).await), "/index");
    let other = app.browser();
    assert_eq!(other.sign_in_phone(&app, PHONE).await, "/me", "consented residents go straight on");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM residents").await, 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sessions WHERE kind = 'resident'").await, 2);
}

#[tokio::test]
async fn bad_numbers_and_cross_site_posts_send_nothing() {
    let app = spawn(true).await;
    let b = app.browser();
    for bad in ["12345", "1380013800", "23800138000", "138001380001", ""] {
        let res = b.post_form("/auth/phone/send", &[("phone", bad)]).await;
        assert!(location(&res).starts_with("/signin?error=phone_invalid"), "{bad}: {}", location(&res));
    }
    let res = app
        .client
        .post(app.url("/auth/phone/send"))
        .header("origin", "http://evil.example")
        .form(&[("phone", PHONE)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403, "a cross-site post is refused");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM otp_challenges").await, 0);
    assert!(!app.dir.path().join("sms-outbox.jsonl").exists(), "no message was sent");
}

#[tokio::test]
async fn wrong_codes_count_down_and_then_the_code_is_dead() {
    let app = spawn(true).await;
    let b = app.browser();
    b.post_form("/auth/phone/send", &[("phone", PHONE)]).await;
    let code = app.last_code(PHONE);
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for left in (1..=4).rev() {
        let res = b.post_form("/auth/phone/verify", &[("code", wrong)]).await;
        assert_eq!(location(&res), format!("/signin?error=code_wrong&next=%2F&step=code&left={left}"));
    }
    let res = b.post_form("/auth/phone/verify", &[("code", wrong)]).await;
    assert!(location(&res).starts_with("/signin?error=code_exhausted"), "{}", location(&res));
    // The fifth failure used the code up: even the right code no longer works.
    let res = b.post_form("/auth/phone/verify", &[("code", &code)]).await;
    assert!(location(&res).starts_with("/signin?error=code_"), "{}", location(&res));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sessions").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM residents").await, 0);
    // Malformed codes are refused without spending an attempt.
    let res = b.post_form("/auth/phone/verify", &[("code", "12ab")]).await;
    assert!(location(&res).starts_with("/signin?error=code_"), "{}", location(&res));
}

#[tokio::test]
async fn expired_and_reused_codes_are_refused() {
    let app = spawn_with(true, |s| s.auth.resend_secs = 0).await;
    // Expired.
    let b = app.browser();
    b.post_form("/auth/phone/send", &[("phone", PHONE)]).await;
    let code = app.last_code(PHONE);
    sqlx::query("UPDATE otp_challenges SET expires_at = 0").execute(&leak_writer(&app).await).await.unwrap();
    let res = b.post_form("/auth/phone/verify", &[("code", &code)]).await;
    assert!(location(&res).starts_with("/signin?error=code_expired"), "{}", location(&res));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sessions").await, 0);

    // Reused: the same challenge cookie and code, replayed after a successful sign-in.
    let b = app.browser();
    let res = b.post_form("/auth/phone/send", &[("phone", PHONE)]).await;
    let otp = res.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
    let code = app.last_code(PHONE);
    let res = b.post_form("/auth/phone/verify", &[("code", &code)]).await;
    assert!(location(&res).starts_with("/me/consent"));
    let replay = app
        .client
        .post(app.url("/auth/phone/verify"))
        .header("origin", &app.base)
        .header("cookie", &otp)
        .form(&[("code", code.as_str())])
        .send()
        .await
        .unwrap();
    assert!(location(&replay).starts_with("/signin?error=code_used"), "{}", location(&replay));
    assert!(replay.headers().get_all("set-cookie").iter().all(|c| !c.to_str().unwrap().starts_with("tx_sid=")));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sessions").await, 1);
}

/// Another connection to the same file, for tests that age rows.
async fn leak_writer(app: &TestApp) -> sqlx::SqlitePool {
    sqlx::SqlitePool::connect(&format!("sqlite://{}", app.dir.path().join("tongxin.db").display())).await.unwrap()
}

#[tokio::test]
async fn sending_codes_is_limited_per_number_and_per_client() {
    let app = spawn_with(true, |s| {
        s.auth.codes_per_phone_hour = 3;
        s.auth.codes_per_client_hour = 5;
    })
    .await;
    let b = app.browser();
    b.post_form("/auth/phone/send", &[("phone", PHONE)]).await;
    let res = b.post_form("/auth/phone/send", &[("phone", PHONE)]).await;
    assert!(location(&res).starts_with("/signin?error=cooldown"), "{}", location(&res));
    assert!(location(&res).contains("&wait="));
    // Past the cool-down (aged in the database), up to the hourly limit.
    let writer = leak_writer(&app).await;
    for _ in 0..2 {
        sqlx::query("UPDATE otp_challenges SET created_at = created_at - 61").execute(&writer).await.unwrap();
        let res = b.post_form("/auth/phone/send", &[("phone", PHONE)]).await;
        assert!(location(&res).starts_with("/signin?step=code"), "{}", location(&res));
    }
    sqlx::query("UPDATE otp_challenges SET created_at = created_at - 61").execute(&writer).await.unwrap();
    let res = b.post_form("/auth/phone/send", &[("phone", PHONE)]).await;
    assert!(location(&res).starts_with("/signin?error=phone_limit"), "{}", location(&res));
    // Per client: 3 codes so far from this address; two more numbers, then refused.
    for phone in ["13900139001", "13900139002"] {
        let res = b.post_form("/auth/phone/send", &[("phone", phone)]).await;
        assert!(location(&res).starts_with("/signin?step=code"), "{}", location(&res));
    }
    let res = b.post_form("/auth/phone/send", &[("phone", "13900139003")]).await;
    assert!(location(&res).starts_with("/signin?error=client_limit"), "{}", location(&res));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM otp_challenges").await, 5, "refusals leave no trace");
}

/// A fake WeChat API on loopback: `sns/oauth2/access_token` answers by code.
async fn fake_wechat() -> String {
    use axum::{extract::Query, routing::get, Json, Router};
    use std::collections::HashMap;
    async fn token(Query(q): Query<HashMap<String, String>>) -> Json<Value> {
        assert_eq!(q.get("appid").map(String::as_str), Some("wxtest"));
        assert_eq!(q.get("secret").map(String::as_str), Some("s3cret"));
        assert_eq!(q.get("grant_type").map(String::as_str), Some("authorization_code"));
        Json(match q.get("code").map(String::as_str) {
            Some("good") => serde_json::json!({"access_token": "AT", "expires_in": 7200, "refresh_token": "RT", "openid": "oWx_resident_1", "scope": "snsapi_base"}),
            Some("snap") => serde_json::json!({"access_token": "AT", "openid": "oSnapshot", "scope": "snsapi_base", "is_snapshotuser": 1}),
            _ => serde_json::json!({"errcode": 40029, "errmsg": "invalid code"}),
        })
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, Router::new().route("/sns/oauth2/access_token", get(token))).await });
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
    assert!(loc.contains("/connect/oauth2/authorize?appid=wxtest&redirect_uri=http%3A%2F%2F127.0.0.1"), "{loc}");
    assert!(loc.contains("scope=snsapi_base") && loc.ends_with("#wechat_redirect"));
    loc.split("state=").nth(1).unwrap().split('#').next().unwrap().to_string()
}

#[tokio::test]
async fn wechat_sign_in_checks_state_and_treats_snapshots_and_errors_as_no_identity() {
    let app = wechat_app().await;
    let ua = "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 MicroMessenger/8.0.47.2560";
    let page = app.client.get(app.url("/signin")).header("user-agent", ua).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("/auth/wechat?next="), "inside WeChat the one-tap sign-in is offered");
    let page = app.get("/signin").await.text().await.unwrap();
    assert!(!page.contains("/auth/wechat?next="), "outside WeChat it is not");

    let b = app.browser();
    let state = start_wechat(&b).await;
    let res = b.get("/auth/wechat/callback?code=good&state=forged").await;
    assert!(location(&res).starts_with("/signin?error=wechat_state"), "{}", location(&res));
    let res = app.get(&format!("/auth/wechat/callback?code=good&state={state}")).await;
    assert!(location(&res).starts_with("/signin?error=wechat_state"), "the state must come with its cookie");

    let state = start_wechat(&b).await;
    let res = b.get(&format!("/auth/wechat/callback?code=bad&state={state}")).await;
    assert_eq!(location(&res), "/signin?error=wechat_retry&next=%2Fvotes", "errcode answers ask to retry");
    let state = start_wechat(&b).await;
    let res = b.get(&format!("/auth/wechat/callback?code=snap&state={state}")).await;
    assert!(location(&res).starts_with("/signin?error=wechat_snapshot"));
    let state = start_wechat(&b).await;
    let res = b.get(&format!("/auth/wechat/callback?state={state}")).await;
    assert!(location(&res).starts_with("/signin?error=wechat_denied"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM residents").await, 0, "none of these made an account");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sessions").await, 0);

    let state = start_wechat(&b).await;
    let res = b.get(&format!("/auth/wechat/callback?code=good&state={state}")).await;
    assert_eq!(location(&res), "/me/consent?next=%2Fvotes");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM residents WHERE openid_hash IS NOT NULL").await, 1);
    let raw: String = sqlx::query_scalar("SELECT openid_hash FROM residents").fetch_one(app.db.reader()).await.unwrap();
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

#[tokio::test]
async fn residents_choose_a_community_ask_for_verification_export_and_delete() {
    let app = spawn(true).await;
    let community: String = sqlx::query_scalar("SELECT code FROM areas WHERE level = 'community' ORDER BY code LIMIT 1")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    let b = app.resident(PHONE).await;
    let res = b.post_form("/me/community", &[("community", "nowhere")]).await;
    assert!(location(&res).starts_with("/me?error=community_unknown"));
    let res = b.post_form("/me/community", &[("community", &community)]).await;
    assert!(location(&res).starts_with("/me?notice=community_set"));
    let long = "长".repeat(41);
    let res = b.post_form("/me/verification", &[("name", &long), ("address", "3栋201")]).await;
    assert!(location(&res).starts_with("/me?error=claim_name"));
    let res = b.post_form("/me/verification", &[("name", "李小梅"), ("address", "3栋2单元201")]).await;
    assert!(location(&res).starts_with("/me?notice=verification_sent"));

    let res = b.get("/me/export").await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-disposition"].to_str().unwrap().contains("attachment"));
    let text = res.text().await.unwrap();
    assert!(!text.contains(PHONE) && !text.contains("phone_hash"), "the export holds no number and no hash");
    let data: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(data["account"]["phone_tail"], "8000");
    assert_eq!(data["account"]["community_code"], community.as_str());
    assert_eq!(data["account"]["verification"], "pending");
    assert_eq!(data["account"]["claim_name"], "李小梅");
    assert_eq!(data["account"]["consent_version"], app::auth::CONSENT_VERSION);
    assert_eq!(data["account"]["sessions"].as_array().unwrap().len(), 1);
    assert!(!data["community"]["name_zh"].as_str().unwrap().is_empty());

    // Deleting needs the confirmation, then removes everything about them.
    let res = b.post_form("/me/delete", &[]).await;
    assert!(location(&res).starts_with("/me?error=delete_confirm"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM residents").await, 1, "an unconfirmed delete changes nothing");
    let res = b.post_form("/me/delete", &[("confirm", "yes")]).await;
    assert_eq!(location(&res), "/me?notice=account_deleted");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM residents").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sessions").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM otp_challenges").await, 0);
    assert_eq!(b.get("/me/export").await.status(), 403, "the old session is gone");
    // Signing in again with the same number makes a new, empty account.
    let again = app.resident(PHONE).await;
    let data: Value = again.get("/me/export").await.json().await.unwrap();
    assert!(data["account"]["community_code"].is_null());
}

#[tokio::test]
async fn signing_out_everywhere_ends_every_session() {
    let app = spawn(true).await;
    let a = app.resident(PHONE).await;
    let b = app.browser();
    b.sign_in_phone(&app, PHONE).await;
    assert_eq!(b.get("/me/export").await.status(), 200);
    let res = a.post_form("/auth/signout-all", &[]).await;
    assert_eq!(location(&res), "/me?notice=signed_out_all");
    assert_eq!(a.get("/me/export").await.status(), 403);
    assert_eq!(b.get("/me/export").await.status(), 403, "the other device is signed out too");
}

#[tokio::test]
async fn no_phone_number_is_stored_in_clear_text_anywhere_in_the_database() {
    let app = spawn(true).await;
    let phones = ["13800138000", "13912345678", "18666668888"];
    for p in phones {
        app.resident(p).await;
    }
    // A committee's roll holds numbers too.
    let community: String = sqlx::query_scalar("SELECT code FROM areas WHERE level = 'community' ORDER BY code LIMIT 1")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    app.add_staff("jw01", app::auth::Role::Committee, &community).await;
    let staff = app.staff("jw01").await;
    let roll = "phone,label\n13800138000,1栋101\n15011112222,2栋202\n";
    let res = staff.upload("/staff/roll", &[("community", &community)], "roll.csv", roll, true).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());

    let dump = app.dir.path().join("dump.db");
    app.db.backup(&dump).await.unwrap();
    let mut bytes = std::fs::read(&dump).unwrap();
    for extra in ["tongxin.db", "tongxin.db-wal"] {
        if let Ok(b) = std::fs::read(app.dir.path().join(extra)) {
            bytes.extend(b);
        }
    }
    let haystack = String::from_utf8_lossy(&bytes);
    for p in phones.iter().chain(["15011112222"].iter()) {
        assert!(!haystack.contains(p), "{p} found in the database");
        let spaced = format!("{} {} {}", &p[..3], &p[3..7], &p[7..]);
        assert!(!haystack.contains(&spaced));
        let utf16: Vec<u8> = p.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert!(!bytes.windows(utf16.len()).any(|w| w == utf16.as_slice()), "{p} as UTF-16");
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM resident_roll").await, 2);
}

#[tokio::test]
async fn the_audit_log_cannot_be_changed() {
    let app = spawn(true).await;
    app.add_staff("admin", app::auth::Role::CityAdmin, "449900").await;
    let writer = leak_writer(&app).await;
    assert!(count(&app, "SELECT COUNT(*) FROM audit_log").await >= 1);
    assert!(sqlx::query("UPDATE audit_log SET actor = 'x'").execute(&writer).await.is_err());
    assert!(sqlx::query("DELETE FROM audit_log").execute(&writer).await.is_err());
}

#[tokio::test]
async fn expired_sessions_and_old_codes_are_purged_and_stop_working() {
    let app = spawn(true).await;
    let b = app.resident(PHONE).await;
    let keep = app.resident("13912345678").await;
    let writer = leak_writer(&app).await;
    // One session has run out, and every code is more than a day old.
    let (expired,): (String,) = sqlx::query_as("SELECT token_hash FROM sessions ORDER BY created_at, token_hash LIMIT 1").fetch_one(&writer).await.unwrap();
    sqlx::query("UPDATE sessions SET expires_at = 0 WHERE token_hash = ?").bind(&expired).execute(&writer).await.unwrap();
    sqlx::query("UPDATE otp_challenges SET created_at = created_at - 86401").execute(&writer).await.unwrap();
    // An expired session no longer signs anyone in, before any purge.
    let statuses = [b.get("/me/export").await.status(), keep.get("/me/export").await.status()];
    assert_eq!(statuses.iter().filter(|s| **s == 403).count(), 1, "{statuses:?}");
    app.db.purge_expired().await.unwrap();
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sessions").await, 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM otp_challenges").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM residents").await, 2, "accounts stay");
}
