//! The staff's work on surveys: creating a consultation or the month's city survey,
//! saving the editor (and publishing), closing early, deleting a draft, exporting the
//! answers. Only the survey's owner area may change it; every change commits with its
//! audit line, and an export is not handed out unless its line is written.
use super::lifecycle;
use crate::audit::{self, Audit};
use crate::db::{Db, StoreError, Tx};
use crate::surveys::error::SurveyError;
use crate::surveys::store::responses;
use crate::surveys::store::surveys::{self, DraftEdit, NewSurvey};
use app::core::access::{Role, StaffUser};
use app::core::areas::AreaTree;
use app::core::i18n::Lang;
use app::core::time::{now, parse_china_time};
use app::index::model::Edition;
use app::index::rules::periods::{next_period, split_month};
use app::surveys::model::{Survey, SurveyKind, SurveyStatus};
use app::surveys::port::Response;
use app::surveys::rules::access::{manages, scope};
use app::surveys::rules::definition::check_definition;
use app::surveys::rules::draft::{edit, Edited};
use app::surveys::rules::editor::{EditAction, MAX_SURVEY_TITLE};
use app::surveys::rules::export::{table, texts, Origin};
use app::surveys::rules::feed::MIN_RESPONSES;
use app::surveys::rules::results::{Row, MIN_SHOWN};
use app::surveys::rules::suppression::{counts, is_withheld, withheld};
use app::surveys::rules::template;
use std::collections::HashMap;

/// Writes the audit line of a change inside the change's transaction: both commit,
/// or neither.
async fn record(
    tx: &mut Tx,
    me: &StaffUser,
    action: &str,
    area: &str,
    target: &str,
    detail: &str,
) -> Result<(), SurveyError> {
    audit::write(tx, Audit::by(me, action, area).target(target).detail(detail)).await?;
    Ok(())
}

/// The survey, when `me` may manage it (edit, publish, close, delete).
pub async fn managed(
    db: &Db,
    tree: &AreaTree,
    me: &StaffUser,
    id: &str,
) -> Result<Survey, SurveyError> {
    let survey = surveys::get(db.reader(), id).await?.ok_or(SurveyError::Forbidden)?;
    if !manages(me, &survey, tree) {
        return Err(SurveyError::Forbidden);
    }
    Ok(survey)
}

/// What a "new survey" form did.
pub enum Created {
    Yes(String),
    BadTitle,
    BadMonth,
    MonthTaken,
}

/// A committee's (or street's, district's) consultation for `area` inside their own.
pub async fn create(
    db: &Db,
    tree: &AreaTree,
    me: &StaffUser,
    area: &str,
    title: &str,
) -> Result<Created, SurveyError> {
    if !tree.is_within(area, &me.area_code) {
        return Err(SurveyError::Forbidden);
    }
    if title.is_empty()
        || title.chars().count() > MAX_SURVEY_TITLE
        || title.chars().any(char::is_control)
    {
        return Ok(Created::BadTitle);
    }
    // Open from now (to the minute) for two weeks; the editor changes both.
    let opens = now() - now().rem_euclid(60);
    let draft = DraftEdit {
        area_code: area,
        title,
        intro: "",
        questions: &[],
        anonymous: false,
        verified_only: false,
        editable: false,
        opens_at: opens,
        closes_at: opens + 14 * 86_400,
    };
    let new =
        NewSurvey { kind: SurveyKind::Community, month: None, created_by: &me.username, draft };
    let mut tx = db.begin_write().await?;
    let id = surveys::create(&mut tx, new).await?;
    record(&mut tx, me, "survey.create", area, &id, title).await?;
    Db::commit(tx).await?;
    Ok(Created::Yes(id))
}

