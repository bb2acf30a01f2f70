//! Surveys over HTTP: residents' submissions (a plain form post that works before
//! wasm loads, asks for sign-in only here and keeps the answers across it), share
//! links with their QR codes, and the staff actions (create, edit, publish, close,
//! delete, export). Staff handlers authorise against the member's role and area
//! before touching anything; refusals are 403 and change nothing.
use super::auth::{q, see_other};
use super::error::HttpError;
use super::lang::ReqLang;
use super::session::{cookie, new_token, refusal, set_cookie, AnyViewer, ClientAddr, Staff};
use super::AppState;
use crate::domain::survey_feed::MIN_RESPONSES;
use crate::storage::accounts::Audit;
use crate::storage::surveys::{DraftEdit, NewSurvey, Respondent, Submitted};
use app::areas::Level;
use app::auth::{NotEligible, StaffUser};
use app::backend::Backend;
use app::i18n::{Lang, Msg};
use app::survey::{check_answers, check_definition, group_form, Answer, QuestionKind, Survey, SurveyKind, SurveyStatus};
use app::survey_api::DRAFT_COOKIE;
use app::survey_edit::{self, EditAction};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

type Pairs = Form<Vec<(String, String)>>;

/// Answers kept across sign-in live a day.
const DRAFT_TTL: i64 = 86_400;

/// Submissions per client address per minute, counted in memory (a fixed window).
/// Generous on purpose: a housing estate behind one carrier NAT shares an address.
pub struct SubmitLimiter {
    per_minute: i64,
    window: Mutex<(Instant, HashMap<String, i64>)>,
}

impl SubmitLimiter {
    pub fn new(per_minute: i64) -> Self {
        SubmitLimiter { per_minute, window: Mutex::new((Instant::now(), HashMap::new())) }
    }

    /// Counts one submission; `false` when over the limit.
    pub fn allow(&self, client: &str) -> bool {
        let Ok(mut w) = self.window.lock() else { return true };
        if w.0.elapsed() >= Duration::from_secs(60) {
            *w = (Instant::now(), HashMap::new());
        }
        let n = w.1.entry(client.to_string()).or_insert(0);
        *n += 1;
        *n <= self.per_minute
    }
}

fn now() -> i64 {
    crate::storage::accounts::now()
}

fn forbidden(lang: Lang) -> Response {
    refusal(StatusCode::FORBIDDEN, lang, lang.t(Msg::StaffForbidden), "/staff/surveys")
}

fn not_found(lang: Lang) -> Response {
    refusal(StatusCode::NOT_FOUND, lang, lang.t(Msg::ErrorNotFoundTitle), "/surveys")
}

// ---- residents ------------------------------------------------------------------

