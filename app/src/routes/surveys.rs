//! The residents' survey pages: the list (`/surveys`), answering one
//! (`/surveys/:id`, reached from a WeChat share link `/s/<code>`) and its public
//! results once closed (`/surveys/:id/results`). The answering form is plain HTML
//! that posts without scripts; the island adds progress, conditions and answers
//! kept on the device. Sign-in is asked only when the resident submits.
use crate::accounts::china_time;
use crate::auth::NotEligible;
use crate::components::index_parts::{ChartFigure, ChartScript};
use crate::components::layout::current_url;
use crate::components::survey_form::SurveyQuestions;
use crate::components::{Layout, NotFoundView};
use crate::i18n::{Lang, Msg};
use crate::islands::survey_draft::{ForgetSurveyDraft, SurveyDraft};
use crate::notices::{query, Banner};
use crate::prefs::{encode_query, use_lang};
use crate::survey::{SurveyKind, SurveyStatus};
use crate::survey_api::{load_results, load_survey, load_surveys, AnswerPage, ResultsPage, Standing, SurveyItem};
use crate::survey_results::{Detail, MIN_SHOWN};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

fn kind_name(kind: SurveyKind) -> Msg {
    match kind {
        SurveyKind::CityMonthly => Msg::SurveyCityMonthly,
        SurveyKind::Community => Msg::SurveyConsultation,
    }
}

pub fn status_name(status: SurveyStatus) -> Msg {
    match status {
        SurveyStatus::Draft => Msg::SurveyStatusDraft,
        SurveyStatus::Published => Msg::SurveyStatusPublished,
        SurveyStatus::Closed => Msg::SurveyStatusClosed,
    }
}

/// One survey in a list: title, who it is for, until when.
#[component]
pub fn SurveyCard(lang: Lang, item: SurveyItem, href: String, #[prop(optional)] staff: bool) -> impl IntoView {
    let status = lang.t(status_name(item.status));
    view! {
        <li class="survey-card">
            <a href=href>
                <span class="survey-card-title">{item.title.clone()}</span>
                <span class="survey-card-meta">{format!("{} · {}", lang.t(kind_name(item.kind)), item.area_label)}</span>
                <span class="survey-card-meta">
                    {lang.fmt(Msg::SurveyUntil, &[("time", &china_time(item.closes_at))])}
                    {staff.then(|| format!(" · {} · {}", status, lang.fmt(Msg::SurveyResponsesN, &[("n", &item.responses.to_string())])))}
                </span>
            </a>
        </li>
    }
}

#[component]
pub fn SurveysPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| load_surveys());
    let body = move || {
        Suspend::new(async move {
            match data.await {
                Ok(page) => {
                    let open = page.open.into_iter().map(|i| {
                        let href = format!("/surveys/{}", i.id);
                        view! { <SurveyCard lang item=i href/> }
                    }).collect_view();
                    let closed = page.closed.into_iter().map(|i| {
                        let href = format!("/surveys/{}/results", i.id);
                        view! { <SurveyCard lang item=i href/> }
                    }).collect_view();
                    view! {
                        {page.area_label.map(|a| view! { <p class="hint">{lang.fmt(Msg::SurveysFor, &[("area", &a)])}</p> })}
                        <section class="card" aria-labelledby="open-h">
                            <h2 id="open-h">{lang.t(Msg::SurveysOpen)}</h2>
                            <ul class="survey-list">{open}</ul>
                            <p class="hint">{lang.t(Msg::SurveysOpenHint)}</p>
                        </section>
                        <section class="card" aria-labelledby="closed-h">
                            <h2 id="closed-h">{lang.t(Msg::SurveysClosed)}</h2>
                            <ul class="survey-list">{closed}</ul>
                        </section>
                    }
                    .into_any()
                }
                Err(e) => {
                    leptos::logging::error!("load_surveys: {e}");
                    view! { <crate::components::ErrorView/> }.into_any()
                }
            }
        })
    };
    view! {
        <Title text=format!("{} · {}", lang.t(Msg::SectionSurveysTitle), lang.t(Msg::AppName))/>
        <Layout>
            <h1 class="page-title">{lang.t(Msg::SectionSurveysTitle)}</h1>
            <p class="lead">{lang.t(Msg::SectionSurveysBody)}</p>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

/// Renders a loader's answer: the page, a 404 (with `missing` as its text), or the
/// error page.
fn found<T, V: IntoView + 'static>(what: &str, answer: Result<Option<T>, ServerFnError>, missing: Option<String>, ok: impl FnOnce(T) -> V) -> AnyView {
    match answer {
        Ok(Some(data)) => ok(data).into_any(),
        Ok(None) => match missing {
            Some(detail) => view! { <NotFoundView detail/> }.into_any(),
            None => view! { <NotFoundView/> }.into_any(),
        },
        Err(e) => {
            leptos::logging::error!("{what}: {e}");
            view! { <crate::components::ErrorView/> }.into_any()
        }
    }
}

