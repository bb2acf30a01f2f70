//! Every staff endpoint and server function, for every role inside and outside its
//! area: refused calls are 403 and leave the database byte-for-byte unchanged.
use super::*;
use crate::helpers::{spawn, Browser, TestApp};
use app::core::access::Role;

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

const ACTORS: [Actor; 6] = [
    Actor::Anonymous,
    Actor::Resident,
    Actor::Committee,
    Actor::Street,
    Actor::District,
    Actor::Admin,
];

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

async fn call(
    b: Option<&Browser>,
    app: &TestApp,
    c: Call,
    vars: &[(&str, String)],
) -> reqwest::StatusCode {
    let anon = app.browser();
    let b = b.unwrap_or(&anon);
    match c {
        Call::Get(path) => b.get(&fill(path, vars)).await.status(),
        Call::Post(path, form) => {
            let filled: Vec<(String, String)> =
                form.iter().map(|(k, v)| (k.to_string(), fill(v, vars))).collect();
            let refs: Vec<(&str, &str)> =
                filled.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            b.post_form(&fill(path, vars), &refs).await.status()
        }
        Call::Upload(path, fields, file) => {
            let filled: Vec<(String, String)> =
                fields.iter().map(|(k, v)| (k.to_string(), fill(v, vars))).collect();
            let refs: Vec<(&str, &str)> =
                filled.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
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
        (
            "GET /staff/residents C1",
            Call::Get("/staff/residents?community={C1}"),
            &[Committee, Street, District, Admin],
        ),
        ("GET /staff/residents C2", Call::Get("/staff/residents?community={C2}"), &[Admin]),
        ("GET /staff/observations", Call::Get("/staff/observations"), &[Street, District, Admin]),
        ("GET /staff/accounts", Call::Get("/staff/accounts"), &[Admin]),
        ("GET /staff/audit", Call::Get("/staff/audit"), &[Admin]),
        ("rpc home", Call::Post("/staff/rpc/home", &[]), &[Committee, Street, District, Admin]),
        (
            "rpc community C1",
            Call::Post("/staff/rpc/community", &[("community", "{C1}")]),
            &[Committee, Street, District, Admin],
        ),
        (
            "rpc community C2",
            Call::Post("/staff/rpc/community", &[("community", "{C2}")]),
            &[Admin],
        ),
        (
            "rpc observations",
            Call::Post("/staff/rpc/observations", &[]),
            &[Street, District, Admin],
        ),
        ("rpc accounts", Call::Post("/staff/rpc/accounts", &[]), &[Admin]),
        ("rpc audit", Call::Post("/staff/rpc/audit", &[]), &[Admin]),
        (
            "POST decide R1 (C1)",
            Call::Post("/staff/residents/decide", &[("resident", "{R1}"), ("decision", "reject")]),
            &[Committee, Street, District, Admin],
        ),
        (
            "POST decide R2 (C2)",
            Call::Post("/staff/residents/decide", &[("resident", "{R2}"), ("decision", "reject")]),
            &[Admin],
        ),
        (
            "POST roll C1",
            Call::Upload("/staff/roll", &[("community", "{C1}")], "phone,label\n13700137000,\n"),
            &[Committee, Street, District, Admin],
        ),
        (
            "POST roll C2",
            Call::Upload("/staff/roll", &[("community", "{C2}")], "phone,label\n13700137000,\n"),
            &[Admin],
        ),
        (
            "POST observations S1",
            Call::Upload(
                "/staff/observations",
                &[],
                "period,area_code,indicator,value\n{DAY},{S1},crime_reports,3\n",
            ),
            &[Street, District, Admin],
        ),
        (
            "POST observations S2",
            Call::Upload(
                "/staff/observations",
                &[],
                "period,area_code,indicator,value\n{DAY},{S2},crime_reports,3\n",
            ),
            &[Admin],
        ),
        (
            "POST accounts (new in C1)",
            Call::Post(
                "/staff/accounts",
                &[
                    ("username", "new-{C1}"),
                    ("display_name", "新"),
                    ("role", "committee"),
                    ("area", "{C1}"),
                    ("password", "long-enough-pw"),
                ],
            ),
            &[Admin],
        ),
        (
            "POST accounts/active spare",
            Call::Post("/staff/accounts/active", &[("id", "{SPARE}"), ("active", "0")]),
            &[Admin],
        ),
        ("GET /me/export", Call::Get("/me/export"), &[Resident]),
        (
            "POST /me/community C1",
            Call::Post("/me/community", &[("community", "{C1}")]),
            &[Resident],
        ),
        (
            "rpc me (own data only)",
            Call::Post("/rpc/me", &[]),
            &[Anonymous, Resident, Committee, Street, District, Admin],
        ),
    ];
    let mut table = vec![format!(
        "{:<30}{}",
        "",
        ACTORS.iter().map(|a| format!("{:>11}", format!("{a:?}"))).collect::<String>()
    )];
    let mut failures = Vec::new();
    for (name, c, allowed) in &rows {
        let mut line = format!("{name:<30}");
        for (actor, browser) in ACTORS.iter().zip(browsers.iter()) {
            let before = state(&app).await;
            let status = call(browser.as_ref(), &app, *c, &vars).await;
            let after = state(&app).await;
            let ok = allowed.contains(actor);
            let cell = if status == 403 {
                "403"
            } else if status.is_success() || status.is_redirection() {
                "ok"
            } else {
                status.as_str()
            };
            line.push_str(&format!("{cell:>11}"));
            if ok && status == 403 {
                failures.push(format!("{name} as {actor:?}: refused but should be allowed"));
            }
            if !ok {
                if status != 403 {
                    failures.push(format!("{name} as {actor:?}: {status}, expected 403"));
                }
                if before != after {
                    failures.push(format!(
                        "{name} as {actor:?}: refused but changed {before} -> {after}"
                    ));
                }
            }
            if ok && before != after {
                // Put things back for the next actor.
                let w = sqlx::SqlitePool::connect(&format!(
                    "sqlite://{}",
                    app.dir.path().join("tongxin.db").display()
                ))
                .await
                .unwrap();
                sqlx::query("UPDATE residents SET verification = 'pending', verified_by = NULL WHERE claim_name IS NOT NULL").execute(&w).await.unwrap();
                sqlx::query("UPDATE staff SET active = 1").execute(&w).await.unwrap();
                sqlx::query("DELETE FROM staff WHERE username LIKE 'new-%'")
                    .execute(&w)
                    .await
                    .unwrap();
                w.close().await;
            }
        }
        table.push(line);
    }
    println!(
        "authorisation matrix (ok = allowed, 403 = refused with nothing changed):\n{}",
        table.join("\n")
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