/// `POST /surveys/:id/answer`.
pub async fn answer(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    ClientAddr(client): ClientAddr,
    AnyViewer(viewer): AnyViewer,
    Path(id): Path<String>,
    headers: HeaderMap,
    Form(pairs): Pairs,
) -> Response {
    let page = format!("/surveys/{id}");
    if !state.submit_limiter.allow(&client) {
        return see_other(&format!("{page}?error=rate_limit"), vec![]);
    }
    let survey = match state.db.survey(&id).await {
        Ok(Some(s)) if s.status != SurveyStatus::Draft => s,
        Ok(_) => return not_found(lang),
        Err(e) => return HttpError::internal(e, lang).into_response(),
    };
    let snapshot = match state.backend.snapshot().await {
        Ok(s) => s,
        Err(e) => return HttpError::internal(e, lang).into_response(),
    };
    let tree = &snapshot.tree;
    let via = pairs
        .iter()
        .find(|(k, _)| k == "_via")
        .map(|(_, v)| v.trim().to_string())
        .filter(|c| tree.get(c).is_some_and(|a| a.level == Level::Community) && tree.is_within(c, &survey.area_code));
    let back = match &via {
        Some(v) => format!("{page}?via={}", q(v)),
        None => page.clone(),
    };
    let join = |extra: &str| format!("{back}{}{extra}", if back.contains('?') { '&' } else { '?' });
    if !survey.is_open(now()) {
        return see_other(&join("error=survey_closed"), vec![]);
    }
    // Only the survey's own questions are kept (the form's other fields are ours).
    let kept: Vec<(String, String)> =
        pairs.into_iter().filter(|(k, _)| survey.questions.iter().any(|q| q.id == *k)).collect();
    let form = group_form(&kept);
    let draft_token = cookie(&headers, DRAFT_COOKIE).filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit())).map(str::to_string);
    // Keeps the answers for the page to show again; sets the cookie if needed.
    let keep = |state: AppState, token: Option<String>, survey_id: String, kept: Vec<(String, String)>| async move {
        let (token, cookie) = match token {
            Some(t) => (t, None),
            None => {
                let (t, _) = new_token();
                let c = set_cookie(DRAFT_COOKIE, &t, "/", DRAFT_TTL, state.settings.secure_cookies);
                (t, Some(c))
            }
        };
        state.db.survey_draft_put(&crate::auth::crypto::token_hash(&token), &survey_id, &kept).await.map(|_| cookie.into_iter().collect::<Vec<_>>())
    };
    let answers = match check_answers(&survey.questions, &form) {
        Ok(a) => a,
        Err(_) => {
            return match keep(state.clone(), draft_token, id.clone(), kept).await {
                Ok(cookies) => see_other(&format!("{}#problems", join("error=answers")), cookies),
                Err(e) => HttpError::internal(e, lang).into_response(),
            };
        }
    };
    let me = viewer.resident;
    let resume = join("resume=1");
    let Some(me) = me else {
        return match keep(state.clone(), draft_token, id.clone(), kept).await {
            Ok(cookies) => see_other(&format!("/signin?next={}", q(&resume)), cookies),
            Err(e) => HttpError::internal(e, lang).into_response(),
        };
    };
    match me.may_take_part(&survey.audience(), tree) {
        Ok(()) => {}
        Err(why) => {
            let cookies = match keep(state.clone(), draft_token, id.clone(), kept).await {
                Ok(c) => c,
                Err(e) => return HttpError::internal(e, lang).into_response(),
            };
            let to = match why {
                NotEligible::Consent => format!("/me/consent?next={}", q(&resume)),
                NotEligible::Community => join("resume=1&error=community_needed#community-step"),
                NotEligible::OutsideArea | NotEligible::Verification => resume,
            };
            return see_other(&to, cookies);
        }
    }
    let community = me.community.as_deref();
    let street = community.and_then(|c| tree.get(c)).and_then(|c| c.parent_code.clone());
    let who = Respondent { resident_id: &me.id, community_code: community, street_code: street.as_deref(), via_community: via.as_deref() };
    let outcome = match state.db.survey_submit(&id, who, &answers).await {
        Ok(o) => o,
        Err(e) => return HttpError::internal(e, lang).into_response(),
    };
    if matches!(outcome, Submitted::Stored | Submitted::Replaced) {
        if let Some(t) = &draft_token {
            if let Err(e) = state.db.survey_draft_delete(&crate::auth::crypto::token_hash(t), &id).await {
                tracing::warn!(error = %e, "could not drop kept survey answers");
            }
        }
    }
    match outcome {
        Submitted::Stored => see_other(&join("notice=submitted"), vec![]),
        Submitted::Replaced => see_other(&join("notice=replaced"), vec![]),
        Submitted::AlreadyAnswered => see_other(&format!("{}#already-answered", join("notice=already_answered")), vec![]),
        Submitted::NotOpen => see_other(&join("error=survey_closed"), vec![]),
        Submitted::NoSuchSurvey => not_found(lang),
    }
}

/// `GET /s/:code`: a share link, to the survey with the community it was shared in.
pub async fn share_link(State(state): State<AppState>, ReqLang(lang): ReqLang, Path(code): Path<String>) -> Response {
    match state.db.survey_link(&code).await {
        Ok(Some((survey, community))) => {
            let mut res = StatusCode::FOUND.into_response();
            if let Ok(v) = HeaderValue::from_str(&format!("/surveys/{survey}?via={}", q(&community))) {
                res.headers_mut().insert(header::LOCATION, v);
            }
            res
        }
        Ok(None) => not_found(lang),
        Err(e) => HttpError::internal(e, lang).into_response(),
    }
}

/// The absolute URL of a share link, as printed in its QR code.
async fn link_url(state: &AppState, headers: &HeaderMap, code: &str) -> Option<String> {
    match state.db.survey_link(code).await {
        Ok(Some(_)) => Some(format!("{}/s/{code}", super::auth::origin(state, headers))),
        _ => None,
    }
}

