//! Every staff endpoint and server function, for every role inside and outside its
//! area: an allowed call answers exactly its success status; a refused one is 403 and
//! leaves the database unchanged; "own data only" returns the caller's own data.
//! [`run`] is the table runner the surveys' matrix uses too.
use super::*;
use crate::helpers::{spawn, Browser, TestApp};
use app::core::access::Role;

/// Who is asking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    Anonymous,
    Resident,
    Committee,
    Street,
    District,
    Admin,
}

pub const ACTORS: [Actor; 6] = [
    Actor::Anonymous,
    Actor::Resident,
    Actor::Committee,
    Actor::Street,
    Actor::District,
    Actor::Admin,
];

#[derive(Clone, Copy)]
pub enum Call {
    Get(&'static str),
    Post(&'static str, &'static [(&'static str, &'static str)]),
    Upload(&'static str, &'static [(&'static str, &'static str)], &'static str),
}

/// One row: a call, the actors allowed, and the status an allowed call answers.
pub struct Row {
    pub name: &'static str,
    pub call: Call,
    pub allowed: &'static [Actor],
    pub ok: u16,
}

pub const fn row(name: &'static str, call: Call, allowed: &'static [Actor], ok: u16) -> Row {
    Row { name, call, allowed, ok }
}

/// The staff of the matrices — a committee member of C1, officers of S1 and D1, the
/// city administrator — and the browsers of every actor, in [`ACTORS`] order.
pub async fn cast(app: &TestApp, a: &Areas) -> Vec<Option<Browser>> {
    app.add_staff("jw", Role::Committee, &a.c1).await;
    app.add_staff("jd", Role::StreetOfficer, &a.s1).await;
    app.add_staff("qu", Role::DistrictOfficer, &a.d1).await;
    app.add_staff("admin", Role::CityAdmin, &a.city).await;
    vec![
        None,
        Some(app.resident("13800138009").await),
        Some(app.staff("jw").await),
        Some(app.staff("jd").await),
        Some(app.staff("qu").await),
        Some(app.staff("admin").await),
    ]
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
) -> (u16, String) {
    let anon = app.browser();
    let b = b.unwrap_or(&anon);
    let filled = |form: &[(&str, &str)]| -> Vec<(String, String)> {
        form.iter().map(|(k, v)| (k.to_string(), fill(v, vars))).collect()
    };
    let res = match c {
        Call::Get(path) => b.get(&fill(path, vars)).await,
        Call::Post(path, form) => {
            let f = filled(form);
            let refs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            b.post_form(&fill(path, vars), &refs).await
        }
        Call::Upload(path, fields, file) => {
            let f = filled(fields);
            let refs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            b.upload(path, &refs, "data.csv", &fill(file, vars), true).await
        }
    };
    (res.status().as_u16(), res.text().await.unwrap_or_default())
}

/// What the runner needs besides the rows: the browsers (in [`ACTORS`] order), the
/// placeholders, the state a refusal must leave as it was, how to put things back
/// after an allowed change, and a check of an allowed answer's body.
pub struct Matrix<'a, S, R, B> {
    pub app: &'a TestApp,
    pub browsers: &'a [Option<Browser>],
    pub vars: &'a [(&'a str, String)],
    pub state: S,
    pub reset: R,
    pub body: B,
}

