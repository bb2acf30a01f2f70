//! 民生微实事: proposals, review, supports, photos, and the budget tally over real
//! pabulib rounds.
mod comments;
mod council;
mod pabulib;
mod photos;
mod propose;
mod refusals;
mod rounds;
mod support;

use crate::helpers::{location, Browser, TestApp};

/// 枫林's first community: where the proposals of these tests are made.
pub const HOME: &str = "449902002001";
/// A community of another district.
pub const ELSEWHERE: &str = "449901001001";

/// A resident of `community` (signed in, consented, at home).
pub async fn resident_of(app: &TestApp, phone: &str, community: &str) -> Browser {
    let b = app.resident(phone).await;
    let res = b.post_form("/me/community", &[("community", community)]).await;
    assert_eq!(res.status(), 303);
    b
}

/// A resident of [`HOME`] whom the committee has verified.
pub async fn verified(app: &TestApp, phone: &str) -> Browser {
    let b = resident_of(app, phone, HOME).await;
    let hash = app.key().hash(tongxin::crypto::Purpose::Phone, phone);
    let mut tx = app.db.begin_write().await.unwrap();
    sqlx::query("UPDATE residents SET verification = 'verified' WHERE phone_hash = ?")
        .bind(hash)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    b
}

/// A complete proposal form.
pub fn form(title: &str) -> Vec<(&str, String)> {
    vec![
        ("title", title.to_string()),
        ("description", "楼下空地长期堆放杂物，希望改造为休闲小广场，方便老人和孩子。".into()),
        ("kind", "works".into()),
        ("cost", "180000".into()),
        ("location", "逸鸿花园 3 栋楼下".into()),
    ]
}

/// Posts the proposal form; the redirect.
pub async fn save(b: &Browser, id: &str, fields: &[(&str, String)], action: &str) -> String {
    let mut f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    f.push(("id", id));
    f.push(("action", action));
    location(&b.post_form("/projects/save", &f).await)
}

/// The id in a redirect to `/projects/<id>…`.
pub fn id_in(to: &str) -> String {
    let rest = to.strip_prefix("/projects/").unwrap_or_else(|| panic!("{to}"));
    rest.chars().take_while(|c| c.is_ascii_hexdigit()).collect()
}

/// A proposal of `author`'s, sent for review; its id.
pub async fn submitted(author: &Browser, title: &str) -> String {
    let to = save(author, "", &form(title), "submit").await;
    assert!(to.ends_with("?notice=project_submitted"), "{to}");
    id_in(&to)
}

/// The committee of [`HOME`] accepts `id` under the first positive category.
pub async fn accept(committee: &Browser, id: &str) {
    let to = location(
        &committee
            .post_form(
                &format!("/staff/projects/{id}/review"),
                &[("decision", "accept"), ("category", "p-env")],
            )
            .await,
    );
    assert_eq!(to, format!("/staff/projects/{id}?notice=reviewed"));
}

/// A project's status and supports, from the database.
pub async fn state(app: &TestApp, id: &str) -> (String, i64) {
    sqlx::query_as("SELECT status, supports FROM projects WHERE id = ?")
        .bind(id)
        .fetch_one(app.db.reader())
        .await
        .unwrap()
}

pub async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(app.db.reader()).await.unwrap()
}
