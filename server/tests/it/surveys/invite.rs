//! Inviting participation: home lists what is open for the resident's community with
//! the time left and 已参与 once they have answered; the 问卷 tab counts what still
//! waits; 我的 lists what they took part in, when it ran and where its results are.
use super::{create, draft, neighbour, questions, section};
use crate::helpers::{location, spawn, Browser};
use tongxin::db::Db;

const TITLE: &str = "三号楼电梯加装意见征询";

/// A survey open now for `area` under its own title.
async fn open_for(db: &Db, area: &str) -> String {
    let qs = questions();
    let now = chrono::Utc::now().timestamp();
    // Three days and an hour: the page says 还剩3天 however slowly the test runs.
    let mut new = draft(&qs, false, false, now - 60, now + 3 * 86_400 + 3600);
    new.draft.area_code = area;
    new.draft.title = TITLE;
    let id = create(db, new).await.unwrap();
    assert!(tongxin::surveys::service::lifecycle::publish(db, &id).await.unwrap());
    id
}

/// The list item of the card that links to `href`.
fn item<'a>(card: &'a str, href: &str) -> &'a str {
    let at = card.find(&format!("href=\"{href}\"")).unwrap_or_else(|| panic!("no {href}"));
    let start = card[..at].rfind("<li").unwrap();
    let end = at + card[at..].find("</li>").unwrap();
    &card[start..end]
}

/// The number on the 问卷 tab, 0 when it shows none.
fn tab_count(page: &str) -> usize {
    let nav = &page[page.find("class=\"bottom-nav\"").expect("bottom nav")..];
    match nav.find("class=\"nav-count\">") {
        Some(at) => {
            let rest = &nav[at + "class=\"nav-count\">".len()..];
            rest[..rest.find('<').unwrap()].parse().unwrap()
        }
        None => 0,
    }
}

async fn text(b: &Browser, path: &str) -> String {
    b.get(path).await.text().await.unwrap()
}

#[tokio::test]
async fn home_invites_to_what_is_open_in_my_community_then_marks_it_taken_part() {
    let app = spawn(true).await;
    let survey = open_for(&app.db, "449902002001").await;
    let href = format!("/surveys/{survey}");
    let me = neighbour(&app, "13800138051").await;

    let home = text(&me, "/").await;
    let card = section(&home, "id=\"open-for-me-h\"");
    assert!(card.contains("等您参与"), "{card}");
    let line = item(card, &href);
    assert!(line.contains(TITLE) && line.contains("截止 · 还剩3天"), "{line}");
    assert!(!line.contains("已参与"), "{line}");
    let before = tab_count(&home);
    assert!(before >= 1, "the tab counts the open consultation");
    assert!(home.contains(&format!(">{before} 项待参与</span>")), "the count is said in words");

    let res = me.post_form(&format!("{href}/answer"), &[("safe", "4"), ("note", "")]).await;
    assert!(location(&res).contains("notice=submitted"), "{}", location(&res));

    let home = text(&me, "/").await;
    let line = item(section(&home, "id=\"open-for-me-h\""), &href).to_string();
    assert!(line.contains("已参与"), "{line}");
    assert_eq!(tab_count(&home), before - 1, "what is done no longer counts");
    // The surveys list says the same.
    let list = text(&me, "/surveys").await;
    assert!(item(&list, &href).contains("已参与"));

    // A resident of another street is not invited to it.
    let other = app.resident("13800138052").await;
    let res = other.post_form("/me/community", &[("community", "449904001001")]).await;
    assert_eq!(res.status(), 303);
    let theirs = text(&other, "/").await;
    assert!(!section(&theirs, "id=\"open-for-me-h\"").contains(&href));
    // In English too.
    let (_, en) = app.browser().page("/", Some("en")).await;
    assert!(section(&en, "id=\"open-for-me-h\"").contains("Open for you"));
}

#[tokio::test]
async fn my_page_lists_what_i_took_part_in_and_where_its_results_are() {
    let app = spawn(true).await;
    let survey = open_for(&app.db, "449902002001").await;
    let me = neighbour(&app, "13800138053").await;
    let none = text(&me, "/me").await;
    assert!(section(&none, "id=\"history-h\"").contains("您还没有参与过问卷。"));

    let res = me.post_form(&format!("/surveys/{survey}/answer"), &[("safe", "5")]).await;
    assert!(location(&res).contains("notice=submitted"));
    let page = text(&me, "/me").await;
    let history = section(&page, "id=\"history-h\"");
    let line = item(history, &format!("/surveys/{survey}"));
    assert!(line.contains(TITLE) && line.contains("截止后公布结果"), "{line}");
    assert!(!line.contains("/results"), "no results before it closes: {line}");

    // Once closed, the line points at the results.
    tongxin::surveys::service::lifecycle::close(&app.db, &survey, 0).await.unwrap();
    let page = text(&me, "/me").await;
    let history = section(&page, "id=\"history-h\"");
    assert!(history.contains(&format!("href=\"/surveys/{survey}/results\"")), "{history}");
    // Another resident's history does not show it.
    let other = neighbour(&app, "13800138054").await;
    assert!(!text(&other, "/me").await.contains(TITLE));
}