fn qr(url: &str) -> Option<qrcode::QrCode> {
    // Medium error correction survives a creased poster and stays small.
    qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M).ok()
}

fn download(content_type: &'static str, name: String, body: Vec<u8>) -> Response {
    let disposition = HeaderValue::from_str(&format!("inline; filename=\"{name}\"")).unwrap_or(HeaderValue::from_static("inline"));
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=86400")),
        ],
        body,
    )
        .into_response()
}

/// `GET /s/:code/qr.svg`.
pub async fn qr_svg(State(state): State<AppState>, ReqLang(lang): ReqLang, headers: HeaderMap, Path(code): Path<String>) -> Response {
    let Some(code_) = link_url(&state, &headers, &code).await.as_deref().and_then(qr) else { return not_found(lang) };
    let svg = code_
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(240, 240)
        .quiet_zone(true)
        .dark_color(qrcode::render::svg::Color("#000000"))
        .light_color(qrcode::render::svg::Color("#ffffff"))
        .build();
    download("image/svg+xml", format!("tongxin-{code}.svg"), svg.into_bytes())
}

/// The QR code as a PNG: 8 pixels a module, with the 4-module quiet zone.
pub fn qr_png_bytes(code: &qrcode::QrCode) -> Option<Vec<u8>> {
    const SCALE: usize = 8;
    const QUIET: usize = 4;
    let width = code.width();
    let side = (width + 2 * QUIET) * SCALE;
    let colors = code.to_colors();
    let mut pixels = vec![255u8; side * side];
    for y in 0..width {
        for x in 0..width {
            if colors[y * width + x] == qrcode::Color::Dark {
                for dy in 0..SCALE {
                    let row = ((y + QUIET) * SCALE + dy) * side;
                    let start = row + (x + QUIET) * SCALE;
                    pixels[start..start + SCALE].fill(0);
                }
            }
        }
    }
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, side as u32, side as u32);
        enc.set_color(png::ColorType::Grayscale);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc.write_header().ok()?;
        writer.write_image_data(&pixels).ok()?;
    }
    Some(out)
}

/// `GET /s/:code/qr.png`.
pub async fn qr_png(State(state): State<AppState>, ReqLang(lang): ReqLang, headers: HeaderMap, Path(code): Path<String>) -> Response {
    let Some(bytes) = link_url(&state, &headers, &code).await.as_deref().and_then(qr).and_then(|c| qr_png_bytes(&c)) else {
        return not_found(lang);
    };
    download("image/png", format!("tongxin-{code}.png"), bytes)
}

// ---- staff ------------------------------------------------------------------------

fn first<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim()).unwrap_or("")
}

async fn audit(state: &AppState, me: &StaffUser, action: &str, area: &str, target: &str, detail: &str) {
    let entry = Audit { actor: &me.username, role: Some(me.role), action, area_code: Some(area), target: Some(target), detail };
    if let Err(e) = state.db.audit(entry).await {
        tracing::error!(error = %e, action, "audit write failed");
    }
}

/// The survey and whether `me` may manage it (edit, publish, close, delete).
async fn managed(state: &AppState, me: &StaffUser, id: &str, lang: Lang) -> Result<(Survey, std::sync::Arc<app::backend::Snapshot>), Response> {
    let snapshot = state.backend.snapshot().await.map_err(|e| HttpError::internal(e, lang).into_response())?;
    let survey = match state.db.survey(id).await {
        Ok(Some(s)) => s,
        Ok(None) => return Err(forbidden(lang)),
        Err(e) => return Err(HttpError::internal(e, lang).into_response()),
    };
    if !app::survey_api::manages(me, &survey, &snapshot.tree) {
        return Err(forbidden(lang));
    }
    Ok((survey, snapshot))
}

