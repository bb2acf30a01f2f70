//! Server functions behind the survey pages: the answering page (resident), the list
//! of surveys, results (public once closed; staff of the area at any time), and the
//! staff pages (list, editor, sharing). Each authorises from the request's session:
//! staff see a survey only where their area and the survey's overlap, and results
//! only for the overlap.
use crate::account_api::Access;
use crate::auth::NotEligible;
use crate::survey::{Survey, SurveyKind, SurveyStatus};
use crate::survey_results::Results;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The cookie that keys answers kept across sign-in (see `survey_drafts`).
pub const DRAFT_COOKIE: &str = "tx_draft";

/// Where the answering page stands for this visitor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Standing {
    Guest,
    Resident { eligible: Result<(), NotEligible>, answered: bool },
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AnswerPage {
    pub survey: Survey,
    pub area_label: String,
    pub standing: Standing,
    /// Values to fill the form with (answers kept across sign-in, or the resident's
    /// own earlier answers to a changeable survey).
    pub prefill: Vec<(String, String)>,
    /// Problems of the kept answers, by question id, in the visitor's language.
    pub problems: Vec<(String, String)>,
    /// The community whose share link was followed: (code, name).
    pub via: Option<(String, String)>,
    pub open: bool,
    /// Published, but its opening time is still to come.
    pub not_yet: bool,
    pub results_public: bool,
}

/// One line of a survey list.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SurveyItem {
    pub id: String,
    pub title: String,
    pub kind: SurveyKind,
    pub status: SurveyStatus,
    pub area_label: String,
    pub opens_at: i64,
    pub closes_at: i64,
    pub responses: i64,
    pub anonymous: bool,
    /// The viewer (staff) may edit, publish or close it.
    pub manage: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SurveysPage {
    /// Open now, for the viewer's area (or the whole city when none is known).
    pub open: Vec<SurveyItem>,
    /// Closed, results public.
    pub closed: Vec<SurveyItem>,
    pub area_label: Option<String>,
}

/// A chart's option JSON for one question, by id.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ResultsPage {
    pub survey: SurveyItem,
    /// The area shown and the choices of area (code, label), the first being the
    /// whole of what the viewer may see.
    pub area: String,
    pub areas: Vec<(String, String)>,
    pub results: Results,
    pub charts: Vec<(String, String)>,
    pub staff: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StaffSurveys {
    pub surveys: Vec<SurveyItem>,
    /// The city administrator creates the month's survey from the template.
    pub monthly: bool,
    /// The next month without a city survey, "YYYY-MM".
    pub next_month: String,
    /// Where a new consultation may be aimed: (code, label).
    pub areas: Vec<(String, String)>,
}

/// A share link for one community.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ShareLink {
    pub community: String,
    pub label: String,
    pub code: String,
    pub url: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StaffSurvey {
    pub survey: Survey,
    pub item: SurveyItem,
    /// Problems that stop publication, in the viewer's language.
    pub problems: Vec<(Option<usize>, String)>,
    /// Targets the editor offers.
    pub areas: Vec<(String, String)>,
    /// Communities whose links the viewer may hand out, and the one chosen.
    pub links: Vec<(String, String)>,
    pub link: Option<ShareLink>,
}

/// Where the site is reached, for share links: the configured public origin, or
/// this request's host.
#[derive(Clone, Debug, Default)]
pub struct SiteOrigin {
    pub fixed: Option<String>,
    pub https: bool,
}

