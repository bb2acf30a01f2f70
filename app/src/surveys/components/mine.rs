//! What waits for the viewer (home's card) and what they have taken part in (我的).
use crate::core::i18n::{Lang, Msg};
use crate::core::time::{china_date, deadline, now, span_words};
use crate::surveys::api::{load_my_participation, OpenForMe, SurveyItem};
use crate::surveys::components::card::{kind_name, SurveyCard};
use crate::surveys::model::SurveyStatus;
use leptos::prelude::*;

/// How many open items home lists before "all".
const HOME_ITEMS: usize = 3;

/// Home: what is open for the viewer's community now, with the time left and 已参与
/// (the top bar already names the community).
#[component]
pub fn OpenForMeCard(lang: Lang, open: OpenForMe) -> impl IntoView {
    let total = open.items.len();
    let waiting = open.waiting();
    let summary = match (total, waiting) {
        (0, _) => lang.t(Msg::HomeOpenNone).to_string(),
        (_, 0) => lang.t(Msg::HomeOpenAllDone).to_string(),
        (_, n) => lang.fmt(Msg::HomeOpenWaiting, &[("n", &n.to_string())]),
    };
    let items = open
        .items
        .into_iter()
        .take(HOME_ITEMS)
        .map(|i| {
            let href = format!("/surveys/{}", i.id);
            view! { <SurveyCard lang item=i href/> }
        })
        .collect_view();
    let all = match total {
        0 => lang.t(Msg::HomeOpenPast).to_string(),
        n => lang.fmt(Msg::HomeOpenAll, &[("n", &n.to_string())]),
    };
    let class = if waiting > 0 { "card card-accent card-open" } else { "card card-open" };
    view! {
        <section class=class aria-labelledby="open-for-me-h">
            <h2 id="open-for-me-h">{lang.t(Msg::HomeOpenHeading)}</h2>
            <p>{summary}</p>
            {(total > 0).then(|| view! { <ul class="survey-list">{items}</ul> })}
            <p><a href="/surveys">{all}</a></p>
        </section>
    }
}

/// 我的: every survey the resident has taken part in, when it ran and where its
/// results are.
#[component]
pub fn ParticipationHistory(lang: Lang) -> impl IntoView {
    let data = Resource::new(|| (), |_| load_my_participation());
    let body = move || {
        Suspend::new(async move {
            match data.await {
                Ok(Some(items)) => view! { <History lang items/> }.into_any(),
                Ok(None) => ().into_any(),
                Err(e) => {
                    leptos::logging::error!("load_my_participation: {e}");
                    ().into_any()
                }
            }
        })
    };
    view! { <Suspense fallback=|| ()>{body}</Suspense> }
}

#[component]
fn History(lang: Lang, items: Vec<SurveyItem>) -> impl IntoView {
    let empty = items.is_empty();
    let rows = items
        .into_iter()
        .map(|i| {
            let result = match i.status {
                SurveyStatus::Closed => view! {
                    <a href=format!("/surveys/{}/results", i.id)>{lang.t(Msg::MeHistoryResults)}</a>
                }
                .into_any(),
                _ => view! {
                    {deadline(lang, i.closes_at, now())}" · "{lang.t(Msg::MeHistoryPending)}
                }
                .into_any(),
            };
            view! {
                <li class="history-item">
                    <a class="history-title" href=format!("/surveys/{}", i.id)>{i.title.clone()}</a>
                    <span class="survey-card-meta">{format!("{} · {}", lang.t(kind_name(i.kind)), i.area_label)}</span>
                    <span class="survey-card-meta">
                        <time datetime=china_date(i.opens_at)>{span_words(lang, i.opens_at, i.closes_at)}</time>
                    </span>
                    <span class="survey-card-meta">{result}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" id="history" aria-labelledby="history-h">
            <h2 id="history-h">{lang.t(Msg::MeHistoryTitle)}</h2>
            {match empty {
                true => view! {
                    <p>{lang.t(Msg::MeHistoryNone)}" "<a href="/surveys">{lang.t(Msg::MeHistoryFind)}</a></p>
                }.into_any(),
                false => view! { <ul class="history-list">{rows}</ul> }.into_any(),
            }}
        </section>
    }
}
