//! Creating, editing, publishing and deleting surveys by role and area: the owner's
//! area (and the areas above it) may; anyone else is refused with 403 and the surveys
//! stay exactly as they were. The city's monthly survey is the city administrator's.
use super::*;
use crate::accounts::{areas, scalar};
use crate::helpers::{spawn, Browser, TestApp};
use app::core::access::Role;

/// Every survey's stored columns, to tell "nothing changed" from a change.
async fn surveys(app: &TestApp) -> String {
    scalar(
        app,
        "SELECT COALESCE(group_concat(id || ':' || kind || ':' || area_code || ':' || title || ':' \
         || status || ':' || length(questions), ','), '') FROM (SELECT * FROM surveys ORDER BY id)",
    )
    .await
}

/// A post that must be refused: 403, and no survey changed.
async fn refused(app: &TestApp, b: &Browser, path: &str, form: &[(&str, &str)]) {
    let before = surveys(app).await;
    let res = b.post_form(path, form).await;
    assert_eq!(res.status(), 403, "{path} {form:?}");
    assert_eq!(surveys(app).await, before, "{path} {form:?} changed a survey");
}

/// The id in a redirect to a new survey's editor.
fn created(res: &reqwest::Response) -> String {
    let to = location(res);
    assert!(to.ends_with("?notice=survey_created"), "{to}");
    to.trim_start_matches("/staff/surveys/").split('?').next().unwrap().to_string()
}