impl SiteOrigin {
    /// "https://tongxin.example.cn": the fixed origin, else the scheme and `host`.
    pub fn resolve(&self, host: Option<&str>) -> String {
        match &self.fixed {
            Some(o) => o.trim_end_matches('/').to_string(),
            None => format!("{}://{}", if self.https { "https" } else { "http" }, host.unwrap_or("localhost")),
        }
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::areas::{AreaTree, Level};
    use crate::auth::{Role, StaffUser};
    use crate::i18n::Lang;

    pub fn origin() -> String {
        let host = use_context::<http::request::Parts>()
            .and_then(|p| p.headers.get(http::header::HOST).and_then(|v| v.to_str().ok()).map(str::to_string));
        use_context::<SiteOrigin>().unwrap_or_default().resolve(host.as_deref())
    }

    /// The draft cookie's token (64 hex digits), if the request carries one.
    pub fn draft_token() -> Option<String> {
        crate::prefs::request_cookie(DRAFT_COOKIE).filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
    }

    /// "东湖区 · 香湾街道 · 桂园社区"; the city by its own name.
    pub fn label(tree: &AreaTree, code: &str, lang: Lang) -> String {
        match tree.get(code) {
            Some(a) if a.level == Level::City => a.name(lang).to_string(),
            _ => crate::account_api::path_label(tree, code, lang).unwrap_or_else(|| code.to_string()),
        }
    }

    /// May `me` edit, publish and close this survey?
    pub fn manages(me: &StaffUser, s: &Survey, tree: &AreaTree) -> bool {
        match s.kind {
            SurveyKind::CityMonthly => me.role == Role::CityAdmin,
            SurveyKind::Community => tree.get(&s.area_code).is_some() && tree.is_within(&s.area_code, &me.area_code),
        }
    }

    /// The part of the survey's area that `me` may see results and links for.
    pub fn scope(me: &StaffUser, s: &Survey, tree: &AreaTree) -> Option<String> {
        if tree.get(&s.area_code).is_none() || tree.get(&me.area_code).is_none() {
            None
        } else if tree.is_within(&s.area_code, &me.area_code) {
            Some(s.area_code.clone())
        } else if tree.is_within(&me.area_code, &s.area_code) {
            Some(me.area_code.clone())
        } else {
            None
        }
    }

    pub fn item(s: &Survey, responses: i64, tree: &AreaTree, lang: Lang, manage: bool) -> SurveyItem {
        SurveyItem {
            id: s.id.clone(),
            title: s.title.clone(),
            kind: s.kind,
            status: s.status,
            area_label: label(tree, &s.area_code, lang),
            opens_at: s.opens_at,
            closes_at: s.closes_at,
            responses,
            anonymous: s.anonymous,
            manage,
        }
    }

    /// An area and its children (the targets a staff member may aim a consultation at,
    /// and the filters of results), down to communities.
    pub fn area_choices(tree: &AreaTree, code: &str, lang: Lang) -> Vec<(String, String)> {
        let mut out = vec![(code.to_string(), label(tree, code, lang))];
        out.extend(tree.children(code).into_iter().map(|a| (a.code.clone(), label(tree, &a.code, lang))));
        out
    }

    pub fn now() -> i64 {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
    }

    /// The results of `survey` for `area` (inside what the viewer may see).
    /// `manage`: the viewer (staff) may edit or close it.
    pub async fn results(survey: &Survey, scope: &str, area: Option<String>, staff: bool, manage: bool) -> Result<ResultsPage, ServerFnError> {
        use crate::survey_results::{rates, tally, Detail, Row};
        let backend = crate::backend::backend()?;
        let snap = crate::backend::snapshot().await?;
        let tree = &snap.tree;
        let lang = crate::prefs::use_lang();
        let area = area.filter(|a| tree.get(a).is_some() && tree.is_within(a, scope)).unwrap_or_else(|| scope.to_string());
        let data = backend.survey_responses(&survey.id).await.map_err(crate::backend::unavailable)?;
        let item = item(survey, data.len() as i64, tree, lang, manage);
        let within = |c: Option<&str>, s: Option<&str>, a: &str| {
            c.or(s).is_some_and(|x| tree.get(x).is_some() && tree.is_within(x, a))
        };
        let in_scope: Vec<Row> = data
            .iter()
            .filter(|r| within(r.community.as_deref(), r.street.as_deref(), scope))
            .map(|r| Row { community: r.community.as_deref(), street: r.street.as_deref(), answers: &r.answers })
            .collect();
        let shown: Vec<Row> = in_scope.iter().filter(|r| within(r.community, r.street, &area)).cloned().collect();
        let (total, withheld, questions) = tally(&survey.questions, &shown, staff);
        let charts = questions
            .iter()
            .filter_map(|q| match &q.detail {
                Detail::Counts { items, .. } => Some((q.id.clone(), crate::charts::counts(items))),
                _ => None,
            })
            .collect();
        let mut areas = area_choices(tree, scope, lang);
        if !areas.iter().any(|(c, _)| *c == area) {
            areas.push((area.clone(), label(tree, &area, lang)));
        }
        Ok(ResultsPage {
            survey: item,
            results: Results { total, withheld, questions, rates: rates(tree, &area, &shown, lang) },
            area,
            areas,
            charts,
            staff,
        })
    }
}
#[cfg(feature = "ssr")]
pub use ssr::{area_choices, label, manages, scope};

/// The answering page's data; `None` when there is no such (published) survey.
#[server(prefix = "/rpc", endpoint = "survey")]
pub async fn load_survey(id: String, via: Option<String>, show_problems: bool) -> Result<Option<AnswerPage>, ServerFnError> {
    use crate::areas::Level;
    use crate::survey::{check_answers, group_form};
    let backend = crate::backend::backend()?;
    let Some(survey) = backend.survey(&id).await.map_err(crate::backend::unavailable)? else { return Ok(None) };
    if survey.status == SurveyStatus::Draft {
        return Ok(None);
    }
    let snap = crate::backend::snapshot().await?;
    let tree = &snap.tree;
    let lang = crate::prefs::use_lang();
    let viewer = crate::auth::use_viewer();
    let mut prefill = Vec::new();
    let mut problems = Vec::new();
    if let Some(token) = ssr::draft_token() {
        if let Some(kept) = backend.survey_draft(&token, &id).await.map_err(crate::backend::unavailable)? {
            if show_problems {
                if let Err(ps) = check_answers(&survey.questions, &group_form(&kept)) {
                    problems = ps.iter().map(|p| (p.question.clone(), p.message(lang, &survey.questions))).collect();
                }
            }
            prefill = kept;
        }
    }
    let standing = match &viewer.resident {
        None => Standing::Guest,
        Some(me) => {
            let answered = backend.survey_answered(&id, &me.id).await.map_err(crate::backend::unavailable)?;
            if answered && prefill.is_empty() && survey.editable && !survey.anonymous {
                if let Some(own) = backend.survey_own_answers(&id, &me.id).await.map_err(crate::backend::unavailable)? {
                    prefill = crate::survey::answers_to_form(&own);
                }
            }
            Standing::Resident { eligible: me.may_take_part(&survey.audience(), tree), answered }
        }
    };
    let via = via
        .filter(|c| tree.get(c).is_some_and(|a| a.level == Level::Community) && tree.is_within(c, &survey.area_code))
        .map(|c| (c.clone(), tree.get(&c).map(|a| a.name(lang).to_string()).unwrap_or_default()));
    Ok(Some(AnswerPage {
        area_label: ssr::label(tree, &survey.area_code, lang),
        open: survey.is_open(ssr::now()),
        not_yet: survey.status == SurveyStatus::Published && survey.opens_at > ssr::now(),
        results_public: survey.status == SurveyStatus::Closed,
        survey,
        standing,
        prefill,
        problems,
        via,
    }))
}

/// Surveys open for the viewer's area, and closed ones with public results.
#[server(prefix = "/rpc", endpoint = "surveys")]
pub async fn load_surveys() -> Result<SurveysPage, ServerFnError> {
    let backend = crate::backend::backend()?;
    let snap = crate::backend::snapshot().await?;
    let tree = &snap.tree;
    let lang = crate::prefs::use_lang();
    let viewer = crate::auth::use_viewer();
    let home = viewer
        .resident
        .and_then(|r| r.community)
        .or_else(|| crate::prefs::Prefs::from_request().area)
        .filter(|c| tree.get(c).is_some());
    let now = ssr::now();
    let mut open = Vec::new();
    let mut closed = Vec::new();
    for (s, n) in backend.survey_list().await.map_err(crate::backend::unavailable)? {
        // Surveys for the viewer's area (or any, when the area is not known), and
        // the ones aimed below it.
        let relevant = match &home {
            Some(h) => tree.is_within(h, &s.area_code) || tree.is_within(&s.area_code, h),
            None => true,
        };
        if !relevant {
            continue;
        }
        match s.status {
            SurveyStatus::Published if s.closes_at > now => open.push(ssr::item(&s, n, tree, lang, false)),
            SurveyStatus::Closed => closed.push(ssr::item(&s, n, tree, lang, false)),
            _ => {}
        }
    }
    closed.truncate(20);
    Ok(SurveysPage { open, closed, area_label: home.map(|h| ssr::label(tree, &h, lang)) })
}

/// Public results: closed surveys only.
#[server(prefix = "/rpc", endpoint = "results")]
pub async fn load_results(id: String, area: Option<String>) -> Result<Option<ResultsPage>, ServerFnError> {
    let backend = crate::backend::backend()?;
    let Some(survey) = backend.survey(&id).await.map_err(crate::backend::unavailable)? else { return Ok(None) };
    if survey.status != SurveyStatus::Closed {
        return Ok(None);
    }
    let scope = survey.area_code.clone();
    Ok(Some(ssr::results(&survey, &scope, area, false, false).await?))
}

/// A staff member's view of one survey: who they are, the survey, the area map and
/// the part of the survey's area they may see; or why not (403).
#[cfg(feature = "ssr")]
struct StaffView {
    me: crate::auth::StaffUser,
    survey: Survey,
    snap: std::sync::Arc<crate::backend::Snapshot>,
    scope: String,
}

#[cfg(feature = "ssr")]
async fn staff_view<T>(id: &str) -> Result<Result<StaffView, Access<T>>, ServerFnError> {
    use crate::account_api::{refuse, staff_or_refuse};
    let me = match staff_or_refuse() {
        Ok(m) => m,
        Err(a) => return Ok(Err(a)),
    };
    let snap = crate::backend::snapshot().await?;
    let survey = crate::backend::backend()?.survey(id).await.map_err(crate::backend::unavailable)?;
    let Some((survey, scope)) = survey.and_then(|s| ssr::scope(&me, &s, &snap.tree).map(|scope| (s, scope))) else {
        return Ok(Err(refuse(Access::Forbidden)));
    };
    // Drafts are seen by those who may edit them only.
    if survey.status == SurveyStatus::Draft && !ssr::manages(&me, &survey, &snap.tree) {
        return Ok(Err(refuse(Access::Forbidden)));
    }
    Ok(Ok(StaffView { me, survey, snap, scope }))
}

#[server(prefix = "/staff/rpc", endpoint = "surveys")]
pub async fn load_staff_surveys() -> Result<Access<StaffSurveys>, ServerFnError> {
    let me = match crate::account_api::staff_or_refuse() {
        Ok(m) => m,
        Err(a) => return Ok(a),
    };
    let backend = crate::backend::backend()?;
    let snap = crate::backend::snapshot().await?;
    let tree = &snap.tree;
    let lang = crate::prefs::use_lang();
    let list = backend.survey_list().await.map_err(crate::backend::unavailable)?;
    let surveys = list
        .iter()
        .filter(|(s, _)| ssr::scope(&me, s, tree).is_some())
        .map(|(s, n)| ssr::item(s, *n, tree, lang, ssr::manages(&me, s, tree)))
        .collect();
    let monthly = me.role == crate::auth::Role::CityAdmin;
    let taken: Vec<&str> = list.iter().filter_map(|(s, _)| s.month.as_deref()).collect();
    let this_month = crate::accounts::china_date(ssr::now())[..7].to_string();
    let next_month = std::iter::successors(Some(this_month), |m| {
        let (y, mo) = (m[..4].parse::<i32>().ok()?, m[5..7].parse::<u32>().ok()?);
        Some(if mo == 12 { format!("{:04}-01", y + 1) } else { format!("{y:04}-{:02}", mo + 1) })
    })
    .take(24)
    .find(|m| !taken.contains(&m.as_str()))
    .unwrap_or_default();
    Ok(Access::Granted(StaffSurveys { surveys, monthly, next_month, areas: ssr::area_choices(tree, &me.area_code, lang) }))
}

#[server(prefix = "/staff/rpc", endpoint = "survey")]
pub async fn load_staff_survey(id: String, community: Option<String>) -> Result<Access<StaffSurvey>, ServerFnError> {
    use crate::areas::Level;
    let StaffView { me, survey, snap, scope } = match staff_view(&id).await? {
        Ok(v) => v,
        Err(a) => return Ok(a),
    };
    let backend = crate::backend::backend()?;
    let tree = &snap.tree;
    let lang = crate::prefs::use_lang();
    let manage = ssr::manages(&me, &survey, tree);
    let n = backend.survey_responses(&id).await.map_err(crate::backend::unavailable)?.len() as i64;
    let problems = match crate::survey::check_definition(&survey.questions) {
        Ok(()) => Vec::new(),
        Err(ps) => ps.iter().map(|p| (p.question, lang.t(p.fault.message()).to_string())).collect(),
    };
    let links: Vec<(String, String, String)> = backend
        .survey_links(&id)
        .await
        .map_err(crate::backend::unavailable)?
        .into_iter()
        .filter(|(c, _)| tree.is_within(c, &scope))
        .map(|(c, code)| (ssr::label(tree, &c, lang), c, code))
        .collect();
    let chosen = community
        .or_else(|| tree.get(&me.area_code).filter(|a| a.level == Level::Community).map(|a| a.code.clone()))
        .or_else(|| (links.len() == 1).then(|| links[0].1.clone()));
    let origin = ssr::origin();
    let link = chosen.and_then(|c| links.iter().find(|l| l.1 == c)).map(|(label, c, code)| ShareLink {
        community: c.clone(),
        label: label.clone(),
        code: code.clone(),
        url: format!("{origin}/s/{code}"),
    });
    let areas = if manage { ssr::area_choices(tree, &me.area_code, lang) } else { Vec::new() };
    Ok(Access::Granted(StaffSurvey {
        item: ssr::item(&survey, n, tree, lang, manage),
        survey,
        problems,
        areas,
        links: links.into_iter().map(|(l, c, _)| (c, l)).collect(),
        link,
    }))
}

#[server(prefix = "/staff/rpc", endpoint = "results")]
pub async fn load_staff_results(id: String, area: Option<String>) -> Result<Access<ResultsPage>, ServerFnError> {
    let StaffView { me, survey, snap, scope } = match staff_view(&id).await? {
        Ok(v) => v,
        Err(a) => return Ok(a),
    };
    if survey.status == SurveyStatus::Draft {
        return Ok(crate::account_api::refuse(Access::Forbidden));
    }
    let manage = ssr::manages(&me, &survey, &snap.tree);
    Ok(Access::Granted(ssr::results(&survey, &scope, area, true, manage).await?))
}
