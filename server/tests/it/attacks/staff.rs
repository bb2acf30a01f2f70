//! Staff accounts: a password the administrator chose, a second factor that must hold,
//! and a lock-out that neither lets anyone lock an officer out nor tells which
//! usernames exist.
use crate::helpers::{location, spawn_with, TestApp};
use app::core::access::Role;

const COMMUNITY: &str = "449902002001";

/// A sign-in post as our one proxy forwards it from `addr`.
async fn sign_in_from(app: &TestApp, addr: &str, username: &str, password: &str) -> String {
    sign_in_with(app, addr, &[("username", username), ("password", password)]).await
}

async fn sign_in_with(app: &TestApp, addr: &str, form: &[(&str, &str)]) -> String {
    let res = app
        .client
        .post(app.url("/staff/signin"))
        .header("origin", &app.base)
        .header("x-forwarded-for", addr)
        .form(form)
        .send()
        .await
        .unwrap();
    location(&res)
}

async fn app() -> TestApp {
    spawn_with(true, |s| s.proxy_hops = 1).await
}

#[tokio::test]
async fn keep_using_the_password_the_administrator_set_for_a_new_officer() {
    let app = app().await;
    app.add_staff("admin", Role::CityAdmin, "449900").await;
    let admin = app.staff("admin").await;
    let form = [
        ("username", "li.wei"),
        ("display_name", "李伟"),
        ("password", "chosen-by-admin"),
        ("role", "committee"),
        ("area", COMMUNITY),
    ];
    assert_eq!(
        location(&admin.post_form("/staff/accounts", &form).await),
        "/staff/accounts?notice=account_created"
    );

    // The officer signs in with it, on two devices: everything waits for a new password.
    let officer = app.browser();
    let other = app.browser();
    for b in [&officer, &other] {
        let res = b
            .post_form("/staff/signin", &[("username", "li.wei"), ("password", "chosen-by-admin")])
            .await;
        assert_eq!(location(&res), "/staff");
    }
    for page in ["/staff", &format!("/staff/residents?community={COMMUNITY}"), "/staff/surveys"] {
        let res = officer.get(page).await;
        assert_eq!(
            (res.status().as_u16(), location(&res)),
            (303, "/staff/security".into()),
            "{page}"
        );
    }
    let res = officer.post_form("/staff/rpc/home", &[]).await;
    assert_eq!(res.status(), 403);
    let res =
        officer.post_form("/staff/residents/decide", &[("resident", "x"), ("approve", "1")]).await;
    assert_eq!(res.status(), 403);
    let page = officer.get("/staff/security").await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("管理员为您设置的初始密码需要先修改"));

    // A wrong current password, two different new ones, a short one, the same one.
    let change = |current: &'static str, new: &'static str, repeat: &'static str| {
        let officer = &officer;
        async move {
            let form = [("current", current), ("new", new), ("repeat", repeat)];
            location(&officer.post_form("/staff/security/password", &form).await)
        }
    };
    for (current, new, repeat, outcome) in [
        ("wrong-password", "mine-only-123", "mine-only-123", "error=password_wrong"),
        ("chosen-by-admin", "mine-only-123", "mine-only-124", "error=password_mismatch"),
        ("chosen-by-admin", "short", "short", "error=password_short"),
        ("chosen-by-admin", "chosen-by-admin", "chosen-by-admin", "error=password_same"),
        ("chosen-by-admin", "mine-only-123", "mine-only-123", "notice=password_changed"),
    ] {
        assert_eq!(
            change(current, new, repeat).await,
            format!("/staff/security?{outcome}#password")
        );
    }

    assert_eq!(officer.get("/staff").await.status(), 200, "now the workspace opens");
    assert_eq!(other.get("/staff").await.status(), 403, "the other device is signed out");
    let again = sign_in_from(&app, "203.0.113.20", "li.wei", "chosen-by-admin").await;
    assert!(again.starts_with("/staff/signin?error=staff_refused"), "{again}");
    let mine = sign_in_from(&app, "203.0.113.20", "li.wei", "mine-only-123").await;
    assert_eq!(mine, "/staff");
    let audit: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'staff.password' AND actor = 'li.wei'",
    )
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!(audit, 1);
}

