//! Staff outside a survey's area cannot see, close or export it.
use super::*;
use crate::helpers::spawn;

#[tokio::test]
async fn staff_outside_the_survey_area_cannot_see_close_or_export_it() {
    use app::core::access::Role;
    let app = spawn(true).await;
    let survey = published(&app.db, false, false).await;
    app.add_staff("own-committee", Role::Committee, "449902002001").await;
    app.add_staff("other-committee", Role::Committee, "449901001001").await;
    app.add_staff("fenglin-street", Role::StreetOfficer, "449902002").await;
    let other = app.staff("other-committee").await;
    for path in [
        format!("/staff/surveys/{survey}"),
        format!("/staff/surveys/{survey}/results"),
        format!("/staff/surveys/{survey}/export.csv"),
    ] {
        assert_eq!(other.get(&path).await.status(), 403, "{path}");
    }
    let res =
        other.post_form(&format!("/staff/surveys/{survey}/close"), &[("confirm", "yes")]).await;
    assert_eq!(res.status(), 403);
    assert_eq!(
        tongxin::surveys::store::surveys::get(app.db.reader(), &survey)
            .await
            .unwrap()
            .unwrap()
            .status,
        app::surveys::model::SurveyStatus::Published
    );
    // The street above it sees it; its own committee closes it.
    let street = app.staff("fenglin-street").await;
    assert_eq!(street.get(&format!("/staff/surveys/{survey}")).await.status(), 200);
    let own = app.staff("own-committee").await;
    let res = own.post_form(&format!("/staff/surveys/{survey}/close"), &[("confirm", "yes")]).await;
    assert!(location(&res).contains("notice=survey_closed_ok"));
    assert_eq!(
        tongxin::surveys::store::surveys::get(app.db.reader(), &survey)
            .await
            .unwrap()
            .unwrap()
            .status,
        app::surveys::model::SurveyStatus::Closed
    );
}
