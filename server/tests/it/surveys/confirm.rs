//! A guest's submission in two screens: the form's 提交 keeps the answers and opens the
//! confirmation screen; the number and its code on that one screen sign the resident
//! in, record the consent and the share link's community, and submit the kept answers.
use super::{link_code, published_for};
use crate::helpers::{location, spawn, Browser, TestApp};

const STREET: &str = "449902002";
const C2: &str = "449902002002";
const C3: &str = "449902002003";

async fn one(app: &TestApp, sql: &str) -> Option<String> {
    sqlx::query_scalar(sql).fetch_optional(app.db.reader()).await.unwrap()
}

async fn responses(app: &TestApp) -> Vec<(String, Option<String>)> {
    sqlx::query_as("SELECT community_code, via_community FROM survey_responses")
        .fetch_all(app.db.reader())
        .await
        .unwrap()
}

/// Answers as a guest through the share link of C2, returning the confirmation URL.
async fn answer_as_guest(guest: &Browser, survey: &str, code: &str) -> String {
    let res = guest
        .post_form(
            &format!("/surveys/{survey}/answer"),
            &[("safe", "5"), ("note", "晚上巡逻多一些"), ("_via", code)],
        )
        .await;
    assert_eq!(res.status(), 303);
    location(&res)
}

/// On the confirmation screen: asks for the code for `phone`, then sends it back with
/// the community chosen there; the answer to the second post.
async fn confirm_as(
    app: &TestApp,
    guest: &Browser,
    survey: &str,
    phone: &str,
    community: &str,
    code: &str,
) -> reqwest::Response {
    let send = [("phone", phone), ("community", community), ("via", code)];
    guest.post_form(&format!("/surveys/{survey}/confirm/send"), &send).await;
    let c = app.last_code(phone);
    let form = [("code", c.as_str()), ("community", community), ("via", code)];
    guest.post_form(&format!("/surveys/{survey}/confirm"), &form).await
}

