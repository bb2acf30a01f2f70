//! `/staff/surveys/:id/results`: results for the member's part of the survey's area.
use crate::core::i18n::Msg;
use crate::core::prefs::use_lang;
use crate::surveys::api::load_staff_results;
use crate::surveys::components::results::ResultsView;
use crate::ui::notices::{query, Banner};
use crate::ui::outcome::outcome;
use crate::ui::staff::{title, StaffBar};
use crate::ui::title::Title;
use crate::ui::Layout;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn StaffSurveyResultsPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().get_untracked().get("id").unwrap_or_default();
    let area = query("area");
    let data = Resource::new(move || (), move |_| load_staff_results(id.clone(), area.clone()));
    let body = move || {
        Suspend::new(async move {
            outcome(data.await, move |page| {
                let back = format!("/staff/surveys/{}", page.survey.id);
                let export =
                    format!("/staff/surveys/{}/export.csv?area={}", page.survey.id, page.area);
                // Anonymous surveys export free text as a list of its own.
                let texts = page.survey.anonymous.then(|| format!("{export}&part=texts"));
                view! {
                    <h1 class="page-title">{page.survey.title.clone()}</h1>
                    <p class="button-row">
                        <a class="button button-secondary button-small" href=back>{lang.t(Msg::StaffSurveyBack)}</a>
                        <a class="button button-secondary button-small" href=export>{lang.t(Msg::StaffSurveyExport)}</a>
                        {texts.map(|href| view! {
                            <a class="button button-secondary button-small" href=href>{lang.t(Msg::StaffSurveyExportTexts)}</a>
                        })}
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
