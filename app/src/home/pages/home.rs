//! `/`: the home page: the resident's area, the latest daily index of the city and of
//! their subdistrict, and the city's districts at a glance.
use crate::areas::api::{load_home, load_site_info};
use crate::areas::list::AreaList;
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::use_lang;
use crate::index::api::{load_home_index, HomeIndex};
use crate::index::components::parts::{Change, Flags, GradeBadge};
use crate::index::model::Edition;
use crate::ui::share::ShareCard;
use crate::ui::title::Title;
use crate::ui::{ErrorView, Layout};
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| load_home());
    let info = Resource::new(|| (), |_| load_site_info());
    let index = Resource::new(|| (), |_| load_home_index());
    let body = move || {
        Suspend::new(async move {
            let (data, info, index) = (data.await, info.await, index.await);
            match (data, info, index) {
                (Ok(data), Ok(info), Ok(index)) => {
                    view! { <HomeBody lang data info index/> }.into_any()
                }
                _ => view! { <ErrorView/> }.into_any(),
            }
        })
    };
    view! {
        <Title text=format!("{} · {}", lang.t(Msg::HomeTitle), lang.t(Msg::AppCity))/>
        <Layout described=true>
            <ShareCard title=lang.t(Msg::AppTagline) description=lang.t(Msg::AppDescription) path="/"/>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

#[component]
fn HomeBody(
    lang: Lang,
    data: Option<crate::areas::api::HomeData>,
    info: crate::areas::api::SiteInfo,
    index: Option<HomeIndex>,
) -> impl IntoView {
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
    let city_name = data
        .as_ref()
        .map(|d| d.city.name(lang).to_string())
        .unwrap_or_else(|| lang.t(Msg::AppCity).to_string());
    view! {
        <h1 class="page-title">{city_name.clone()}" "<span class="title-sub">{lang.t(Msg::HomeTitle)}</span></h1>
        {match index {
            Some(ix) => view! { <IndexCard lang ix city_name=city_name.clone()/> }.into_any(),
            None => view! {
                <section class="card card-accent" aria-labelledby="index-h">
                    <h2 id="index-h">{lang.t(Msg::HomeIndexHeading)}</h2>
                    <p>{lang.t(Msg::IndexNoDataAny)}</p>
                    <p><a href="/index/methodology">{lang.t(Msg::MethodLink)}</a></p>
                </section>
            }.into_any(),
        }}
        <section class="card" aria-labelledby="my-area-h">
            <h2 id="my-area-h">{lang.t(Msg::HomeMyArea)}</h2>
            {my_area}
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

/// Today's index: the city's figure, the resident's subdistrict, and the way in to the
/// ranking, comparison and "my index".
#[component]
fn IndexCard(lang: Lang, ix: HomeIndex, city_name: String) -> impl IntoView {
    let city = ix.city.clone();
    let mine = ix.mine.clone().map(|m| view! {
        <div class="home-mine">
            <h3>{lang.t(Msg::IndexHomeMyStreet)}</h3>
            <div class="hero-row">
                <GradeBadge lang score=m.score/>
                <div>
                    <p><a href=format!("/index/area/{}", m.code)>{m.name.clone()}</a>
                        {m.rank.map(|r| format!(" · {}", lang.fmt(Msg::IndexRankOf, &[("rank", &r.to_string()), ("count", &ix.street_count.to_string())])))}</p>
                    <p><Change lang edition=Edition::Daily change=m.change/>" "<Flags lang warning=m.warning supervised=m.supervised/></p>
                </div>
            </div>
        </div>
    });
    view! {
        <section class="card card-accent index-hero" aria-labelledby="index-h">
            <h2 id="index-h">{lang.fmt(Msg::IndexHomeCityToday, &[("city", &city_name)])}" · "{lang.fmt(Msg::IndexAsOf, &[("period", &ix.period)])}</h2>
            {city.map(|c| view! {
                <div class="hero-row">
                    <GradeBadge lang score=c.score large=true/>
                    <div>
                        <p><Change lang edition=Edition::Daily change=c.change/></p>
                        {(ix.warnings > 0).then(|| view! { <p><span class="flag flag-warning">{lang.t(Msg::IndexWarning)}</span>{lang.fmt(Msg::IndexHomeWarnings, &[("count", &ix.warnings.to_string())])}</p> })}
                    </div>
                </div>
            })}
            {mine}
            <p class="link-row">
                <a class="button" href="/index">{lang.t(Msg::IndexHomeRanking)}</a>
                <a class="button button-secondary" href="/index/mine">{lang.t(Msg::IndexMineTitle)}</a>
            </p>
            <p><a href="/index/methodology">{lang.t(Msg::MethodLink)}</a></p>
        </section>
    }
}
