//! What the survey loaders share on the server: list items, area choices, the draft
//! cookie, share-link origins and the results of a survey for a part of its area.
use super::{ResultsPage, SurveyItem, DRAFT_COOKIE};
use crate::core::access::StaffUser;
use crate::core::areas::AreaTree;
use crate::core::error::AppError;
use crate::core::i18n::Lang;
use crate::core::port::{port, snapshot};
use crate::core::site::SiteOrigin;
use crate::surveys::model::{Survey, SurveyStatus};
use crate::surveys::port::SurveyPort;
use crate::surveys::rules::access::{manages, scope};
use crate::surveys::rules::results::Results;
use leptos::prelude::*;

/// "https://tongxin.example.cn": where share links point.
pub fn origin() -> String {
    crate::core::site::request_origin()
}

/// The draft cookie's token (64 hex digits), if the request carries one.
pub fn draft_token() -> Option<String> {
    let https = use_context::<SiteOrigin>().unwrap_or_default().https;
    crate::core::prefs::request_cookie(&crate::core::access::stored_name(DRAFT_COOKIE, "/", https))
        .filter(|v| crate::core::ids::Token::parse(v).is_ok())
}

/// A survey residents may open (published or closed); `None` for a draft or no survey.
pub async fn public_survey(surveys: &dyn SurveyPort, id: &str) -> Result<Option<Survey>, AppError> {
    Ok(surveys.survey(id).await?.filter(|s| s.status != SurveyStatus::Draft))
}

/// The share link a page was reached by, when it is one of this survey's: only a real
/// link names a community (a URL cannot).
pub async fn via_link(
    surveys: &dyn SurveyPort,
    survey: &str,
    via: Option<&str>,
    tree: &AreaTree,
    lang: Lang,
) -> Result<Option<super::Via>, AppError> {
    let link = match via.map(crate::core::ids::ShareCode::parse) {
        Some(Ok(code)) => surveys.link(code.as_str()).await?,
        _ => None,
    };
    Ok(link.filter(|l| l.survey == survey).and_then(|l| {
        let name = tree.get(&l.community)?.name(lang).to_string();
        Some(super::Via { code: l.code, community: l.community, name })
    }))
}

pub fn item(s: &Survey, responses: i64, tree: &AreaTree, lang: Lang, manage: bool) -> SurveyItem {
    SurveyItem {
        id: s.id.clone(),
        title: s.title.clone(),
        kind: s.kind,
        status: s.status,
        area_label: tree.label(&s.area_code, lang),
        opens_at: s.opens_at,
        closes_at: s.closes_at,
        responses,
        anonymous: s.anonymous,
        manage,
        taken_part: false,
    }
}

/// An area and its children (the targets a staff member may aim a consultation at,
/// and the filters of results), down to communities.
pub fn area_choices(tree: &AreaTree, code: &str, lang: Lang) -> Vec<(String, String)> {
    let mut out = vec![(code.to_string(), tree.label(code, lang))];
    out.extend(
        tree.children(code).into_iter().map(|a| (a.code.clone(), tree.label(&a.code, lang))),
    );
    out
}

/// A staff member's view of one survey: who they are, the survey, the area map and
/// the part of the survey's area they may see.
pub struct StaffView {
    pub me: StaffUser,
    pub survey: Survey,
    pub snap: std::sync::Arc<crate::core::port::Snapshot>,
    pub scope: String,
}

/// The survey as the signed-in staff member may see it, or why not (403).
pub async fn staff_view(id: &str) -> Result<StaffView, AppError> {
    let me = crate::core::access::staff_viewer()?;
    let snap = snapshot().await?;
    let survey = port::<dyn SurveyPort>()?.survey(id).await?;
    let Some((survey, scope)) =
        survey.and_then(|s| scope(&me, &s, &snap.tree).map(|scope| (s, scope)))
    else {
        return Err(AppError::Forbidden.refused());
    };
    // Drafts are seen by those who may edit them only.
    crate::core::access::require(
        survey.status != SurveyStatus::Draft || manages(&me, &survey, &snap.tree),
    )?;
    Ok(StaffView { me, survey, snap, scope })
}

