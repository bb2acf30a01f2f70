//! `/staff/surveys/:id`: the editor with a phone-frame preview while the survey is a
//! draft; its status, share links with QR codes, closing and export once published.
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::use_lang;
use crate::core::time::china_input;
use crate::surveys::api::{load_staff_survey, StaffSurvey};
use crate::surveys::components::card::status_name;
use crate::surveys::components::question_editor::{kind_msg, QuestionEditor};
use crate::surveys::components::survey_form::SurveyQuestions;
use crate::surveys::islands::copy_link::CopyLink;
use crate::surveys::model::{SurveyKind, SurveyStatus};
use crate::surveys::rules::editor::KINDS;
use crate::ui::notices::{query, Banner};
use crate::ui::outcome::outcome;
use crate::ui::staff::{title, StaffBar};
use crate::ui::title::Title;
use crate::ui::Layout;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn StaffSurveyPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().get_untracked().get("id").unwrap_or_default();
    let community = query("community");
    let data = Resource::new(move || (), move |_| load_staff_survey(id.clone(), community.clone()));
    let body = move || {
        Suspend::new(async move {
            outcome(data.await, move |d| {
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
fn Preview(lang: Lang, survey: crate::surveys::model::Survey) -> impl IntoView {
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
                    <input id="title" name="title" type="text" value=survey.title.clone() maxlength=crate::surveys::rules::editor::MAX_SURVEY_TITLE.to_string() required/>
                </div>
                <div class="form-field">
                    <label for="intro">{lang.t(Msg::StaffSurveyIntro)}</label>
                    <textarea id="intro" name="intro" rows="4" maxlength=crate::surveys::rules::editor::MAX_INTRO.to_string()>{survey.intro.clone()}</textarea>
                </div>
                {(!monthly).then(|| view! {
                    <div class="form-field">
                        <label for="area">{lang.t(Msg::StaffSurveyAreaField)}</label>
                        <select id="area" name="area">{area_options}</select>
                    </div>
                })}
                <div class="form-row form-row-wide">
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
            <section class="card" aria-labelledby="publish-h" id="publish-confirm">
                <h2 id="publish-h">{lang.t(Msg::StaffSurveyPublish)}</h2>
                <p>{lang.t(Msg::StaffSurveyPublishHint)}</p>
                <p class="check-line">
                    <input type="checkbox" id="confirm-publish" name="confirm_publish" value="yes"/>
                    <label for="confirm-publish">{lang.t(Msg::StaffSurveyPublishConfirm)}</label>
                </p>
                <div class="editor-actions">
                    <button type="submit" name="action" value="save" class="button button-secondary">{lang.t(Msg::StaffSurveySave)}</button>
                    <button type="submit" name="action" value="publish" class="button">{lang.t(Msg::StaffSurveyPublish)}</button>
                </div>
            </section>
        </form>
        <Preview lang survey=survey.clone()/>
        <form method="post" action=format!("/staff/surveys/{}/delete", survey.id) class="form">
            <button type="submit" class="button button-danger">{lang.t(Msg::StaffSurveyDelete)}</button>
        </form>
    }
}

/// One question's fields in the editor.

#[component]
fn Overview(lang: Lang, data: StaffSurvey) -> impl IntoView {
    let StaffSurvey { survey, item, links, link, search, matches, .. } = data;
    let id = survey.id.clone();
    let link_options =
        links.iter().map(|(_, l)| view! { <option value=l.clone()></option> }).collect_view();
    let found = search.map(|q| {
        let n = matches.len();
        let items = matches
            .into_iter()
            .map(|(c, l)| view! { <li><a href=format!("?community={c}#share-h")>{l}</a></li> })
            .collect_view();
        view! {
            <p role="status">{lang.fmt(if n == 0 { Msg::StaffSurveyFoundNone } else { Msg::StaffSurveyFound }, &[("q", &q), ("n", &n.to_string())])}</p>
            <ul class="link-list found-communities">{items}</ul>
        }
    });
    let share = link.map(|l| {
        let svg = format!("/s/{}/qr.svg", l.code);
        let png = format!("/s/{}/qr.png", l.code);
        view! {
            <div class="share" id="share-link">
                <p><strong>{l.label.clone()}</strong></p>
                <div class="form-field">
                    <label for="share-url">{lang.t(Msg::StaffSurveyShareUrl)}</label>
                    <input id="share-url" type="text" readonly=true value=l.url.clone()/>
                    <CopyLink url=l.url.clone() field="share-url".to_string() lang/>
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
                <div><dt>{lang.t(Msg::StaffSurveyOpens)}</dt><dd>{crate::core::time::china_time(survey.opens_at)}</dd></div>
                <div><dt>{lang.t(Msg::StaffSurveyCloses)}</dt><dd>{crate::core::time::china_time(survey.closes_at)}</dd></div>
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
                    <form method="get" class="form form-inline" action="#share-h">
                        <div class="form-field">
                            <label for="community">{lang.t(Msg::StaffSurveyShareIn)}</label>
                            <input id="community" name="community" type="search" list="share-communities"
                                autocomplete="off" aria-describedby="community-hint"/>
                            <datalist id="share-communities">{link_options}</datalist>
                            <p class="hint" id="community-hint">{lang.fmt(Msg::StaffSurveyShareSearchHint, &[("n", &links.len().to_string())])}</p>
                        </div>
                        <button type="submit" class="button button-secondary">{lang.t(Msg::StaffSurveyFind)}</button>
                    </form>
                })}
                {found}
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
