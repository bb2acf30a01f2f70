//! Every staff survey route and `/staff/rpc` survey function in the authorisation
//! matrix, for every role inside and outside the survey's area: creating (the monthly
//! survey by the city administrator only), editing, moving a draft to another area,
//! publishing's sibling close, deleting, results, export, and the lists, which hold
//! the caller's own area's surveys and no others.
use super::{answers, create, draft, questions, submit};
use crate::accounts::matrix::{cast, row, run, Actor, Call, Matrix};
use crate::accounts::{areas, leak_writer, scalar};
use crate::helpers::{location, spawn, TestApp};
use sqlx::Connection;
use tongxin::surveys::store::responses::Respondent;

/// Everything a survey action could change, as one string.
async fn state(app: &TestApp) -> String {
    scalar(
        app,
        "SELECT (SELECT COALESCE(group_concat(id || ':' || kind || ':' || area_code || ':' || title \
         || ':' || status || ':' || length(questions), ','), '') FROM (SELECT * FROM surveys ORDER BY id)) \
         || ' | ' || (SELECT COUNT(*) FROM survey_links) \
         || ' | ' || (SELECT COUNT(*) FROM audit_log WHERE action NOT LIKE 'staff.signin%')",
    )
    .await
}

/// A survey in `area`, stored as a draft, or published and open for a day.
async fn survey(app: &TestApp, area: &str, title: &str, publish: bool) -> String {
    let qs = questions();
    let now = chrono::Utc::now().timestamp();
    let mut new = draft(&qs, false, false, now - 60, now + 86_400);
    new.draft.area_code = area;
    new.draft.title = title;
    let id = create(&app.db, new).await.unwrap();
    if publish {
        assert!(tongxin::surveys::service::lifecycle::publish(&app.db, &id).await.unwrap());
        // Enough answers for an export.
        for n in 0..5 {
            let resident = format!("{area}-{n}");
            let who = Respondent {
                resident_id: &resident,
                community_code: Some(area),
                street_code: Some(&area[..9]),
                via_community: None,
            };
            submit(&app.db, &id, who, &answers("4", "")).await.unwrap();
        }
    }
    id
}

