//! Supports (附议): verified residents of the project's community, one per person
//! whatever their accounts, up to the threshold that sends it to the council.
use super::*;
use crate::helpers::{spawn_with, words};
use app::core::access::Role;

async fn app_with_threshold(n: i64) -> crate::helpers::TestApp {
    spawn_with(true, |s| {
        s.auth.resend_secs = 0;
        s.auth.codes_per_phone_hour = 1000;
        s.auth.codes_per_client_hour = 1000;
        s.projects.support_threshold = n;
    })
    .await
}

async fn support(b: &crate::helpers::Browser, id: &str) -> String {
    location(&b.post_form(&format!("/projects/{id}/support"), &[]).await)
}

#[tokio::test]
async fn verified_neighbours_support_once_each_and_the_threshold_sends_it_to_the_council() {
    let app = app_with_threshold(3).await;
    app.add_staff("hz-committee", Role::Committee, HOME).await;
    let committee = app.staff("hz-committee").await;
    let author = verified(&app, "13900000001").await;
    let id = submitted(&author, "社区长者助餐点").await;

    // Not public, so not there to support, before it is accepted.
    let first = verified(&app, "13900000002").await;
    let res = first.post_form(&format!("/projects/{id}/support"), &[]).await;
    assert_eq!(res.status(), 404);
    accept(&committee, &id).await;

    assert_eq!(support(&author, &id).await, format!("/projects/{id}?error=support_author#support"));
    let unverified = resident_of(&app, "13900000003", HOME).await;
    assert_eq!(
        support(&unverified, &id).await,
        format!("/projects/{id}?error=support_verified#support")
    );
    let outsider = resident_of(&app, "13900000004", ELSEWHERE).await;
    assert_eq!(
        support(&outsider, &id).await,
        format!("/projects/{id}?error=support_outside#support")
    );
    let to = support(&app.anonymous, &id).await;
    assert_eq!(to, format!("/signin?next=%2Fprojects%2F{id}%23support"));
    assert_eq!(state(&app, &id).await, ("accepted".into(), 0), "refusals count nothing");

    assert_eq!(support(&first, &id).await, format!("/projects/{id}?notice=supported#support"));
    assert_eq!(
        support(&first, &id).await,
        format!("/projects/{id}?notice=already_supported#support")
    );
    let page = words(&first.page(&format!("/projects/{id}"), None).await.1);
    assert!(page.contains("您已附议") && page.contains("已有 1 人附议，需要 3 人"), "{page}");

    // The same person with a new account (same phone) is still one voice.
    first.post_form("/me/delete", &[("confirm", "yes")]).await;
    let again = verified(&app, "13900000002").await;
    assert_eq!(
        support(&again, &id).await,
        format!("/projects/{id}?notice=already_supported#support")
    );
    assert_eq!(state(&app, &id).await, ("accepted".into(), 1));

    let second = verified(&app, "13900000005").await;
    assert_eq!(support(&second, &id).await, format!("/projects/{id}?notice=supported#support"));
    let third = verified(&app, "13900000006").await;
    assert_eq!(support(&third, &id).await, format!("/projects/{id}?notice=to_council#support"));
    assert_eq!(state(&app, &id).await, ("council".into(), 3));
    let fourth = verified(&app, "13900000007").await;
    assert_eq!(support(&fourth, &id).await, format!("/projects/{id}?error=support_closed#support"));
    let public = words(&app.page(&format!("/projects/{id}"), None).await.1);
    assert!(public.contains("附议达到人数，提交居民议事会") && public.contains("平台"), "{public}");
    let mine = words(&second.page("/me/projects", None).await.1);
    assert!(mine.contains("我附议的项目（1）") && mine.contains("社区长者助餐点"), "{mine}");
    // The marks did their work and are gone; the count stays.
    let marks = count(
        &app,
        &format!("SELECT COUNT(*) FROM participation_marks WHERE activity = 'project:{id}'"),
    )
    .await;
    assert_eq!(marks, 0);
}

#[tokio::test]
async fn two_hundred_concurrent_supports_by_one_resident_count_once() {
    let app = app_with_threshold(10).await;
    app.add_staff("hz-committee", Role::Committee, HOME).await;
    let committee = app.staff("hz-committee").await;
    let author = verified(&app, "13900000011").await;
    let id = submitted(&author, "楼道扶手加装").await;
    accept(&committee, &id).await;
    let me = verified(&app, "13900000012").await;
    let path = format!("/projects/{id}/support");
    let tasks: Vec<_> = (0..200)
        .map(|_| {
            let (client, url, base) = (me.client.clone(), me.url(&path), me.base.clone());
            tokio::spawn(async move {
                let res = client
                    .post(url)
                    .header("origin", base)
                    .header("sec-fetch-site", "same-origin")
                    .send()
                    .await
                    .unwrap();
                location(&res)
            })
        })
        .collect();
    let mut outcomes = Vec::new();
    for t in tasks {
        outcomes.push(t.await.unwrap());
    }
    let counted = outcomes.iter().filter(|o| o.contains("notice=supported")).count();
    let already = outcomes.iter().filter(|o| o.contains("notice=already_supported")).count();
    assert_eq!((counted, already), (1, 199), "{outcomes:?}");
    assert_eq!(state(&app, &id).await, ("accepted".into(), 1));
    let records =
        count(&app, &format!("SELECT COUNT(*) FROM project_supports WHERE project_id = '{id}'"))
            .await;
    assert_eq!(records, 1);
}
