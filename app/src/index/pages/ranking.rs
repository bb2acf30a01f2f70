//! `/index`: the day's (or month's) index for the whole city: the city and district
//! figures on top, then every subdistrict ranked, with a district filter and a date
//! picker. Plain links and GET forms: everything works without scripts.
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::use_lang;
use crate::index::api::{load_ranking, Ranking, RankingData};
use crate::index::components::parts::{Change, Flags, GradeBadge, RankRow};
use crate::index::model::Edition;
use crate::index::rules::periods::{next_period, previous_period};
use crate::ui::share::ShareCard;
use crate::ui::title::Title;
use crate::ui::{set_status, ErrorView, Layout};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The edition and period a query asks for: `?month=` means monthly, `?date=` daily.
pub fn edition_from_query(
    edition: Option<String>,
    date: Option<String>,
    month: Option<String>,
) -> (Edition, Option<String>) {
    if month.is_some() || edition.as_deref() == Some("monthly") {
        (Edition::Monthly, month)
    } else {
        (Edition::Daily, date)
    }
}

pub fn period_query(edition: Edition, period: &str) -> String {
    match edition {
        Edition::Daily => format!("?date={period}"),
        Edition::Monthly => format!("?month={period}"),
    }
}

#[component]
pub fn RankingPage() -> impl IntoView {
    let lang = use_lang();
    let q = use_query_map().get_untracked();
    let (edition, period) = edition_from_query(q.get("edition"), q.get("date"), q.get("month"));
    let district = q.get("district").filter(|d| !d.is_empty());
    let data =
        Resource::new(move || (), move |_| load_ranking(edition, period.clone(), district.clone()));
    let body = move || {
        Suspend::new(async move {
            match data.await {
                Ok(Ranking::Ready(d)) => view! { <RankingBody lang d=*d/> }.into_any(),
                Ok(Ranking::NoData { period, range }) => {
                    set_status(404);
                    view! {
                        <section class="card" role="status">
                            <p>{if period.is_empty() { lang.t(Msg::IndexNoDataAny).to_string() } else { lang.fmt(Msg::IndexNoData, &[("period", &period)]) }}</p>
                            {range.map(|r| view! {
                                <p>{lang.fmt(Msg::IndexAvailable, &[("first", &r.first), ("last", &r.last)])}</p>
                                <p><a class="button" href="/index">{lang.t(Msg::IndexRankingTitle)}</a></p>
                            })}
                        </section>
                    }
                    .into_any()
                }
                Ok(Ranking::BadPeriod) => {
                    set_status(400);
                    view! {
                        <section class="card" role="alert">
                            <p>{lang.t(Msg::IndexBadPeriod)}</p>
                            <p><a class="button" href="/index">{lang.t(Msg::IndexRankingTitle)}</a></p>
                        </section>
                    }
                    .into_any()
                }
                Err(_) => view! { <ErrorView/> }.into_any(),
            }
        })
    };
    view! {
        <Title text=format!("{} · {}", lang.t(Msg::IndexRankingTitle), lang.t(Msg::IndexTitle))/>
        <Layout described=true>
            <ShareCard title=format!("{} · {}", lang.t(Msg::IndexTitle), lang.t(Msg::AppCity))
                description=lang.t(Msg::ShareIndex) path="/index"/>
            <h1 class="page-title">{lang.t(Msg::IndexTitle)}" "<span class="title-sub">{lang.t(Msg::IndexRankingTitle)}</span></h1>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

#[component]
fn PeriodPicker(lang: Lang, d: RankingData) -> impl IntoView {
    let edition = d.edition;
    let (prev_label, next_label) = match edition {
        Edition::Daily => (Msg::IndexPreviousDay, Msg::IndexNextDay),
        Edition::Monthly => (Msg::IndexPreviousMonth, Msg::IndexNextMonth),
    };
    let district_q = d.district.as_ref().map(|c| format!("&district={c}")).unwrap_or_default();
    let prev = previous_period(edition, &d.period).filter(|p| *p >= d.range.first);
    let next = next_period(edition, &d.period).filter(|p| *p <= d.range.last);
    let link = |p: &str| format!("/index{}{district_q}", period_query(edition, p));
    let (name, input_type, label) = match edition {
        Edition::Daily => ("date", "date", Msg::IndexDateLabel),
        Edition::Monthly => ("month", "month", Msg::IndexMonthLabel),
    };
    let tab = |e: Edition, msg: Msg| {
        let current = e == edition;
        let href = match e {
            Edition::Daily => "/index".to_string(),
            Edition::Monthly => "/index?edition=monthly".to_string(),
        };
        view! { <a class="tab" href=href aria-current=current.then_some("page")>{lang.t(msg)}</a> }
    };
    view! {
        <nav class="tabs" aria-label=lang.t(Msg::IndexEditionLabel)>
            {tab(Edition::Daily, Msg::IndexDaily)}
            {tab(Edition::Monthly, Msg::IndexMonthly)}
        </nav>
        <form class="period-picker" method="get" action="/index">
            <label for="period-input">{lang.t(label)}</label>
            <input id="period-input" type=input_type name=name value=d.period.clone() min=d.range.first.clone() max=d.range.last.clone() required/>
            {d.district.clone().map(|c| view! { <input type="hidden" name="district" value=c/> })}
            <button type="submit" class="button button-secondary">{lang.t(Msg::IndexShow)}</button>
        </form>
        <p class="pager">
            {prev.map(|p| view! { <a rel="prev" href=link(&p)>"‹ "{lang.t(prev_label)}</a> })}
            {next.map(|p| view! { <a rel="next" href=link(&p)>{lang.t(next_label)}" ›"</a> })}
        </p>
    }
}

#[component]
fn RankingBody(lang: Lang, d: RankingData) -> impl IntoView {
    let edition = d.edition;
    let pq = period_query(edition, &d.period);
    let city = d.city.clone().map(|c| {
        let href = format!("/index/area/{}{pq}", c.code);
        view! {
            <section class="card card-accent index-hero" aria-labelledby="city-h">
                <h2 id="city-h">{lang.t(Msg::IndexCityFigure)}" · "{lang.fmt(Msg::IndexAsOf, &[("period", &crate::core::time::date_words(lang, &d.period))])}</h2>
                <div class="hero-row">
                    <GradeBadge lang score=c.score large=true/>
                    <div>
                        <p><Change lang edition change=c.change/></p>
                        <p><Flags lang warning=c.warning supervised=false/></p>
                        <p><a href=href>{lang.t(Msg::IndexViewStreet)}</a></p>
                    </div>
                </div>
            </section>
        }
    });
    let districts = d.districts.clone();
    let api = match edition {
        Edition::Daily => format!("/api/v1/index/daily?date={}&format=csv", d.period),
        Edition::Monthly => format!("/api/v1/index/monthly?month={}&format=csv", d.period),
    };
    let filter_options = d
        .districts
        .iter()
        .map(|x| {
            let selected = d.district.as_deref() == Some(x.code.as_str());
            view! { <option value=x.code.clone() selected=selected>{x.name.clone()}</option> }
        })
        .collect_view();
    let period_hidden = match edition {
        Edition::Daily => view! { <input type="hidden" name="date" value=d.period.clone()/> },
        Edition::Monthly => view! { <input type="hidden" name="month" value=d.period.clone()/> },
    };
    let heading = match d.district.as_ref().and_then(|c| d.districts.iter().find(|x| &x.code == c))
    {
        Some(x) => format!("{} · {}", lang.t(Msg::IndexRankingTitle), x.name),
        None => lang.t(Msg::IndexRankingTitle).to_string(),
    };
    let street_count = d.street_count;
    let streets = d.streets.clone();
    view! {
        <PeriodPicker lang d=d.clone()/>
        {city}
        <section aria-labelledby="districts-h">
            <h2 id="districts-h" class="section-title">{lang.t(Msg::IndexDistricts)}</h2>
            <ol class="rank-list rank-list-compact">
                {districts.into_iter().map(|item| view! { <RankRow lang edition item query=pq.clone()/> }).collect_view()}
            </ol>
        </section>
        <section aria-labelledby="streets-h">
            <h2 id="streets-h" class="section-title">{heading}</h2>
            <form class="filter" method="get" action="/index">
                {period_hidden}
                <label for="district-filter">{lang.t(Msg::IndexDistrictFilter)}</label>
                <select id="district-filter" name="district">
                    <option value="">{lang.t(Msg::IndexAllDistricts)}</option>
                    {filter_options}
                </select>
                <button type="submit" class="button button-secondary">{lang.t(Msg::IndexShow)}</button>
            </form>
            <p class="hint">{lang.fmt(Msg::CommonCount, &[("count", &street_count.to_string()), ("what", lang.t(Msg::HomeStatStreets))])}</p>
            <ol class="rank-list" id="ranking">
                {streets.into_iter().map(|item| view! { <RankRow lang edition item show_parent=true query=pq.clone()/> }).collect_view()}
            </ol>
        </section>
        <p class="hint">
            {lang.fmt(Msg::IndexMethodologyVersion, &[("version", &d.methodology_version)])}" · "
            <a href="/index/methodology">{lang.t(Msg::MethodLink)}</a>" · "
            <a href=api>{lang.t(Msg::IndexOpenData)}" (CSV)"</a>
        </p>
        <p class="link-row">
            <a class="button button-secondary" href="/index/compare">{lang.t(Msg::IndexCompareLink)}</a>
            <a class="button button-secondary" href="/index/mine">{lang.t(Msg::IndexMineTitle)}</a>
        </p>
    }
}
