//! A committee verifies its residents by hand and by roll.
use super::*;
use crate::helpers::spawn;
use app::core::access::Role;

#[tokio::test]
async fn committees_verify_their_residents_by_hand_and_by_roll() {
    let app = spawn(true).await;
    let a = areas(&app).await;
    app.add_staff("jw", Role::Committee, &a.c1).await;
    let r = app.resident("13800138000").await;
    r.post_form("/me/community", &[("community", &a.c1)]).await;
    r.post_form("/me/verification", &[("name", "李小梅"), ("address", "3栋201")]).await;
    let jw = app.staff("jw").await;
    let page = jw.get(&format!("/staff/residents?community={}", a.c1)).await.text().await.unwrap();
    assert!(page.contains("李小梅") && page.contains("尾号 8000"), "the queue shows the request");
    let id = scalar(&app, "SELECT id FROM residents").await;
    let res = jw
        .post_form("/staff/residents/decide", &[("resident", &id), ("decision", "approve")])
        .await;
    assert!(location(&res).contains("notice=decided"));
    assert_eq!(scalar(&app, "SELECT verification FROM residents").await, "verified");
    assert!(r.get("/me").await.text().await.unwrap().contains("已认证"));

    // The roll verifies a resident as soon as they choose the community.
    let roll = "phone,label\n13900139000,5栋502\n";
    let res = jw.upload("/staff/roll", &[("community", &a.c1)], "roll.csv", roll, false).await;
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("名册已更新：1 个号码"));
    let q = app.resident("13900139000").await;
    let res = q.post_form("/me/community", &[("community", &a.c1)]).await;
    assert!(location(&res).contains("notice=community_verified"));
    // A bad roll reports every bad line and changes nothing.
    let before = state(&app).await;
    let bad = "phone,label\n12345,\n13900139000,\n13900139000,dup\n";
    let res = jw.upload("/staff/roll", &[("community", &a.c1)], "roll.csv", bad, true).await;
    assert_eq!(res.status(), 422);
    let report: serde_json::Value = res.json().await.unwrap();
    let problems: Vec<String> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].starts_with("第 2 行") && problems[1].starts_with("第 4 行"),
        "{problems:?}"
    );
    assert_eq!(state(&app).await, before);
    let res =
        jw.upload("/staff/roll", &[("community", &a.c1)], "roll.xlsx", "PK\u{3}\u{4}", true).await;
    assert_eq!(res.status(), 400, "not a CSV");
}
