//! Staff survey pages: the list with "new" forms (`/staff/surveys`), one survey
//! (`/staff/surveys/:id`: the editor with a phone-frame preview while it is a draft;
//! status, share link with QR code, closing and export once published) and its
//! results for the member's area (`/staff/surveys/:id/results`).
use super::staff::{guarded, title, StaffBar};
use super::surveys::{status_name, ResultsView, SurveyCard};
use crate::accounts::china_input;
use crate::components::survey_form::SurveyQuestions;
use crate::components::Layout;
use crate::i18n::{Lang, Msg};
use crate::notices::{query, Banner};
use crate::prefs::use_lang;
use crate::survey::{Question, QuestionKind, SurveyKind, SurveyStatus};
use crate::survey_api::{load_staff_results, load_staff_survey, load_staff_surveys, StaffSurvey, StaffSurveys};
use crate::survey_edit::{field, KINDS};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

fn kind_msg(kind: &str) -> Msg {
    match kind {
        "single" => Msg::SurveyKindSingle,
        "multiple" => Msg::SurveyKindMultiple,
        "scale5" => Msg::SurveyKindScale5,
        "rating10" => Msg::SurveyKindRating10,
        "number" => Msg::SurveyKindNumber,
        "short_text" => Msg::SurveyKindShortText,
        _ => Msg::SurveyKindLongText,
    }
}

#[component]
pub fn StaffSurveysPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| load_staff_surveys());
    let body = move || Suspend::new(async move { guarded(lang, data.await, move |d| view! { <StaffSurveysView lang data=d/> }) });
    view! {
        <Title text=title(lang, Msg::StaffSurveysTitle)/>
        <Layout>
            <h1 class="page-title">{lang.t(Msg::StaffSurveysTitle)}</h1>
            <StaffBar lang/>
            <Banner lang/>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

#[component]
fn StaffSurveysView(lang: Lang, data: StaffSurveys) -> impl IntoView {
    let StaffSurveys { surveys, monthly, next_month, areas } = data;
    let options = areas.into_iter().map(|(c, l)| view! { <option value=c>{l}</option> }).collect_view();
    let items = surveys
        .into_iter()
        .map(|i| {
            let href = format!("/staff/surveys/{}", i.id);
            view! { <SurveyCard lang item=i href staff=true/> }
        })
        .collect_view();
    view! {
        {monthly.then(|| view! {
            <section class="card" aria-labelledby="monthly-h">
                <h2 id="monthly-h">{lang.t(Msg::StaffSurveyMonthly)}</h2>
                <p class="hint">{lang.t(Msg::StaffSurveyMonthlyHint)}</p>
                <form method="post" action="/staff/surveys/monthly" class="form form-inline">
                    <div class="form-field">
                        <label for="month">{lang.t(Msg::StaffSurveyMonth)}</label>
                        <input id="month" name="month" type="month" value=next_month required/>
                    </div>
                    <button type="submit" class="button">{lang.t(Msg::StaffSurveyFromTemplate)}</button>
                </form>
            </section>
        })}
        <section class="card" aria-labelledby="new-h">
            <h2 id="new-h">{lang.t(Msg::StaffSurveyNew)}</h2>
            <form method="post" action="/staff/surveys/new" class="form">
                <div class="form-field">
                    <label for="new-title">{lang.t(Msg::StaffSurveyTitleField)}</label>
                    <input id="new-title" name="title" type="text" maxlength=crate::survey_edit::MAX_SURVEY_TITLE.to_string() required/>
                </div>
                <div class="form-field">
                    <label for="new-area">{lang.t(Msg::StaffSurveyAreaField)}</label>
                    <select id="new-area" name="area">{options}</select>
                </div>
                <button type="submit" class="button">{lang.t(Msg::StaffSurveyCreate)}</button>
            </form>
        </section>
        <section class="card" aria-labelledby="list-h">
            <h2 id="list-h">{lang.t(Msg::StaffSurveyList)}</h2>
            <ul class="survey-list">{items}</ul>
        </section>
    }
}

#[component]
pub fn StaffSurveyPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().get_untracked().get("id").unwrap_or_default();
    let community = query("community");
    let data = Resource::new(move || (), move |_| load_staff_survey(id.clone(), community.clone()));
    let body = move || {
        Suspend::new(async move {
            guarded(lang, data.await, move |d| {
                if d.survey.status == SurveyStatus::Draft {
                    view! { <Editor lang data=d/> }.into_any()
                } else {
                    view! { <Overview lang data=d/> }.into_any()
                }
            })
        })
    };
    view! {
        <Title text=title(lang, Msg::StaffSurveysTitle)/>
        <Layout>
            <StaffBar lang/>
            <Banner lang/>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

/// The survey as residents will see it, in a phone-sized frame.
#[component]
fn Preview(lang: Lang, survey: crate::survey::Survey) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="preview-h" id="preview">
            <h2 id="preview-h">{lang.t(Msg::StaffSurveyPreview)}</h2>
            <div class="phone-frame">
                <div class="phone-screen" tabindex="0" role="region" aria-label=lang.t(Msg::StaffSurveyPreview)>
                    <p class="page-title">{survey.title.clone()}</p>
                    {survey.intro.split('\n').filter(|l| !l.trim().is_empty()).map(|l| view! { <p>{l.to_string()}</p> }).collect_view()}
                    <SurveyQuestions lang questions=survey.questions.clone() prefix="pv-"/>
                    <button type="button" class="button button-block" disabled=true>{lang.t(Msg::SurveySubmit)}</button>
                </div>
            </div>
        </section>
    }
}