/// Runs every row for every actor, prints the table and fails with every mismatch.
pub async fn run<S, SF, R, RF, B>(m: Matrix<'_, S, R, B>, rows: &[Row])
where
    S: Fn() -> SF,
    SF: std::future::Future<Output = String>,
    R: Fn() -> RF,
    RF: std::future::Future<Output = ()>,
    B: Fn(&str, Actor, &str) -> Result<(), String>,
{
    let mut table = vec![format!(
        "{:<34}{}",
        "",
        ACTORS.iter().map(|a| format!("{:>11}", format!("{a:?}"))).collect::<String>()
    )];
    let mut failures = Vec::new();
    for r in rows {
        let mut line = format!("{:<34}", r.name);
        for (actor, browser) in ACTORS.iter().zip(m.browsers.iter()) {
            let before = (m.state)().await;
            let (status, body) = call(browser.as_ref(), m.app, r.call, m.vars).await;
            let after = (m.state)().await;
            line.push_str(&format!("{status:>11}"));
            let who = format!("{} as {actor:?}", r.name);
            if r.allowed.contains(actor) {
                if status != r.ok {
                    failures.push(format!("{who}: {status}, expected {}: {body:.200}", r.ok));
                } else if let Err(e) = (m.body)(r.name, *actor, &body) {
                    failures.push(format!("{who}: {e}"));
                }
                if before != after {
                    (m.reset)().await;
                }
            } else {
                if status != 403 {
                    failures.push(format!("{who}: {status}, expected 403"));
                }
                if before != after {
                    failures.push(format!("{who}: refused but changed {before} -> {after}"));
                }
            }
        }
        table.push(line);
    }
    println!("authorisation matrix (status per actor):\n{}", table.join("\n"));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn every_staff_endpoint_and_server_function_refuses_outside_the_role_and_area() {
    let app = spawn(true).await;
    let a = areas(&app).await;
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
    let browsers = cast(&app, &a).await;
    let me_id: String = sqlx::query_scalar("SELECT id FROM residents WHERE id NOT IN (?, ?)")
        .bind(&vars[5].1)
        .bind(&vars[6].1)
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    use Actor::*;
    // (name, call, actors allowed)
    let rows = [
        row("GET /staff", Call::Get("/staff"), &[Committee, Street, District, Admin], 200),
        row(
            "GET /staff/residents C1",
            Call::Get("/staff/residents?community={C1}"),
            &[Committee, Street, District, Admin],
            200,
        ),
        row("GET /staff/residents C2", Call::Get("/staff/residents?community={C2}"), &[Admin], 200),
        row(
            "GET /staff/observations",
            Call::Get("/staff/observations"),
            &[Street, District, Admin],
            200,
        ),
        row("GET /staff/accounts", Call::Get("/staff/accounts"), &[Admin], 200),
        row("GET /staff/audit", Call::Get("/staff/audit"), &[Admin], 200),
        row(
            "rpc home",
            Call::Post("/staff/rpc/home", &[]),
            &[Committee, Street, District, Admin],
            200,
        ),
        row(
            "rpc community C1",
            Call::Post("/staff/rpc/community", &[("community", "{C1}")]),
            &[Committee, Street, District, Admin],
            200,
        ),
        row(
            "rpc community C2",
            Call::Post("/staff/rpc/community", &[("community", "{C2}")]),
            &[Admin],
            200,
        ),
        row(
            "rpc observations",
            Call::Post("/staff/rpc/observations", &[]),
            &[Street, District, Admin],
            200,
        ),
        row("rpc accounts", Call::Post("/staff/rpc/accounts", &[]), &[Admin], 200),
        row("rpc audit", Call::Post("/staff/rpc/audit", &[]), &[Admin], 200),
        row(
            "POST decide R1 (C1)",
            Call::Post(
                "/staff/residents/decide",
                &[("resident", "{R1}"), ("decision", "reject"), ("reason", "门牌号与名册不符")],
            ),
            &[Committee, Street, District, Admin],
            303,
        ),
        row(
            "POST decide R2 (C2)",
            Call::Post(
                "/staff/residents/decide",
                &[("resident", "{R2}"), ("decision", "reject"), ("reason", "门牌号与名册不符")],
            ),
            &[Admin],
            303,
        ),
        row(
            "POST roll C1",
            Call::Upload("/staff/roll", &[("community", "{C1}")], "phone,label\n13700137000,\n"),
            &[Committee, Street, District, Admin],
            200,
        ),
        row(
            "POST roll C2",
            Call::Upload("/staff/roll", &[("community", "{C2}")], "phone,label\n13700137000,\n"),
            &[Admin],
            200,
        ),
        row(
            "POST observations S1",
            Call::Upload(
                "/staff/observations",
                &[],
                "period,area_code,indicator,value\n{DAY},{S1},crime_reports,3\n",
            ),
            &[Street, District, Admin],
            200,
        ),
        row(
            "POST observations S2",
            Call::Upload(
                "/staff/observations",
                &[],
                "period,area_code,indicator,value\n{DAY},{S2},crime_reports,3\n",
            ),
            &[Admin],
            200,
        ),
        row(
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
            303,
        ),
        row(
            "POST accounts/active spare",
            Call::Post("/staff/accounts/active", &[("id", "{SPARE}"), ("active", "0")]),
            &[Admin],
            303,
        ),
        row("GET /me/export", Call::Get("/me/export"), &[Resident], 200),
        row(
            "POST /me/community C1",
            Call::Post("/me/community", &[("community", "{C1}")]),
            &[Resident],
            303,
        ),
        row(
            "rpc me (own data only)",
            Call::Post("/rpc/me", &[]),
            &[Anonymous, Resident, Committee, Street, District, Admin],
            200,
        ),
    ];
    let resident_ids = [vars[5].1.clone(), vars[6].1.clone()];
    let state = || state(&app);
    let reset = || async {
        let w = leak_writer(&app).await;
        sqlx::query("UPDATE residents SET verification = 'pending', verified_by = NULL WHERE claim_name IS NOT NULL").execute(&w).await.unwrap();
        sqlx::query("UPDATE staff SET active = 1").execute(&w).await.unwrap();
        sqlx::query("DELETE FROM staff WHERE username LIKE 'new-%'").execute(&w).await.unwrap();
        w.close().await;
    };
    // "Own data only": a resident's own record comes back, nobody else's; anyone
    // else gets nothing.
    let own = me_id.clone();
    let body = move |name: &str, actor: Actor, body: &str| -> Result<(), String> {
        if name.starts_with("POST roll") || name.starts_with("POST observations") {
            // An upload answers its outcome: applied, with no problems.
            return match body.contains(r#""ok":true"#) && body.contains(r#""problems":[]"#) {
                true => Ok(()),
                false => Err(format!("the upload was not applied: {body:.300}")),
            };
        }
        if name != "rpc me (own data only)" {
            return Ok(());
        }
        let others = resident_ids.iter().any(|id| body.contains(id.as_str()));
        match actor {
            Actor::Resident if body.contains(own.as_str()) && !others => Ok(()),
            Actor::Resident => Err(format!("not the caller's own record: {body:.300}")),
            _ if body.trim() == "null" => Ok(()),
            _ => Err(format!("someone's data for a caller who is no resident: {body:.300}")),
        }
    };
    let m = Matrix { app: &app, browsers: &browsers, vars: &vars, state, reset, body };
    run(m, &rows).await;
}
