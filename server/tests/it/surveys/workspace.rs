//! The committee workspace: the staff home lists what waits for the member in their
//! own area (residents to verify, open surveys with their response counts and those
//! closing soon, drafts), in the staff frame without the residents' bottom bar.
use super::{answers, create, draft, questions, section, submit, who};
use crate::helpers::spawn;
use app::core::access::Role;

#[tokio::test]
async fn the_committee_home_lists_what_waits_in_its_own_area() {
    let app = spawn(true).await;
    let (mine, theirs) = ("449902002001", "449904001001");
    app.add_staff("jw", Role::Committee, mine).await;
    let jw = app.staff("jw").await;

    // Nothing waits yet.
    let page = jw.get("/staff").await.text().await.unwrap();
    let todo = section(&page, "id=\"todo-h\"");
    assert!(todo.contains("没有待认证的居民") && todo.contains("没有进行中的问卷"), "{todo}");
    assert!(
        !page.contains("class=\"bottom-nav\"") && !page.contains("class=\"area-chip\""),
        "staff frame"
    );

    // Two residents of mine and one of another street ask to be verified.
    for (phone, community) in
        [("13800138001", mine), ("13800138002", mine), ("13800138003", theirs)]
    {
        let r = app.resident(phone).await;
        r.post_form("/me/community", &[("community", community)]).await;
        r.post_form("/me/verification", &[("name", "李小梅"), ("address", "3栋201")]).await;
    }
    // An open consultation closing in two days with one answer, one closing in a
    // week, a draft, and a consultation of another street.
    let qs = questions();
    let now = chrono::Utc::now().timestamp();
    let mut soon = draft(&qs, false, false, now - 60, now + 2 * 86_400);
    soon.draft.title = "三号楼电梯加装意见征询";
    let soon = create(&app.db, soon).await.unwrap();
    let mut later = draft(&qs, false, false, now - 60, now + 7 * 86_400);
    later.draft.title = "垃圾分类投放点调整";
    let later = create(&app.db, later).await.unwrap();
    let mut unpublished = draft(&qs, false, false, now + 86_400, now + 9 * 86_400);
    unpublished.draft.title = "停车位划线方案";
    let unpublished = create(&app.db, unpublished).await.unwrap();
    let mut elsewhere = draft(&qs, false, false, now - 60, now + 86_400);
    elsewhere.draft.area_code = theirs;
    elsewhere.draft.title = "北山社区议事";
    let elsewhere = create(&app.db, elsewhere).await.unwrap();
    for id in [&soon, &later, &elsewhere] {
        assert!(tongxin::surveys::service::lifecycle::publish(&app.db, id).await.unwrap());
    }
    submit(&app.db, &soon, who("r-1"), &answers("5", "")).await.unwrap();

    let page = jw.get("/staff").await.text().await.unwrap();
    let todo = section(&page, "id=\"todo-h\"");
    assert!(todo.contains(&format!("href=\"/staff/residents?community={mine}\"")), "{todo}");
    assert!(todo.contains("2 人待认证"), "{todo}");
    assert!(!todo.contains(theirs), "another street's queue is not mine");
    let open_at = todo.find("三号楼电梯加装意见征询").expect("the open consultation");
    let later_at = todo.find("垃圾分类投放点调整").expect("the other open one");
    assert!(open_at < later_at, "the nearest deadline first");
    let card = &todo[open_at..later_at];
    assert!(card.contains("1 份回答") && card.contains("即将截止"), "{card}");
    assert!(!todo[later_at..].split("</li>").next().unwrap().contains("即将截止"));
    assert!(
        todo.contains("待发布的草稿") && todo.contains(&format!("/staff/surveys/{unpublished}"))
    );
    assert!(!todo.contains("北山社区议事"), "another street's survey is not listed");

    // The same in English.
    jw.post_form("/prefs/lang", &[("lang", "en"), ("next", "/staff")]).await;
    let en = jw.get("/staff").await.text().await.unwrap();
    let todo = section(&en, "id=\"todo-h\"");
    assert!(
        todo.contains("2 waiting")
            && todo.contains("Closing soon")
            && todo.contains("Responses: 1"),
        "{todo}"
    );
}

