//! The staff's work on surveys: creating a consultation or the month's city survey,
//! saving the editor (and publishing), closing early, deleting a draft, exporting the
//! answers. Only the survey's owner area may change it; every change is audited.
use super::lifecycle;
use crate::audit::{self, Audit};
use crate::db::{Db, StoreError};
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
use app::surveys::rules::access::{manages, scope};
use app::surveys::rules::definition::check_definition;
use app::surveys::rules::draft::{edit, Edited};
use app::surveys::rules::editor::{EditAction, MAX_SURVEY_TITLE};
use app::surveys::rules::export::{table, Origin};
use app::surveys::rules::feed::MIN_RESPONSES;
use app::surveys::rules::results::MIN_SHOWN;
use app::surveys::rules::template;
use std::collections::HashMap;

/// Writes a line after the change it records has committed.
async fn record(db: &Db, me: &StaffUser, action: &str, area: &str, target: &str, detail: &str) {
    let line = Audit::by(me, action, area).target(target).detail(detail);
    if let Err(e) = audit::store::append(db, line).await {
        tracing::error!(error = %e, action, "audit write failed");
    }
}

/// The survey, when `me` may manage it (edit, publish, close, delete).
pub async fn managed(
    db: &Db,
    tree: &AreaTree,
    me: &StaffUser,
    id: &str,
) -> Result<Survey, SurveyError> {
    let survey = surveys::get(db, id).await?.ok_or(SurveyError::Forbidden)?;
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
    if tree.get(area).is_none() || !tree.is_within(area, &me.area_code) {
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
    let id = surveys::create(db, new).await?;
    record(db, me, "survey.create", area, &id, title).await;
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
    match surveys::create(db, new).await {
        Ok(id) => {
            record(db, me, "survey.create", &city, &id, &title).await;
            Ok(Created::Yes(id))
        }
        Err(StoreError::Taken(_)) => Ok(Created::MonthTaken),
        Err(e) => Err(e.into()),
    }
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
    Published,
}

/// Saves everything the editor posted, applies its button's action, and publishes
/// when asked and ready.
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
    if !surveys::update_draft(db, id, draft).await? {
        return Ok(Saved::NotDraft);
    }
    if let Some(f) = e.fault {
        return Ok(Saved::Fault(f));
    }
    if action != EditAction::Publish {
        return Ok(Saved::Saved { focus: e.focus });
    }
    if check_definition(&e.questions).is_err() || e.closes_at <= now() {
        return Ok(Saved::NotReady);
    }
    if !lifecycle::publish(db, id).await? {
        return Ok(Saved::NotDraft);
    }
    record(db, me, "survey.publish", &e.area_code, id, &e.title).await;
    Ok(Saved::Published)
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
    let Some(written) = lifecycle::close(db, id, MIN_RESPONSES).await? else { return Ok(false) };
    record(
        db,
        me,
        "survey.close",
        &survey.area_code,
        id,
        &format!("{written} index observations written"),
    )
    .await;
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
    let deleted = surveys::delete_draft(&mut tx, id).await?;
    Db::commit(tx).await?;
    if deleted {
        record(db, me, "survey.delete", &survey.area_code, id, &survey.title).await;
    }
    Ok(deleted)
}

/// An export's file: its area (the requested part of what `me` may see) and rows.
pub struct Export {
    pub area: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// The answers from `me`'s part of the survey's area (or a part of that); `None` under
/// [`MIN_SHOWN`] responses.
pub async fn export(
    db: &Db,
    tree: &AreaTree,
    me: &StaffUser,
    id: &str,
    area: Option<&str>,
    lang: Lang,
) -> Result<Option<Export>, SurveyError> {
    let survey = surveys::get(db, id).await?.filter(|s| s.status != SurveyStatus::Draft);
    let survey = survey.ok_or(SurveyError::Forbidden)?;
    let scope = scope(me, &survey, tree).ok_or(SurveyError::Forbidden)?;
    let within = |c: &str, a: &str| tree.get(c).is_some() && tree.is_within(c, a);
    let area = area.filter(|a| within(a, &scope)).map(str::to_string).unwrap_or(scope);
    let all = responses::all(db, id).await?;
    let rows: Vec<_> = all
        .iter()
        .filter(|r| {
            r.community.as_deref().or(r.street.as_deref()).is_some_and(|c| within(c, &area))
        })
        .collect();
    if (rows.len() as u32) < MIN_SHOWN {
        return Ok(None);
    }
    let name = |c: &Option<String>| {
        c.as_deref().and_then(|c| tree.get(c)).map(|a| a.name(lang).to_string()).unwrap_or_default()
    };
    let origins = rows.iter().map(|r| Origin {
        street: name(&r.street),
        community: name(&r.community),
        shared_in: name(&r.via),
        answers: &r.answers,
    });
    let (header, body) = table(&survey, origins, lang);
    record(db, me, "survey.export", &area, id, &format!("{} rows", body.len())).await;
    Ok(Some(Export { area, header, rows: body }))
}
