//! A proposal's way through review: draft, sent, sent back, edited, accepted; what
//! each side sees on the way, and bad input that changes nothing.
use super::*;
use crate::helpers::{spawn, words};
use app::core::access::Role;

#[tokio::test]
async fn a_proposal_is_drafted_sent_back_edited_and_accepted_with_a_public_timeline() {
    let app = spawn(true).await;
    app.add_staff("hz-committee", Role::Committee, HOME).await;
    let author = resident_of(&app, "13800000001", HOME).await;
    let neighbour = resident_of(&app, "13800000002", HOME).await;

    // A draft is the author's alone.
    let to = save(&author, "", &form("逸鸿花园楼下小广场"), "save").await;
    assert!(to.ends_with("/edit?notice=project_saved"), "{to}");
    let id = id_in(&to);
    assert_eq!(state(&app, &id).await.0, "draft");
    let (status, page) = author.page(&format!("/projects/{id}"), None).await;
    assert_eq!(status, 200);
    assert!(words(&page).contains("这是草稿，只有您能看到"), "{}", words(&page));
    assert_eq!(neighbour.page(&format!("/projects/{id}"), None).await.0, 404);
    assert!(!app.page("/projects?community=all", None).await.1.contains("逸鸿花园楼下小广场"));
    let committee = app.staff("hz-committee").await;
    assert_eq!(
        committee.page(&format!("/staff/projects/{id}"), None).await.0,
        404,
        "not the committee's yet"
    );

    // Sent: the committee sees it waiting; the author can no longer change it.
    assert_eq!(
        save(&author, &id, &form("逸鸿花园楼下小广场"), "submit").await,
        format!("/projects/{id}?notice=project_submitted")
    );
    let queue = committee.page("/staff/projects", None).await.1;
    assert!(words(&queue).contains("待审核（1）"), "{}", words(&queue));
    let mut changed = form("改个名字");
    changed[0].1 = "改个名字".into();
    assert_eq!(
        save(&author, &id, &changed, "save").await,
        format!("/projects/{id}?error=project_not_editable")
    );

    // Sent back with a reason, which the author reads; edited and sent again.
    let back = [("decision", "return"), ("reason", "请补充预算明细和维护方案。")];
    committee.post_form(&format!("/staff/projects/{id}/review"), &back).await;
    assert_eq!(state(&app, &id).await.0, "returned");
    let page = words(&author.page(&format!("/projects/{id}"), None).await.1);
    assert!(page.contains("请补充预算明细和维护方案。") && page.contains("修改提议"), "{page}");
    let mut edited = form("逸鸿花园楼下小广场");
    edited[1].1 = "改造为休闲小广场：铺装 300 平方米、座椅 10 组，由社区志愿者维护。".into();
    assert!(save(&author, &id, &edited, "submit").await.ends_with("notice=project_submitted"));

    // Accepted: public, filed under the category, collecting supports.
    accept(&committee, &id).await;
    assert_eq!(state(&app, &id).await, ("accepted".into(), 0));
    let public = words(&app.page(&format!("/projects/{id}"), None).await.1);
    assert!(public.contains("正面清单类别：社区环境美化提升"), "{public}");
    assert!(public.contains("铺装 300 平方米"));
    assert!(
        public.contains("审核通过，开始征集附议") && public.contains("社区居委会（"),
        "{public}"
    );
    // The public sees neither the private steps nor who the author is.
    assert!(!public.contains("请补充预算明细") && !public.contains("提交审核"), "{public}");
    assert!(!public.contains("13800000001") && !public.contains("0001"));
    let list = words(&app.page("/projects?community=all", None).await.1);
    assert!(list.contains("逸鸿花园楼下小广场") && list.contains("征集附议"), "{list}");
    // The author's timeline has every step.
    let own = words(&author.page(&format!("/projects/{id}"), None).await.1);
    assert!(own.contains("退回修改") && own.contains("请补充预算明细"), "{own}");
    let mine = words(&author.page("/me/projects", None).await.1);
    assert!(mine.contains("我的提议（1）") && mine.contains("逸鸿花园楼下小广场"), "{mine}");
    // Every staff step is in the audit log.
    let n = count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'project.review'").await;
    assert_eq!(n, 2);
}

#[tokio::test]
async fn bad_input_names_its_field_and_stores_nothing() {
    let app = spawn(true).await;
    let author = resident_of(&app, "13800000003", HOME).await;
    let before = count(&app, "SELECT COUNT(*) FROM projects").await;
    for (field, value, code) in [
        ("title", "", "project_title"),
        ("title", &"长".repeat(41), "project_title"),
        ("kind", "party", "project_kind"),
        ("cost", "十八万", "project_cost"),
        ("cost", "900000", "project_cost"),
    ] {
        let mut f = form("小广场");
        f.retain(|(k, _)| *k != field);
        f.push((field, value.to_string()));
        assert_eq!(
            save(&author, "", &f, "submit").await,
            format!("/projects/new?error={code}"),
            "{field}={value}"
        );
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM projects").await, before);
    let (_, page) = author.page("/projects/new?error=project_cost", None).await;
    assert!(words(&page).contains("预算：请填写大于 0 的整数金额（元）。"));

    // Over the kind's cap is a draft's business, not a submission's: the text is kept.
    let mut f = form("社区长者助餐服务");
    f[2].1 = "service".into();
    f[3].1 = "250000".into();
    let to = save(&author, "", &f, "submit").await;
    assert!(to.ends_with("/edit?error=project_cost_cap"), "{to}");
    assert_eq!(state(&app, &id_in(&to)).await.0, "draft");
    let (_, page) = author.page(&to, Some("en")).await;
    assert!(words(&page).contains("Cost: above the cap of the kind chosen"), "{}", words(&page));
}

#[tokio::test]
async fn guests_and_other_residents_cannot_propose_for_or_edit_someone_else() {
    let app = spawn(true).await;
    let to = location(&app.post_form("/projects/save", &[("title", "x"), ("kind", "goods")]).await);
    assert_eq!(to, "/signin?next=%2Fprojects%2Fnew");
    let author = resident_of(&app, "13800000004", HOME).await;
    let other = resident_of(&app, "13800000005", HOME).await;
    let id = id_in(&save(&author, "", &form("楼道灯更换"), "save").await);
    let res = other
        .post_form(
            "/projects/save",
            &[("id", &id), ("title", "抢过来"), ("kind", "goods"), ("action", "save")],
        )
        .await;
    assert_eq!(res.status(), 403);
    let title: String = sqlx::query_scalar("SELECT title FROM projects WHERE id = ?")
        .bind(&id)
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert_eq!(title, "楼道灯更换");
    assert!(words(&other.page(&format!("/projects/{id}/edit"), None).await.1)
        .contains("这不是您的提议"));
    // Without a home community, the form says what to do first.
    let homeless = app.resident("13800000006").await;
    let page = words(&homeless.page("/projects/new", None).await.1);
    assert!(page.contains("请先选择您居住的社区"), "{page}");
}
