//! Staff: sign-in, lock-out and deactivation, and the authorisation matrix — every
//! staff endpoint and server function called as every role, inside and outside the
//! role's area, and as residents and anonymous visitors. A refusal is a 403 that
//! changes nothing (the whole account state is compared before and after).
use crate::helpers::{spawn, Browser, TestApp};
use app::auth::Role;

fn location(res: &reqwest::Response) -> String {
    res.headers().get("location").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default()
}

async fn scalar(app: &TestApp, sql: &str) -> String {
    sqlx::query_scalar(sql).fetch_one(app.db.reader()).await.unwrap()
}

/// Everything a staff action could change, as one string.
async fn state(app: &TestApp) -> String {
    let parts = [
        "SELECT COALESCE(group_concat(id || ':' || verification || ':' || COALESCE(verified_by, ''), ','), '') FROM (SELECT * FROM residents ORDER BY id)",
        "SELECT COALESCE(group_concat(username || ':' || active, ','), '') FROM (SELECT * FROM staff ORDER BY username)",
        "SELECT COUNT(*) || '' FROM resident_roll",
        "SELECT COUNT(*) || ':' || COALESCE(SUM(value), 0) FROM observations",
        "SELECT COUNT(*) || '' FROM audit_log WHERE action NOT LIKE 'staff.signin%'",
    ];
    let mut out = Vec::new();
    for sql in parts {
        out.push(scalar(app, sql).await);
    }
    out.join(" | ")
}

struct Areas {
    city: String,
    d1: String,
    s1: String,
    c1: String,
    s2: String,
    c2: String,
}

async fn areas(app: &TestApp) -> Areas {
    let q = |sql: &'static str| async move { scalar(app, sql).await };
    let d1 = q("SELECT code FROM areas WHERE level = 'district' ORDER BY code LIMIT 1").await;
    let s1: String = sqlx::query_scalar("SELECT code FROM areas WHERE parent_code = ? ORDER BY code LIMIT 1")
        .bind(&d1)
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    let c1: String = sqlx::query_scalar("SELECT code FROM areas WHERE parent_code = ? ORDER BY code LIMIT 1")
        .bind(&s1)
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    let d2: String = sqlx::query_scalar("SELECT code FROM areas WHERE level = 'district' AND code <> ? ORDER BY code DESC LIMIT 1")
        .bind(&d1)
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    let s2: String = sqlx::query_scalar("SELECT code FROM areas WHERE parent_code = ? ORDER BY code LIMIT 1")
        .bind(&d2)
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    let c2: String = sqlx::query_scalar("SELECT code FROM areas WHERE parent_code = ? ORDER BY code LIMIT 1")
        .bind(&s2)
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    Areas { city: q("SELECT code FROM areas WHERE level = 'city'").await, d1, s1, c1, s2, c2 }
}

#[tokio::test]
async fn wrong_passwords_lock_an_account_and_every_attempt_is_audited() {
    let app = spawn(true).await;
    app.add_staff("wang", Role::CityAdmin, "449900").await;
    let b = app.browser();
    for _ in 0..4 {
        let res = b.post_form("/staff/signin", &[("username", "wang"), ("password", "nope-nope-nope")]).await;
        assert!(location(&res).starts_with("/staff/signin?error=staff_refused"), "{}", location(&res));
    }
    let res = b.post_form("/staff/signin", &[("username", "wang"), ("password", "nope-nope-nope")]).await;
    assert!(location(&res).starts_with("/staff/signin?error=staff_locked"));
    let res = b.post_form("/staff/signin", &[("username", "wang"), ("password", "wang-password")]).await;
    assert!(location(&res).starts_with("/staff/signin?error=staff_locked"), "locked even with the right password");
    let res = b.post_form("/staff/signin", &[("username", "nobody"), ("password", "whatever-123")]).await;
    assert!(location(&res).starts_with("/staff/signin?error=staff_refused"), "unknown users get the same answer");
    assert_eq!(scalar(&app, "SELECT COUNT(*) || '' FROM sessions").await, "0");
    assert_eq!(scalar(&app, "SELECT COUNT(*) || '' FROM audit_log WHERE action = 'staff.signin_failed'").await, "6");
}

#[tokio::test]
async fn staff_sign_in_is_rate_limited_per_client_address() {
    let app = crate::helpers::spawn_with(true, |s| s.auth.staff_signins_per_client_hour = 3).await;
    app.add_staff("wang", Role::CityAdmin, "449900").await;
    let b = app.browser();
    for _ in 0..3 {
        b.post_form("/staff/signin", &[("username", "li"), ("password", "x")]).await;
    }
    let res = b.post_form("/staff/signin", &[("username", "wang"), ("password", "wang-password")]).await;
    assert!(location(&res).starts_with("/staff/signin?error=client_limit"), "{}", location(&res));
    assert_eq!(scalar(&app, "SELECT COUNT(*) || '' FROM sessions").await, "0");
}

