//! A committee verifies its residents by hand and by roll.
use super::*;
use crate::helpers::spawn;
use app::core::access::Role;

/// A committee member of the first community, and a resident of it who asked them
/// for verification as 李小梅 of 3栋201.
async fn asking(
) -> (crate::helpers::TestApp, super::Areas, crate::helpers::Browser, crate::helpers::Browser) {
    let app = spawn(true).await;
    let a = areas(&app).await;
    app.add_staff("jw", Role::Committee, &a.c1).await;
    let r = app.resident("13800138000").await;
    r.post_form("/me/community", &[("community", &a.c1)]).await;
    r.post_form("/me/verification", &[("name", "李小梅"), ("address", "3栋201")]).await;
    let jw = app.staff("jw").await;
    (app, a, r, jw)
}

#[tokio::test]
async fn committees_verify_their_residents_by_hand_and_by_roll() {
    let (app, a, r, jw) = asking().await;
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

/// A roll as large as a community's may be is taken whole; one more line is refused
/// before any line is read, with the limit named, and the old roll stays.
#[tokio::test]
async fn a_roll_over_the_row_limit_is_refused_whole() {
    use tongxin::accounts::roll_import::MAX_ROWS;
    let app = spawn(true).await;
    let a = areas(&app).await;
    app.add_staff("jw", Role::Committee, &a.c1).await;
    let jw = app.staff("jw").await;
    let roll = |n: usize| {
        let mut s = String::from("phone,label\n");
        for i in 0..n {
            s.push_str(&format!("139{i:08},\n"));
        }
        s
    };
    let full = roll(MAX_ROWS);
    let res = jw.upload("/staff/roll", &[("community", &a.c1)], "roll.csv", &full, true).await;
    assert_eq!(res.status(), 200);
    let before = state(&app).await;
    let over = roll(MAX_ROWS + 1);
    let res = jw.upload("/staff/roll", &[("community", &a.c1)], "roll.csv", &over, true).await;
    assert_eq!(res.status(), 422);
    let report: serde_json::Value = res.json().await.unwrap();
    assert_eq!(report["ok"], false);
    assert_eq!(
        report["problems"],
        serde_json::json!([format!("文件：文件数据超过 {MAX_ROWS} 行，超出单个文件的上限")])
    );
    assert_eq!(state(&app).await, before);
    assert_eq!(
        scalar(&app, "SELECT CAST(count(*) AS TEXT) FROM resident_roll").await,
        MAX_ROWS.to_string()
    );
}

/// Not verifying a resident takes a reason: without one nothing changes; with one the
/// resident reads it on 我的 until they ask again, when it is gone.
#[tokio::test]
async fn a_refusal_says_why_and_the_resident_reads_it() {
    let (app, a, r, jw) = asking().await;
    let page = jw.get(&format!("/staff/residents?community={}", a.c1)).await.text().await.unwrap();
    assert!(page.contains("不通过的原因"), "the refusal asks why");
    let id = scalar(&app, "SELECT id FROM residents").await;
    let before = state(&app).await;
    for reason in ["", " ", "x", &"长".repeat(201)] {
        let res = jw
            .post_form(
                "/staff/residents/decide",
                &[("resident", &id), ("decision", "reject"), ("reason", reason)],
            )
            .await;
        assert_eq!(res.status(), 422, "{reason:?}");
        assert!(res.text().await.unwrap().contains("请写明不通过的原因"));
        assert_eq!(state(&app).await, before, "a refusal without a reason changes nothing");
    }
    let why = "门牌号与名册不符，请补充3栋201的租房合同或联系居委会";
    let res = jw
        .post_form(
            "/staff/residents/decide",
            &[("resident", &id), ("decision", "reject"), ("reason", why)],
        )
        .await;
    assert!(location(&res).contains("notice=decided"));
    assert_eq!(scalar(&app, "SELECT verification FROM residents").await, "rejected");
    let me = r.get("/me").await.text().await.unwrap();
    assert!(me.contains("居委会的说明") && me.contains(why), "the resident reads why");
    // Another resident of the same community does not.
    let other = app.resident("13900139000").await;
    other.post_form("/me/community", &[("community", &a.c1)]).await;
    assert!(!other.get("/me").await.text().await.unwrap().contains(why));
    // Asking again clears it.
    r.post_form("/me/verification", &[("name", "李小梅"), ("address", "3栋201")]).await;
    let me = r.get("/me").await.text().await.unwrap();
    assert!(!me.contains(why) && !me.contains("居委会的说明"));
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) || '' FROM residents WHERE reject_reason IS NOT NULL").await,
        "0"
    );
}
