//! `/surveys/:id/results`: the public results of a closed survey.
use crate::core::i18n::Msg;
use crate::core::prefs::use_lang;
use crate::surveys::api::load_results;
use crate::surveys::components::results::ResultsView;
use crate::ui::notices::query;
use crate::ui::outcome::found;
use crate::ui::title::Title;
use crate::ui::Layout;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn SurveyResultsPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().get_untracked().get("id").unwrap_or_default();
    let area = query("area");
    let data = Resource::new(move || (), move |_| load_results(id.clone(), area.clone()));
    let body = move || {
        Suspend::new(async move {
            found(data.await, Some(lang.t(Msg::SurveyResultsNotYet).to_string()), move |page| {
                view! {
                    <Title text=format!("{} · {} · {}", lang.t(Msg::SurveyResults), page.survey.title, lang.t(Msg::AppName))/>
                    <h1 class="page-title">{page.survey.title.clone()}</h1>
                    <ResultsView lang page/>
                }
            })
        })
    };
    view! {
        <Layout>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}
