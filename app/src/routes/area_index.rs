//! `/index/area/:code`: one subdistrict's (or district's, or the city's) index: today's
//! score and grade, why it changed (a sentence and a chart), the trend over 30 / 90 /
//! 365 days or 12 / 24 months, the 14 areas of the latest monthly index on a radar, the
//! figures behind the score, and the warnings of the last 90 days. Every chart has its
//! figures beside it as a table or sentence.
use crate::components::index_parts::{ChartFigure, ChartScript, Flags, GradeBadge, RankRow};
use crate::components::{ErrorView, Layout, NotFoundView};
use crate::i18n::{Lang, Msg};
use crate::index::{show, Edition, Unit};
use crate::index_api::{load_area_index, AreaIndexData, DAILY_WINDOWS, MONTHLY_WINDOWS};
use crate::prefs::use_lang;
use crate::routes::ranking::{edition_from_query, period_query};
use crate::scores::Explanation;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The most recent warnings listed; the count covers all of the last 90 days.
const MAX_WARNINGS_SHOWN: usize = 10;

#[component]
pub fn AreaIndexPage() -> impl IntoView {
    let lang = use_lang();
    let code = use_params_map().get_untracked().get("code").unwrap_or_default();
    let q = use_query_map().get_untracked();
    let (edition, period) = edition_from_query(q.get("edition"), q.get("date"), q.get("month"));
    let window = q.get("window").and_then(|w| w.parse::<u32>().ok());
    let data = Resource::new(move || (), move |_| load_area_index(code.clone(), edition, period.clone(), window));
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

/// "down 3.2 points on 2026-11-21, mostly because of Public security (−2.9) and
/// Citizens' appeals (−0.6)".
pub fn why_sentence(lang: Lang, d: &AreaIndexData, e: Option<&Explanation>) -> String {
    let before = &d.previous_period;
    let Some(e) = e else { return lang.fmt(Msg::IndexWhyNone, &[("before", before)]) };
    if e.change.abs() < 0.05 {
        return lang.fmt(Msg::IndexWhyFlat, &[("area", &d.name), ("before", before)]);
    }
    let up = e.change > 0.0;
    let reasons: Vec<String> = e
        .contributions
        .iter()
        .filter(|(_, c)| (*c > 0.0) == up && c.abs() >= 0.05)
        .take(2)
        .map(|(code, c)| {
            let name = d.methodology.dimension(code).map(|x| lang.pick(&x.name_zh, &x.name_en).to_string()).unwrap_or_else(|| code.clone());
            lang.fmt(Msg::IndexReason, &[("name", &name), ("points", &signed(*c))])
        })
        .collect();
    let msg = if up { Msg::IndexWhyUp } else { Msg::IndexWhyDown };
    lang.fmt(msg, &[("area", &d.name), ("points", &show(e.change.abs())), ("before", before), ("reasons", &reasons.join(lang.t(Msg::IndexAnd)))])
}

fn signed(x: f64) -> String {
    if x >= 0.0 { format!("+{}", show(x)) } else { format!("−{}", show(-x)) }
}

fn dim_name(d: &AreaIndexData, lang: Lang, code: &str) -> String {
    d.methodology.dimension(code).map(|x| lang.pick(&x.name_zh, &x.name_en).to_string()).unwrap_or_else(|| code.to_string())
}

#[component]
fn AreaIndexBody(lang: Lang, d: AreaIndexData) -> impl IntoView {
    let edition = d.edition;
    let pq = period_query(edition, &d.period);
    let base = format!("/index/area/{}", d.code);
    let why = why_sentence(lang, &d, d.explanation.as_ref());
    let rank_text = d.current.as_ref().and_then(|c| c.rank).map(|r| lang.fmt(Msg::IndexRankOf, &[("rank", &r.to_string()), ("count", &d.peers.to_string())]));
    let (warning, supervised) = d.current.as_ref().map(|c| (c.warning, c.supervised)).unwrap_or((false, false));
    let score = d.current.as_ref().and_then(|c| c.score);
    let tab = |e: Edition, msg: Msg| {
        let href = match e {
            Edition::Daily => base.clone(),
            Edition::Monthly => format!("{base}?edition=monthly"),
        };
        view! { <a class="tab" href=href aria-current=(e == edition).then_some("page")>{lang.t(msg)}</a> }
    };
    let windows: Vec<u32> = if edition == Edition::Daily { DAILY_WINDOWS.to_vec() } else { MONTHLY_WINDOWS.to_vec() };
    let window_links = windows.into_iter().map(|w| {
        let label = if edition == Edition::Daily {
            lang.fmt(Msg::IndexTrendDays, &[("n", &w.to_string())])
        } else {
            lang.fmt(Msg::IndexTrendMonths, &[("n", &w.to_string())])
        };
        let href = format!("{base}{pq}&window={w}");
        view! { <a class="tab" href=href aria-current=(w == d.window).then_some("page")>{label}</a> }
    }).collect_view();

    // Why it changed: the sentence, and the contributions as a chart and a table.
    let why_block = {
        let rows = d.explanation.as_ref().map(|e| e.contributions.iter().map(|(code, c)| view! {
            <tr><th scope="row">{dim_name(&d, lang, code)}</th><td class="num">{signed(*c)}</td></tr>
        }).collect_view());
        let chart = d.explanation_chart.clone().zip(rows).map(|(option, rows)| view! {
            <ChartFigure id="why-chart" label=lang.t(Msg::IndexContribution) option>
                <table class="data-table">
                    <thead><tr><th scope="col">{lang.t(Msg::IndexDimension)}</th><th scope="col" class="num">{lang.t(Msg::IndexContribution)}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </ChartFigure>
        });
        view! {
            <section class="card" aria-labelledby="why-h">
                <h2 id="why-h">{lang.t(Msg::IndexWhyTitle)}</h2>
                <p class="why" id="why-sentence">{why}</p>
                {chart}
            </section>
        }
    };

    // The trend: chart, one-sentence summary and the full table.
    let scored: Vec<f64> = d.trend.iter().filter_map(|p| p.score).collect();
    let summary = if scored.is_empty() {
        String::new()
    } else {
        let min = scored.iter().cloned().fold(f64::INFINITY, f64::min);
        let max = scored.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        let mean = scored.iter().sum::<f64>() / scored.len() as f64;
        let warnings = d.trend.iter().filter(|p| p.warning).count();
        let first = d.trend.first().map(|p| p.period.clone()).unwrap_or_default();
        let last = d.trend.last().map(|p| p.period.clone()).unwrap_or_default();
        let msg = if edition == Edition::Daily { Msg::IndexTrendSummary } else { Msg::IndexTrendSummaryMonthly };
        lang.fmt(msg, &[("from", &first), ("to", &last), ("min", &show(min)), ("max", &show(max)), ("mean", &show(mean)), ("warnings", &warnings.to_string())])
    };
    let trend_rows = d.trend.iter().rev().map(|p| view! {
        <tr>
            <th scope="row">{p.period.clone()}</th>
            <td class="num">{p.score.map(show).unwrap_or_else(|| lang.t(Msg::IndexNoScore).to_string())}</td>
            <td>{p.warning.then(|| lang.t(Msg::IndexWarning))}</td>
        </tr>
    }).collect_view();

    let radar = d.monthly.clone().zip(d.radar_chart.clone()).map(|((month, mscore, dims), option)| {
        let rows = d.methodology.dimensions.iter().map(|x| view! {
            <tr>
                <th scope="row">{lang.pick(&x.name_zh, &x.name_en).to_string()}</th>
                <td class="num">{dims.get(&x.code).copied().flatten().map(show).unwrap_or_else(|| lang.t(Msg::IndexNoScore).to_string())}</td>
            </tr>
        }).collect_view();
        let caption = lang.fmt(Msg::IndexRadarCaption, &[("month", &month), ("score", &mscore.map(show).unwrap_or_else(|| lang.t(Msg::IndexNoScore).to_string()))]);
        view! {
            <section class="card" aria-labelledby="radar-h">
                <h2 id="radar-h">{lang.t(Msg::IndexRadarTitle)}</h2>
                <ChartFigure id="radar-chart" label=caption option tall=true>
                    <table class="data-table">
                        <thead><tr><th scope="col">{lang.t(Msg::IndexDimension)}</th><th scope="col" class="num">{lang.t(Msg::IndexPoints)}</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </ChartFigure>
            </section>
        }
    });

    let indicators = (!d.indicators.is_empty()).then(|| {
        let rows = d.indicators.iter().map(|i| {
            let ind = d.methodology.indicator(&i.code);
            let name = ind.map(|x| lang.pick(&x.name_zh, &x.name_en).to_string()).unwrap_or_else(|| i.code.clone());
            let value = match ind.map(|x| x.unit) {
                Some(Unit::Rate) => format!("{:.3}", i.value),
                _ => format!("{}", i.value),
            };
            view! {
                <tr>
                    <th scope="row">{name}</th>
                    <td class="num">{format!("{}", i.observed)}</td>
                    <td class="num">{value}</td>
                    <td class="num">{show(i.score)}</td>
                </tr>
            }
        }).collect_view();
        view! {
            <section class="card" aria-labelledby="ind-h">
                <h2 id="ind-h">{lang.t(Msg::IndexIndicatorsTitle)}</h2>
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="ind-h">
                    <table class="data-table" id="indicator-table">
                        <thead><tr>
                            <th scope="col">{lang.t(Msg::IndexIndicator)}</th>
                            <th scope="col" class="num">{lang.t(Msg::IndexObserved)}</th>
                            <th scope="col" class="num">{lang.t(Msg::IndexValue)}</th>
                            <th scope="col" class="num">{lang.t(Msg::IndexPoints)}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <p class="hint">{lang.t(Msg::IndexValueHint)}</p>
                <p class="hint">{lang.fmt(Msg::IndexCoverage, &[("pct", &format!("{:.0}", d.coverage * 100.0))])}" · "<a href="/index/methodology">{lang.t(Msg::MethodLink)}</a></p>
            </section>
        }
    });

    let warnings = if d.warnings.is_empty() {
        view! { <p>{lang.t(Msg::IndexNoWarnings)}</p> }.into_any()
    } else {
        let supervised = d.warnings.iter().filter(|w| w.supervised).count();
        view! {
            <p id="warning-count">{lang.fmt(Msg::IndexWarningsCount, &[("count", &d.warnings.len().to_string()), ("supervised", &supervised.to_string())])}</p>
            <ul class="warning-list">
                {d.warnings.iter().take(MAX_WARNINGS_SHOWN).map(|w| view! {
                    <li>
                        <a href=format!("{base}?date={}", w.period)>{w.period.clone()}</a>" "
                        <GradeBadge lang score=w.score/>" "
                        <Flags lang warning=true supervised=w.supervised/>
                    </li>
                }).collect_view()}
            </ul>
        }.into_any()
    };

    let children = (!d.children.is_empty()).then(|| {
        let title = if d.level == crate::areas::Level::City { Msg::IndexChildrenDistricts } else { Msg::IndexChildrenStreets };
        view! {
            <section aria-labelledby="children-h">
                <h2 id="children-h" class="section-title">{lang.t(title)}</h2>
                <ol class="rank-list">
                    {d.children.iter().cloned().map(|item| view! { <RankRow lang edition item query=pq.clone()/> }).collect_view()}
                </ol>
            </section>
        }
    });
    let path = d.path.iter().map(|(code, name)| view! { <li><a href=format!("/index/area/{code}")>{name.clone()}</a></li> }).collect_view();
    let api = format!("/api/v1/index/series?area={}&edition={}&format=csv", d.code, if edition == Edition::Daily { "daily" } else { "monthly" });
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
            <h2 id="score-h">{lang.fmt(Msg::IndexAsOf, &[("period", &d.period)])}</h2>
            <div class="hero-row">
                <GradeBadge lang score large=true/>
                <div>
                    {rank_text.map(|t| view! { <p>{t}</p> })}
                    <p><Flags lang warning supervised/></p>
                </div>
            </div>
        </section>
        {why_block}
        <section class="card" aria-labelledby="trend-h">
            <h2 id="trend-h">{lang.t(Msg::IndexTrendTitle)}</h2>
            <nav class="tabs tabs-small" aria-label=lang.t(Msg::IndexTrendTitle)>{window_links}</nav>
            <ChartFigure id="trend-chart" label=summary.clone() option=d.trend_chart.clone()>
                <details class="table-details">
                    <summary>{lang.t(Msg::IndexChartFallback)}</summary>
                    <table class="data-table" id="trend-table">
                        <thead><tr>
                            <th scope="col">{lang.t(if edition == Edition::Daily { Msg::IndexDateLabel } else { Msg::IndexMonthLabel })}</th>
                            <th scope="col" class="num">{lang.t(Msg::IndexScore)}</th>
                            <th scope="col">{lang.t(Msg::IndexWarning)}</th>
                        </tr></thead>
                        <tbody>{trend_rows}</tbody>
                    </table>
                </details>
            </ChartFigure>
        </section>
        {radar}
        {indicators}
        <section class="card" aria-labelledby="warn-h">
            <h2 id="warn-h">{lang.t(Msg::IndexWarningsTitle)}</h2>
            {warnings}
        </section>
        {children}
        <p class="hint">
            {lang.fmt(Msg::IndexMethodologyVersion, &[("version", &d.methodology.version)])}" · "
            <a href=api>{lang.t(Msg::IndexOpenData)}" (CSV)"</a>" · "
            <a href=format!("/index/compare?a={}", d.code)>{lang.t(Msg::IndexCompareTitle)}</a>
        </p>
    }
}