#[tokio::test]
async fn sign_in_as_the_city_administrator_with_the_password_alone() {
    let app = app().await;
    app.add_staff("admin", Role::CityAdmin, "449900").await;
    // Before the second factor is on, the administrator can do nothing but turn it on.
    let fresh = app.browser();
    let res = fresh
        .post_form("/staff/signin", &[("username", "admin"), ("password", "admin-password")])
        .await;
    assert_eq!(location(&res), "/staff");
    let res = fresh.get("/staff/accounts").await;
    assert_eq!(location(&res), "/staff/security");
    let form = [
        ("username", "x.y"),
        ("display_name", "x"),
        ("password", "0123456789"),
        ("role", "committee"),
        ("area", COMMUNITY),
    ];
    assert_eq!(fresh.post_form("/staff/accounts", &form).await.status(), 403);
    app.enrol_totp(&fresh, "admin").await;
    assert_eq!(fresh.get("/staff/accounts").await.status(), 200);

    // Now the password alone, or with a wrong code, is refused like a wrong password.
    let alone = sign_in_from(&app, "203.0.113.30", "admin", "admin-password").await;
    assert!(alone.starts_with("/staff/signin?error=staff_refused"), "{alone}");
    let with = |code: String| {
        let app = &app;
        async move {
            let form = [("username", "admin"), ("password", "admin-password"), ("totp", &code)];
            sign_in_with(app, "203.0.113.30", &form).await
        }
    };
    let good = app.totp_now("admin").await.unwrap();
    let wrong = format!("{:06}", (good.parse::<u32>().unwrap() + 1) % 1_000_000);
    assert!(with(wrong).await.starts_with("/staff/signin?error=staff_refused"));
    assert_eq!(with(good.clone()).await, "/staff");
    // A code overheard (or phished) is spent: it does not open a second session.
    assert!(with(good).await.starts_with("/staff/signin?error=staff_refused"));

    // The city administrator cannot turn it off, even with the password.
    let res = fresh.post_form("/staff/security/totp/off", &[("password", "admin-password")]).await;
    assert_eq!(location(&res), "/staff/security?error=totp_required#totp");
    assert!(app.totp_now("admin").await.is_some());
    // The secret is stored sealed: the database alone holds no authenticator key.
    let (id, stored): (String, String) =
        sqlx::query_as("SELECT id, totp_secret FROM staff WHERE username = 'admin'")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    let secret = tongxin::accounts::totp::open(&app.key(), &id, &stored).unwrap();
    assert!(!stored.to_uppercase().contains(&hex::encode(secret).to_uppercase()));
    assert!(!stored.contains(&tongxin::accounts::totp::base32(&secret)));
    let page = fresh.get("/staff/security").await.text().await.unwrap();
    assert!(page.contains("已开启"), "the page says it is on");
}

/// Six wrong answers for `name` from `addr`: what the sign-in said each time.
async fn six_wrong(app: &TestApp, addr: &str, name: &str) -> Vec<String> {
    let mut said = Vec::new();
    for _ in 0..6 {
        let to = sign_in_from(app, addr, name, "guess-guess-guess").await;
        said.push(to.split('&').next().unwrap().to_string());
    }
    said
}

