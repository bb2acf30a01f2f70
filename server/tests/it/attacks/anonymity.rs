//! Anonymous means anonymous: staff cannot single out one resident's answer by a
//! crafted link, by a small community in an export, by comparing snapshots of an open
//! survey, by the day kept with an answer, or by subtracting shown figures from a total.
use super::answer;
use crate::helpers::{location, spawn, Browser, TestApp};
use crate::surveys::{neighbour, published};
use app::core::access::Role;

const STREET: &str = "449902002";
const C1: &str = "449902002001";
const C2: &str = "449902002002";
const C3: &str = "449902002003";

/// A published survey for the whole street (so that its communities have share links).
async fn street_survey(app: &TestApp, anonymous: bool) -> String {
    crate::surveys::published_for(&app.db, STREET, anonymous, false).await
}

/// A signed-in resident of `community`.
async fn resident_of(app: &TestApp, phone: &str, community: &str) -> Browser {
    let b = app.resident(phone).await;
    b.post_form("/me/community", &[("community", community)]).await;
    b
}

async fn street_officer(app: &TestApp) -> Browser {
    app.add_staff("jiedao", Role::StreetOfficer, STREET).await;
    app.staff("jiedao").await
}

async fn export(staff: &Browser, survey: &str, query: &str) -> reqwest::Response {
    staff.get(&format!("/staff/surveys/{survey}/export.csv{query}")).await
}

#[tokio::test]
async fn send_one_resident_a_link_naming_a_rare_community_and_find_their_answer() {
    let app = spawn(true).await;
    let survey = street_survey(&app, false).await;
    // The committee sends one resident a link whose `via` names a community nobody
    // else's answers will carry; the resident answers through it.
    let target = resident_of(&app, "13800138100", C1).await;
    let page = target.get(&format!("/surveys/{survey}?via={C3}")).await.text().await.unwrap();
    assert!(!page.contains("晨桥社区"), "a URL cannot name a community");
    let res = target
        .post_form(&format!("/surveys/{survey}/answer"), &[("safe", "4"), ("_via", C3)])
        .await;
    assert!(location(&res).contains("notice=submitted"));
    let via: Option<String> = sqlx::query_scalar("SELECT via_community FROM survey_responses")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert_eq!(via, None, "a form cannot name a community either");
    // A real share link of the survey does name its community.
    let code: String = sqlx::query_scalar(
        "SELECT code FROM survey_links WHERE survey_id = ? AND community_code = ?",
    )
    .bind(&survey)
    .bind(C2)
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    let res = app.get(&format!("/s/{code}")).await;
    assert_eq!(location(&res), format!("/surveys/{survey}?via={code}"));
    let other = resident_of(&app, "13800138101", C2).await;
    let res = other
        .post_form(&format!("/surveys/{survey}/answer"), &[("safe", "4"), ("_via", &code)])
        .await;
    assert!(location(&res).contains("notice=submitted"));
    let shared: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM survey_responses WHERE via_community = ?")
            .bind(C2)
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!(shared, 1);
}

#[tokio::test]
async fn export_an_anonymous_survey_and_pick_out_the_one_respondent_of_a_community() {
    let app = spawn(true).await;
    let survey = street_survey(&app, true).await;
    for (i, community) in [C1, C1, C1, C1, C1, C2].iter().enumerate() {
        let b = resident_of(&app, &format!("1380013820{i}"), community).await;
        let note = if i == 5 { "我家楼道灯坏了" } else { "" };
        let res = b
            .post_form(&format!("/surveys/{survey}/answer"), &[("safe", "4"), ("note", note)])
            .await;
        assert!(location(&res).contains("notice=submitted"));
    }
    let staff = street_officer(&app).await;
    let closed = app.staff_close(&staff, &survey).await;
    assert!(closed, "closed");
    let res = export(&staff, &survey, "").await;
    assert_eq!(res.status(), 200);
    let csv = res.text().await.unwrap();
    let header = csv.lines().next().unwrap().trim_start_matches('\u{feff}').to_string();
    let columns: Vec<&str> = header.split(',').collect();
    assert_eq!(&columns[..2], ["序号", "街道"], "{header}");
    assert!(
        !columns.iter().any(|c| *c == "社区" || *c == "分享来源社区"),
        "no community column: {header}"
    );
    assert!(!header.contains("其他意见"), "no free-text column beside areas: {header}");
    assert!(!csv.contains("恒园社区") && !csv.contains("翠峰社区"), "no community anywhere");
    assert!(!csv.contains("我家楼道灯坏了"), "free text is not in the rows");
    let res = export(&staff, &survey, "?part=texts").await;
    assert_eq!(res.status(), 200);
    let texts = res.text().await.unwrap();
    assert!(texts.contains("我家楼道灯坏了"), "free text has its own list");
    assert!(!texts.contains("街道") && !texts.contains("枫林"), "with no area at all: {texts}");
}