#[tokio::test]
async fn a_guest_from_a_share_link_submits_with_number_and_code_on_one_screen() {
    let app = spawn(true).await;
    let survey = published_for(&app.db, STREET, false, false).await;
    let code = link_code(&app.db, &survey, C2).await;
    let guest = app.browser();
    // Screen 1 of 2: the confirmation screen, saying the answers are kept.
    let confirm = answer_as_guest(&guest, &survey, &code).await;
    assert_eq!(confirm, format!("/surveys/{survey}/confirm?via={code}&community="));
    assert!(responses(&app).await.is_empty(), "nothing is submitted before the code");
    let page = guest.get(&confirm).await.text().await.unwrap();
    assert!(page.contains("您的答案已保存，验证手机号后即可提交"));
    // The share link's community is chosen, and the consent is one sentence with a link.
    assert!(page.contains(&format!(r#"<option value="{C2}" selected>"#)), "{page}");
    assert!(page.contains("验证并提交即表示您已阅读并同意") && page.contains(r#"href="/privacy""#));

    // The code is asked for on the same screen, which then shows its field.
    let res = guest
        .post_form(
            &format!("/surveys/{survey}/confirm/send"),
            &[("phone", "13800138004"), ("community", C2), ("via", &code)],
        )
        .await;
    let step = location(&res);
    assert_eq!(
        step,
        format!("/surveys/{survey}/confirm?via={code}&community={C2}&step=code&to=8004#code")
    );
    let page = guest.get(step.split('#').next().unwrap()).await.text().await.unwrap();
    assert!(page.contains("尾号 8004") && page.contains(r#"name="code""#));

    // A wrong code stays on the screen, signs nobody in and submits nothing.
    let wrong = if app.last_code("13800138004") == "000000" { "111111" } else { "000000" };
    let form = [("code", wrong), ("community", C2), ("via", &code)];
    let res = guest.post_form(&format!("/surveys/{survey}/confirm"), &form).await;
    assert!(location(&res).starts_with(&format!(
        "/surveys/{survey}/confirm?via={code}&community={C2}&error=code_wrong"
    )));
    assert!(responses(&app).await.is_empty());
    assert_eq!(one(&app, "SELECT id FROM residents").await, None);

    // Screen 2 of 2: the right code lands on the thanks page with the answer stored.
    let right = app.last_code("13800138004");
    let form = [("code", right.as_str()), ("community", C2), ("via", &code)];
    let res = guest.post_form(&format!("/surveys/{survey}/confirm"), &form).await;
    assert_eq!(location(&res), format!("/surveys/{survey}?via={code}&notice=submitted"));
    assert_eq!(responses(&app).await, vec![(C2.to_string(), Some(C2.to_string()))]);
    let page = guest.get(&location(&res)).await.text().await.unwrap();
    assert!(page.contains("感谢参与"), "the thanks page");
    assert!(page.contains("结果在截止后公布在本页"), "it says what happens next");
    // The list marks the survey as taken part in, for this resident only.
    let card = |html: &str| {
        let at = html.find(&format!(r#"href="/surveys/{survey}""#)).expect("the survey is listed");
        html[at..at + html[at..].find("</li>").unwrap()].to_string()
    };
    let list = guest.get("/surveys").await.text().await.unwrap();
    assert!(card(&list).contains("已参与"), "{}", card(&list));
    assert!(card(&list).contains("截止 · 还剩"), "{}", card(&list));
    let list = app.get("/surveys").await.text().await.unwrap();
    assert!(!card(&list).contains("已参与"));
    // The consent is recorded, the community set, the kept answers dropped.
    let consent = one(&app, "SELECT consent_version FROM residents").await;
    assert_eq!(consent.as_deref(), Some(app::core::access::CONSENT_VERSION));
    assert_eq!(one(&app, "SELECT community_code FROM residents").await.as_deref(), Some(C2));
    assert_eq!(one(&app, "SELECT CAST(COUNT(*) AS TEXT) FROM survey_drafts").await.unwrap(), "0");
}

#[tokio::test]
async fn a_changed_community_is_taken_but_an_account_keeps_the_one_it_has() {
    let app = spawn(true).await;
    let survey = published_for(&app.db, STREET, false, false).await;
    let code = link_code(&app.db, &survey, C2).await;
    // A newcomer who lives in C3 changes the choice: C3 is recorded, the link stays C2.
    let guest = app.browser();
    answer_as_guest(&guest, &survey, &code).await;
    let res = confirm_as(&app, &guest, &survey, "13800138005", C3, &code).await;
    assert!(location(&res).ends_with("notice=submitted"), "{}", location(&res));
    assert_eq!(responses(&app).await, vec![(C3.to_string(), Some(C2.to_string()))]);
    // A resident registered in C2 who picks C3 here keeps C2.
    let known = app.resident("13800138006").await;
    known.post_form("/me/community", &[("community", C2)]).await;
    let guest = app.browser();
    answer_as_guest(&guest, &survey, &code).await;
    let res = confirm_as(&app, &guest, &survey, "13800138006", C3, &code).await;
    assert!(location(&res).ends_with("notice=submitted"));
    let mut got = responses(&app).await;
    got.sort();
    assert_eq!(
        got,
        vec![(C2.to_string(), Some(C2.to_string())), (C3.to_string(), Some(C2.to_string()))]
    );
}

#[tokio::test]
async fn one_who_has_answered_is_told_so_and_a_browser_without_kept_answers_is_sent_back() {
    let app = spawn(true).await;
    let survey = published_for(&app.db, STREET, false, false).await;
    let code = link_code(&app.db, &survey, C2).await;
    let first = app.browser();
    answer_as_guest(&first, &survey, &code).await;
    let res = confirm_as(&app, &first, &survey, "13800138007", C2, &code).await;
    assert!(location(&res).ends_with("notice=submitted"));
    // The same number on another phone: one answer per person.
    let second = app.browser();
    answer_as_guest(&second, &survey, &code).await;
    let res = confirm_as(&app, &second, &survey, "13800138007", C2, &code).await;
    assert!(location(&res).contains("notice=already_answered"), "{}", location(&res));
    assert_eq!(responses(&app).await.len(), 1);
    // A browser with nothing kept: the screen says so and a post goes back to the form.
    let empty = app.browser();
    let page = empty.get(&format!("/surveys/{survey}/confirm?via={code}&community=")).await;
    assert!(page.text().await.unwrap().contains("没有找到您保存的答案"));
    let res = confirm_as(&app, &empty, &survey, "13800138008", C2, &code).await;
    assert_eq!(location(&res), format!("/surveys/{survey}?error=answers_lost"));
    assert_eq!(responses(&app).await.len(), 1);
}