#[component]
fn Editor(lang: Lang, data: StaffSurvey) -> impl IntoView {
    let StaffSurvey { survey, problems, areas, .. } = data;
    let id = survey.id.clone();
    let monthly = survey.kind == SurveyKind::CityMonthly;
    let area_options = areas
        .iter()
        .map(|(c, l)| view! { <option value=c.clone() selected=*c == survey.area_code>{l.clone()}</option> })
        .collect_view();
    let problem_list = (!problems.is_empty()).then(|| {
        let items = problems
            .iter()
            .map(|(n, m)| match n {
                Some(n) => view! { <li><a href=format!("#edit-{}", survey.questions.get(n - 1).map(|q| q.id.clone()).unwrap_or_default())>{lang.fmt(Msg::StaffSurveyQuestionN, &[("n", &n.to_string())])}": "{m.clone()}</a></li> }.into_any(),
                None => view! { <li>{m.clone()}</li> }.into_any(),
            })
            .collect_view();
        view! {
            <div class="alert" id="definition-problems">
                <p>{lang.t(Msg::StaffSurveyNotReady)}</p>
                <ul>{items}</ul>
            </div>
        }
    });
    let questions = survey
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| view! { <QuestionEditor lang i q=q.clone() all=survey.questions.clone() monthly count=survey.questions.len()/> })
        .collect_view();
    let adders = KINDS
        .iter()
        .map(|k| view! { <li><button type="submit" name="action" value=format!("add:{k}") class="button button-secondary button-small">{lang.t(kind_msg(k))}</button></li> })
        .collect_view();
    view! {
        <h1 class="page-title">{survey.title.clone()}</h1>
        <p class="hint">{format!("{} · {}", lang.t(status_name(survey.status)), lang.t(Msg::StaffSurveyDraftHint))}</p>
        <p><a href="#preview">{lang.t(Msg::StaffSurveyPreview)}</a></p>
        <form method="post" action=format!("/staff/surveys/{id}") class="form editor" id="editor">
            // Enter in a text field saves (the first submit button is the default).
            <button type="submit" name="action" value="save" class="visually-hidden" tabindex="-1" aria-hidden="true">{lang.t(Msg::StaffSurveySave)}</button>
            <section class="card" aria-labelledby="settings-h">
                <h2 id="settings-h">{lang.t(Msg::StaffSurveySettings)}</h2>
                <div class="form-field">
                    <label for="title">{lang.t(Msg::StaffSurveyTitleField)}</label>
                    <input id="title" name="title" type="text" value=survey.title.clone() maxlength=crate::survey_edit::MAX_SURVEY_TITLE.to_string() required/>
                </div>
                <div class="form-field">
                    <label for="intro">{lang.t(Msg::StaffSurveyIntro)}</label>
                    <textarea id="intro" name="intro" rows="4" maxlength=crate::survey_edit::MAX_INTRO.to_string()>{survey.intro.clone()}</textarea>
                </div>
                {(!monthly).then(|| view! {
                    <div class="form-field">
                        <label for="area">{lang.t(Msg::StaffSurveyAreaField)}</label>
                        <select id="area" name="area">{area_options}</select>
                    </div>
                })}
                <div class="form-row">
                    <div class="form-field">
                        <label for="opens">{lang.t(Msg::StaffSurveyOpens)}</label>
                        <input id="opens" name="opens" type="datetime-local" value=china_input(survey.opens_at) required/>
                    </div>
                    <div class="form-field">
                        <label for="closes">{lang.t(Msg::StaffSurveyCloses)}</label>
                        <input id="closes" name="closes" type="datetime-local" value=china_input(survey.closes_at) required/>
                    </div>
                </div>
                <p class="hint">{lang.t(Msg::StaffSurveyChinaTime)}</p>
                <ul class="checks">
                    <li><input type="checkbox" id="anonymous" name="anonymous" checked=survey.anonymous/><label for="anonymous">{lang.t(Msg::StaffSurveyAnonymous)}</label></li>
                    <li><input type="checkbox" id="verified_only" name="verified_only" checked=survey.verified_only/><label for="verified_only">{lang.t(Msg::StaffSurveyVerifiedOnly)}</label></li>
                    <li><input type="checkbox" id="editable" name="editable" checked=survey.editable/><label for="editable">{lang.t(Msg::StaffSurveyEditableField)}</label></li>
                </ul>
            </section>
            {problem_list}
            <h2>{lang.fmt(Msg::StaffSurveyQuestions, &[("n", &survey.questions.len().to_string())])}</h2>
            {questions}
            <section class="card" aria-labelledby="add-h">
                <h2 id="add-h">{lang.t(Msg::StaffSurveyAdd)}</h2>
                <ul class="button-row">{adders}</ul>
            </section>
            <div class="editor-actions">
                <button type="submit" name="action" value="save" class="button button-secondary">{lang.t(Msg::StaffSurveySave)}</button>
                <button type="submit" name="action" value="publish" class="button">{lang.t(Msg::StaffSurveyPublish)}</button>
            </div>
            <p class="hint">{lang.t(Msg::StaffSurveyPublishHint)}</p>
        </form>
        <Preview lang survey=survey.clone()/>
        <form method="post" action=format!("/staff/surveys/{}/delete", survey.id) class="form">
            <button type="submit" class="button button-danger">{lang.t(Msg::StaffSurveyDelete)}</button>
        </form>
    }
}