#[tokio::test]
async fn lock_an_officer_out_by_typing_wrong_passwords_for_their_name() {
    let app = app().await;
    app.add_staff("zhang", Role::Committee, COMMUNITY).await;
    // The officer has worked from the office before.
    assert_eq!(sign_in_from(&app, "203.0.113.5", "zhang", "zhang-password").await, "/staff");
    // An attacker types wrong passwords from address after address.
    for i in 1..=7 {
        let said = six_wrong(&app, &format!("198.51.100.{i}"), "zhang").await;
        assert_eq!(said[5], "/staff/signin?error=staff_locked", "each address waits");
    }
    // The officer still signs in from the office, and from home the first time.
    assert_eq!(sign_in_from(&app, "203.0.113.5", "zhang", "zhang-password").await, "/staff");
    // (30 wrong answers in an hour: only addresses that signed in before may try.)
    let home = sign_in_from(&app, "192.0.2.44", "zhang", "zhang-password").await;
    assert!(home.starts_with("/staff/signin?error=staff_locked"), "{home}");
    let own = sign_in_from(&app, "203.0.113.5", "zhang", "zhang-password").await;
    assert_eq!(own, "/staff", "the office is not locked out");
}

#[tokio::test]
async fn tell_which_staff_usernames_exist_from_the_sign_in_answers() {
    let app = app().await;
    app.add_staff("zhao", Role::Committee, COMMUNITY).await;
    let real = six_wrong(&app, "198.51.100.9", "zhao").await;
    let made_up = six_wrong(&app, "198.51.100.9", "zhao2").await;
    assert_eq!(real, made_up, "the same answers for a name that exists and one that does not");
    assert_eq!(real[0], "/staff/signin?error=staff_refused");
    assert_eq!(real[4], "/staff/signin?error=staff_locked");
    // The right password from the waiting address is answered as any other attempt.
    let right = sign_in_from(&app, "198.51.100.9", "zhao", "zhao-password").await;
    let wrong = sign_in_from(&app, "198.51.100.9", "zhao2", "zhao2-password").await;
    assert_eq!(right.split('&').next(), wrong.split('&').next());
    // Failed lines keep at most 32 bytes of what was typed as a name.
    let long = "x".repeat(200);
    sign_in_from(&app, "198.51.100.10", &long, "guess-guess-guess").await;
    let longest: i64 = sqlx::query_scalar("SELECT MAX(LENGTH(actor)) FROM audit_log")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert!(longest <= 32, "{longest}");
}

#[tokio::test]
async fn read_the_residents_of_a_community_without_leaving_a_trace() {
    let app = app().await;
    app.add_staff("jw", Role::Committee, COMMUNITY).await;
    let jw = app.staff("jw").await;
    let res = jw.get(&format!("/staff/residents?community={COMMUNITY}")).await;
    assert_eq!(res.status(), 200);
    let (actor, area): (String, String) = sqlx::query_as(
        "SELECT actor, area_code FROM audit_log WHERE action = 'residents.view' ORDER BY seq DESC LIMIT 1",
    )
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!((actor.as_str(), area.as_str()), ("jw", COMMUNITY));
}

#[tokio::test]
async fn use_a_staff_session_left_open_on_a_shared_computer_hours_later() {
    let app = app().await;
    app.add_staff("jw", Role::Committee, COMMUNITY).await;
    let jw = app.staff("jw").await;
    assert_eq!(jw.get("/staff").await.status(), 200);
    let writer = crate::accounts::leak_writer(&app).await;
    // Used a minute ago: still open (and its last use moves on).
    let minute_ago = chrono::Utc::now().timestamp() - 61;
    sqlx::query("UPDATE sessions SET last_seen_at = ? WHERE kind = 'staff'")
        .bind(minute_ago)
        .execute(&writer)
        .await
        .unwrap();
    assert_eq!(jw.get("/staff").await.status(), 200);
    // (Recorded just after the answer, off the request's path.)
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let seen: i64 =
            sqlx::query_scalar("SELECT last_seen_at FROM sessions WHERE kind = 'staff'")
                .fetch_one(app.db.reader())
                .await
                .unwrap();
        if seen > minute_ago {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the last use is kept");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    // Left for two hours: the session is over, though it has not expired.
    sqlx::query("UPDATE sessions SET last_seen_at = last_seen_at - 7200 WHERE kind = 'staff'")
        .execute(&writer)
        .await
        .unwrap();
    assert_eq!(jw.get("/staff").await.status(), 403);
}
