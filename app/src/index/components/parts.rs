//! Pieces the index pages share: the grade badge (colour and label), the change since
//! the previous period and warning flags.
use crate::core::i18n::{Lang, Msg};
use crate::index::api::RankedArea;
use crate::index::model::{show, Edition, Grade};
use leptos::prelude::*;

/// A score with its grade: colour, and the label in words (never colour alone).
#[component]
pub fn GradeBadge(lang: Lang, score: Option<f64>, #[prop(optional)] large: bool) -> impl IntoView {
    let class = if large { "grade grade-large" } else { "grade" };
    match score {
        Some(s) => {
            let g = Grade::of(s);
            view! {
                <span class=format!("{class} {}", g.class())>
                    <span class="grade-score">{show(s)}</span>
                    <span class="grade-label">{g.name(lang)}</span>
                </span>
            }
            .into_any()
        }
        None => view! { <span class=format!("{class} grade-none")><span class="grade-label">{lang.t(Msg::IndexNoScore)}</span></span> }.into_any(),
    }
}

/// "up 1.2 on the previous day", with an arrow that is decoration only.
#[component]
pub fn Change(lang: Lang, edition: Edition, change: Option<f64>) -> impl IntoView {
    let unit =
        lang.t(if edition == Edition::Daily { Msg::IndexUnitDay } else { Msg::IndexUnitMonth });
    match change {
        Some(c) if c >= 0.05 => view! {
            <span class="change change-up"><span aria-hidden="true">"▲ "</span>{lang.fmt(Msg::IndexChangeUp, &[("points", &show(c)), ("unit", unit)])}</span>
        }.into_any(),
        Some(c) if c <= -0.05 => view! {
            <span class="change change-down"><span aria-hidden="true">"▼ "</span>{lang.fmt(Msg::IndexChangeDown, &[("points", &show(-c)), ("unit", unit)])}</span>
        }.into_any(),
        Some(_) => view! { <span class="change">{lang.fmt(Msg::IndexChangeSame, &[("unit", unit)])}</span> }.into_any(),
        None => view! { <span class="change">{lang.t(Msg::IndexNoChange)}</span> }.into_any(),
    }
}

/// Warning and supervision flags, as words.
#[component]
pub fn Flags(lang: Lang, warning: bool, supervised: bool) -> impl IntoView {
    view! {
        {supervised.then(|| view! { <span class="flag flag-supervised">{lang.t(Msg::IndexSupervised)}</span> })}
        {(warning && !supervised).then(|| view! { <span class="flag flag-warning">{lang.t(Msg::IndexWarning)}</span> })}
    }
}

/// One row of a ranking: rank, name, grade, change and flags, the whole row one link
/// to the area's page (one tap target on a phone).
#[component]
pub fn RankRow(
    lang: Lang,
    edition: Edition,
    item: RankedArea,
    #[prop(optional)] show_parent: bool,
    #[prop(optional, into)] query: String,
) -> impl IntoView {
    let href = format!("/index/area/{}{}", item.code, query);
    view! {
        <li class="rank-row" data-code=item.code.clone()>
            <a class="rank-link" href=href>
                <span class="rank-no" aria-hidden="true">{item.rank.map(|r| r.to_string()).unwrap_or_else(|| "–".into())}</span>
                <span class="rank-main">
                    <span class="rank-name">
                        <span class="visually-hidden">{item.rank.map(|r| lang.fmt(Msg::IndexRank, &[("rank", &r.to_string())]) + " ")}</span>
                        {item.name.clone()}
                    </span>
                    <span class="rank-meta">
                        {(show_parent && !item.parent.is_empty()).then(|| view! { <span class="nowrap">{item.parent.clone()}</span>" · " })}
                        <Change lang edition change=item.change/>
                        " "<Flags lang warning=item.warning supervised=item.supervised/>
                    </span>
                </span>
                <GradeBadge lang score=item.score/>
            </a>
        </li>
    }
}
