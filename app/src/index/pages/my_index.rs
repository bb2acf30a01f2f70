//! `/index/mine`: "my index". The weights come from the query (`w_<dimension>=0..10`),
//! so the form re-ranks on the server without scripts; the island re-ranks live.
use crate::core::i18n::Msg;
use crate::core::prefs::use_lang;
use crate::index::api::load_my_index;
use crate::index::islands::my_index::{weights_from_query, MyIndex};
use crate::ui::title::Title;
use crate::ui::{ErrorView, Layout, NotFoundView};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn MyIndexPage() -> impl IntoView {
    let lang = use_lang();
    let query: Vec<(String, String)> =
        use_query_map().get_untracked().into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    let data = Resource::new(|| (), |_| load_my_index());
    let body = move || {
        let query = query.clone();
        Suspend::new(async move {
            match data.await {
                Ok(Some(d)) => {
                    let initial = weights_from_query(&d.defaults, &query);
                    view! {
                        <p class="lead">{lang.fmt(Msg::IndexMineIntro, &[("month", &d.month)])}</p>
                        <MyIndex lang dimensions=d.dimensions defaults=d.defaults initial streets=d.streets/>
                    }
                    .into_any()
                }
                Ok(None) => view! { <NotFoundView detail=lang.t(Msg::IndexNoDataAny)/> }.into_any(),
                Err(_) => view! { <ErrorView/> }.into_any(),
            }
        })
    };
    view! {
        <Title text=format!("{} · {}", lang.t(Msg::IndexMineTitle), lang.t(Msg::IndexTitle))/>
        <Layout>
            <nav class="breadcrumb" aria-label=lang.t(Msg::A11yBreadcrumb)><ol><li><a href="/index">{lang.t(Msg::IndexTitle)}</a></li></ol></nav>
            <h1 class="page-title">{lang.t(Msg::IndexMineTitle)}</h1>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}
