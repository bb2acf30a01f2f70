//! Surveys: storage promises, answering over HTTP, closing into the index, staff scope.
mod answer;
mod close;
mod confirm;
mod invite;
mod manage;
mod matrix;
mod share;
mod staff;
mod store;
mod workspace;
use crate::helpers::location;
use app::surveys::model::{Choice, Question, QuestionKind, SurveyKind};
use app::surveys::rules::answers::check_answers;
use std::collections::HashMap;
use tongxin::db::Db;
use tongxin::surveys::store::responses::Respondent;
use tongxin::surveys::store::surveys::{DraftEdit, NewSurvey};

/// The `<section>` of a page that `marker` opens, up to its end.
pub fn section<'a>(page: &'a str, marker: &str) -> &'a str {
    let start = page.find(marker).unwrap_or_else(|| panic!("no {marker}"));
    let start = page[..start].rfind("<section").unwrap();
    let end = start + page[start..].find("</section>").unwrap();
    &page[start..end]
}

/// A resident of 枫林's first community (signed in, consented, at home).
pub async fn neighbour(app: &crate::helpers::TestApp, phone: &str) -> crate::helpers::Browser {
    let b = app.resident(phone).await;
    let res = b.post_form("/me/community", &[("community", "449902002001")]).await;
    assert_eq!(res.status(), 303);
    b
}

/// Submits in a transaction of its own, the resident's id standing for their one
/// identity (as the answer service does with their phone's and WeChat's hashes).
pub async fn submit(
    db: &Db,
    survey: &str,
    who: Respondent<'_>,
    answers: &app::surveys::model::Answers,
) -> Result<tongxin::surveys::store::responses::Submitted, tongxin::db::StoreError> {
    let key = tongxin::crypto::ServerKey::from_hex(&"0".repeat(64)).unwrap();
    let activity = tongxin::participation::Activity::Survey(survey);
    let marks = tongxin::participation::marks(&key, activity, &[who.resident_id.to_string()]);
    let mut tx = db.begin_write().await?;
    let out =
        tongxin::surveys::store::responses::submit(&mut tx, survey, who, answers, &marks).await?;
    Db::commit(tx).await?;
    Ok(out)
}

/// Stores a draft in a transaction of its own.
pub async fn create(db: &Db, new: NewSurvey<'_>) -> Result<String, tongxin::db::StoreError> {
    let mut tx = db.begin_write().await?;
    let id = tongxin::surveys::store::surveys::create(&mut tx, new).await?;
    Db::commit(tx).await?;
    Ok(id)
}

pub fn questions() -> Vec<Question> {
    vec![
        Question {
            id: "safe".into(),
            title: "您觉得所在社区安全吗？".into(),
            help: String::new(),
            required: true,
            kind: QuestionKind::Scale5 { low: "很不安全".into(), high: "很安全".into() },
            show_if: None,
            feeds: Some(app::surveys::model::Feed::ResidentRating),
        },
        Question {
            id: "issue".into(),
            title: "最关心的问题".into(),
            help: String::new(),
            required: false,
            kind: QuestionKind::Single {
                options: vec![
                    Choice { id: "light".into(), label: "路灯".into() },
                    Choice { id: "noise".into(), label: "噪音".into() },
                ],
            },
            show_if: None,
            feeds: None,
        },
        Question {
            id: "note".into(),
            title: "其他意见".into(),
            help: String::new(),
            required: false,
            kind: QuestionKind::ShortText { max_len: 100 },
            show_if: None,
            feeds: None,
        },
    ]
}

/// A community survey of 枫林's first community, open between the two times.
pub fn draft(
    qs: &[Question],
    anonymous: bool,
    editable: bool,
    opens_at: i64,
    closes_at: i64,
) -> NewSurvey<'_> {
    NewSurvey {
        kind: SurveyKind::Community,
        month: None,
        created_by: "test",
        draft: DraftEdit {
            area_code: "449902002001",
            title: "平安建设问卷",
            intro: "",
            questions: qs,
            anonymous,
            verified_only: false,
            editable,
            opens_at,
            closes_at,
        },
    }
}

pub async fn published(db: &Db, anonymous: bool, editable: bool) -> String {
    published_for(db, "449902002001", anonymous, editable).await
}

/// A survey open now for `area`, with a share link for each of its communities.
pub async fn published_for(db: &Db, area: &str, anonymous: bool, editable: bool) -> String {
    let qs = questions();
    let now = chrono::Utc::now().timestamp();
    let mut new = draft(&qs, anonymous, editable, now - 60, now + 86_400);
    new.draft.area_code = area;
    let id = create(db, new).await.unwrap();
    assert!(tongxin::surveys::service::lifecycle::publish(db, &id).await.unwrap());
    id
}

/// The share link of `survey` for `community`.
pub async fn link_code(db: &Db, survey: &str, community: &str) -> String {
    sqlx::query_scalar("SELECT code FROM survey_links WHERE survey_id = ? AND community_code = ?")
        .bind(survey)
        .bind(community)
        .fetch_one(db.reader())
        .await
        .unwrap()
}

pub fn answers(safe: &str, note: &str) -> app::surveys::model::Answers {
    let form: HashMap<String, Vec<String>> = [("safe", safe), ("note", note)]
        .into_iter()
        .map(|(k, v)| (k.to_string(), vec![v.to_string()]))
        .collect();
    check_answers(&questions(), &form).unwrap()
}

fn who(resident: &str) -> Respondent<'_> {
    Respondent {
        resident_id: resident,
        community_code: Some("449902002001"),
        street_code: Some("449902002"),
        via_community: None,
    }
}
