//! `/staff/projects/rounds?community=`: a community's budget rounds and, for its
//! committee, the form that sets one up from the projects its council sent to the
//! ballot — everything fixed once saved.
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::use_lang;
use crate::core::time::{china_input, span_words};
use crate::projects::api::{load_staff_rounds, StaffRoundsPage};
use crate::projects::components::card::yuan;
use crate::projects::model::MAX_TITLE;
use crate::projects::pages::round::phase_name;
use crate::ui::notices::{query, Banner};
use crate::ui::outcome::outcome;
use crate::ui::staff::{title, StaffBar};
use crate::ui::title::Title;
use crate::ui::Layout;
use leptos::prelude::*;

#[component]
pub fn StaffRoundsPage() -> impl IntoView {
    let lang = use_lang();
    let community = query("community").unwrap_or_default();
    let data = Resource::new(move || community.clone(), load_staff_rounds);
    let body = move || {
        Suspend::new(
            async move { outcome(data.await, move |page| view! { <RoundsView lang page/> }) },
        )
    };
    view! {
        <Title text=title(lang, Msg::StaffRoundsTitle)/>
        <Layout>
            <h1 class="page-title">{lang.t(Msg::StaffRoundsTitle)}</h1>
            <StaffBar lang/>
            <p class="breadcrumb-back"><a href="/staff/projects">{lang.t(Msg::StaffProjectsBack)}</a></p>
            <Banner lang/>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

#[component]
fn RoundsView(lang: Lang, page: StaffRoundsPage) -> impl IntoView {
    let StaffRoundsPage { community, community_label, candidates, rounds, creates, now } = page;
    let n = rounds.len();
    let listed = rounds
        .into_iter()
        .map(|r| {
            let line =
                format!("{} · {}", yuan(lang, r.budget), span_words(lang, r.opens_at, r.closes_at));
            view! {
                <li>
                    <p><span class="badge">{lang.t(phase_name(r.phase))}</span>" "
                        <a href=format!("/rounds/{}", r.id)>{r.title}</a></p>
                    <p class="hint">{line}</p>
                </li>
            }
        })
        .collect_view();
    let choices = candidates
        .iter()
        .map(|c| {
            let fid = format!("r-{}", c.id);
            view! {
                <li><input type="checkbox" id=fid.clone() name="project" value=c.id.clone() checked=true/>
                    <label for=fid>{c.title.clone()}" · "{yuan(lang, c.cost)}</label></li>
            }
        })
        .collect_view();
    // Default times: from the next hour, for two weeks.
    let opens = now - now.rem_euclid(3600) + 3600;
    let form = (creates && candidates.len() >= 2).then(|| view! {
        <form class="card form" method="post" action="/staff/projects/rounds" aria-labelledby="round-h">
            <h2 id="round-h">{lang.t(Msg::StaffRoundsNew)}</h2>
            <input type="hidden" name="community" value=community.clone()/>
            <div class="form-field">
                <label for="r-title">{lang.t(Msg::StaffRoundsName)}</label>
                <input id="r-title" name="title" required maxlength=MAX_TITLE.to_string()
                    aria-describedby="r-title-hint"/>
                <p class="hint" id="r-title-hint">{lang.t(Msg::StaffRoundsNameHint)}</p>
            </div>
            <div class="form-field">
                <label for="r-budget">{lang.t(Msg::StaffRoundsBudget)}</label>
                <input id="r-budget" name="budget" type="number" inputmode="numeric" min="1" step="1" required/>
            </div>
            <fieldset class="form-field choice-group">
                <legend>{lang.t(Msg::StaffRoundsProjects)}</legend>
                <p class="hint">{lang.t(Msg::StaffRoundsProjectsHint)}</p>
                <ul class="choices">{choices}</ul>
            </fieldset>
            <div class="form-field">
                <label for="r-opens">{lang.t(Msg::StaffRoundsOpens)}</label>
                <input id="r-opens" name="opens" type="datetime-local" required value=china_input(opens)/>
            </div>
            <div class="form-field">
                <label for="r-closes">{lang.t(Msg::StaffRoundsCloses)}</label>
                <input id="r-closes" name="closes" type="datetime-local" required value=china_input(opens + 14 * 86_400)/>
            </div>
            <fieldset class="form-field choice-group">
                <legend>{lang.t(Msg::StaffRoundsBallot)}</legend>
                <ul class="choices">
                    <li><input type="radio" id="r-approval" name="ballot" value="approval" checked=true/>
                        <label for="r-approval">{lang.t(Msg::StaffRoundsApproval)}</label></li>
                    <li><input type="radio" id="r-knapsack" name="ballot" value="knapsack"/>
                        <label for="r-knapsack">{lang.t(Msg::StaffRoundsKnapsack)}</label></li>
                </ul>
            </fieldset>
            <div class="form-field">
                <label for="r-k">{lang.t(Msg::StaffRoundsAtMost)}</label>
                <input id="r-k" name="at_most" type="number" inputmode="numeric" min="1" step="1"/>
            </div>
            <fieldset class="form-field choice-group">
                <legend>{lang.t(Msg::StaffRoundsRule)}</legend>
                <ul class="choices">
                    <li><input type="radio" id="r-mes" name="rule" value="equal_shares" checked=true/>
                        <label for="r-mes">{lang.t(Msg::StaffRoundsEqualShares)}</label></li>
                    <li><input type="radio" id="r-greedy" name="rule" value="greedy"/>
                        <label for="r-greedy">{lang.t(Msg::StaffRoundsGreedy)}</label></li>
                </ul>
            </fieldset>
            <p class="hint">{lang.t(Msg::StaffRoundsFixed)}</p>
            <button type="submit" class="button">{lang.t(Msg::StaffRoundsSave)}</button>
        </form>
    });
    let none = (creates && candidates.len() < 2)
        .then(|| view! { <p class="card hint">{lang.t(Msg::StaffRoundsNone)}</p> });
    view! {
        <p class="lead">{community_label}</p>
        {form}
        {none}
        <section class="card" aria-labelledby="rounds-h">
            <h2 id="rounds-h">{lang.fmt(Msg::StaffRoundsList, &[("n", &n.to_string())])}</h2>
            {(n == 0).then(|| view! { <p>{lang.t(Msg::StaffRoundsNoRounds)}</p> })}
            <ul class="plain-list">{listed}</ul>
        </section>
    }
}