#[tokio::test]
async fn a_deactivated_member_loses_access_at_once() {
    let app = spawn(true).await;
    let a = areas(&app).await;
    app.add_staff("admin", Role::CityAdmin, &a.city).await;
    app.add_staff("jw", Role::Committee, &a.c1).await;
    let admin = app.staff("admin").await;
    let jw = app.staff("jw").await;
    assert_eq!(jw.get(&format!("/staff/residents?community={}", a.c1)).await.status(), 200);
    let id = scalar(&app, "SELECT id FROM staff WHERE username = 'jw'").await;
    let res = admin.post_form("/staff/accounts/active", &[("id", &id), ("active", "0")]).await;
    assert_eq!(location(&res), "/staff/accounts?notice=account_updated");
    assert_eq!(jw.get(&format!("/staff/residents?community={}", a.c1)).await.status(), 403, "the open session is dead");
    assert_eq!(jw.get("/staff").await.status(), 403);
    let again = app.browser();
    let res = again.post_form("/staff/signin", &[("username", "jw"), ("password", "jw-password")]).await;
    assert!(location(&res).starts_with("/staff/signin?error=staff_inactive"));
    // Reactivated, they can sign in again.
    admin.post_form("/staff/accounts/active", &[("id", &id), ("active", "1")]).await;
    app.staff("jw").await;
}

#[tokio::test]
async fn committees_verify_their_residents_by_hand_and_by_roll() {
    let app = spawn(true).await;
    let a = areas(&app).await;
    app.add_staff("jw", Role::Committee, &a.c1).await;
    let r = app.resident("13800138000").await;
    r.post_form("/me/community", &[("community", &a.c1)]).await;
    r.post_form("/me/verification", &[("name", "李小梅"), ("address", "3栋201")]).await;
    let jw = app.staff("jw").await;
    let page = jw.get(&format!("/staff/residents?community={}", a.c1)).await.text().await.unwrap();
    assert!(page.contains("李小梅") && page.contains("尾号 8000"), "the queue shows the request");
    let id = scalar(&app, "SELECT id FROM residents").await;
    let res = jw.post_form("/staff/residents/decide", &[("resident", &id), ("decision", "approve")]).await;
    assert!(location(&res).contains("notice=decided"));
    assert_eq!(scalar(&app, "SELECT verification FROM residents").await, "verified");
    assert!(r.get("/me").await.text().await.unwrap().contains("已认证"));

    // The roll verifies a resident as soon as they choose the community.
    let roll = "phone,label\n13900139000,5栋502\n";
    let res = jw.upload("/staff/roll", &[("community", &a.c1)], "roll.csv", roll, false).await;
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("名册已更新：1 个号码"));
    let q = app.resident("13900139000").await;
    let res = q.post_form("/me/community", &[("community", &a.c1)]).await;
    assert!(location(&res).contains("notice=community_verified"));
    // A bad roll reports every bad line and changes nothing.
    let before = state(&app).await;
    let bad = "phone,label\n12345,\n13900139000,\n13900139000,dup\n";
    let res = jw.upload("/staff/roll", &[("community", &a.c1)], "roll.csv", bad, true).await;
    assert_eq!(res.status(), 422);
    let report: serde_json::Value = res.json().await.unwrap();
    let problems: Vec<String> = report["problems"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_string()).collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].starts_with("第 2 行") && problems[1].starts_with("第 4 行"), "{problems:?}");
    assert_eq!(state(&app).await, before);
    let res = jw.upload("/staff/roll", &[("community", &a.c1)], "roll.xlsx", "PK\u{3}\u{4}", true).await;
    assert_eq!(res.status(), 400, "not a CSV");
}

#[tokio::test]
async fn staff_upload_observations_for_their_streets_only() {
    let app = spawn(true).await;
    let a = areas(&app).await;
    app.add_staff("jd", Role::StreetOfficer, &a.s1).await;
    let jd = app.staff("jd").await;
    let day = scalar(&app, "SELECT MAX(period) FROM observations WHERE length(period) = 10").await;
    let ok = format!("period,area_code,indicator,value\n{day},{},crime_reports,7\n", a.s1);
    let res = jd.upload("/staff/observations", &[], "obs.csv", &ok, true).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let stored = scalar(&app, &format!("SELECT value || '' FROM observations WHERE period = '{day}' AND area_code = '{}' AND indicator = 'crime_reports'", a.s1)).await;
    assert_eq!(stored, "7.0");
    assert!(scalar(&app, "SELECT detail FROM audit_log WHERE action = 'observations.import'").await.contains("updated=1"));

    let before = state(&app).await;
    let mixed = format!("period,area_code,indicator,value\n{day},{},crime_reports,1\n{day},{},crime_reports,2\n{day},{},X99,-1\n", a.s1, a.s2, a.s1);
    let res = jd.upload("/staff/observations", &[], "obs.csv", &mixed, true).await;
    assert_eq!(res.status(), 403, "a row outside the area refuses the whole file");
    let report: serde_json::Value = res.json().await.unwrap();
    let problems = report["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 3, "{problems:?}: the outside row and both faults of the bad row, each named");
    assert!(problems[0].as_str().unwrap().starts_with("第 3 行") && problems[0].as_str().unwrap().contains("不在你负责的区域"));
    assert!(problems[1..].iter().all(|p| p.as_str().unwrap().starts_with("第 4 行")));
    assert_eq!(state(&app).await, before, "nothing changed");
}

/// Who is asking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Actor {
    Anonymous,
    Resident,
    Committee,
    Street,
    District,
    Admin,
}

