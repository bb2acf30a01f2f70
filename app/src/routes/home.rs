//! `/`: the index section's home: the resident's area, the daily index (filled by the
//! index issue) and the city at a glance.
use crate::api::{load_home, load_site_info};
use crate::components::area_list::AreaList;
use crate::components::{ErrorView, Layout};
use crate::i18n::{Lang, Msg};
use crate::prefs::use_lang;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| load_home());
    let info = Resource::new(|| (), |_| load_site_info());
    let body = move || {
        Suspend::new(async move {
            let (data, info) = (data.await, info.await);
            match (data, info) {
                (Ok(data), Ok(info)) => view! { <HomeBody lang data info/> }.into_any(),
                _ => view! { <ErrorView/> }.into_any(),
            }
        })
    };
    view! {
        <Title text=format!("{} · {}", lang.t(Msg::HomeTitle), lang.t(Msg::AppCity))/>
        <Layout>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

#[component]
fn HomeBody(lang: Lang, data: Option<crate::api::HomeData>, info: crate::api::SiteInfo) -> impl IntoView {
    let my_area = match (info.my_area_label(lang), info.my_area) {
        (Some(label), Some(area)) => {
            view! {
                <p class="my-area-name">
                    <a href=format!("/areas/{}", area.code)>{label}</a>
                </p>
                <p><a class="button button-secondary" href="/areas">{lang.t(Msg::HomeChangeArea)}</a></p>
            }
            .into_any()
        }
        _ => view! {
            <p>{lang.t(Msg::HomeNoArea)}</p>
            <p><a class="button" href="/areas">{lang.t(Msg::HomeChooseArea)}</a></p>
        }
        .into_any(),
    };
    let city_name = data.as_ref().map(|d| d.city.name(lang).to_string()).unwrap_or_else(|| lang.t(Msg::AppCity).to_string());
    view! {
        <h1 class="page-title">{city_name}" "<span class="title-sub">{lang.t(Msg::HomeTitle)}</span></h1>
        <section class="card" aria-labelledby="my-area-h">
            <h2 id="my-area-h">{lang.t(Msg::HomeMyArea)}</h2>
            {my_area}
        </section>
        <section class="card card-accent" aria-labelledby="index-h">
            <h2 id="index-h">{lang.t(Msg::HomeIndexHeading)}" "<span class="badge">{lang.t(Msg::CommonComingSoon)}</span></h2>
            <p>{lang.t(Msg::HomeIndexBody)}</p>
            <p><a href="/index/methodology">{lang.t(Msg::MethodLink)}</a></p>
        </section>
        {data.map(|d| view! {
            <section aria-labelledby="glance-h">
                <h2 id="glance-h" class="section-title">{lang.t(Msg::HomeGlance)}</h2>
                <dl class="stats">
                    <div><dt>{lang.t(Msg::HomeStatPopulation)}</dt><dd>{lang.compact(d.city.population)}</dd></div>
                    <div><dt>{lang.t(Msg::HomeStatDistricts)}</dt><dd>{d.districts.len()}</dd></div>
                    <div><dt>{lang.t(Msg::HomeStatStreets)}</dt><dd>{d.streets}</dd></div>
                    <div><dt>{lang.t(Msg::HomeStatCommunities)}</dt><dd>{d.communities}</dd></div>
                </dl>
            </section>
            <section aria-labelledby="districts-h">
                <h2 id="districts-h" class="section-title">{lang.t(Msg::HomeDistricts)}</h2>
                <AreaList lang items=d.districts/>
            </section>
        })}
    }
}
