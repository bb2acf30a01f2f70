//! `/surveys/:id` (reached from a WeChat share link `/s/<code>`): answering a survey.
//! The form is plain HTML that posts without scripts; the island adds progress,
//! conditions and answers kept on the device. Sign-in is asked only when the resident
//! submits.
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::use_lang;
use crate::surveys::api::{load_survey, AnswerPage, Standing};
use crate::surveys::components::answer_parts::{eligibility_step, survey_head};
use crate::surveys::components::numbering::{Numbering, NUMBER_MARK};
use crate::surveys::components::survey_form::SurveyQuestions;
use crate::surveys::islands::survey_draft::{ForgetSurveyDraft, SurveyDraft};
use crate::ui::layout::current_url;
use crate::ui::notices::{query, Banner};
use crate::ui::outcome::found;
use crate::ui::Layout;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn SurveyPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().get_untracked().get("id").unwrap_or_default();
    let via = query("via");
    let show_problems = query("error").as_deref() == Some("answers");
    let data =
        Resource::new(move || (), move |_| load_survey(id.clone(), via.clone(), show_problems));
    let body = move || {
        Suspend::new(async move {
            match data.await {
                Ok(Some(page)) => view! { <AnswerView lang page/> }.into_any(),
                other => view! {
                    {crate::ui::layout::default_description(lang)}
                    {found(other, None, |page| view! { <AnswerView lang page/> })}
                }
                .into_any(),
            }
        })
    };
    view! {
        <Layout described=true>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

#[component]
fn AnswerView(lang: Lang, page: AnswerPage) -> impl IntoView {
    let AnswerPage {
        survey,
        area_label,
        standing,
        prefill,
        problems,
        via,
        open,
        not_yet,
        results_public,
    } = page;
    let id = survey.id.clone();
    let here = current_url();
    let notice = query("notice");
    let submitted = matches!(notice.as_deref(), Some("submitted" | "replaced"));
    let resume = query("resume").is_some();
    let results_link = results_public.then(|| view! {
        <p><a class="button button-secondary" href=format!("/surveys/{id}/results")>{lang.t(Msg::SurveySeeResults)}</a></p>
    });
    let head = survey_head(lang, &survey, &area_label, via.as_ref());
    let answered = matches!(standing, Standing::Resident { answered: true, .. });
    let changeable = survey.editable && !survey.anonymous;
    // What stands between the visitor and the form, if anything.
    let blocker: Option<AnyView> = if submitted {
        Some(view! {
            <section class="card status-card" role="status" aria-labelledby="done-h">
                <h2 id="done-h">{lang.t(if notice.as_deref() == Some("replaced") { Msg::SurveyReplaced } else { Msg::SurveyThanks })}</h2>
                <p>{lang.t(if survey.anonymous { Msg::SurveyThanksAnonymous } else { Msg::SurveyThanksNamed })}</p>
                <h3>{lang.t(Msg::SurveyNextTitle)}</h3>
                <ul class="next-steps">
                    <li>{lang.fmt(Msg::SurveyNextResults, &[("time", &crate::core::time::china_time(survey.closes_at))])}</li>
                    {(survey.kind == crate::surveys::model::SurveyKind::CityMonthly).then(|| view! { <li>{lang.t(Msg::SurveyNextIndex)}</li> })}
                    <li>{lang.t(Msg::SurveyNextShare)}</li>
                </ul>
                <ForgetSurveyDraft survey=id.clone()/>
                {results_link}
                <p><a href="/surveys">{lang.t(Msg::SurveysBack)}</a></p>
            </section>
        }.into_any())
    } else if !open {
        let msg = if not_yet { Msg::SurveyNotYet } else { Msg::SurveyClosedNow };
        Some(
            view! {
                <section class="card status-card" aria-labelledby="closed-h">
                    <h2 id="closed-h">{lang.t(msg)}</h2>
                    {results_link}
                </section>
            }
            .into_any(),
        )
    } else if answered && !changeable {
        Some(view! {
            <section class="card status-card" role="status" aria-labelledby="answered-h" id="already-answered">
                <h2 id="answered-h">{lang.t(Msg::SurveyAlreadyAnswered)}</h2>
                <p>{lang.t(Msg::SurveyAlreadyAnsweredBody)}</p>
                <p><a href="/surveys">{lang.t(Msg::SurveysBack)}</a></p>
            </section>
        }.into_any())
    } else if let Standing::Resident { eligible: Err(why), .. } = &standing {
        Some(eligibility_step(lang, *why, via.clone(), here.clone(), &area_label))
    } else {
        None
    };
    let form = blocker.is_none().then(|| {
        let guest = matches!(standing, Standing::Guest);
        let rules: Vec<_> = survey.questions.iter().map(|q| (q.id.clone(), q.show_if.clone())).collect();
        let from_server = !prefill.is_empty();
        let filled = survey.questions.iter().filter(|q| prefill.iter().any(|(k, v)| *k == q.id && !v.trim().is_empty())).count();
        let numbering = Numbering::for_answers(&survey.questions, &prefill);
        let shown = numbering.shown();
        let summary = (!problems.is_empty()).then(|| {
            let items = problems.iter().filter_map(|(qid, fault)| {
                let q = survey.questions.iter().find(|q| q.id == *qid)?;
                let text = lang.fmt(Msg::SurveyErrAt, &[("number", NUMBER_MARK), ("title", &q.title), ("fault", fault)]);
                Some(view! { <li><a href=format!("#q-{qid}")>{numbering.sentence(&text, qid)}</a></li> })
            }).collect_view();
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
                <input type="hidden" name="_via" value=via.as_ref().map(|v| v.code.clone()).unwrap_or_default()/>
                <SurveyDraft survey=id.clone() rules answered=filled shown restore=!from_server lang/>
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