/// The city's survey for `month` (`YYYY-MM`), from the template: open from the month's
/// first day (or this hour) to its end.
pub async fn create_monthly(
    db: &Db,
    tree: &AreaTree,
    me: &StaffUser,
    month: &str,
) -> Result<Created, SurveyError> {
    if me.role != Role::CityAdmin {
        return Err(SurveyError::Forbidden);
    }
    let Some((y, m)) = split_month(month).filter(|(y, _)| (2000..=2100).contains(y)) else {
        return Ok(Created::BadMonth);
    };
    let next = next_period(Edition::Monthly, month).unwrap_or_default();
    let opens = parse_china_time(&format!("{month}-01T00:00"));
    let closes = parse_china_time(&format!("{next}-01T00:00"));
    let (Some(opens), Some(closes)) = (opens, closes) else { return Ok(Created::BadMonth) };
    let Some(city) = tree.city().map(|c| c.code.clone()) else {
        return Err(SurveyError::Forbidden);
    };
    if closes <= now() {
        return Ok(Created::BadMonth);
    }
    // Residents answer in the city's language.
    let title = template::monthly_title(Lang::Zh, y, m);
    let questions = template::monthly_questions(Lang::Zh);
    let draft = DraftEdit {
        area_code: &city,
        title: &title,
        intro: &template::monthly_intro(Lang::Zh),
        questions: &questions,
        anonymous: true,
        verified_only: false,
        editable: false,
        opens_at: opens.max(now() - now().rem_euclid(3600)),
        closes_at: closes,
    };
    let new = NewSurvey {
        kind: SurveyKind::CityMonthly,
        month: Some(month),
        created_by: &me.username,
        draft,
    };
    let mut tx = db.begin_write().await?;
    let id = match surveys::create(&mut tx, new).await {
        Ok(id) => id,
        Err(StoreError::Taken(_)) => return Ok(Created::MonthTaken),
        Err(e) => return Err(e.into()),
    };
    record(&mut tx, me, "survey.create", &city, &id, &title).await?;
    Db::commit(tx).await?;
    Ok(Created::Yes(id))
}

/// What saving the editor did.
pub enum Saved {
    /// The survey is no longer a draft: nothing changed.
    NotDraft,
    /// Saved, with a faulty setting kept at its stored value.
    Fault(app::surveys::rules::editor::SettingsFault),
    Saved {
        focus: Option<String>,
    },
    /// "Publish" on a survey that does not pass every check (or closes in the past).
    NotReady,
    /// "Publish" on a ready survey without the confirmation that questions freeze:
    /// saved, not published.
    Unconfirmed,
    Published,
}

/// Saves everything the editor posted, applies its button's action, and publishes
/// when asked, ready and confirmed (the box saying the questions freeze ticked).
pub async fn save(
    db: &Db,
    tree: &AreaTree,
    me: &StaffUser,
    id: &str,
    form: &HashMap<String, Vec<String>>,
    action: EditAction,
    lang: Lang,
) -> Result<Saved, SurveyError> {
    let survey = managed(db, tree, me, id).await?;
    if survey.status != SurveyStatus::Draft {
        return Ok(Saved::NotDraft);
    }
    let e: Edited = edit(&survey, form, &action, tree, &me.area_code, lang)
        .map_err(|_| SurveyError::Forbidden)?;
    let draft = DraftEdit {
        area_code: &e.area_code,
        title: &e.title,
        intro: &e.intro,
        questions: &e.questions,
        anonymous: e.anonymous,
        verified_only: e.verified_only,
        editable: e.editable,
        opens_at: e.opens_at,
        closes_at: e.closes_at,
    };
    // Saving is the editor's own work (not audited); publishing is an action.
    let mut tx = db.begin_write().await?;
    if !surveys::update_draft(&mut tx, id, draft).await? {
        return Ok(Saved::NotDraft);
    }
    let ready = check_definition(&e.questions).is_ok() && e.closes_at > now();
    let (publish, confirmed) = match action {
        EditAction::Publish { confirmed } => (true, confirmed),
        _ => (false, false),
    };
    let outcome = match (e.fault, publish, ready) {
        (Some(f), _, _) => Saved::Fault(f),
        (None, false, _) => Saved::Saved { focus: e.focus },
        (None, true, false) => Saved::NotReady,
        (None, true, true) if !confirmed => Saved::Unconfirmed,
        (None, true, true) => {
            if !lifecycle::publish_in(&mut tx, id).await? {
                return Ok(Saved::NotDraft);
            }
            record(&mut tx, me, "survey.publish", &e.area_code, id, &e.title).await?;
            Saved::Published
        }
    };
    Db::commit(tx).await?;
    Ok(outcome)
}