/// `POST /staff/surveys/new`: a community consultation's draft.
pub async fn create(State(state): State<AppState>, ReqLang(lang): ReqLang, Staff(me): Staff, Form(pairs): Pairs) -> Response {
    let snapshot = match state.backend.snapshot().await {
        Ok(s) => s,
        Err(e) => return HttpError::internal(e, lang).into_response(),
    };
    let area = first(&pairs, "area");
    if snapshot.tree.get(area).is_none() || !snapshot.tree.is_within(area, &me.area_code) {
        return forbidden(lang);
    }
    let title = first(&pairs, "title");
    if title.is_empty() || title.chars().count() > survey_edit::MAX_SURVEY_TITLE || title.chars().any(char::is_control) {
        return see_other("/staff/surveys?error=survey_title#new-h", vec![]);
    }
    // Open from now (to the minute) for two weeks; the editor changes both.
    let opens = now() - now().rem_euclid(60);
    let new = NewSurvey {
        kind: SurveyKind::Community,
        month: None,
        created_by: &me.username,
        draft: DraftEdit {
            area_code: area,
            title,
            intro: "",
            questions: &[],
            anonymous: false,
            verified_only: false,
            editable: false,
            opens_at: opens,
            closes_at: opens + 14 * 86_400,
        },
    };
    match state.db.survey_create(new).await {
        Ok(id) => {
            audit(&state, &me, "survey.create", area, &id, title).await;
            see_other(&format!("/staff/surveys/{id}?notice=survey_created"), vec![])
        }
        Err(e) => HttpError::internal(e, lang).into_response(),
    }
}

/// `POST /staff/surveys/monthly`: the city's survey for a month, from the template.
pub async fn create_monthly(State(state): State<AppState>, ReqLang(lang): ReqLang, Staff(me): Staff, Form(pairs): Pairs) -> Response {
    if me.role != app::auth::Role::CityAdmin {
        return forbidden(lang);
    }
    let month = first(&pairs, "month");
    let parsed = (month.len() == 7 && &month[4..5] == "-")
        .then(|| (month[..4].parse::<i64>().ok(), month[5..].parse::<i64>().ok()))
        .and_then(|(y, m)| Some((y?, m?)))
        .filter(|(y, m)| (2000..=2100).contains(y) && (1..=12).contains(m));
    let Some((y, m)) = parsed else { return see_other("/staff/surveys?error=survey_month", vec![]) };
    let opens = app::accounts::parse_china_time(&format!("{y:04}-{m:02}-01T00:00"));
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    let closes = app::accounts::parse_china_time(&format!("{ny:04}-{nm:02}-01T00:00"));
    let (Some(opens), Some(closes)) = (opens, closes) else { return see_other("/staff/surveys?error=survey_month", vec![]) };
    let snapshot = match state.backend.snapshot().await {
        Ok(s) => s,
        Err(e) => return HttpError::internal(e, lang).into_response(),
    };
    let Some(city) = snapshot.tree.city().map(|c| c.code.clone()) else { return forbidden(lang) };
    let title = format!("{y}年{m}月平安建设问卷");
    let intro = "为了解您对所在社区（村）治安和平安建设工作的感受，请花 3 分钟填写本问卷。\n问卷匿名，回答与账号分开保存，任何人都无法把答案对应到您。结果汇总后计入各街道本月的平安+指数。";
    let questions = survey_edit::monthly_template();
    let new = NewSurvey {
        kind: SurveyKind::CityMonthly,
        month: Some(month),
        created_by: &me.username,
        draft: DraftEdit {
            area_code: &city,
            title: &title,
            intro,
            questions: &questions,
            anonymous: true,
            verified_only: false,
            editable: false,
            opens_at: opens.max(now() - now().rem_euclid(3600)),
            closes_at: closes,
        },
    };
    if closes <= now() {
        return see_other("/staff/surveys?error=survey_month", vec![]);
    }
    match state.db.survey_create(new).await {
        Ok(id) => {
            audit(&state, &me, "survey.create", &city, &id, &title).await;
            see_other(&format!("/staff/surveys/{id}?notice=survey_created"), vec![])
        }
        Err(crate::storage::StorageError::Sqlx(sqlx::Error::Database(d))) if d.is_unique_violation() => {
            see_other("/staff/surveys?error=survey_month_taken", vec![])
        }
        Err(e) => HttpError::internal(e, lang).into_response(),
    }
}

