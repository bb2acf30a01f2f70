//! Resident sign-in by phone code: one account per number, codes that count down,
//! expire and cannot be reused, limits per number and per client, purging.
use super::*;
use crate::helpers::{spawn, spawn_with};

#[tokio::test]
async fn a_phone_code_signs_a_resident_in_once_and_finds_them_again() {
    let app = spawn(true).await;
    let b = app.browser();
    let res = b
        .post_form("/auth/phone/send", &[("phone", "+86 138-0013-8000"), ("next", "/index")])
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/signin?step=code&to=8000&next=%2Findex");
    let otp_cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        otp_cookie.starts_with("tx_otp=")
            && otp_cookie.contains("HttpOnly")
            && otp_cookie.contains("SameSite=Lax")
    );
    let code = app.last_code(PHONE);
    let res = b.post_form("/auth/phone/verify", &[("code", &code), ("next", "/index")]).await;
    assert_eq!(location(&res), "/me/consent?next=%2Findex", "first sign-in asks for consent");
    let session = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect::<Vec<_>>();
    assert!(
        session.iter().any(|c| c.starts_with("tx_sid=")
            && c.contains("HttpOnly")
            && c.contains("SameSite=Lax")),
        "{session:?}"
    );

    let me = b.get("/me").await.text().await.unwrap();
    assert!(me.contains("尾号 8000"), "the page shows the tail of the number");
    assert!(!me.contains(PHONE));
    assert!(me.contains("个人信息保护告知"), "consent still missing is said");

    // Accepting the notice, then signing in again elsewhere: the same account.
    assert_eq!(
        location(&b.post_form("/me/consent", &[("accept", "yes"), ("next", "/index")]).await),
        "/index"
    );
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
        assert!(
            location(&res).starts_with("/signin?error=phone_invalid"),
            "{bad}: {}",
            location(&res)
        );
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
        assert_eq!(
            location(&res),
            format!("/signin?error=code_wrong&next=%2F&step=code&left={left}")
        );
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
    sqlx::query("UPDATE otp_challenges SET expires_at = 0")
        .execute(&leak_writer(&app).await)
        .await
        .unwrap();
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
    assert!(replay
        .headers()
        .get_all("set-cookie")
        .iter()
        .all(|c| !c.to_str().unwrap().starts_with("tx_sid=")));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sessions").await, 1);
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
        sqlx::query("UPDATE otp_challenges SET created_at = created_at - 61")
            .execute(&writer)
            .await
            .unwrap();
        let res = b.post_form("/auth/phone/send", &[("phone", PHONE)]).await;
        assert!(location(&res).starts_with("/signin?step=code"), "{}", location(&res));
    }
    sqlx::query("UPDATE otp_challenges SET created_at = created_at - 61")
        .execute(&writer)
        .await
        .unwrap();
    let res = b.post_form("/auth/phone/send", &[("phone", PHONE)]).await;
    assert!(location(&res).starts_with("/signin?error=phone_limit"), "{}", location(&res));
    // Per client: 3 codes so far from this address; two more numbers, then refused.
    for phone in ["13900139001", "13900139002"] {
        let res = b.post_form("/auth/phone/send", &[("phone", phone)]).await;
        assert!(location(&res).starts_with("/signin?step=code"), "{}", location(&res));
    }
    let res = b.post_form("/auth/phone/send", &[("phone", "13900139003")]).await;
    assert!(location(&res).starts_with("/signin?error=client_limit"), "{}", location(&res));
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM otp_challenges").await,
        5,
        "refusals leave no trace"
    );
}

#[tokio::test]
async fn expired_sessions_and_old_codes_are_purged_and_stop_working() {
    let app = spawn(true).await;
    let b = app.resident(PHONE).await;
    let keep = app.resident("13912345678").await;
    let writer = leak_writer(&app).await;
    // One session has run out, and every code is more than a day old.
    let (expired,): (String,) =
        sqlx::query_as("SELECT token_hash FROM sessions ORDER BY created_at, token_hash LIMIT 1")
            .fetch_one(&writer)
            .await
            .unwrap();
    sqlx::query("UPDATE sessions SET expires_at = 0 WHERE token_hash = ?")
        .bind(&expired)
        .execute(&writer)
        .await
        .unwrap();
    sqlx::query("UPDATE otp_challenges SET created_at = created_at - 86401")
        .execute(&writer)
        .await
        .unwrap();
    // An expired session no longer signs anyone in, before any purge.
    let statuses = [b.get("/me/export").await.status(), keep.get("/me/export").await.status()];
    assert_eq!(statuses.iter().filter(|s| **s == 403).count(), 1, "{statuses:?}");
    tongxin::accounts::store::sessions::purge_expired(&app.db).await.unwrap();
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sessions").await, 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM otp_challenges").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM residents").await, 2, "accounts stay");
}