/// A named consultation shows its committee each respondent with their answers, even
/// one alone (the under-5 rule is for anonymous surveys), in the page and in its
/// file; the public results do not, and the reading is audited. Residents are told before answering.
#[tokio::test]
async fn a_named_consultation_shows_each_respondent_to_its_committee() {
    let app = spawn(true).await;
    app.add_staff("jw", Role::Committee, "449902002001").await;
    let named = super::published(&app.db, false, false).await;
    let anonymous = super::published(&app.db, true, false).await;
    let li = super::neighbour(&app, "13800138001").await;
    li.post_form("/me/verification", &[("name", "李小梅"), ("address", "3栋201")]).await;
    let page = li.get(&format!("/surveys/{named}")).await.text().await.unwrap();
    assert!(
        page.contains("实名征询") && page.contains("居委会工作人员会看到您的姓名"),
        "told first"
    );
    let page = li.get(&format!("/surveys/{anonymous}")).await.text().await.unwrap();
    assert!(!page.contains("实名征询"));
    for id in [&named, &anonymous] {
        let res = li
            .post_form(
                &format!("/surveys/{id}/answer"),
                &[("safe", "2"), ("issue", "light"), ("note", "路灯坏了三个月")],
            )
            .await;
        assert!(
            crate::helpers::location(&res).contains("notice=submitted"),
            "{}",
            crate::helpers::location(&res)
        );
    }
    let audits = "SELECT COUNT(*) || '' FROM audit_log WHERE action = 'survey.respondents.view'";
    let before: String = sqlx::query_scalar(audits).fetch_one(app.db.reader()).await.unwrap();

    let jw = app.staff("jw").await;
    let page = jw.get(&format!("/staff/surveys/{named}/results")).await.text().await.unwrap();
    let who = section(&page, "id=\"respondents-h\"");
    assert!(
        who.contains("回答人（1）") && who.contains("李小梅") && who.contains("3栋201"),
        "{who}"
    );
    assert!(who.contains("尾号 8001") && who.contains("未认证"), "{who}");
    assert!(who.contains("1. 您觉得所在社区安全吗？") && who.contains("路灯坏了三个月"), "{who}");
    assert!(who.contains("2. 最关心的问题") && who.contains("路灯"), "{who}");
    assert!(
        !page.contains("为保护隐私不显示") && !page.contains("不显示。"),
        "one named answer is not withheld from its committee"
    );
    let after: String = sqlx::query_scalar(audits).fetch_one(app.db.reader()).await.unwrap();
    assert_eq!(
        after.parse::<i64>().unwrap(),
        before.parse::<i64>().unwrap() + 1,
        "the reading is audited"
    );
    // The file agrees with the page: the one answer, not "too few to export".
    let res = jw.get(&format!("/staff/surveys/{named}/export.csv")).await;
    assert_eq!(res.status(), 200, "{}", crate::helpers::location(&res));
    let csv = res.text().await.unwrap();
    assert_eq!(csv.lines().count(), 2, "a header and the one answer: {csv}");
    assert!(csv.contains("路灯坏了三个月"), "{csv}");

    // The anonymous survey shows no one, and its one answer stays withheld.
    let page = jw.get(&format!("/staff/surveys/{anonymous}/results")).await.text().await.unwrap();
    assert!(
        !page.contains("respondents-h") && !page.contains("李小梅") && !page.contains("尾号 8001")
    );
}

/// A street's survey has a share link per community: the member finds one by typing
/// part of its name (one match shows its link, several are listed, none is said), and
/// the link stands in a read-only field with a copy button.
#[tokio::test]
async fn share_links_are_found_by_name() {
    let app = spawn(true).await;
    app.add_staff("jd", Role::StreetOfficer, "449902002").await;
    let id = super::published_for(&app.db, "449902002", false, false).await;
    let jd = app.staff("jd").await;
    let page = |q: &str| {
        let jd = &jd;
        let path = format!("/staff/surveys/{id}?community={}", urlencode(q));
        async move { jd.get(&path).await.text().await.unwrap() }
    };
    let code = super::link_code(&app.db, &id, "449902002003").await;
    let one = page("晨桥").await;
    assert!(one.contains(&format!("/s/{code}\"")), "one match shows its link");
    assert!(!one.contains("的社区有") && !one.contains("没有名称含"), "and says nothing else");
    assert!(one.contains("id=\"share-url\"") && one.contains("复制链接"), "with its copy button");
    let exact = page("449902002003").await;
    assert!(exact.contains(&format!("/s/{code}\"")), "a code still chooses");
    let many = page("社区").await;
    assert!(many.contains("含“社区”的社区有 8 个"), "several are listed");
    assert!(many.contains("?community=449902002003#share-h"));
    assert!(!many.contains("id=\"share-url\""));
    let none = page("不存在").await;
    assert!(none.contains("没有名称含“不存在”的社区"));
    assert!(page("").await.contains("list=\"share-communities\""));
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