/// `POST /staff/surveys/:id`: the editor's buttons. Everything posted is saved, then
/// the button's action applied; "publish" publishes only a survey that passes every
/// check.
pub async fn edit(State(state): State<AppState>, ReqLang(lang): ReqLang, Staff(me): Staff, Path(id): Path<String>, Form(pairs): Pairs) -> Response {
    let (survey, snapshot) = match managed(&state, &me, &id, lang).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let page = format!("/staff/surveys/{id}");
    if survey.status != SurveyStatus::Draft {
        return see_other(&page, vec![]);
    }
    let form = group_form(&pairs);
    let settings = survey_edit::read_settings(&form);
    let faults = settings.faults();
    let action = EditAction::parse(first(&pairs, "action"));
    let mut questions = survey_edit::read_questions(&form, &survey.questions);
    // Questions the form did not carry (none, normally) are kept, not dropped.
    for q in &survey.questions {
        if !questions.iter().any(|x| x.id == q.id) {
            questions.push(q.clone());
        }
    }
    survey_edit::apply(&action, &mut questions, lang);
    let tree = &snapshot.tree;
    let area = if survey.kind == SurveyKind::CityMonthly {
        survey.area_code.clone()
    } else if tree.get(&settings.area).is_some() && tree.is_within(&settings.area, &me.area_code) {
        settings.area.clone()
    } else if settings.area.is_empty() {
        survey.area_code.clone()
    } else {
        return forbidden(lang);
    };
    let has = |f| faults.contains(&f);
    let title = if has(survey_edit::SettingsFault::Title) { survey.title.clone() } else { settings.title.clone() };
    let intro = if has(survey_edit::SettingsFault::Intro) { survey.intro.clone() } else { settings.intro.clone() };
    let (opens, closes) = match (has(survey_edit::SettingsFault::Times), settings.opens_at, settings.closes_at) {
        (false, Some(o), Some(c)) => (o, c),
        _ => (survey.opens_at, survey.closes_at),
    };
    // Only the monthly survey's scale questions may feed the index.
    if survey.kind != SurveyKind::CityMonthly {
        for q in &mut questions {
            q.feeds = None;
        }
    }
    let saved = state
        .db
        .survey_update_draft(
            &id,
            DraftEdit {
                area_code: &area,
                title: &title,
                intro: &intro,
                questions: &questions,
                anonymous: settings.anonymous,
                verified_only: settings.verified_only,
                editable: settings.editable,
                opens_at: opens,
                closes_at: closes,
            },
        )
        .await;
    match saved {
        Ok(true) => {}
        Ok(false) => return see_other(&page, vec![]),
        Err(e) => return HttpError::internal(e, lang).into_response(),
    }
    if let Some(f) = faults.first() {
        return see_other(&format!("{page}?error={}#settings-h", f.code()), vec![]);
    }
    let anchor = match &action {
        EditAction::Add(_) => questions.last().map(|q| format!("#edit-{}", q.id)).unwrap_or_default(),
        EditAction::Up(i) | EditAction::Down(i) | EditAction::Remove(i) => {
            let at = match action {
                EditAction::Up(_) => i.saturating_sub(1),
                EditAction::Down(_) => (i + 1).min(questions.len().saturating_sub(1)),
                _ => (*i).min(questions.len().saturating_sub(1)),
            };
            questions.get(at).map(|q| format!("#edit-{}", q.id)).unwrap_or_default()
        }
        _ => String::new(),
    };
    if action != EditAction::Publish {
        return see_other(&format!("{page}?notice=survey_saved{anchor}"), vec![]);
    }
    if check_definition(&questions).is_err() || closes <= now() {
        return see_other(&format!("{page}?error=survey_not_ready#definition-problems"), vec![]);
    }
    match state.db.survey_publish(&id).await {
        Ok(Ok(())) => {
            audit(&state, &me, "survey.publish", &area, &id, &title).await;
            see_other(&format!("{page}?notice=survey_published"), vec![])
        }
        Ok(Err(_)) => see_other(&page, vec![]),
        Err(e) => HttpError::internal(e, lang).into_response(),
    }
}

/// `POST /staff/surveys/:id/close`: closes early (the monthly survey then feeds the index).
pub async fn close(State(state): State<AppState>, ReqLang(lang): ReqLang, Staff(me): Staff, Path(id): Path<String>, Form(pairs): Pairs) -> Response {
    let (survey, _) = match managed(&state, &me, &id, lang).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let page = format!("/staff/surveys/{id}");
    if first(&pairs, "confirm") != "yes" {
        return see_other(&format!("{page}?error=close_confirm#close-h"), vec![]);
    }
    match state.db.survey_close(&id, MIN_RESPONSES).await {
        Ok(Ok(written)) => {
            audit(&state, &me, "survey.close", &survey.area_code, &id, &format!("{} index observations written", written)).await;
            state.backend.invalidate();
            see_other(&format!("{page}?notice=survey_closed_ok"), vec![])
        }
        Ok(Err(_)) => see_other(&page, vec![]),
        Err(e) => HttpError::internal(e, lang).into_response(),
    }
}

