//! `/surveys`: what is open for the resident's area, and closed surveys' results.
use crate::core::i18n::Msg;
use crate::core::prefs::use_lang;
use crate::surveys::api::load_surveys;
use crate::surveys::components::card::SurveyCard;
use crate::ui::title::Title;
use crate::ui::Layout;
use leptos::prelude::*;

#[component]
pub fn SurveysPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| load_surveys());
    let body = move || {
        Suspend::new(async move {
            match data.await {
                Ok(page) => {
                    let open = page
                        .open
                        .into_iter()
                        .map(|i| {
                            let href = format!("/surveys/{}", i.id);
                            view! { <SurveyCard lang item=i href/> }
                        })
                        .collect_view();
                    let closed = page
                        .closed
                        .into_iter()
                        .map(|i| {
                            let href = format!("/surveys/{}/results", i.id);
                            view! { <SurveyCard lang item=i href/> }
                        })
                        .collect_view();
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
                    view! { <crate::ui::ErrorView/> }.into_any()
                }
            }
        })
    };
    view! {
        <Title text=format!("{} · {}", lang.t(Msg::SectionSurveysTitle), lang.t(Msg::AppName))/>
        <Layout described=true>
            <crate::ui::share::ShareCard title=format!("{} · {}", lang.t(Msg::SectionSurveysTitle), lang.t(Msg::AppCity))
                description=lang.t(Msg::ShareSurveys) path="/surveys"/>
            <h1 class="page-title">{lang.t(Msg::SectionSurveysTitle)}</h1>
            <p class="lead">{lang.t(Msg::SectionSurveysBody)}</p>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}