const ACTORS: [Actor; 6] = [Actor::Anonymous, Actor::Resident, Actor::Committee, Actor::Street, Actor::District, Actor::Admin];

#[derive(Clone, Copy)]
enum Call {
    Get(&'static str),
    Post(&'static str, &'static [(&'static str, &'static str)]),
    Upload(&'static str, &'static [(&'static str, &'static str)], &'static str),
}

/// Replaces `{C1}`-style placeholders with the test's area and id values.
fn fill(s: &str, vars: &[(&str, String)]) -> String {
    let mut out = s.to_string();
    for (k, v) in vars {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

async fn call(b: Option<&Browser>, app: &TestApp, c: Call, vars: &[(&str, String)]) -> reqwest::StatusCode {
    let anon = app.browser();
    let b = b.unwrap_or(&anon);
    match c {
        Call::Get(path) => b.get(&fill(path, vars)).await.status(),
        Call::Post(path, form) => {
            let filled: Vec<(String, String)> = form.iter().map(|(k, v)| (k.to_string(), fill(v, vars))).collect();
            let refs: Vec<(&str, &str)> = filled.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            b.post_form(&fill(path, vars), &refs).await.status()
        }
        Call::Upload(path, fields, file) => {
            let filled: Vec<(String, String)> = fields.iter().map(|(k, v)| (k.to_string(), fill(v, vars))).collect();
            let refs: Vec<(&str, &str)> = filled.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            b.upload(path, &refs, "data.csv", &fill(file, vars), true).await.status()
        }
    }
}

#[tokio::test]
async fn every_staff_endpoint_and_server_function_refuses_outside_the_role_and_area() {
    let app = spawn(true).await;
    let a = areas(&app).await;
    app.add_staff("jw", Role::Committee, &a.c1).await;
    app.add_staff("jd", Role::StreetOfficer, &a.s1).await;
    app.add_staff("qu", Role::DistrictOfficer, &a.d1).await;
    app.add_staff("admin", Role::CityAdmin, &a.city).await;
    app.add_staff("spare", Role::Committee, &a.c2).await;
    // One resident asking for verification in each of C1 and C2.
    let r1 = app.resident("13800138001").await;
    r1.post_form("/me/community", &[("community", &a.c1)]).await;
    r1.post_form("/me/verification", &[("name", "甲"), ("address", "1栋")]).await;
    let r2 = app.resident("13800138002").await;
    r2.post_form("/me/community", &[("community", &a.c2)]).await;
    r2.post_form("/me/verification", &[("name", "乙"), ("address", "2栋")]).await;
    let resident_id = |c: &str| {
        let c = c.to_string();
        let app = &app;
        async move {
            sqlx::query_scalar::<_, String>("SELECT id FROM residents WHERE community_code = ?")
                .bind(c)
                .fetch_one(app.db.reader())
                .await
                .unwrap()
        }
    };
    let day = scalar(&app, "SELECT MAX(period) FROM observations WHERE length(period) = 10").await;
    let vars = vec![
        ("C1", a.c1.clone()),
        ("C2", a.c2.clone()),
        ("S1", a.s1.clone()),
        ("S2", a.s2.clone()),
        ("D1", a.d1.clone()),
        ("R1", resident_id(&a.c1).await),
        ("R2", resident_id(&a.c2).await),
        ("SPARE", scalar(&app, "SELECT id FROM staff WHERE username = 'spare'").await),
        ("DAY", day),
    ];
    let browsers = [
        None,
        Some(app.resident("13800138009").await),
        Some(app.staff("jw").await),
        Some(app.staff("jd").await),
        Some(app.staff("qu").await),
        Some(app.staff("admin").await),
    ];
    use Actor::*;
    // (name, call, actors allowed)
    let rows: Vec<(&str, Call, &[Actor])> = vec![
        ("GET /staff", Call::Get("/staff"), &[Committee, Street, District, Admin]),
        ("GET /staff/residents C1", Call::Get("/staff/residents?community={C1}"), &[Committee, Street, District, Admin]),
        ("GET /staff/residents C2", Call::Get("/staff/residents?community={C2}"), &[Admin]),
        ("GET /staff/observations", Call::Get("/staff/observations"), &[Street, District, Admin]),
        ("GET /staff/accounts", Call::Get("/staff/accounts"), &[Admin]),
        ("GET /staff/audit", Call::Get("/staff/audit"), &[Admin]),
        ("rpc home", Call::Post("/staff/rpc/home", &[]), &[Committee, Street, District, Admin]),
        ("rpc community C1", Call::Post("/staff/rpc/community", &[("community", "{C1}")]), &[Committee, Street, District, Admin]),
        ("rpc community C2", Call::Post("/staff/rpc/community", &[("community", "{C2}")]), &[Admin]),
        ("rpc observations", Call::Post("/staff/rpc/observations", &[]), &[Street, District, Admin]),
        ("rpc accounts", Call::Post("/staff/rpc/accounts", &[]), &[Admin]),
        ("rpc audit", Call::Post("/staff/rpc/audit", &[]), &[Admin]),
        ("POST decide R1 (C1)", Call::Post("/staff/residents/decide", &[("resident", "{R1}"), ("decision", "reject")]), &[Committee, Street, District, Admin]),
        ("POST decide R2 (C2)", Call::Post("/staff/residents/decide", &[("resident", "{R2}"), ("decision", "reject")]), &[Admin]),
        ("POST roll C1", Call::Upload("/staff/roll", &[("community", "{C1}")], "phone,label\n13700137000,\n"), &[Committee, Street, District, Admin]),
        ("POST roll C2", Call::Upload("/staff/roll", &[("community", "{C2}")], "phone,label\n13700137000,\n"), &[Admin]),
        ("POST observations S1", Call::Upload("/staff/observations", &[], "period,area_code,indicator,value\n{DAY},{S1},crime_reports,3\n"), &[Street, District, Admin]),
        ("POST observations S2", Call::Upload("/staff/observations", &[], "period,area_code,indicator,value\n{DAY},{S2},crime_reports,3\n"), &[Admin]),
        ("POST accounts (new in C1)", Call::Post("/staff/accounts", &[("username", "new-{C1}"), ("display_name", "新"), ("role", "committee"), ("area", "{C1}"), ("password", "long-enough-pw")]), &[Admin]),
        ("POST accounts/active spare", Call::Post("/staff/accounts/active", &[("id", "{SPARE}"), ("active", "0")]), &[Admin]),
        ("GET /me/export", Call::Get("/me/export"), &[Resident]),
        ("POST /me/community C1", Call::Post("/me/community", &[("community", "{C1}")]), &[Resident]),
        ("rpc me (own data only)", Call::Post("/rpc/me", &[]), &[Anonymous, Resident, Committee, Street, District, Admin]),
    ];
    let mut table = vec![format!("{:<30}{}", "", ACTORS.iter().map(|a| format!("{:>11}", format!("{a:?}"))).collect::<String>())];
    let mut failures = Vec::new();
    for (name, c, allowed) in &rows {
        let mut line = format!("{name:<30}");
        for (actor, browser) in ACTORS.iter().zip(browsers.iter()) {
            let before = state(&app).await;
            let status = call(browser.as_ref(), &app, *c, &vars).await;
            let after = state(&app).await;
            let ok = allowed.contains(actor);
            let cell = if status == 403 { "403" } else if status.is_success() || status.is_redirection() { "ok" } else { status.as_str() };
            line.push_str(&format!("{cell:>11}"));
            if ok && status == 403 {
                failures.push(format!("{name} as {actor:?}: refused but should be allowed"));
            }
            if !ok {
                if status != 403 {
                    failures.push(format!("{name} as {actor:?}: {status}, expected 403"));
                }
                if before != after {
                    failures.push(format!("{name} as {actor:?}: refused but changed {before} -> {after}"));
                }
            }
            if ok && before != after {
                // Put things back for the next actor.
                let w = sqlx::SqlitePool::connect(&format!("sqlite://{}", app.dir.path().join("tongxin.db").display())).await.unwrap();
                sqlx::query("UPDATE residents SET verification = 'pending', verified_by = NULL WHERE claim_name IS NOT NULL").execute(&w).await.unwrap();
                sqlx::query("UPDATE staff SET active = 1").execute(&w).await.unwrap();
                sqlx::query("DELETE FROM staff WHERE username LIKE 'new-%'").execute(&w).await.unwrap();
                w.close().await;
            }
        }
        table.push(line);
    }
    println!("authorisation matrix (ok = allowed, 403 = refused with nothing changed):\n{}", table.join("\n"));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
