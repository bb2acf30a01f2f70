//! The residents' council: its committee records the meeting and an outcome for every
//! project on the agenda; each project moves on, with the reason on its timeline.
use super::*;
use crate::helpers::{spawn_with, words};
use app::core::access::Role;

#[tokio::test]
async fn the_committee_records_the_council_and_each_project_moves_on() {
    let app = spawn_with(true, |s| {
        s.auth.resend_secs = 0;
        s.auth.codes_per_phone_hour = 1000;
        s.auth.codes_per_client_hour = 1000;
        s.projects.support_threshold = 1;
    })
    .await;
    app.add_staff("hz-committee", Role::Committee, HOME).await;
    app.add_staff("street", Role::StreetOfficer, "449902002").await;
    let committee = app.staff("hz-committee").await;
    let author = verified(&app, "13400000001").await;
    let fan = verified(&app, "13400000002").await;
    let mut ids = Vec::new();
    for title in ["口袋公园遮阳棚", "楼道扶手加装"] {
        let id = submitted(&author, title).await;
        accept(&committee, &id).await;
        fan.post_form(&format!("/projects/{id}/support"), &[]).await;
        assert_eq!(state(&app, &id).await.0, "council");
        ids.push(id);
    }
    // The demo city's own council projects in this community are on the agenda too.
    let agenda: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM projects WHERE community_code = ? AND status IN ('council', 'deferred')",
    )
    .bind(HOME)
    .fetch_all(app.db.reader())
    .await
    .unwrap();
    assert!(agenda.len() >= 2);
    let page = words(&committee.page("/staff/projects/council", None).await.1);
    assert!(page.contains(&format!("议程：待议事会讨论的项目（{}）", agenda.len())), "{page}");

    let mut form: Vec<(String, String)> = vec![
        ("community".into(), HOME.into()),
        ("held_on".into(), app::core::time::china_date(app::core::time::now())),
        ("attendees".into(), "23".into()),
        ("minutes".into(), "到会居民代表 23 人，逐项讨论并举手表决。".into()),
    ];
    let statuses: Vec<(String, String)> = sqlx::query_as(
        "SELECT id, status FROM projects WHERE community_code = ? AND status IN ('council', 'deferred')",
    )
    .bind(HOME)
    .fetch_all(app.db.reader())
    .await
    .unwrap();
    for (id, status) in &statuses {
        form.push(("agenda".into(), format!("{id}:{status}")));
    }
    for id in &agenda {
        let outcome = if *id == ids[1] { "deferred" } else { "ballot" };
        form.push((format!("outcome-{id}"), outcome.into()));
    }
    let post = |b: &Browser, f: Vec<(String, String)>| {
        let req = b
            .client
            .post(b.url("/staff/projects/council"))
            .header("origin", &b.base)
            .header("sec-fetch-site", "same-origin")
            .form(&f);
        async move { req.send().await.unwrap() }
    };
    // Deferring without a reason changes nothing; a street officer may not record it.
    let res = post(&committee, form.clone()).await;
    assert_eq!(
        location(&res),
        format!("/staff/projects/council?community={HOME}&error=council_reason#record-h")
    );
    let street = app.staff("street").await;
    form.push((format!("reason-{}", ids[1]), "需先征求 3 栋业主意见，下次议事会再议。".into()));
    assert_eq!(post(&street, form.clone()).await.status(), 403);
    assert_eq!(state(&app, &ids[0]).await.0, "council");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM council_meetings").await, 0);

    // A form without the agenda it was written for decides nothing.
    let stale = format!("/staff/projects/council?community={HOME}&error=council_stale#record-h");
    let blind: Vec<_> = form.iter().filter(|(k, _)| k != "agenda").cloned().collect();
    assert_eq!(location(&post(&committee, blind).await), stale);
    let res = post(&committee, form.clone()).await;
    assert_eq!(
        location(&res),
        format!("/staff/projects/council?community={HOME}&notice=council_saved")
    );
    // Posted again (a second tap, a tab left open): the deferred project is on the new
    // agenda, but not as the form saw it, so nothing more is recorded.
    assert_eq!(location(&post(&committee, form).await), stale);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM council_meetings").await, 1);
    assert_eq!(state(&app, &ids[0]).await.0, "ballot");
    assert_eq!(state(&app, &ids[1]).await.0, "deferred");
    let public = words(&app.page(&format!("/projects/{}", ids[1]), None).await.1);
    assert!(
        public.contains("居民议事会：暂缓") && public.contains("需先征求 3 栋业主意见"),
        "{public}"
    );
    assert!(public.contains("到会居民代表 23 人") && public.contains("23 人参加"), "{public}");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'project.council'").await,
        1
    );
}
