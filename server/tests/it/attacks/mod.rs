//! The attacks of an outside review (issue 13), each tried through HTTP against the
//! running application as an attacker would. Every test is named after its attack and
//! asserts that it fails.
mod anonymity;
mod cookies;
mod injection;
mod limits;
mod participation;
mod proxies;
mod secrets;
mod staff;

use crate::helpers::{location, Browser, TestApp};

/// Answers the test survey (`safe` = 4) and says where the server sent the browser.
pub async fn answer(b: &Browser, survey: &str) -> String {
    let res = b.post_form(&format!("/surveys/{survey}/answer"), &[("safe", "4")]).await;
    assert_eq!(res.status(), 303);
    location(&res)
}

/// How many responses the survey has.
pub async fn responses(app: &TestApp, survey: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM survey_responses WHERE survey_id = ?")
        .bind(survey)
        .fetch_one(app.db.reader())
        .await
        .unwrap()
}