#[tokio::test]
async fn consultations_are_created_edited_and_deleted_only_inside_the_owners_area() {
    let app = spawn(true).await;
    let a = areas(&app).await;
    app.add_staff("jw", Role::Committee, &a.c1).await;
    app.add_staff("other", Role::Committee, &a.c2).await;
    app.add_staff("jd", Role::StreetOfficer, &a.s1).await;
    app.add_staff("qu", Role::DistrictOfficer, &a.d1).await;
    let (jw, other, jd, qu) = (
        app.staff("jw").await,
        app.staff("other").await,
        app.staff("jd").await,
        app.staff("qu").await,
    );
    let resident = app.resident("13800138050").await;

    // Create: inside one's own area only.
    let new = |area: &str| vec![("area", area.to_string()), ("title", "停车议事".to_string())];
    let form =
        |v: &[(&'static str, String)]| v.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>();
    for (who, area) in [(&jw, &a.s1), (&jw, &a.c2), (&jd, &a.s2), (&other, &a.c1)] {
        let f = form(&new(area));
        let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
        refused(&app, who, "/staff/surveys/new", &f).await;
    }
    let f = [("area", a.c1.as_str()), ("title", "停车议事")];
    refused(&app, &resident, "/staff/surveys/new", &f).await;
    refused(&app, &app.browser(), "/staff/surveys/new", &f).await;
    let committee_survey = created(&jw.post_form("/staff/surveys/new", &f).await);
    let street_survey = created(
        &jd.post_form("/staff/surveys/new", &[("area", &a.s1), ("title", "街道议事")]).await,
    );
    assert_eq!(scalar(&app, "SELECT COUNT(*) || '' FROM surveys").await, "2");

    // Edit: the owner area and those above it; not a committee below, not a neighbour.
    let edit = |title: &'static str| {
        vec![("title", title), ("opens", "2030-01-01T08:00"), ("closes", "2030-01-31T20:00")]
    };
    refused(&app, &jw, &format!("/staff/surveys/{street_survey}"), &edit("改名")).await;
    refused(&app, &other, &format!("/staff/surveys/{committee_survey}"), &edit("改名")).await;
    refused(&app, &resident, &format!("/staff/surveys/{committee_survey}"), &edit("改名")).await;
    let res =
        qu.post_form(&format!("/staff/surveys/{committee_survey}"), &edit("区里改的名")).await;
    assert!(location(&res).contains("notice=survey_saved"), "{}", location(&res));
    let title = format!("SELECT title FROM surveys WHERE id = '{committee_survey}'");
    assert_eq!(scalar(&app, &title).await, "区里改的名");

    // Moving a draft: within the editor's own area only.
    let mut move_to = edit("搬走");
    move_to.push(("area", a.c2.as_str()));
    refused(&app, &jd, &format!("/staff/surveys/{street_survey}"), &move_to).await;
    let mut down = edit("搬到社区");
    down.push(("area", a.c1.as_str()));
    let res = jd.post_form(&format!("/staff/surveys/{street_survey}"), &down).await;
    assert!(location(&res).contains("notice=survey_saved"));
    let area = format!("SELECT area_code FROM surveys WHERE id = '{street_survey}'");
    assert_eq!(scalar(&app, &area).await, a.c1);

    // Delete: likewise.
    for b in [&other, &resident] {
        refused(&app, b, &format!("/staff/surveys/{committee_survey}/delete"), &[]).await;
    }
    let res = jw.post_form(&format!("/staff/surveys/{committee_survey}/delete"), &[]).await;
    assert_eq!(location(&res), "/staff/surveys?notice=survey_deleted");
    assert_eq!(scalar(&app, "SELECT COUNT(*) || '' FROM surveys").await, "1");
}

#[tokio::test]
async fn the_monthly_survey_is_created_and_edited_by_the_city_administrator_only() {
    let app = spawn(true).await;
    let a = areas(&app).await;
    app.add_staff("admin", Role::CityAdmin, &a.city).await;
    app.add_staff("qu", Role::DistrictOfficer, &a.d1).await;
    app.add_staff("jw", Role::Committee, &a.c1).await;
    let month = {
        let today = app::core::time::china_date(app::core::time::now());
        app::index::rules::periods::next_period(app::index::model::Edition::Monthly, &today[..7])
            .unwrap()
    };
    for who in ["qu", "jw"] {
        let b = app.staff(who).await;
        refused(&app, &b, "/staff/surveys/monthly", &[("month", &month)]).await;
    }
    let admin = app.staff("admin").await;
    let id = created(&admin.post_form("/staff/surveys/monthly", &[("month", &month)]).await);
    let kind = format!("SELECT kind || ':' || area_code FROM surveys WHERE id = '{id}'");
    assert_eq!(scalar(&app, &kind).await, format!("city_monthly:{}", a.city));
    // A second one for the same month is named, not stored.
    let res = admin.post_form("/staff/surveys/monthly", &[("month", &month)]).await;
    assert_eq!(location(&res), "/staff/surveys?error=survey_month_taken");
    // A district officer (inside the city) still may not edit or delete it.
    let qu = app.staff("qu").await;
    refused(&app, &qu, &format!("/staff/surveys/{id}"), &[("title", "区里的")]).await;
    refused(&app, &qu, &format!("/staff/surveys/{id}/delete"), &[]).await;
    // A post without a title keeps the stored one, says so, and still applies the action.
    let res = admin.post_form(&format!("/staff/surveys/{id}"), &[("action", "add:rating10")]).await;
    assert_eq!(location(&res), format!("/staff/surveys/{id}?error=survey_title#settings-h"));
    let questions =
        format!("SELECT json_array_length(questions) || '' FROM surveys WHERE id = '{id}'");
    assert_eq!(scalar(&app, &questions).await, "9", "the template's 8 and the one added");
}

/// Publishing freezes the questions, so it takes the box that says so: without it
/// the editor's fields are saved and the survey stays a draft; with it, it publishes.
/// A survey not ready is told what is missing first, ticked or not.
#[tokio::test]
async fn publishing_asks_for_confirmation_that_questions_freeze() {
    let app = spawn(true).await;
    let a = areas(&app).await;
    app.add_staff("jw", Role::Committee, &a.c1).await;
    let jw = app.staff("jw").await;
    let id = created(
        &jw.post_form("/staff/surveys/new", &[("area", &a.c1), ("title", "停车议事")]).await,
    );
    let page = format!("/staff/surveys/{id}");
    let post = |extra: &[(&'static str, &'static str)]| {
        let mut form = vec![
            ("title", "停车议事"),
            ("opens", "2030-01-01T08:00"),
            ("closes", "2030-01-31T20:00"),
        ];
        form.extend_from_slice(extra);
        form
    };
    let editor = jw.get(&page).await.text().await.unwrap();
    assert!(editor.contains("name=\"confirm_publish\"") && editor.contains("题目和选项从此冻结"));
    let res =
        jw.post_form(&page, &post(&[("action", "publish"), ("confirm_publish", "yes")])).await;
    assert!(location(&res).contains("error=survey_not_ready"), "{}", location(&res));
    jw.post_form(&page, &post(&[("action", "add:rating10")])).await;
    let status = format!("SELECT status || ':' || json_extract(questions, '$[0].title') FROM surveys WHERE id = '{id}'");

    let res = jw
        .post_form(
            &page,
            &post(&[("f0.id", "q1"), ("f0.title", "您对停车秩序打几分？"), ("action", "publish")]),
        )
        .await;
    assert_eq!(location(&res), format!("{page}?error=publish_unconfirmed#publish-confirm"));
    assert_eq!(scalar(&app, &status).await, "draft:您对停车秩序打几分？", "saved, not published");
    let shown = jw.get(&location(&res)).await.text().await.unwrap();
    assert!(shown.contains("已保存，尚未发布"), "the editor says why");

    let res =
        jw.post_form(&page, &post(&[("action", "publish"), ("confirm_publish", "yes")])).await;
    assert_eq!(location(&res), format!("{page}?notice=survey_published"));
    assert_eq!(scalar(&app, &status).await, "published:您对停车秩序打几分？");
}