#[tokio::test]
async fn every_staff_survey_route_and_function_refuses_outside_the_role_and_area() {
    let app = spawn(true).await;
    let a = areas(&app).await;
    let browsers = cast(&app, &a).await;
    let month = |ahead: u32| {
        let today = app::core::time::china_date(app::core::time::now());
        let mut m = today[..7].to_string();
        for _ in 0..ahead {
            m = app::index::rules::periods::next_period(app::index::model::Edition::Monthly, &m)
                .unwrap();
        }
        m
    };
    let admin = browsers[5].as_ref().unwrap();
    let res = admin.post_form("/staff/surveys/monthly", &[("month", &month(1))]).await;
    let monthly =
        location(&res).trim_start_matches("/staff/surveys/").split('?').next().unwrap().to_string();
    let vars = vec![
        ("C1", a.c1.clone()),
        ("C2", a.c2.clone()),
        ("DRAFT1", survey(&app, &a.c1, "一社区草稿", false).await),
        ("DRAFT2", survey(&app, &a.c2, "二社区草稿", false).await),
        ("OPEN1", survey(&app, &a.c1, "一社区议事", true).await),
        ("OPEN2", survey(&app, &a.c2, "二社区议事", true).await),
        ("MONTHLY", monthly),
        ("NEXT", month(2)),
    ];
    // Kept aside, to put the surveys back after an allowed change.
    let w = leak_writer(&app).await;
    for sql in [
        "CREATE TABLE kept_surveys AS SELECT * FROM surveys",
        "CREATE TABLE kept_links AS SELECT * FROM survey_links",
    ] {
        sqlx::query(sql).execute(&w).await.unwrap();
    }
    w.close().await;

    use Actor::*;
    const STAFF: &[Actor] = &[Committee, Street, District, Admin];
    const C1: &[Actor] = STAFF;
    const EDIT: &[(&str, &str)] =
        &[("title", "改过的标题"), ("opens", "2030-01-01T08:00"), ("closes", "2030-01-31T20:00")];
    let rows = [
        row("GET /staff/surveys", Call::Get("/staff/surveys"), STAFF, 200),
        row("rpc surveys (own area's)", Call::Post("/staff/rpc/surveys", &[]), STAFF, 200),
        row("rpc to-dos (own area's)", Call::Post("/staff/rpc/todo", &[]), STAFF, 200),
        row("GET draft C1", Call::Get("/staff/surveys/{DRAFT1}"), C1, 200),
        row("GET draft C2", Call::Get("/staff/surveys/{DRAFT2}"), &[Admin], 200),
        row("rpc survey C1", Call::Post("/staff/rpc/survey", &[("id", "{DRAFT1}")]), C1, 200),
        row("rpc survey C2", Call::Post("/staff/rpc/survey", &[("id", "{DRAFT2}")]), &[Admin], 200),
        row("GET results C1", Call::Get("/staff/surveys/{OPEN1}/results"), C1, 200),
        row("GET results C2", Call::Get("/staff/surveys/{OPEN2}/results"), &[Admin], 200),
        row("rpc results C1", Call::Post("/staff/rpc/results", &[("id", "{OPEN1}")]), C1, 200),
        row(
            "rpc results C2",
            Call::Post("/staff/rpc/results", &[("id", "{OPEN2}")]),
            &[Admin],
            200,
        ),
        row("GET export C1", Call::Get("/staff/surveys/{OPEN1}/export.csv"), C1, 200),
        row("GET export C2", Call::Get("/staff/surveys/{OPEN2}/export.csv"), &[Admin], 200),
        row(
            "POST new in C1",
            Call::Post("/staff/surveys/new", &[("area", "{C1}"), ("title", "议事")]),
            C1,
            303,
        ),
        row(
            "POST new in C2",
            Call::Post("/staff/surveys/new", &[("area", "{C2}"), ("title", "议事")]),
            &[Admin],
            303,
        ),
        row(
            "POST new monthly",
            Call::Post("/staff/surveys/monthly", &[("month", "{NEXT}")]),
            &[Admin],
            303,
        ),
        row("POST edit draft C1", Call::Post("/staff/surveys/{DRAFT1}", EDIT), C1, 303),
        row("POST edit draft C2", Call::Post("/staff/surveys/{DRAFT2}", EDIT), &[Admin], 303),
        row(
            "POST edit monthly",
            Call::Post("/staff/surveys/{MONTHLY}", &[("title", "月度问卷")]),
            &[Admin],
            303,
        ),
        row(
            "POST move draft C1 to C2",
            Call::Post(
                "/staff/surveys/{DRAFT1}",
                &[
                    ("title", "搬走"),
                    ("opens", "2030-01-01T08:00"),
                    ("closes", "2030-01-31T20:00"),
                    ("area", "{C2}"),
                ],
            ),
            &[Admin],
            303,
        ),
        row(
            "POST close C1",
            Call::Post("/staff/surveys/{OPEN1}/close", &[("confirm", "yes")]),
            C1,
            303,
        ),
        row(
            "POST close C2",
            Call::Post("/staff/surveys/{OPEN2}/close", &[("confirm", "yes")]),
            &[Admin],
            303,
        ),
        row("POST delete draft C1", Call::Post("/staff/surveys/{DRAFT1}/delete", &[]), C1, 303),
        row(
            "POST delete draft C2",
            Call::Post("/staff/surveys/{DRAFT2}/delete", &[]),
            &[Admin],
            303,
        ),
        row(
            "POST delete monthly",
            Call::Post("/staff/surveys/{MONTHLY}/delete", &[]),
            &[Admin],
            303,
        ),
    ];
    let state = || state(&app);
    let url = format!("sqlite://{}", app.dir.path().join("tongxin.db").display());
    let reset = || async {
        // One connection with foreign keys off, so that putting a survey back does not
        // cascade through its links.
        let mut c = sqlx::SqliteConnection::connect(&url).await.unwrap();
        for sql in [
            "PRAGMA foreign_keys = OFF",
            "DELETE FROM surveys",
            "INSERT INTO surveys SELECT * FROM kept_surveys",
            "DELETE FROM survey_links",
            "INSERT INTO survey_links SELECT * FROM kept_links",
        ] {
            sqlx::query(sql).execute(&mut c).await.unwrap();
        }
        c.close().await.unwrap();
    };
    // The lists hold the caller's area's surveys: C1's for staff above C1, C2's too
    // for the city administrator only.
    let (d1, d2) = (vars[2].1.clone(), vars[3].1.clone());
    let body = move |name: &str, actor: Actor, body: &str| -> Result<(), String> {
        if name.starts_with("GET export") {
            // The named survey's file: a header and its five answers.
            return match body.lines().count() {
                6 => Ok(()),
                n => Err(format!("{n} lines in the export: {body:.300}")),
            };
        }
        if !matches!(name, "GET /staff/surveys" | "rpc surveys (own area's)") {
            return Ok(());
        }
        let (mine, other) = (body.contains(d1.as_str()), body.contains(d2.as_str()));
        match (mine, other, actor == Admin) {
            (true, false, false) | (true, true, true) => Ok(()),
            _ => Err(format!("lists C1's draft: {mine}, C2's: {other}")),
        }
    };
    let m = Matrix { app: &app, browsers: &browsers, vars: &vars, state, reset, body };
    run(m, &rows).await;
}