/// One question's fields in the editor.
#[component]
fn QuestionEditor(lang: Lang, i: usize, q: Question, all: Vec<Question>, monthly: bool, count: usize) -> impl IntoView {
    let f = move |name: &str| field(i, name);
    let fid = move |name: &str| format!("f{i}-{name}");
    let kind = lang.t(q.kind.name());
    let specific = match &q.kind {
        QuestionKind::Single { options } | QuestionKind::Multiple { options, .. } => {
            let text = options.iter().map(|o| o.label.clone()).collect::<Vec<_>>().join("\n");
            let limits = match &q.kind {
                QuestionKind::Multiple { min, max, .. } => Some(view! {
                    <div class="form-row">
                        <div class="form-field">
                            <label for=fid("min")>{lang.t(Msg::StaffSurveyMin)}</label>
                            <input id=fid("min") name=f("min") type="number" min="0" max="30" value=min.to_string() inputmode="numeric"/>
                        </div>
                        <div class="form-field">
                            <label for=fid("max")>{lang.t(Msg::StaffSurveyMax)}</label>
                            <input id=fid("max") name=f("max") type="number" min="1" max="30" value=max.to_string() inputmode="numeric"/>
                        </div>
                    </div>
                }),
                _ => None,
            };
            view! {
                <div class="form-field">
                    <label for=fid("options")>{lang.t(Msg::StaffSurveyOptions)}</label>
                    <textarea id=fid("options") name=f("options") rows=options.len().max(3).to_string()>{text}</textarea>
                </div>
                {limits}
            }
            .into_any()
        }
        QuestionKind::Scale5 { low, high } => view! {
            <div class="form-row">
                <div class="form-field">
                    <label for=fid("low")>{lang.t(Msg::StaffSurveyLow)}</label>
                    <input id=fid("low") name=f("low") type="text" value=low.clone() maxlength="80"/>
                </div>
                <div class="form-field">
                    <label for=fid("high")>{lang.t(Msg::StaffSurveyHigh)}</label>
                    <input id=fid("high") name=f("high") type="text" value=high.clone() maxlength="80"/>
                </div>
            </div>
            {monthly.then(|| view! {
                <p><input type="checkbox" id=fid("feeds") name=f("feeds") checked=q.feeds.is_some()/>
                <label for=fid("feeds")>{lang.t(Msg::StaffSurveyFeeds)}</label></p>
            })}
        }
        .into_any(),
        QuestionKind::Rating10 => ().into_any(),
        QuestionKind::Number { min, max, integer } => view! {
            <div class="form-row">
                <div class="form-field">
                    <label for=fid("nmin")>{lang.t(Msg::StaffSurveyMin)}</label>
                    <input id=fid("nmin") name=f("nmin") type="number" step="any" value=crate::survey::show_number(*min)/>
                </div>
                <div class="form-field">
                    <label for=fid("nmax")>{lang.t(Msg::StaffSurveyMax)}</label>
                    <input id=fid("nmax") name=f("nmax") type="number" step="any" value=crate::survey::show_number(*max)/>
                </div>
            </div>
            <p><input type="checkbox" id=fid("integer") name=f("integer") checked=*integer/><label for=fid("integer")>{lang.t(Msg::StaffSurveyInteger)}</label></p>
        }
        .into_any(),
        QuestionKind::ShortText { max_len } | QuestionKind::LongText { max_len } => view! {
            <div class="form-field">
                <label for=fid("max_len")>{lang.t(Msg::StaffSurveyMaxLen)}</label>
                <input id=fid("max_len") name=f("max_len") type="number" min="1" max=crate::survey::LONG_TEXT.to_string() value=max_len.to_string() inputmode="numeric"/>
            </div>
        }
        .into_any(),
    };
    // Show-if: any earlier question with options or a scale.
    let earlier: Vec<(usize, &Question)> = all.iter().enumerate().take(i).filter(|(_, e)| {
        matches!(e.kind, QuestionKind::Single { .. } | QuestionKind::Multiple { .. } | QuestionKind::Scale5 { .. } | QuestionKind::Rating10)
    }).collect();
    let chosen = q.show_if.as_ref().map(|c| c.question.clone()).unwrap_or_default();
    let cond_options = earlier
        .iter()
        .map(|(n, e)| view! { <option value=e.id.clone() selected=e.id == chosen>{format!("{}. {}", n + 1, e.title)}</option> })
        .collect_view();
    let values = all.iter().find(|e| e.id == chosen).map(|target| {
        let any_of = q.show_if.as_ref().map(|c| c.any_of.clone()).unwrap_or_default();
        let pairs: Vec<(String, String)> = match &target.kind {
            QuestionKind::Single { options } | QuestionKind::Multiple { options, .. } => options.iter().map(|o| (o.id.clone(), o.label.clone())).collect(),
            QuestionKind::Scale5 { .. } => (1..=5).map(|v| (v.to_string(), v.to_string())).collect(),
            QuestionKind::Rating10 => (0..=10).map(|v| (v.to_string(), v.to_string())).collect(),
            _ => Vec::new(),
        };
        let items = pairs
            .into_iter()
            .map(|(v, label)| {
                let cid = format!("f{i}-cv-{v}");
                view! { <li><input type="checkbox" id=cid.clone() name=f("cond_v") value=v.clone() checked=any_of.contains(&v)/><label for=cid>{label}</label></li> }
            })
            .collect_view();
        view! {
            <fieldset class="cond-values">
                <legend>{lang.t(Msg::StaffSurveyCondValues)}</legend>
                <ul class="checks">{items}</ul>
            </fieldset>
        }
    });
    let number = i + 1;
    view! {
        <section class="card q-edit" id=format!("edit-{}", q.id) aria-labelledby=format!("edit-{}-h", q.id)>
            <h3 id=format!("edit-{}-h", q.id)>{lang.fmt(Msg::StaffSurveyQuestionN, &[("n", &number.to_string())])}" · "{kind}</h3>
            <input type="hidden" name=f("id") value=q.id.clone()/>
            <div class="form-field">
                <label for=fid("title")>{lang.t(Msg::StaffSurveyQuestionTitle)}</label>
                <input id=fid("title") name=f("title") type="text" value=q.title.clone() maxlength=crate::survey::MAX_TITLE.to_string()/>
            </div>
            <div class="form-field">
                <label for=fid("help")>{lang.t(Msg::StaffSurveyHelp)}</label>
                <input id=fid("help") name=f("help") type="text" value=q.help.clone() maxlength=crate::survey::MAX_HELP.to_string()/>
            </div>
            <p><input type="checkbox" id=fid("required") name=f("required") checked=q.required/><label for=fid("required")>{lang.t(Msg::StaffSurveyRequired)}</label></p>
            {specific}
            {(!earlier.is_empty()).then(|| view! {
                <div class="form-field">
                    <label for=fid("cond")>{lang.t(Msg::StaffSurveyShowIf)}</label>
                    <select id=fid("cond") name=f("cond")>
                        <option value="" selected=chosen.is_empty()>{lang.t(Msg::StaffSurveyAlways)}</option>
                        {cond_options}
                    </select>
                    <p class="hint">{lang.t(Msg::StaffSurveyShowIfHint)}</p>
                </div>
                {values}
            })}
            <ul class="button-row">
                {(i > 0).then(|| view! { <li><button type="submit" name="action" value=format!("up:{i}") class="button button-secondary button-small" aria-label=lang.fmt(Msg::StaffSurveyUpN, &[("n", &number.to_string())])>{lang.t(Msg::StaffSurveyUp)}</button></li> })}
                {(i + 1 < count).then(|| view! { <li><button type="submit" name="action" value=format!("down:{i}") class="button button-secondary button-small" aria-label=lang.fmt(Msg::StaffSurveyDownN, &[("n", &number.to_string())])>{lang.t(Msg::StaffSurveyDown)}</button></li> })}
                <li><button type="submit" name="action" value=format!("remove:{i}") class="button button-danger button-small" aria-label=lang.fmt(Msg::StaffSurveyRemoveN, &[("n", &number.to_string())])>{lang.t(Msg::StaffSurveyRemove)}</button></li>
            </ul>
        </section>
    }
}