/// Closes a published survey early (the monthly survey then feeds the index); `false`
/// when it is not published.
pub async fn close(
    db: &Db,
    tree: &AreaTree,
    me: &StaffUser,
    id: &str,
) -> Result<bool, SurveyError> {
    let survey = managed(db, tree, me, id).await?;
    let mut tx = db.begin_write().await?;
    let Some(written) = lifecycle::close_in(&mut tx, id, MIN_RESPONSES).await? else {
        return Ok(false);
    };
    let detail = format!("{written} index observations written");
    record(&mut tx, me, "survey.close", &survey.area_code, id, &detail).await?;
    Db::commit(tx).await?;
    Ok(true)
}

/// Deletes a draft; `false` when it is not one.
pub async fn delete(
    db: &Db,
    tree: &AreaTree,
    me: &StaffUser,
    id: &str,
) -> Result<bool, SurveyError> {
    let survey = managed(db, tree, me, id).await?;
    let mut tx = db.begin_write().await?;
    if !surveys::delete_draft(&mut tx, id).await? {
        return Ok(false);
    }
    record(&mut tx, me, "survey.delete", &survey.area_code, id, &survey.title).await?;
    Db::commit(tx).await?;
    Ok(true)
}

/// An export's file: its area (the requested part of what `me` may see) and rows.
pub struct Export {
    pub area: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Which file of an export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// One row per response.
    Answers,
    /// The free-text answers alone, shuffled.
    Texts,
}

/// What an export request gets.
pub enum Exported {
    File(Export),
    /// Under [`MIN_SHOWN`] responses there, or withheld to protect a smaller part.
    TooFew,
    /// An anonymous survey still open.
    AfterClose,
}

/// The answers from `me`'s part of the survey's area (or a part of that), under the
/// results' rules: of an anonymous survey, nothing from a withheld part and nothing
/// before it closes; of a named one, every answer. The export is audited, and not handed out unless its line is written.
pub async fn export(
    db: &Db,
    tree: &AreaTree,
    me: &StaffUser,
    id: &str,
    area: Option<&str>,
    part: Part,
    lang: Lang,
) -> Result<Exported, SurveyError> {
    let survey = surveys::get(db.reader(), id).await?.filter(|s| s.status != SurveyStatus::Draft);
    let survey = survey.ok_or(SurveyError::Forbidden)?;
    let scope = scope(me, &survey, tree).ok_or(SurveyError::Forbidden)?;
    if survey.anonymous && survey.status != SurveyStatus::Closed {
        return Ok(Exported::AfterClose);
    }
    let area =
        area.filter(|a| tree.is_within(a, &scope)).map(str::to_string).unwrap_or(scope.clone());
    let all = responses::all(db, id).await?;
    let inside = |r: &&Response, a: &str| {
        r.community.as_deref().or(r.street.as_deref()).is_some_and(|c| tree.is_within(c, a))
    };
    let visible: Vec<&Response> = all.iter().filter(|r| inside(r, &scope)).collect();
    let as_rows: Vec<Row> = visible
        .iter()
        .map(|r| Row {
            community: r.community.as_deref(),
            street: r.street.as_deref(),
            answers: &r.answers,
        })
        .collect();
    let rows: Vec<&Response> = visible.into_iter().filter(|r| inside(r, &area)).collect();
    // A named survey's committee sees each respondent on the results page: its
    // export holds back nothing either. Anonymous answers keep the results' rules.
    if survey.anonymous {
        let hidden = withheld(tree, &counts(tree, &as_rows), &scope);
        if (rows.len() as u32) < MIN_SHOWN || is_withheld(tree, &hidden, &area, &scope) {
            return Ok(Exported::TooFew);
        }
    }
    let name = |c: &Option<String>| {
        c.as_deref().and_then(|c| tree.get(c)).map(|a| a.name(lang).to_string()).unwrap_or_default()
    };
    let (header, body) = match part {
        Part::Answers => {
            let origins = rows.iter().map(|r| Origin {
                street: name(&r.street),
                community: name(&r.community),
                shared_in: name(&r.via),
                answers: &r.answers,
            });
            table(&survey, origins, lang)
        }
        Part::Texts => {
            let (header, mut body) = texts(&survey, rows.iter().map(|r| &r.answers), lang);
            crate::crypto::shuffle(&mut body);
            (header, body)
        }
    };
    let detail = format!("{} rows ({part:?})", body.len());
    audit::append(db, Audit::by(me, "survey.export", &area).target(id).detail(&detail)).await?;
    Ok(Exported::File(Export { area, header, rows: body }))
}