/// `POST /staff/surveys/:id/delete`: deletes a draft.
pub async fn delete(State(state): State<AppState>, ReqLang(lang): ReqLang, Staff(me): Staff, Path(id): Path<String>) -> Response {
    let (survey, _) = match managed(&state, &me, &id, lang).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    match state.db.survey_delete_draft(&id).await {
        Ok(true) => {
            audit(&state, &me, "survey.delete", &survey.area_code, &id, &survey.title).await;
            see_other("/staff/surveys?notice=survey_deleted", vec![])
        }
        Ok(false) => see_other(&format!("/staff/surveys/{id}"), vec![]),
        Err(e) => HttpError::internal(e, lang).into_response(),
    }
}

fn csv_answer(q: &app::survey::Question, a: Option<&Answer>) -> String {
    match (a, &q.kind) {
        (None, _) => String::new(),
        (Some(Answer::Text(t)), QuestionKind::Single { options }) => options.iter().find(|o| o.id == *t).map(|o| o.label.clone()).unwrap_or_default(),
        (Some(Answer::Choices(c)), QuestionKind::Multiple { options, .. }) => {
            options.iter().filter(|o| c.contains(&o.id)).map(|o| o.label.clone()).collect::<Vec<_>>().join("; ")
        }
        (Some(Answer::Text(t)), _) => t.clone(),
        (Some(Answer::Choices(c)), _) => c.join("; "),
        (Some(Answer::Number(n)), _) => app::survey::show_number(*n),
    }
}

/// `GET /staff/surveys/:id/export.csv?area=`: the answers from the member's area
/// (or a part of it), anonymised: no resident, no date, rows in a random-id order
/// unrelated to submission; refused under 5 responses.
pub async fn export(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Staff(me): Staff,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let snapshot = match state.backend.snapshot().await {
        Ok(s) => s,
        Err(e) => return HttpError::internal(e, lang).into_response(),
    };
    let tree = &snapshot.tree;
    let survey = match state.db.survey(&id).await {
        Ok(Some(s)) if s.status != SurveyStatus::Draft => s,
        Ok(_) => return forbidden(lang),
        Err(e) => return HttpError::internal(e, lang).into_response(),
    };
    let Some(scope) = app::survey_api::scope(&me, &survey, tree) else { return forbidden(lang) };
    let area = query.get("area").filter(|a| tree.get(a).is_some() && tree.is_within(a, &scope)).cloned().unwrap_or(scope);
    let rows = match state.db.survey_response_rows(&id).await {
        Ok(r) => r,
        Err(e) => return HttpError::internal(e, lang).into_response(),
    };
    let rows: Vec<_> = rows
        .into_iter()
        .filter(|r| r.community_code.as_deref().or(r.street_code.as_deref()).is_some_and(|c| tree.get(c).is_some() && tree.is_within(c, &area)))
        .collect();
    if (rows.len() as u32) < app::survey_results::MIN_SHOWN {
        return see_other(&format!("/staff/surveys/{id}?error=export_small"), vec![]);
    }
    let name = |c: &Option<String>| c.as_deref().and_then(|c| tree.get(c)).map(|a| a.name(lang).to_string()).unwrap_or_default();
    let mut out = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]); // BOM: Excel and WPS read UTF-8
    let mut head = vec![
        lang.pick("序号", "no").to_string(),
        lang.pick("街道", "street").to_string(),
        lang.pick("社区", "community").to_string(),
        lang.pick("分享来源社区", "shared_in").to_string(),
    ];
    head.extend(survey.questions.iter().enumerate().map(|(i, q)| format!("{}. {}", i + 1, q.title)));
    let _ = out.write_record(&head);
    for (n, r) in rows.iter().enumerate() {
        let mut rec = vec![(n + 1).to_string(), name(&r.street_code), name(&r.community_code), name(&r.via_community)];
        rec.extend(survey.questions.iter().map(|q| csv_answer(q, r.answers.get(&q.id))));
        let _ = out.write_record(&rec);
    }
    let body = out.into_inner().unwrap_or_default();
    audit(&state, &me, "survey.export", &area, &id, &format!("{} rows", rows.len())).await;
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"survey-{id}-{area}.csv\"")).unwrap_or(HeaderValue::from_static("attachment"));
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body,
    )
        .into_response()
}
