//! Deliberation: comments and one level of replies by signed-in residents, reports,
//! and the committee hiding a comment with a public reason its author reads.
use super::*;
use crate::helpers::{spawn, words};
use app::core::access::Role;

async fn comment(b: &Browser, id: &str, body: &str, parent: &str) -> String {
    location(
        &b.post_form(&format!("/projects/{id}/comments"), &[("body", body), ("parent", parent)])
            .await,
    )
}

async fn comment_ids(app: &TestApp, id: &str) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT id FROM project_comments WHERE project_id = ? ORDER BY created_at, rowid",
    )
    .bind(id)
    .fetch_all(app.db.reader())
    .await
    .unwrap()
}

#[tokio::test]
async fn residents_deliberate_report_and_the_committee_hides_with_a_public_reason() {
    let app = spawn(true).await;
    app.add_staff("hz-committee", Role::Committee, HOME).await;
    app.add_staff("foreign", Role::Committee, ELSEWHERE).await;
    let committee = app.staff("hz-committee").await;
    let author = resident_of(&app, "13500000001", HOME).await;
    let id = submitted(&author, "社区长者助餐点").await;
    let neighbour = resident_of(&app, "13500000002", HOME).await;
    // Not open before it is public.
    let res = neighbour.post_form(&format!("/projects/{id}/comments"), &[("body", "支持！")]).await;
    assert_eq!(res.status(), 404);
    accept(&committee, &id).await;

    let page = format!("/projects/{id}");
    assert_eq!(
        comment(&neighbour, &id, "支持！希望周末也能送餐。", "").await,
        format!("{page}?notice=comment_added#comments")
    );
    let top = comment_ids(&app, &id).await[0].clone();
    assert_eq!(
        comment(&author, &id, "谢谢，周末由志愿者轮值。", &top).await,
        format!("{page}?notice=comment_added#comments")
    );
    let reply = comment_ids(&app, &id).await[1].clone();
    // One level of replies; bad input changes nothing.
    assert_eq!(
        comment(&neighbour, &id, "再回复一层", &reply).await,
        format!("{page}?error=comment_parent#comments")
    );
    assert_eq!(
        comment(&neighbour, &id, "好", "").await,
        format!("{page}?error=comment_body#comments")
    );
    let guest = comment(&app.anonymous, &id, "路过", "").await;
    assert!(guest.starts_with("/signin?next="), "{guest}");
    assert_eq!(comment_ids(&app, &id).await.len(), 2);

    // Nobody's name: the proposer's reply is signed as such, the viewer's own as "我".
    let seen = words(&app.page(&page, None).await.1);
    assert!(
        seen.contains("居民意见（2）")
            && seen.contains("提议居民")
            && seen.contains("支持！希望周末也能送餐。"),
        "{seen}"
    );
    assert!(!seen.contains("13500000002") && !seen.contains("0002"));
    assert!(words(&neighbour.page(&page, None).await.1).contains("我 ·"));

    // A third resident reports the first comment (once); the committee sees the count.
    let third = resident_of(&app, "13500000003", HOME).await;
    let report = format!("/projects/{id}/comments/{top}/report");
    assert_eq!(
        location(&third.post_form(&report, &[]).await),
        format!("{page}?notice=comment_reported#comments")
    );
    third.post_form(&report, &[]).await;
    let staff_page = words(&committee.page(&format!("/staff/projects/{id}"), None).await.1);
    assert!(staff_page.contains("1 人举报"), "{staff_page}");

    // Another community's committee may not hide it; a reason is required; then hidden.
    let hide = format!("/staff/projects/{id}/comments/{top}/hide");
    let foreign = app.staff("foreign").await;
    assert_eq!(foreign.post_form(&hide, &[("reason", "不当言论")]).await.status(), 403);
    assert_eq!(author.post_form(&hide, &[("reason", "不当言论")]).await.status(), 403);
    let bad = committee.post_form(&hide, &[("reason", "")]).await;
    assert_eq!(location(&bad), format!("/staff/projects/{id}?error=hide_reason#comments"));
    let hidden: Option<String> =
        sqlx::query_scalar("SELECT hidden_reason FROM project_comments WHERE id = ?")
            .bind(&top)
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!(hidden, None);
    let ok = committee.post_form(&hide, &[("reason", "含有未经核实的个人信息。")]).await;
    assert_eq!(location(&ok), format!("/staff/projects/{id}?notice=comment_hidden#comments"));
    let public = words(&app.page(&page, None).await.1);
    assert!(
        public.contains("这条意见已被社区居委会隐藏。原因：含有未经核实的个人信息。"),
        "{public}"
    );
    assert!(!public.contains("希望周末也能送餐"), "the text is gone for others");
    let own = words(&neighbour.page(&page, None).await.1);
    assert!(
        own.contains("希望周末也能送餐") && own.contains("含有未经核实的个人信息"),
        "its author reads it and why"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'project.comment.hide'").await,
        1
    );
    // The resident's data export holds their comments, and why one was hidden.
    let export: serde_json::Value = neighbour.get("/me/export").await.json().await.unwrap();
    let text = export.to_string();
    assert!(
        text.contains("希望周末也能送餐") && text.contains("含有未经核实的个人信息。"),
        "{text}"
    );
}
