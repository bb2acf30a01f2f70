//! The parts of the answering page around the form: the survey's head (title, intro,
//! facts, share card) and the step a signed-in resident must take before answering.
use crate::core::access::NotEligible;
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::encode_query;
use crate::core::time::{deadline, now};
use crate::surveys::api::Via;
use crate::surveys::components::card::kind_name;
use crate::surveys::model::Survey;
use crate::ui::share::ShareCard;
use crate::ui::title::Title;
use leptos::prelude::*;

/// The first sentence or so of the introduction: the share card's description.
pub fn summary(intro: &str, title: &str) -> String {
    let text = intro.split('\n').map(str::trim).find(|l| !l.is_empty()).unwrap_or(title);
    let mut out: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        out.push('…');
    }
    out
}

/// What a shared survey opens: the survey, in the community it reached the sharer
/// by (the share link's `via`), so that the next resident is placed there too.
pub fn share_path(survey: &str, via: Option<&Via>) -> String {
    match via {
        Some(v) => format!("/surveys/{survey}?via={}", crate::core::prefs::encode_query(&v.code)),
        None => format!("/surveys/{survey}"),
    }
}

/// Title, share card, kind and area, introduction and the survey's terms.
pub fn survey_head(
    lang: Lang,
    survey: &Survey,
    area_label: &str,
    via: Option<&Via>,
) -> impl IntoView {
    let description = summary(&survey.intro, &survey.title);
    let intro = survey
        .intro
        .split('\n')
        .filter(|l| !l.trim().is_empty())
        .map(|l| view! { <p>{l.to_string()}</p> })
        .collect_view();
    let facts = view! {
        <ul class="survey-facts">
            <li>{deadline(lang, survey.closes_at, now())}</li>
            {survey.anonymous.then(|| view! { <li>{lang.t(Msg::SurveyAnonymous)}</li> })}
            {survey.verified_only.then(|| view! { <li>{lang.t(Msg::SurveyVerifiedOnly)}</li> })}
            {survey.editable.then(|| view! { <li>{lang.t(Msg::SurveyEditable)}</li> })}
            {via.as_ref().map(|v| view! { <li>{lang.fmt(Msg::SurveyVia, &[("community", &v.name)])}</li> })}
        </ul>
    };
    view! {
        <Title text=format!("{} · {}", survey.title, lang.t(Msg::AppName))/>
        <ShareCard title=survey.title.clone() description path=share_path(&survey.id, via)/>
        <header class="survey-head">
            <p class="eyebrow">{format!("{} · {}", lang.t(kind_name(survey.kind)), area_label)}</p>
            <h1 class="page-title">{survey.title.clone()}</h1>
            <div class="survey-intro">{intro}</div>
            {facts}
            // Said before the first question: who will read a named answer.
            {(!survey.anonymous).then(|| view! {
                <p class="named-notice" role="note"><strong>{lang.t(Msg::SurveyNamedTitle)}</strong>{lang.t(Msg::SurveyNamedNotice)}</p>
            })}
        </header>
    }
}

/// What a resident who may not answer yet must do first, or why they may not.
pub fn eligibility_step(
    lang: Lang,
    why: NotEligible,
    via: Option<Via>,
    back: String,
    area_label: &str,
) -> AnyView {
    match why {
        NotEligible::Consent => view! {
            <section class="card" aria-labelledby="step-h">
                <h2 id="step-h">{lang.t(Msg::SurveyStepConsent)}</h2>
                <p><a class="button" href=format!("/me/consent?next={}", encode_query(&back))>{lang.t(Msg::ConsentTitle)}</a></p>
            </section>
        }.into_any(),
        NotEligible::Community => view! {
            <section class="card" aria-labelledby="step-h" id="community-step">
                <h2 id="step-h">{lang.t(Msg::SurveyStepCommunity)}</h2>
                {via.clone().map(|v| view! {
                    <form method="post" action="/me/community" class="form">
                        <input type="hidden" name="community" value=v.community/>
                        <input type="hidden" name="next" value=back.clone()/>
                        <button type="submit" class="button">{lang.fmt(Msg::SurveyLiveIn, &[("community", &v.name)])}</button>
                    </form>
                })}
                <p><a href=format!("/me?next={}#community", encode_query(&back))>{lang.t(Msg::SurveyChooseCommunity)}</a></p>
            </section>
        }.into_any(),
        NotEligible::OutsideArea => view! {
            <section class="card status-card" aria-labelledby="step-h">
                <h2 id="step-h">{lang.fmt(Msg::SurveyOutsideArea, &[("area", area_label)])}</h2>
                <p><a href="/me#community">{lang.t(Msg::SectionMeTitle)}</a></p>
            </section>
        }.into_any(),
        NotEligible::Verification => view! {
            <section class="card status-card" aria-labelledby="step-h">
                <h2 id="step-h">{lang.t(Msg::SurveyNeedsVerification)}</h2>
                <p><a class="button" href="/me#verification">{lang.t(Msg::SurveyGoVerify)}</a></p>
            </section>
        }.into_any(),
    }
}
