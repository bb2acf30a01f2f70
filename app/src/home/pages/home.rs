//! `/`: the home page: the resident's area, the latest daily index of the city and of
//! their subdistrict, and the city's districts at a glance.
use crate::areas::api::{load_home, load_site_info};
use crate::areas::list::AreaList;
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::use_lang;
use crate::index::api::{load_home_index, HomeIndex};
use crate::index::components::parts::{Change, Flags, GradeBadge};
use crate::index::model::Edition;
use crate::surveys::api::{OpenForMe, OpenNow};
use crate::surveys::components::mine::OpenForMeCard;
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
    let OpenNow(open) = expect_context::<OpenNow>();
    let body = move || {
        Suspend::new(async move {
            let (data, info, index, open) = (data.await, info.await, index.await, open.await);
            match (data, info, index, open) {
                (Ok(data), Ok(info), Ok(index), Ok(open)) => {
                    view! { <HomeBody lang data info index open/> }.into_any()
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
    open: OpenForMe,
) -> impl IntoView {
    // The top bar's chip names a chosen area; only its absence is worth a card.
    let no_area = info.my_area.is_none().then(|| {
        view! {
            <section class="card" aria-labelledby="my-area-h">
                <h2 id="my-area-h">{lang.t(Msg::HomeMyArea)}</h2>
                <p>{lang.t(Msg::HomeNoArea)}</p>
                <p><a class="button" href="/areas">{lang.t(Msg::HomeChooseArea)}</a></p>
            </section>
        }
    });
    // What waits for the resident comes first; with nothing to do it follows the index.
    let waiting = open.waiting() > 0;
    let (open_first, open_after) = match waiting {
        true => (Some(open), None),
        false => (None, Some(open)),
    };
    let city_name = data
        .as_ref()
        .map(|d| d.city.name(lang).to_string())
        .unwrap_or_else(|| lang.t(Msg::AppCity).to_string());
    view! {
        <h1 class="page-title">{city_name.clone()}" "<span class="title-sub">{lang.t(Msg::HomeTitle)}</span></h1>
        {no_area}
        {open_first.map(|open| view! { <OpenForMeCard lang open/> })}
        {match index {
            Some(ix) => view! { <IndexCard lang ix/> }.into_any(),
            None => view! {
                <section class="card card-accent" aria-labelledby="index-h">
                    <h2 id="index-h">{lang.t(Msg::HomeIndexHeading)}</h2>
                    <p>{lang.t(Msg::IndexNoDataAny)}</p>
                    <p><a href="/index/methodology">{lang.t(Msg::MethodLink)}</a></p>
                </section>
            }.into_any(),
        }}
        {open_after.map(|open| view! { <OpenForMeCard lang open/> })}
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

/// The latest daily index: the city's figure, then the resident's subdistrict in a
/// card of its own, and the way in to the ranking, comparison and "my index".
#[component]
fn IndexCard(lang: Lang, ix: HomeIndex) -> impl IntoView {
    let city = ix.city.clone();
    let date = crate::core::time::date_words(lang, &ix.period);
    let mine = ix.mine.clone().map(|m| {
        let href = format!("/index/area/{}", m.code);
        view! {
            <section class="card home-mine" aria-labelledby="my-street-h">
                <h2 id="my-street-h">{lang.t(Msg::IndexHomeMyStreet)}</h2>
                <a class="hero-link" href=href.clone()>
                    <GradeBadge lang score=m.score/>
                    <span class="hero-link-text">
                        <span class="hero-link-name">{m.name.clone()}</span>
                        {m.rank.map(|r| view! { <span class="nowrap">{lang.fmt(Msg::IndexRankOf, &[("rank", &r.to_string()), ("count", &ix.street_count.to_string())])}</span> })}
                        <Change lang edition=Edition::Daily change=m.change/>
                    </span>
                </a>
                {(m.warning || m.supervised).then(|| view! {
                    <p><a class="flag-link" href=format!("{href}#why-warning")>
                        <Flags lang warning=m.warning supervised=m.supervised/>" "{lang.t(Msg::IndexWarnWhyLink)}
                    </a></p>
                })}
            </section>
        }
    });
    view! {
        <section class="card card-accent index-hero" aria-labelledby="index-h">
            <h2 id="index-h">{lang.t(Msg::IndexCityFigure)}</h2>
            <p class="hint edition-date">{lang.fmt(Msg::IndexAsOf, &[("period", &date)])}</p>
            {city.map(|c| view! {
                <div class="hero-row">
                    <GradeBadge lang score=c.score large=true/>
                    <div>
                        <p><Change lang edition=Edition::Daily change=c.change/></p>
                        {(ix.warnings > 0).then(|| view! { <p><span class="flag flag-warning">{lang.t(Msg::IndexWarning)}</span>" "<span class="nowrap">{lang.fmt(Msg::IndexHomeWarnings, &[("count", &ix.warnings.to_string())])}</span></p> })}
                    </div>
                </div>
            })}
            <p class="link-row">
                <a class="button" href="/index">{lang.t(Msg::IndexHomeRanking)}</a>
                <a class="button button-secondary" href="/index/mine">{lang.t(Msg::IndexMineTitle)}</a>
            </p>
            <p><a href="/index/methodology">{lang.t(Msg::MethodLink)}</a></p>
        </section>
        {mine}
    }
}