#[component]
fn Overview(lang: Lang, data: StaffSurvey) -> impl IntoView {
    let StaffSurvey { survey, item, links, link, .. } = data;
    let id = survey.id.clone();
    let chosen = link.as_ref().map(|l| l.community.clone()).unwrap_or_default();
    let link_options = links
        .iter()
        .map(|(c, l)| view! { <option value=c.clone() selected=*c == chosen>{l.clone()}</option> })
        .collect_view();
    let share = link.map(|l| {
        let svg = format!("/s/{}/qr.svg", l.code);
        let png = format!("/s/{}/qr.png", l.code);
        view! {
            <div class="share" id="share-link">
                <p><strong>{l.label.clone()}</strong></p>
                <div class="form-field">
                    <label for="share-url">{lang.t(Msg::StaffSurveyShareUrl)}</label>
                    <input id="share-url" type="text" readonly=true value=l.url.clone()/>
                </div>
                <img class="qr" src=svg.clone() width="200" height="200" alt=lang.fmt(Msg::StaffSurveyQrAlt, &[("community", &l.label)])/>
                <p class="button-row">
                    <a class="button button-secondary button-small" href=svg download=format!("tongxin-{}.svg", l.code)>{lang.t(Msg::StaffSurveyQrSvg)}</a>
                    <a class="button button-secondary button-small" href=png download=format!("tongxin-{}.png", l.code)>{lang.t(Msg::StaffSurveyQrPng)}</a>
                </p>
                <p class="hint">{lang.t(Msg::StaffSurveyShareHint)}</p>
            </div>
        }
    });
    let published = survey.status == SurveyStatus::Published;
    view! {
        <h1 class="page-title">{survey.title.clone()}</h1>
        <section class="card" aria-labelledby="status-h">
            <h2 id="status-h">{lang.t(status_name(survey.status))}</h2>
            <dl class="facts">
                <div><dt>{lang.t(Msg::StaffSurveyAreaField)}</dt><dd>{item.area_label.clone()}</dd></div>
                <div><dt>{lang.t(Msg::StaffSurveyOpens)}</dt><dd>{crate::accounts::china_time(survey.opens_at)}</dd></div>
                <div><dt>{lang.t(Msg::StaffSurveyCloses)}</dt><dd>{crate::accounts::china_time(survey.closes_at)}</dd></div>
                <div><dt>{lang.t(Msg::SurveyResponses)}</dt><dd id="response-count">{item.responses.to_string()}</dd></div>
            </dl>
            <p class="button-row">
                <a class="button" href=format!("/staff/surveys/{id}/results")>{lang.t(Msg::SurveyResults)}</a>
                <a class="button button-secondary" href=format!("/staff/surveys/{id}/export.csv")>{lang.t(Msg::StaffSurveyExport)}</a>
                {published.then(|| view! { <a class="button button-secondary" href=format!("/surveys/{id}")>{lang.t(Msg::StaffSurveyOpenPublic)}</a> })}
            </p>
        </section>
        {published.then(|| view! {
            <section class="card" aria-labelledby="share-h">
                <h2 id="share-h">{lang.t(Msg::StaffSurveyShare)}</h2>
                {(links.len() > 1).then(|| view! {
                    <form method="get" class="form form-inline">
                        <div class="form-field">
                            <label for="community">{lang.t(Msg::StaffSurveyShareIn)}</label>
                            <select id="community" name="community">{link_options}</select>
                        </div>
                        <button type="submit" class="button button-secondary">{lang.t(Msg::SurveyShow)}</button>
                    </form>
                })}
                {share}
            </section>
        })}
        {(published && item.manage).then(|| view! {
            <section class="card" aria-labelledby="close-h">
                <h2 id="close-h">{lang.t(Msg::StaffSurveyClose)}</h2>
                <p class="hint">{lang.t(if survey.kind == SurveyKind::CityMonthly { Msg::StaffSurveyCloseMonthlyHint } else { Msg::StaffSurveyCloseHint })}</p>
                <form method="post" action=format!("/staff/surveys/{id}/close") class="form">
                    <p><input type="checkbox" id="confirm-close" name="confirm" value="yes" required/><label for="confirm-close">{lang.t(Msg::StaffSurveyCloseConfirm)}</label></p>
                    <button type="submit" class="button button-danger">{lang.t(Msg::StaffSurveyClose)}</button>
                </form>
            </section>
        })}
        <Preview lang survey/>
    }
}

#[component]
pub fn StaffSurveyResultsPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().get_untracked().get("id").unwrap_or_default();
    let area = query("area");
    let data = Resource::new(move || (), move |_| load_staff_results(id.clone(), area.clone()));
    let body = move || {
        Suspend::new(async move {
            guarded(lang, data.await, move |page| {
                let back = format!("/staff/surveys/{}", page.survey.id);
                let export = format!("/staff/surveys/{}/export.csv?area={}", page.survey.id, page.area);
                view! {
                    <h1 class="page-title">{page.survey.title.clone()}</h1>
                    <p class="button-row">
                        <a class="button button-secondary button-small" href=back>{lang.t(Msg::StaffSurveyBack)}</a>
                        <a class="button button-secondary button-small" href=export>{lang.t(Msg::StaffSurveyExport)}</a>
                    </p>
                    <ResultsView lang page/>
                }
            })
        })
    };
    view! {
        <Title text=title(lang, Msg::SurveyResults)/>
        <Layout>
            <StaffBar lang/>
            <Banner lang/>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}
