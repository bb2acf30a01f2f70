//! The sections of an area's index page: why it changed, the trend, the radar of the
//! latest month, the indicators, the warnings and the ranked children. Each shows its
//! figures as a table or a sentence too (charts are drawn on top, when scripts run).
use super::parts::{Flags, GradeBadge, RankRow};
use crate::core::i18n::{Lang, Msg};
use crate::index::api::{AreaIndexData, MonthScores, DAILY_WINDOWS, MONTHLY_WINDOWS};
use crate::index::model::{show, Edition, Unit};
use crate::index::rules::explain::Explanation;
use crate::ui::chart::ChartFigure;
use leptos::prelude::*;

/// Warning days listed (the count says how many there were).
const MAX_WARNINGS_SHOWN: usize = 10;

pub fn signed(x: f64) -> String {
    if x >= 0.0 {
        format!("+{}", show(x))
    } else {
        format!("−{}", show(-x))
    }
}

pub fn dim_name(d: &AreaIndexData, lang: Lang, code: &str) -> String {
    d.methodology
        .dimension(code)
        .map(|x| lang.pick(&x.name_zh, &x.name_en).to_string())
        .unwrap_or_else(|| code.to_string())
}

/// Why the area is on warning: each rule of step 8 it met, with its figures; the
/// hero's flag links here.
pub fn warning_why_section(lang: Lang, d: &AreaIndexData, supervised: bool) -> impl IntoView {
    d.warning_why.as_ref().map(|w| {
        let score = w.score.map(show).unwrap_or_default();
        let mut reasons = Vec::new();
        if w.below_70 {
            reasons.push(lang.fmt(Msg::IndexWarnBelow70, &[("score", &score)]));
        }
        if let (Some(mean), Some(s)) = (w.drop_from, w.score) {
            reasons.push(lang.fmt(
                Msg::IndexWarnDrop,
                &[("score", &score), ("mean", &show(mean)), ("points", &show(mean - s))],
            ));
        }
        for (code, x) in &w.weak {
            reasons.push(lang.fmt(
                Msg::IndexWarnWeak,
                &[("dimension", &dim_name(d, lang, code)), ("score", &show(*x))],
            ));
        }
        if supervised {
            reasons.push(lang.t(Msg::IndexWarnSupervised).to_string());
        }
        view! {
            <section class="card card-warning" id="why-warning" aria-labelledby="why-warning-h">
                <h2 id="why-warning-h">{lang.t(Msg::IndexWarnWhyTitle)}</h2>
                <ul class="plain-list">{reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                <p class="hint">{lang.t(Msg::IndexWarnRules)}" "<a href="/index/methodology#step-6">{lang.t(Msg::MethodLink)}</a></p>
            </section>
        }
    })
}

/// Why it changed: the sentence, and the contributions as a chart and a table.
pub fn why_section(lang: Lang, d: &AreaIndexData) -> impl IntoView {
    let why = why_sentence(lang, d, d.explanation.as_ref());

    let rows = d.explanation.as_ref().map(|e| {
        e.contributions.iter().map(|(code, c)| view! {
        <tr><th scope="row">{dim_name(d, lang, code)}</th><td class="num">{signed(*c)}</td></tr>
    }).collect_view()
    });
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
            let name = d
                .methodology
                .dimension(code)
                .map(|x| lang.pick(&x.name_zh, &x.name_en).to_string())
                .unwrap_or_else(|| code.clone());
            lang.fmt(Msg::IndexReason, &[("name", &name), ("points", &signed(*c))])
        })
        .collect();
    let msg = if up { Msg::IndexWhyUp } else { Msg::IndexWhyDown };
    lang.fmt(
        msg,
        &[
            ("area", &d.name),
            ("points", &show(e.change.abs())),
            ("before", before),
            ("reasons", &reasons.join(lang.t(Msg::IndexAnd))),
        ],
    )
}

/// The trend: the window's tabs, the chart, a one-sentence summary and the full table.
pub fn trend_section(lang: Lang, d: &AreaIndexData, base: &str, pq: &str) -> impl IntoView {
    let edition = d.edition;
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
        let msg = if edition == Edition::Daily {
            Msg::IndexTrendSummary
        } else {
            Msg::IndexTrendSummaryMonthly
        };
        lang.fmt(
            msg,
            &[
                ("from", &first),
                ("to", &last),
                ("min", &show(min)),
                ("max", &show(max)),
                ("mean", &show(mean)),
                ("warnings", &warnings.to_string()),
            ],
        )
    };
    let trend_rows = d.trend.iter().rev().map(|p| view! {
        <tr>
            <th scope="row">{p.period.clone()}</th>
            <td class="num">{p.score.map(show).unwrap_or_else(|| lang.t(Msg::IndexNoScore).to_string())}</td>
            <td>{p.warning.then(|| lang.t(Msg::IndexWarning))}</td>
        </tr>
    }).collect_view();

    let windows: Vec<u32> =
        if edition == Edition::Daily { DAILY_WINDOWS.to_vec() } else { MONTHLY_WINDOWS.to_vec() };
    let window_links = windows.into_iter().map(|w| {
        let label = if edition == Edition::Daily {
            lang.fmt(Msg::IndexTrendDays, &[("n", &w.to_string())])
        } else {
            lang.fmt(Msg::IndexTrendMonths, &[("n", &w.to_string())])
        };
        let href = format!("{base}{pq}&window={w}");
        view! { <a class="tab" href=href aria-current=(w == d.window).then_some("page")>{label}</a> }
    }).collect_view();
    view! {
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
    }
}

/// The latest complete month's dimensions on a radar, with their table.
pub fn radar_section(lang: Lang, d: &AreaIndexData) -> impl IntoView {
    d.monthly.clone().zip(d.radar_chart.clone()).map(|(MonthScores { month, score: mscore, dimensions: dims }, option)| {
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
})
}

/// The street's indicators behind the score: observed, value and points.
pub fn indicators_section(lang: Lang, d: &AreaIndexData) -> impl IntoView {
    (!d.indicators.is_empty()).then(|| {
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
})
}

/// Warning days of the last 90, the most recent listed, each with its grade and flags.
pub fn warnings_section(lang: Lang, d: &AreaIndexData, base: &str) -> impl IntoView {
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
    view! {
        <section class="card" aria-labelledby="warn-h">
            <h2 id="warn-h">{lang.t(Msg::IndexWarningsTitle)}</h2>
            {warnings}
        </section>
    }
}

/// A district's streets or the city's districts, ranked.
pub fn children_section(lang: Lang, d: &AreaIndexData, pq: &str) -> impl IntoView {
    let edition = d.edition;
    (!d.children.is_empty()).then(|| {
    let title = if d.level == crate::core::areas::Level::City { Msg::IndexChildrenDistricts } else { Msg::IndexChildrenStreets };
    view! {
        <section aria-labelledby="children-h">
            <h2 id="children-h" class="section-title">{lang.t(title)}</h2>
            <ol class="rank-list">
                {d.children.iter().cloned().map(|item| view! { <RankRow lang edition item query=pq.to_string()/> }).collect_view()}
            </ol>
        </section>
    }
})
}
