//! `/index/area/:code`: one subdistrict's (or district's, or the city's) index: today's
//! score and grade, why it changed (a sentence and a chart), the trend over 30 / 90 /
//! 365 days or 12 / 24 months, the 14 areas of the latest monthly index on a radar, the
//! figures behind the score, and the warnings of the last 90 days. Every chart has its
//! figures beside it as a table or sentence.
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::use_lang;
use crate::index::api::{load_area_index, AreaIndexData};
use crate::index::components::area_sections::{
    children_section, indicators_section, radar_section, trend_section, warning_why_section,
    warnings_section, why_section,
};
use crate::index::components::parts::{Flags, GradeBadge};
use crate::index::model::Edition;
use crate::index::pages::ranking::{edition_from_query, period_query};
use crate::ui::chart::ChartScript;
use crate::ui::title::Title;
use crate::ui::{ErrorView, Layout, NotFoundView};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn AreaIndexPage() -> impl IntoView {
    let lang = use_lang();
    let code = use_params_map().get_untracked().get("code").unwrap_or_default();
    let q = use_query_map().get_untracked();
    let (edition, period) = edition_from_query(q.get("edition"), q.get("date"), q.get("month"));
    let window = q.get("window").and_then(|w| w.parse::<u32>().ok());
    let data = Resource::new(
        move || (),
        move |_| load_area_index(code.clone(), edition, period.clone(), window),
    );
    let body = move || {
        Suspend::new(async move {
            match data.await {
                Ok(Some(d)) => view! { <AreaIndexBody lang d/> }.into_any(),
                Ok(None) => view! { <NotFoundView/> }.into_any(),
                Err(_) => view! { <ErrorView/> }.into_any(),
            }
        })
    };
    view! {
        <Layout>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

#[component]
fn AreaIndexBody(lang: Lang, d: AreaIndexData) -> impl IntoView {
    let edition = d.edition;
    let pq = period_query(edition, &d.period);
    let base = format!("/index/area/{}", d.code);
    let rank_text = d.current.as_ref().and_then(|c| c.rank).map(|r| {
        lang.fmt(Msg::IndexRankOf, &[("rank", &r.to_string()), ("count", &d.peers.to_string())])
    });
    let (warning, supervised) =
        d.current.as_ref().map(|c| (c.warning, c.supervised)).unwrap_or((false, false));
    let score = d.current.as_ref().and_then(|c| c.score);
    let tab = |e: Edition, msg: Msg| {
        let href = match e {
            Edition::Daily => base.clone(),
            Edition::Monthly => format!("{base}?edition=monthly"),
        };
        view! { <a class="tab" href=href aria-current=(e == edition).then_some("page")>{lang.t(msg)}</a> }
    };

    let path = d.path.iter().map(|(code, name)| view! { <li><a href=format!("/index/area/{code}")>{name.clone()}</a></li> }).collect_view();
    let api = format!(
        "/api/v1/index/series?area={}&edition={}&format=csv",
        d.code,
        if edition == Edition::Daily { "daily" } else { "monthly" }
    );
    view! {
        <Title text=format!("{} · {}", d.name, lang.t(Msg::IndexTitle))/>
        <ChartScript/>
        <nav class="breadcrumb" aria-label=lang.t(Msg::A11yBreadcrumb)>
            <ol>
                <li><a href="/index">{lang.t(Msg::IndexTitle)}</a></li>
                {path}
                <li aria-current="page">{d.name.clone()}</li>
            </ol>
        </nav>
        <h1 class="page-title">{d.name.clone()}</h1>
        <nav class="tabs" aria-label=lang.t(Msg::IndexEditionLabel)>
            {tab(Edition::Daily, Msg::IndexDaily)}
            {tab(Edition::Monthly, Msg::IndexMonthly)}
        </nav>
        <section class="card card-accent index-hero" aria-labelledby="score-h">
            <h2 id="score-h">{lang.fmt(Msg::IndexAsOf, &[("period", &crate::core::time::date_words(lang, &d.period))])}</h2>
            <div class="hero-row">
                <GradeBadge lang score large=true/>
                <div>
                    {rank_text.map(|t| view! { <p>{t}</p> })}
                    {match d.warning_why.is_some() {
                        true => view! {
                            <p><a class="flag-link" href="#why-warning">
                                <Flags lang warning supervised/>" "{lang.t(Msg::IndexWarnWhyLink)}
                            </a></p>
                        }.into_any(),
                        false => view! { <p><Flags lang warning supervised/></p> }.into_any(),
                    }}
                </div>
            </div>
        </section>
        {warning_why_section(lang, &d, supervised)}
        {why_section(lang, &d)}
        {trend_section(lang, &d, &base, &pq)}
        {radar_section(lang, &d)}
        {indicators_section(lang, &d)}
        {warnings_section(lang, &d, &base)}
        {children_section(lang, &d, &pq)}
        <p class="hint">
            {lang.fmt(Msg::IndexMethodologyVersion, &[("version", &d.methodology.version)])}" · "
            <a href=api>{lang.t(Msg::IndexOpenData)}" (CSV)"</a>" · "
            <a href=format!("/index/compare?a={}", d.code)>{lang.t(Msg::IndexCompareTitle)}</a>
        </p>
    }
}