/// The first sentence or so of the introduction: the share card's description.
fn summary(intro: &str, title: &str) -> String {
    let text = intro.split('\n').map(str::trim).find(|l| !l.is_empty()).unwrap_or(title);
    let mut out: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        out.push('…');
    }
    out
}

#[component]
pub fn SurveyPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().get_untracked().get("id").unwrap_or_default();
    let via = query("via");
    let show_problems = query("error").as_deref() == Some("answers");
    let data = Resource::new(move || (), move |_| load_survey(id.clone(), via.clone(), show_problems));
    let body = move || Suspend::new(async move { found("load_survey", data.await, None, move |page| view! { <AnswerView lang page/> }) });
    view! {
        <Layout>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

#[component]
fn AnswerView(lang: Lang, page: AnswerPage) -> impl IntoView {
    let AnswerPage { survey, area_label, standing, prefill, problems, via, open, not_yet, results_public } = page;
    let id = survey.id.clone();
    let here = current_url();
    let notice = query("notice");
    let submitted = matches!(notice.as_deref(), Some("submitted" | "replaced"));
    let resume = query("resume").is_some();
    let description = summary(&survey.intro, &survey.title);
    let results_link = results_public.then(|| view! {
        <p><a class="button button-secondary" href=format!("/surveys/{id}/results")>{lang.t(Msg::SurveySeeResults)}</a></p>
    });
    let intro = survey.intro.split('\n').filter(|l| !l.trim().is_empty()).map(|l| view! { <p>{l.to_string()}</p> }).collect_view();
    let facts = view! {
        <ul class="survey-facts">
            <li>{lang.fmt(Msg::SurveyUntil, &[("time", &china_time(survey.closes_at))])}</li>
            <li>{lang.t(if survey.anonymous { Msg::SurveyAnonymous } else { Msg::SurveyNamed })}</li>
            {survey.verified_only.then(|| view! { <li>{lang.t(Msg::SurveyVerifiedOnly)}</li> })}
            {survey.editable.then(|| view! { <li>{lang.t(Msg::SurveyEditable)}</li> })}
            {via.as_ref().map(|(_, name)| view! { <li>{lang.fmt(Msg::SurveyVia, &[("community", name)])}</li> })}
        </ul>
    };
    let head = view! {
        <Title text=format!("{} · {}", survey.title, lang.t(Msg::AppName))/>
        <Meta name="description" content=description.clone()/>
        <Meta property="og:title" content=survey.title.clone()/>
        <Meta property="og:description" content=description/>
        <Meta property="og:type" content="website"/>
        <header class="survey-head">
            <p class="eyebrow">{format!("{} · {}", lang.t(kind_name(survey.kind)), area_label)}</p>
            <h1 class="page-title">{survey.title.clone()}</h1>
            <div class="survey-intro">{intro}</div>
            {facts}
        </header>
    };
    let answered = matches!(standing, Standing::Resident { answered: true, .. });
    let changeable = survey.editable && !survey.anonymous;
    // What stands between the visitor and the form, if anything.
    let blocker: Option<AnyView> = if submitted {
        Some(view! {
            <section class="card status-card" role="status" aria-labelledby="done-h">
                <h2 id="done-h">{lang.t(if notice.as_deref() == Some("replaced") { Msg::SurveyReplaced } else { Msg::SurveyThanks })}</h2>
                <p>{lang.t(if survey.anonymous { Msg::SurveyThanksAnonymous } else { Msg::SurveyThanksNamed })}</p>
                <ForgetSurveyDraft survey=id.clone()/>
                {results_link}
                <p><a href="/surveys">{lang.t(Msg::SurveysBack)}</a></p>
            </section>
        }.into_any())
    } else if !open {
        let msg = if not_yet { Msg::SurveyNotYet } else { Msg::SurveyClosedNow };
        Some(view! {
            <section class="card status-card" aria-labelledby="closed-h">
                <h2 id="closed-h">{lang.t(msg)}</h2>
                {results_link}
            </section>
        }.into_any())
    } else if answered && !changeable {
        Some(view! {
            <section class="card status-card" role="status" aria-labelledby="answered-h" id="already-answered">
                <h2 id="answered-h">{lang.t(Msg::SurveyAlreadyAnswered)}</h2>
                <p>{lang.t(Msg::SurveyAlreadyAnsweredBody)}</p>
                <p><a href="/surveys">{lang.t(Msg::SurveysBack)}</a></p>
            </section>
        }.into_any())
    } else if let Standing::Resident { eligible: Err(why), .. } = &standing {
        let back = here.clone();
        Some(match why {
            NotEligible::Consent => view! {
                <section class="card" aria-labelledby="step-h">
                    <h2 id="step-h">{lang.t(Msg::SurveyStepConsent)}</h2>
                    <p><a class="button" href=format!("/me/consent?next={}", encode_query(&back))>{lang.t(Msg::ConsentTitle)}</a></p>
                </section>
            }.into_any(),
            NotEligible::Community => view! {
                <section class="card" aria-labelledby="step-h" id="community-step">
                    <h2 id="step-h">{lang.t(Msg::SurveyStepCommunity)}</h2>
                    {via.clone().map(|(code, name)| view! {
                        <form method="post" action="/me/community" class="form">
                            <input type="hidden" name="community" value=code/>
                            <input type="hidden" name="next" value=back.clone()/>
                            <button type="submit" class="button">{lang.fmt(Msg::SurveyLiveIn, &[("community", &name)])}</button>
                        </form>
                    })}
                    <p><a href=format!("/me?next={}#community", encode_query(&back))>{lang.t(Msg::SurveyChooseCommunity)}</a></p>
                </section>
            }.into_any(),
            NotEligible::OutsideArea => view! {
                <section class="card status-card" aria-labelledby="step-h">
                    <h2 id="step-h">{lang.fmt(Msg::SurveyOutsideArea, &[("area", &area_label)])}</h2>
                    <p><a href="/me#community">{lang.t(Msg::SectionMeTitle)}</a></p>
                </section>
            }.into_any(),
            NotEligible::Verification => view! {
                <section class="card status-card" aria-labelledby="step-h">
                    <h2 id="step-h">{lang.t(Msg::SurveyNeedsVerification)}</h2>
                    <p><a class="button" href="/me#verification">{lang.t(Msg::SectionMeTitle)}</a></p>
                </section>
            }.into_any(),
        })
    } else {
        None
    };
    let form = blocker.is_none().then(|| {
        let guest = matches!(standing, Standing::Guest);
        let rules: Vec<_> = survey.questions.iter().map(|q| (q.id.clone(), q.show_if.clone())).collect();
        let from_server = !prefill.is_empty();
        let filled = survey.questions.iter().filter(|q| prefill.iter().any(|(k, v)| *k == q.id && !v.trim().is_empty())).count();
        let summary = (!problems.is_empty()).then(|| {
            let items = problems.iter().map(|(qid, m)| view! { <li><a href=format!("#q-{qid}")>{m.clone()}</a></li> }).collect_view();
            view! {
                <div class="alert alert-error" role="alert" id="problems">
                    <p>{lang.fmt(Msg::SurveyFixN, &[("n", &problems.len().to_string())])}</p>
                    <ul>{items}</ul>
                </div>
            }
        });
        view! {
            {(resume && !guest).then(|| view! { <p class="alert alert-ok" role="status">{lang.t(Msg::SurveyResume)}</p> })}
            {(answered && changeable).then(|| view! { <p class="alert alert-ok" role="status">{lang.t(Msg::SurveyChangeable)}</p> })}
            <form id="survey-form" class="form survey-form" method="post" action=format!("/surveys/{id}/answer") novalidate=true>
                <input type="hidden" name="_via" value=via.as_ref().map(|v| v.0.clone()).unwrap_or_default()/>
                <SurveyDraft survey=id.clone() rules answered=filled restore=!from_server lang/>
                {summary}
                <SurveyQuestions lang questions=survey.questions.clone() prefill problems/>
                {guest.then(|| view! { <p class="hint">{lang.t(Msg::SurveySignInAtSubmit)}</p> })}
                <button type="submit" class="button button-block">{lang.t(if guest { Msg::SurveySubmitSignIn } else { Msg::SurveySubmit })}</button>
            </form>
        }
    });
    view! {
        <article class="survey">
            {head}
            <Banner lang/>
            {blocker}
            {form}
        </article>
    }
}

#[component]
pub fn SurveyResultsPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().get_untracked().get("id").unwrap_or_default();
    let area = query("area");
    let data = Resource::new(move || (), move |_| load_results(id.clone(), area.clone()));
    let body = move || {
        Suspend::new(async move {
            found("load_results", data.await, Some(lang.t(Msg::SurveyResultsNotYet).to_string()), move |page| view! {
                <Title text=format!("{} · {} · {}", lang.t(Msg::SurveyResults), page.survey.title, lang.t(Msg::AppName))/>
                <h1 class="page-title">{page.survey.title.clone()}</h1>
                <ResultsView lang page/>
            })
        })
    };
    view! {
        <Layout>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

/// A survey's results: the area filter, the number of responses, each question's
/// figures as a chart with its table, and response rates per area. The area filter
/// is a GET form to the page itself.
#[component]
pub fn ResultsView(lang: Lang, page: ResultsPage) -> impl IntoView {
    let ResultsPage { survey, area, areas, results, charts, staff } = page;
    let options = areas
        .iter()
        .map(|(code, label)| view! { <option value=code.clone() selected=*code == area>{label.clone()}</option> })
        .collect_view();
    let total = results.total;
    let per_question = results
        .questions
        .iter()
        .map(|q| {
            let answered = lang.fmt(Msg::SurveyAnsweredBy, &[("n", &q.answered.to_string())]);
            let body = match &q.detail {
                Detail::Withheld => view! { <p class="hint">{lang.fmt(Msg::SurveyWithheld, &[("min", &MIN_SHOWN.to_string())])}</p> }.into_any(),
                Detail::Counts { items, mean } => {
                    let option = charts.iter().find(|(id, _)| *id == q.id).map(|(_, o)| o.clone()).unwrap_or_default();
                    let sum: u32 = q.answered.max(1);
                    let rows = items
                        .iter()
                        .map(|(label, n)| view! {
                            <tr><th scope="row">{label.clone()}</th><td>{n.to_string()}</td><td>{format!("{:.0}%", *n as f64 * 100.0 / sum as f64)}</td></tr>
                        })
                        .collect_view();
                    let tall = items.len() > 6;
                    view! {
                        <ChartFigure id=format!("chart-{}", q.id) label=answered.clone() option tall>
                            <table class="data-table">
                                <thead><tr><th scope="col">{lang.t(Msg::SurveyOption)}</th><th scope="col">{lang.t(Msg::SurveyCount)}</th><th scope="col">"%"</th></tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </ChartFigure>
                        {mean.map(|m| view! { <p>{lang.fmt(Msg::SurveyMean, &[("mean", &format!("{m:.1}"))])}</p> })}
                    }
                    .into_any()
                }
                Detail::Numbers { mean, median, min, max } => view! {
                    <dl class="facts">
                        <div><dt>{lang.t(Msg::SurveyMeanLabel)}</dt><dd>{format!("{mean:.1}")}</dd></div>
                        <div><dt>{lang.t(Msg::SurveyMedian)}</dt><dd>{crate::survey::show_number(*median)}</dd></div>
                        <div><dt>{lang.t(Msg::SurveyRange)}</dt><dd>{format!("{} – {}", crate::survey::show_number(*min), crate::survey::show_number(*max))}</dd></div>
                    </dl>
                    <p class="hint">{answered.clone()}</p>
                }
                .into_any(),
                Detail::Texts { texts } if staff => {
                    let items = texts.iter().map(|t| view! { <li>{t.clone()}</li> }).collect_view();
                    view! { <p class="hint">{answered.clone()}</p><ul class="text-answers">{items}</ul> }.into_any()
                }
                Detail::Texts { .. } => view! { <p class="hint">{answered.clone()}" · "{lang.t(Msg::SurveyTextsPrivate)}</p> }.into_any(),
            };
            view! {
                <section class="card result-q" aria-labelledby=format!("rq-{}", q.id)>
                    <h3 id=format!("rq-{}", q.id)>{format!("{}. {}", q.number, q.title)}</h3>
                    {body}
                </section>
            }
        })
        .collect_view();
    let rates = results
        .rates
        .iter()
        .map(|r| view! {
            <tr>
                <th scope="row">{r.name.clone()}</th>
                <td>{r.responses.map(|n| n.to_string()).unwrap_or_else(|| format!("< {MIN_SHOWN}"))}</td>
                <td>{r.per_1000.map(|p| format!("{p:.1}")).unwrap_or_else(|| "—".into())}</td>
            </tr>
        })
        .collect_view();
    let has_charts = !charts.is_empty();
    view! {
        <section class="card" aria-labelledby="res-h">
            <h2 id="res-h">{lang.t(Msg::SurveyResults)}</h2>
            <p class="hint">{format!("{} · {}", lang.t(status_name(survey.status)), survey.area_label)}</p>
            <form method="get" class="form form-inline">
                <div class="form-field">
                    <label for="area">{lang.t(Msg::SurveyArea)}</label>
                    <select id="area" name="area">{options}</select>
                </div>
                <button type="submit" class="button button-secondary">{lang.t(Msg::SurveyShow)}</button>
            </form>
            <p class="big-number">{lang.fmt(Msg::SurveyResponsesN, &[("n", &total.to_string())])}</p>
            {results.withheld.then(|| view! { <p class="alert">{lang.fmt(Msg::SurveyAllWithheld, &[("min", &MIN_SHOWN.to_string())])}</p> })}
        </section>
        {per_question}
        {(!results.rates.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="rates-h">
                <h2 id="rates-h">{lang.t(Msg::SurveyRates)}</h2>
                <div class="table-scroll">
                    <table class="data-table">
                        <thead><tr>
                            <th scope="col">{lang.t(Msg::SurveyArea)}</th>
                            <th scope="col">{lang.t(Msg::SurveyResponses)}</th>
                            <th scope="col">{lang.t(Msg::SurveyPer1000)}</th>
                        </tr></thead>
                        <tbody>{rates}</tbody>
                    </table>
                </div>
            </section>
        })}
        {has_charts.then(|| view! { <ChartScript/> })}
    }
}