/// The results of `survey` for `area` (inside `scope`, what the viewer may see).
/// `staff` (the member looking): written answers are listed, and a named survey's
/// respondents with their answers, unsuppressed; `manage`: the viewer may edit or
/// close it.
pub async fn results(
    survey: &Survey,
    scope: &str,
    area: Option<String>,
    staff: Option<&StaffUser>,
    manage: bool,
) -> Result<ResultsPage, AppError> {
    use crate::surveys::model::SurveyStatus;
    use crate::surveys::rules::results::{rates, tally, Detail, Row, MIN_SHOWN};
    use crate::surveys::rules::suppression::{counts, is_withheld, withheld};
    let snap = snapshot().await?;
    let tree = &snap.tree;
    let lang = crate::core::prefs::request_lang();
    let area = area.filter(|a| tree.is_within(a, scope)).unwrap_or_else(|| scope.to_string());
    let data = port::<dyn SurveyPort>()?.responses(&survey.id).await?;
    let within = |r: &Row, a: &str| r.community.or(r.street).is_some_and(|x| tree.is_within(x, a));
    let visible: Vec<Row> = data
        .iter()
        .map(|r| Row {
            community: r.community.as_deref(),
            street: r.street.as_deref(),
            answers: &r.answers,
        })
        .filter(|r| within(r, scope))
        .collect();
    let shown: Vec<Row> = visible.iter().filter(|r| within(r, &area)).cloned().collect();
    // A named survey's committee sees every respondent: nothing to protect by hiding counts.
    let named = staff.is_some() && !survey.anonymous;
    let hidden =
        if named { Default::default() } else { withheld(tree, &counts(tree, &visible), scope) };
    let min = if named { 1 } else { MIN_SHOWN };
    let (total, mut withheld, mut questions) =
        tally(&survey.questions, &shown, staff.is_some(), min);
    if is_withheld(tree, &hidden, &area, scope) {
        withheld = true;
        questions.clear();
    }
    let after_close = survey.anonymous && survey.status != SurveyStatus::Closed;
    if after_close {
        questions.clear();
    }
    let charts = questions
        .iter()
        .filter_map(|q| match &q.detail {
            Detail::Counts { items, .. } => {
                Some((q.id.clone(), crate::surveys::charts::counts(items)))
            }
            _ => None,
        })
        .collect();
    let mut areas = area_choices(tree, scope, lang);
    if !areas.iter().any(|(c, _)| *c == area) {
        areas.push((area.clone(), tree.label(&area, lang)));
    }
    let respondents = match staff {
        Some(me) if named => port::<dyn SurveyPort>()?
            .named_responses(me, &survey.id)
            .await?
            .into_iter()
            .filter(|r| r.community.as_deref().is_some_and(|c| tree.is_within(c, &area)))
            .map(|r| respondent(survey, r, tree, lang))
            .collect(),
        _ => Vec::new(),
    };
    Ok(ResultsPage {
        survey: item(survey, data.len() as i64, tree, lang, manage),
        respondents,
        results: Results {
            total,
            withheld,
            after_close,
            questions,
            rates: rates(tree, &area, &shown, &hidden, if named { 0 } else { MIN_SHOWN }, lang),
        },
        area,
        areas,
        charts,
        staff: staff.is_some(),
    })
}

/// A named response as its committee reads it: who, where, and each answer in words.
fn respondent(
    survey: &Survey,
    r: crate::surveys::port::NamedResponse,
    tree: &AreaTree,
    lang: Lang,
) -> super::Respondent {
    use crate::core::i18n::Msg;
    use crate::surveys::rules::export::answer_text;
    let mut about: Vec<String> = r.address.into_iter().filter(|a| !a.is_empty()).collect();
    about.push(match &r.phone_tail {
        Some(t) => lang.fmt(Msg::MePhoneTail, &[("tail", t)]),
        None => lang.t(Msg::StaffWechatOnly).to_string(),
    });
    about.push(
        lang.t(if r.verified {
            Msg::SurveyRespondentVerified
        } else {
            Msg::SurveyRespondentUnverified
        })
        .to_string(),
    );
    super::Respondent {
        name: r.name.filter(|n| !n.is_empty()),
        about: about.join(" · "),
        community: r.community.map(|c| tree.label(&c, lang)).unwrap_or_default(),
        answers: survey
            .questions
            .iter()
            .enumerate()
            .filter_map(|(i, q)| {
                r.answers.get(&q.id).map(|a| (i + 1, q.title.clone(), answer_text(q, Some(a))))
            })
            .collect(),
    }
}
