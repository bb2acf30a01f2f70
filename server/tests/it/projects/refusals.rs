//! Every staff endpoint of 民生微实事 × role × area: a committee acts on its own
//! community's proposals only, officers above only read, the lists are the city
//! administrator's; each refusal is a 403 that changes nothing.
use super::*;
use crate::helpers::spawn;
use app::core::access::Role;

#[tokio::test]
async fn staff_outside_their_role_or_area_are_refused_and_nothing_changes() {
    let app = spawn(true).await;
    app.add_staff("own", Role::Committee, HOME).await;
    app.add_staff("foreign", Role::Committee, ELSEWHERE).await;
    app.add_staff("street", Role::StreetOfficer, "449902002").await;
    app.add_staff("district", Role::DistrictOfficer, "449902").await;
    let author = resident_of(&app, "13600000001", HOME).await;
    let id = submitted(&author, "社区微型消防站").await;
    let draft = id_in(&save(&author, "", &form("草稿项目"), "save").await);

    let review = format!("/staff/projects/{id}/review");
    let accept = [("decision", "accept"), ("category", "p-env")];
    let lists = count(&app, "SELECT COUNT(*) FROM project_lists").await;
    for who in ["foreign", "street", "district"] {
        let b = app.staff(who).await;
        assert_eq!(b.post_form(&review, &accept).await.status(), 403, "{who} reviews");
        let add = [("list", "positive"), ("zh", "新类别"), ("en", "New")];
        assert_eq!(
            b.post_form("/staff/projects/lists", &add).await.status(),
            403,
            "{who} edits lists"
        );
        assert_eq!(
            b.post_form("/staff/projects/lists/remove", &[("id", "p-env")]).await.status(),
            403
        );
    }
    let foreign = app.staff("foreign").await;
    assert_eq!(foreign.page(&format!("/staff/projects/{id}"), None).await.0, 403);
    assert!(!foreign.page("/staff/projects", None).await.1.contains("社区微型消防站"));
    // Officers above read their area's proposals.
    let street = app.staff("street").await;
    assert_eq!(street.page(&format!("/staff/projects/{id}"), None).await.0, 200);
    // Nobody on staff sees a draft; residents and guests are not staff.
    let own = app.staff("own").await;
    assert_eq!(own.page(&format!("/staff/projects/{draft}"), None).await.0, 404);
    assert_eq!(
        own.post_form(&format!("/staff/projects/{draft}/review"), &accept).await.status(),
        404
    );
    assert_eq!(author.post_form(&review, &accept).await.status(), 403);
    assert_eq!(app.post_form(&review, &accept).await.status(), 403);
    assert_eq!(
        own.post_form("/staff/projects/lists", &[("list", "positive"), ("zh", "甲"), ("en", "A")])
            .await
            .status(),
        403
    );

    assert_eq!(state(&app, &id).await.0, "submitted");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM project_lists").await, lists);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'project.%'").await,
        0
    );

    // The own committee: a bad decision changes nothing either; a good one lands once.
    let bad = own.post_form(&review, &[("decision", "accept"), ("category", "n-property")]).await;
    assert_eq!(location(&bad), format!("/staff/projects/{id}?error=review_category#review-h"));
    assert_eq!(state(&app, &id).await.0, "submitted");
    super::accept(&own, &id).await;
    let again = own.post_form(&review, &[("decision", "return"), ("reason", "再看看")]).await;
    assert_eq!(location(&again), format!("/staff/projects/{id}?error=review_not_waiting#review-h"));
    assert_eq!(state(&app, &id).await.0, "accepted");
}

#[tokio::test]
async fn the_city_administrator_edits_the_lists_with_an_audit_line() {
    let app = spawn(true).await;
    app.add_staff("city", Role::CityAdmin, "449900").await;
    let admin = app.staff("city").await;
    let res = admin
        .post_form(
            "/staff/projects/lists",
            &[("list", "positive"), ("zh", "垃圾分类宣传"), ("en", "Waste sorting campaigns")],
        )
        .await;
    assert_eq!(location(&res), "/staff/projects/lists?notice=list_saved");
    let bad = admin
        .post_form("/staff/projects/lists", &[("list", "positive"), ("zh", ""), ("en", "x")])
        .await;
    assert_eq!(location(&bad), "/staff/projects/lists?error=list_label");
    admin.post_form("/staff/projects/lists/remove", &[("id", "n-staff")]).await;
    let page = crate::helpers::words(&admin.page("/staff/projects/lists", None).await.1);
    assert!(page.contains("垃圾分类宣传") && !page.contains("人员工资"), "{page}");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'project.list.%'").await,
        2
    );
}
