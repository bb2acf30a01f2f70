//! `/index/compare?a=CODE&a=CODE…`: two to four subdistricts or districts side by side:
//! today's daily index, the latest monthly index and its 14 areas, as a table and a
//! radar. Choosing is a plain GET form of checkboxes.
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::use_lang;
use crate::index::api::{load_compare, CompareData, DistrictOption};
use crate::index::components::parts::GradeBadge;
use crate::index::model::show;
use crate::ui::chart::{ChartFigure, ChartScript};
use crate::ui::title::Title;
use crate::ui::{ErrorView, Layout};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ComparePage() -> impl IntoView {
    let lang = use_lang();
    let codes: Vec<String> = use_query_map().get_untracked().get_all("a").unwrap_or_default();
    let data = Resource::new(move || (), move |_| load_compare(codes.clone()));
    let body = move || {
        Suspend::new(async move {
            match data.await {
                Ok(d) => view! { <CompareBody lang d/> }.into_any(),
                Err(_) => view! { <ErrorView/> }.into_any(),
            }
        })
    };
    view! {
        <Title text=format!("{} · {}", lang.t(Msg::IndexCompareTitle), lang.t(Msg::IndexTitle))/>
        <ChartScript/>
        <Layout>
            <nav class="breadcrumb" aria-label=lang.t(Msg::A11yBreadcrumb)><ol><li><a href="/index">{lang.t(Msg::IndexTitle)}</a></li></ol></nav>
            <h1 class="page-title">{lang.t(Msg::IndexCompareTitle)}</h1>
            <p class="lead">{lang.t(Msg::IndexCompareIntro)}</p>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

#[component]
fn CompareBody(lang: Lang, d: CompareData) -> impl IntoView {
    let chosen: Vec<String> = d.selected.iter().map(|s| s.code.clone()).collect();
    let is_chosen = move |c: &str| chosen.iter().any(|x| x == c);
    let options = d.options.iter().map(|DistrictOption { code: dcode, name: dname, streets }| {
        let streets = streets.iter().map(|(code, name)| view! {
            <label class="check"><input type="checkbox" name="a" value=code.clone() checked=is_chosen(code)/>" "{name.clone()}</label>
        }).collect_view();
        view! {
            <fieldset class="choice-group">
                <legend>{dname.clone()}</legend>
                <label class="check check-district"><input type="checkbox" name="a" value=dcode.clone() checked=is_chosen(dcode)/>" "{dname.clone()}</label>
                {streets}
            </fieldset>
        }
    }).collect_view();
    let table = (d.selected.len() >= 2).then(|| {
        let head = d.selected.iter().map(|s| view! {
            <th scope="col"><a href=format!("/index/area/{}", s.code)>{s.name.clone()}</a></th>
        }).collect_view();
        let daily = d.selected.iter().map(|s| view! { <td><GradeBadge lang score=s.daily/></td> }).collect_view();
        let monthly = d.selected.iter().map(|s| view! { <td><GradeBadge lang score=s.monthly/></td> }).collect_view();
        let dims = d.methodology.as_ref().map(|m| m.dimensions.iter().map(|x| {
            let cells = d.selected.iter().map(|s| {
                let v = s.dimensions.get(&x.code).copied().flatten();
                view! { <td class="num">{v.map(show).unwrap_or_else(|| "–".into())}</td> }
            }).collect_view();
            view! { <tr><th scope="row">{lang.pick(&x.name_zh, &x.name_en).to_string()}</th>{cells}</tr> }
        }).collect_view());
        let table = view! {
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="cmp-h">
                <table class="data-table compare-table" id="compare-table">
                    <thead><tr><th scope="col">{lang.t(Msg::IndexDimension)}</th>{head}</tr></thead>
                    <tbody>
                        <tr><th scope="row">{lang.t(Msg::IndexDaily)}<span class="cell-meta">{d.day.clone().unwrap_or_default()}</span></th>{daily}</tr>
                        <tr><th scope="row">{lang.t(Msg::IndexMonthly)}<span class="cell-meta">{d.month.clone().unwrap_or_default()}</span></th>{monthly}</tr>
                        {dims}
                    </tbody>
                </table>
            </div>
        };
        match d.radar_chart.clone() {
            Some(option) => view! {
                <section class="card" aria-labelledby="cmp-h">
                    <h2 id="cmp-h">{lang.t(Msg::IndexRadarTitle)}</h2>
                    <ChartFigure id="compare-chart" label=lang.fmt(Msg::IndexCompareMonthly, &[("month", d.month.as_deref().unwrap_or("–"))]) option tall=true>
                        {table}
                    </ChartFigure>
                </section>
            }.into_any(),
            None => view! { <section class="card" aria-labelledby="cmp-h"><h2 id="cmp-h">{lang.t(Msg::IndexRadarTitle)}</h2>{table}</section> }.into_any(),
        }
    });
    let too_few = (d.selected.len() == 1).then(
        || view! { <p class="form-error" role="alert">{lang.t(Msg::IndexCompareTooFew)}</p> },
    );
    view! {
        {table}
        {too_few}
        <form class="card compare-form" method="get" action="/index/compare">
            <h2>{lang.t(Msg::IndexCompareChoose)}</h2>
            {options}
            <p><button type="submit" class="button">{lang.t(Msg::IndexCompareSubmit)}</button></p>
        </form>
    }
}
