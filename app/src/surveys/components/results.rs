//! A survey's results: per question a chart with its table, response rates per area.
use crate::core::i18n::{Lang, Msg};
use crate::surveys::api::{Respondent, ResultsPage};
use crate::surveys::components::card::status_name;
use crate::surveys::rules::results::{Detail, MIN_SHOWN};
use crate::ui::chart::{ChartFigure, ChartScript};
use leptos::prelude::*;

/// A survey's results: the area filter, the number of responses, each question's
/// figures as a chart with its table, and response rates per area.
#[component]
pub fn ResultsView(lang: Lang, page: ResultsPage) -> impl IntoView {
    let ResultsPage { survey, area, areas, results, charts, staff, respondents } = page;
    let named = staff && !survey.anonymous;
    let options = areas
        .iter()
        .map(|(code, label)| view! { <option value=code.clone() selected=*code == area>{label.clone()}</option> })
        .collect_view();
    let total = results.total;
    let per_question = results
        .questions
        .iter()
        .map(|q| {
            let answered = lang.fmt(Msg::SurveyAnsweredBy, &[("n", &q.answered.to_string())]);
            let body = match &q.detail {
                Detail::Withheld => view! { <p class="hint">{lang.fmt(Msg::SurveyWithheld, &[("min", &MIN_SHOWN.to_string())])}</p> }.into_any(),
                Detail::Counts { items, mean } => {
                    let option = charts.iter().find(|(id, _)| *id == q.id).map(|(_, o)| o.clone()).unwrap_or_default();
                    let sum: u32 = q.answered.max(1);
                    let rows = items
                        .iter()
                        .map(|(label, n)| view! {
                            <tr><th scope="row">{label.clone()}</th><td>{n.to_string()}</td><td>{format!("{:.0}%", *n as f64 * 100.0 / sum as f64)}</td></tr>
                        })
                        .collect_view();
                    let tall = items.len() > 6;
                    view! {
                        <ChartFigure id=format!("chart-{}", q.id) label=answered.clone() option tall>
                            <table class="data-table">
                                <thead><tr><th scope="col">{lang.t(Msg::SurveyOption)}</th><th scope="col">{lang.t(Msg::SurveyCount)}</th><th scope="col">"%"</th></tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </ChartFigure>
                        {mean.map(|m| view! { <p>{lang.fmt(Msg::SurveyMean, &[("mean", &format!("{m:.1}"))])}</p> })}
                    }
                    .into_any()
                }
                Detail::Numbers { mean, median, min, max } => view! {
                    <dl class="facts">
                        <div><dt>{lang.t(Msg::SurveyMeanLabel)}</dt><dd>{format!("{mean:.1}")}</dd></div>
                        <div><dt>{lang.t(Msg::SurveyMedian)}</dt><dd>{crate::surveys::rules::answers::show_number(*median)}</dd></div>
                        <div><dt>{lang.t(Msg::SurveyRange)}</dt><dd>{format!("{} – {}", crate::surveys::rules::answers::show_number(*min), crate::surveys::rules::answers::show_number(*max))}</dd></div>
                    </dl>
                    <p class="hint">{answered.clone()}</p>
                }
                .into_any(),
                Detail::Texts { texts } if staff => {
                    let items = texts.iter().map(|t| view! { <li>{t.clone()}</li> }).collect_view();
                    view! { <p class="hint">{answered.clone()}</p><ul class="text-answers">{items}</ul> }.into_any()
                }
                Detail::Texts { .. } => view! { <p class="hint">{answered.clone()}" · "{lang.t(Msg::SurveyTextsPrivate)}</p> }.into_any(),
            };
            view! {
                <section class="card result-q" aria-labelledby=format!("rq-{}", q.id)>
                    <h3 id=format!("rq-{}", q.id)>{format!("{}. {}", q.number, q.title)}</h3>
                    {body}
                </section>
            }
        })
        .collect_view();
    let rates = results
        .rates
        .iter()
        .map(|r| view! {
            <tr>
                <th scope="row">{r.name.clone()}</th>
                <td>{r.responses.map(|n| n.to_string()).unwrap_or_else(|| format!("< {MIN_SHOWN}"))}</td>
                <td>{r.per_1000.map(|p| format!("{p:.1}")).unwrap_or_else(|| "—".into())}</td>
            </tr>
        })
        .collect_view();
    let has_charts = !charts.is_empty();
    view! {
        <section class="card" aria-labelledby="res-h">
            <h2 id="res-h">{lang.t(Msg::SurveyResults)}</h2>
            <p class="hint">{format!("{} · {}", lang.t(status_name(survey.status)), survey.area_label)}</p>
            <form method="get" class="form form-inline">
                <div class="form-field">
                    <label for="area">{lang.t(Msg::SurveyArea)}</label>
                    <select id="area" name="area">{options}</select>
                </div>
                <button type="submit" class="button button-secondary">{lang.t(Msg::SurveyShow)}</button>
            </form>
            <p class="big-number">{lang.fmt(Msg::SurveyResponsesN, &[("n", &total.to_string())])}</p>
            {results.withheld.then(|| view! { <p class="alert">{lang.fmt(Msg::SurveyAllWithheld, &[("min", &MIN_SHOWN.to_string())])}</p> })}
            {(results.after_close && !results.withheld).then(|| view! { <p class="alert">{lang.t(Msg::SurveyAfterClose)}</p> })}
        </section>
        {per_question}
        {named.then(|| view! { <Respondents lang respondents/> })}
        {(!results.rates.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="rates-h">
                <h2 id="rates-h">{lang.t(Msg::SurveyRates)}</h2>
                <div class="table-scroll">
                    <table class="data-table">
                        <thead><tr>
                            <th scope="col">{lang.t(Msg::SurveyArea)}</th>
                            <th scope="col">{lang.t(Msg::SurveyResponses)}</th>
                            <th scope="col">{lang.t(Msg::SurveyPer1000)}</th>
                        </tr></thead>
                        <tbody>{rates}</tbody>
                    </table>
                </div>
            </section>
        })}
        {has_charts.then(|| view! { <ChartScript/> })}
    }
}

/// A named survey's respondents, each with their answers: for its committee only (the
/// page's loader fills them for staff of the area alone, and audits the reading).
#[component]
fn Respondents(lang: Lang, respondents: Vec<Respondent>) -> impl IntoView {
    let n = respondents.len();
    let items = respondents
        .into_iter()
        .map(|r| {
            let answers = r
                .answers
                .into_iter()
                .map(|(no, q, a)| view! { <div><dt>{format!("{no}. {q}")}</dt><dd>{a}</dd></div> })
                .collect_view();
            view! {
                <li class="respondent">
                    <p class="respondent-name">{r.name.unwrap_or_else(|| lang.t(Msg::SurveyRespondentNoName).to_string())}</p>
                    <p class="hint">{format!("{} · {}", r.community, r.about)}</p>
                    <dl class="answers-list">{answers}</dl>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="respondents-h" id="respondents">
            <h2 id="respondents-h">{lang.fmt(Msg::SurveyRespondentsTitle, &[("n", &n.to_string())])}</h2>
            <p class="hint">{lang.t(Msg::SurveyRespondentsLead)}</p>
            <ul class="respondents">{items}</ul>
        </section>
    }
}