#[tokio::test]
async fn compare_two_snapshots_of_an_open_anonymous_survey_to_isolate_the_newest_answer() {
    let app = spawn(true).await;
    let survey = street_survey(&app, true).await;
    for i in 0..6 {
        let b = resident_of(&app, &format!("1380013830{i}"), C1).await;
        assert!(answer(&b, &survey).await.contains("notice=submitted"));
    }
    let staff = street_officer(&app).await;
    let page = staff.get(&format!("/staff/surveys/{survey}/results")).await.text().await.unwrap();
    assert!(page.contains("6 份回答"), "participation counts are live");
    assert!(!page.contains("很安全") && !page.contains("chart-safe"), "answers are not");
    let res = export(&staff, &survey, "").await;
    assert_eq!(res.status(), 303, "no export while it is open");
    assert!(location(&res).contains("error=export_after_close"), "{}", location(&res));
}

#[tokio::test]
async fn read_the_day_of_each_answer_and_participation_from_the_database() {
    let app = spawn(true).await;
    let survey = published(&app.db, true, false).await;
    let me = neighbour(&app, "13800138400").await;
    assert!(answer(&me, &survey).await.contains("notice=submitted"));
    for table in ["survey_responses", "survey_participants", "participation_marks"] {
        let cols: Vec<String> =
            sqlx::query_scalar(&format!("SELECT name FROM pragma_table_info('{table}')"))
                .fetch_all(app.db.reader())
                .await
                .unwrap();
        assert!(
            cols.iter().all(|c| c != "day" && !c.ends_with("_at")),
            "{table} keeps a time: {cols:?}"
        );
    }
}

#[tokio::test]
async fn subtract_the_shown_communities_from_the_street_to_read_a_withheld_one() {
    let app = spawn(true).await;
    let survey = street_survey(&app, false).await;
    let mut n = 0;
    for (community, count) in [(C1, 6), (C2, 7), (C3, 2)] {
        for _ in 0..count {
            let b = resident_of(&app, &format!("138001385{n:02}"), community).await;
            assert!(answer(&b, &survey).await.contains("notice=submitted"));
            n += 1;
        }
    }
    let staff = street_officer(&app).await;
    // The survey is named: its staff see every respondent, small groups included (the
    // under-5 rule protects anonymous answers and the public).
    let own = staff.get(&format!("/staff/surveys/{survey}/results?area={C3}")).await;
    let own = own.text().await.unwrap();
    assert!(
        own.contains("回答人（2）") && !own.contains("为保护隐私不显示"),
        "named: shown to staff"
    );
    // The public reads the results once it closes.
    assert!(app.staff_close(&staff, &survey).await);
    let public = app.browser();
    let results = |area: &str| {
        let public = &public;
        let path = format!("/surveys/{survey}/results?area={area}");
        async move { public.get(&path).await.text().await.unwrap() }
    };
    let street = results(STREET).await;
    assert!(street.contains("15 份回答"));
    let withheld = "此处回答少于 5 份，或相邻区域回答过少，为保护隐私不显示分项结果。";
    assert!(!street.contains(withheld));
    // 晨桥 (2) is withheld; with it alone withheld, street minus the rest would give
    // its answers, so the next smallest, 恒园 (6), is withheld with it.
    assert!(results(C3).await.contains(withheld), "the small community");
    assert!(results(C1).await.contains(withheld), "its complement");
    assert!(!results(C2).await.contains(withheld), "the rest stay");
    let rates = street.split("id=\"rates-h\"").nth(1).expect("a rates table");
    let rows: Vec<&str> = rates.split("<tr>").filter(|r| r.contains("社区")).collect();
    let row = |name: &str| rows.iter().find(|r| r.contains(name)).copied().unwrap_or("");
    assert!(row("恒园社区").contains("&lt; 5"), "{}", row("恒园社区"));
    assert!(row("晨桥社区").contains("&lt; 5"));
    assert!(row("翠峰社区").contains(">7<"), "{}", row("翠峰社区"));
    // Staff's file of a part agrees with their page: of a named survey it holds back
    // nothing, 晨桥's two answers included (anonymous files keep the rule: above).
    let res = export(&staff, &survey, &format!("?area={C3}")).await;
    assert_eq!(res.status(), 200, "{}", location(&res));
    assert_eq!(res.text().await.unwrap().lines().count(), 3, "a header and two answers");
}
