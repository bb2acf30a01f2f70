//! `/rounds/:id`: a budget round. While it is open, verified residents of its
//! community vote with a plain form (a checkbox per project) and may change their
//! ballot until it closes; once closed, the result with a reason for every project and
//! what the viewer's ballot paid for.
use crate::core::access::NotEligible;
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::{encode_query, use_lang};
use crate::core::time::span_words;
use crate::projects::api::{load_round, RoundLine, RoundPage, VoteState};
use crate::projects::components::card::yuan;
use crate::projects::model::{BallotKind, Round, TallyRule};
use crate::projects::rules::round::{Phase, Reason};
use crate::ui::notices::Banner;
use crate::ui::outcome::outcome;
use crate::ui::title::Title;
use crate::ui::Layout;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn RoundPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().get_untracked().get("id").unwrap_or_default();
    let data = Resource::new(move || id.clone(), load_round);
    let body = move || {
        Suspend::new(async move {
            outcome(data.await, move |page| {
                let title = format!("{} · {}", page.round.title, lang.t(Msg::AppName));
                view! { <Title text=title/><RoundView lang page/> }
            })
        })
    };
    view! {
        <Layout>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

fn money(lang: Lang, amount: f64) -> String {
    yuan(lang, amount.round() as i64)
}

pub fn phase_name(phase: Phase) -> Msg {
    match phase {
        Phase::Upcoming => Msg::ProjectRoundPhaseUpcoming,
        Phase::Open => Msg::ProjectRoundPhaseOpen,
        Phase::Closed => Msg::ProjectRoundPhaseClosed,
    }
}

/// The ballot type and the counting rule, in words.
fn rules_in_words(lang: Lang, round: &Round) -> (String, String) {
    let kind = match round.kind {
        BallotKind::Approval { at_most: None } => lang.t(Msg::ProjectRoundKindApproval).to_string(),
        BallotKind::Approval { at_most: Some(k) } => {
            lang.fmt(Msg::ProjectRoundKindApprovalK, &[("k", &k.to_string())])
        }
        BallotKind::Knapsack => lang.t(Msg::ProjectRoundKindKnapsack).to_string(),
    };
    let rule = match round.rule {
        TallyRule::Greedy => Msg::ProjectRoundRuleGreedy,
        TallyRule::EqualShares => Msg::ProjectRoundRuleEqualShares,
    };
    (kind, lang.t(rule).to_string())
}

#[component]
fn RoundView(lang: Lang, page: RoundPage) -> impl IntoView {
    let RoundPage { round, community_label, phase, lines, voters, voted, state, spent, share } =
        page;
    let (kind, rule) = rules_in_words(lang, &round);
    let facts = format!(
        "{} · {}",
        lang.fmt(Msg::ProjectRoundBudget, &[("amount", &yuan(lang, round.budget))]),
        community_label
    );
    let span = lang.fmt(
        Msg::ProjectRoundSpan,
        &[("span", &span_words(lang, round.opens_at, round.closes_at))],
    );
    let voters_line = lang.fmt(Msg::ProjectRoundVoters, &[("n", &voters.to_string())]);
    let ballot = match phase {
        Phase::Open => {
            view! { <BallotForm lang round=round.clone() lines=lines.clone() state voted/> }
                .into_any()
        }
        Phase::Upcoming => {
            view! { <p class="hint">{lang.t(Msg::ProjectRoundUpcoming)}</p> }.into_any()
        }
        Phase::Closed => {
            view! { <p class="hint">{lang.t(Msg::ProjectRoundClosedNote)}</p> }.into_any()
        }
    };
    // Those who cannot vote (yet) still read what is on the ballot; a voter reads it in
    // the form, a closed round in its results.
    let listed = (phase != Phase::Closed && state != VoteState::Eligible).then(|| {
        let n = lines.len().to_string();
        let items = lines
            .iter()
            .map(|l| view! {
                <li><a href=format!("/projects/{}", l.id)>{l.title.clone()}</a>" · "{yuan(lang, l.cost)}</li>
            })
            .collect_view();
        view! {
            <section class="card" aria-labelledby="on-ballot-h">
                <h2 id="on-ballot-h">{lang.fmt(Msg::ProjectRoundProjects, &[("n", &n)])}</h2>
                <ul class="plain-list">{items}</ul>
            </section>
        }
    });
    let results = (phase == Phase::Closed).then(|| {
        view! { <Results lang budget=round.budget lines=lines.clone() spent share voted/> }
    });
    view! {
        <p class="breadcrumb-back"><a href="/projects">{lang.t(Msg::ProjectRoundBack)}</a></p>
        <h1 class="page-title">{round.title.clone()}</h1>
        <p class="lead"><span class="badge">{lang.t(phase_name(phase))}</span>" "{facts}</p>
        <Banner lang/>
        <section class="card" aria-labelledby="rules-h">
            <h2 id="rules-h">{lang.t(Msg::ProjectRoundTitle)}</h2>
            <p>{span}</p>
            <p>{kind}</p>
            <p>{rule}</p>
            <p class="hint">{lang.t(Msg::ProjectRoundRuleFixed)}</p>
            <p>{voters_line}</p>
        </section>
        {results}
        {listed}
        <section class="card" aria-labelledby="ballot-h" id="ballot">
            <h2 id="ballot-h">{lang.t(Msg::ProjectRoundBallot)}</h2>
            {ballot}
        </section>
    }
}

/// The ballot while the round is open, or what stands in its way.
#[component]
fn BallotForm(
    lang: Lang,
    round: Round,
    lines: Vec<RoundLine>,
    state: VoteState,
    voted: bool,
) -> impl IntoView {
    let here = format!("/rounds/{}", round.id);
    let next = encode_query(&format!("{here}#ballot"));
    let blocked = |msg: Msg, href: String, link: Msg| {
        view! {
            <p>{lang.t(msg)}</p>
            <p><a class="button button-secondary" href=href>{lang.t(link)}</a></p>
        }
        .into_any()
    };
    match state {
        VoteState::Guest => {
            blocked(Msg::ProjectRoundGuest, format!("/signin?next={next}"), Msg::SigninTitle)
        }
        VoteState::NotEligible(NotEligible::Consent) => {
            blocked(Msg::ProjectRoundConsent, format!("/me/consent?next={next}"), Msg::ConsentTitle)
        }
        VoteState::NotEligible(NotEligible::Community) => blocked(
            Msg::ProjectRoundCommunity,
            format!("/me?next={next}#community"),
            Msg::SurveyChooseCommunity,
        ),
        VoteState::NotEligible(NotEligible::Verification) => blocked(
            Msg::ProjectRoundVerify,
            format!("/me?next={next}#community"),
            Msg::ProjectVerifyLink,
        ),
        VoteState::NotEligible(NotEligible::OutsideArea) => {
            view! { <p class="hint">{lang.t(Msg::ProjectRoundOutside)}</p> }.into_any()
        }
        VoteState::Eligible => {
            let choices = lines
                .into_iter()
                .map(|l| {
                    let fid = format!("p-{}", l.id);
                    let href = format!("/projects/{}", l.id);
                    view! {
                        <li>
                            <input type="checkbox" id=fid.clone() name="project" value=l.id.clone() checked=l.chosen/>
                            <label for=fid>{l.title}" · "{yuan(lang, l.cost)}</label>
                            " "<a href=href>{lang.t(Msg::ProjectAbout)}</a>
                        </li>
                    }
                })
                .collect_view();
            let button = if voted { Msg::ProjectRoundChange } else { Msg::ProjectRoundSend };
            view! {
                {voted.then(|| view! { <p class="badge badge-done">{lang.t(Msg::ProjectRoundVoted)}</p> })}
                <form method="post" action=format!("{here}/ballot")>
                    <fieldset class="form-field choice-group">
                        <legend>{lang.t(Msg::ProjectRoundChoose)}</legend>
                        <ul class="choices">{choices}</ul>
                    </fieldset>
                    <button type="submit" class="button">{lang.t(button)}</button>
                </form>
            }
            .into_any()
        }
    }
}

/// A closed round's result: every project with its votes and why it was or was not
/// funded, and what the viewer's ballot did.
#[component]
fn Results(
    lang: Lang,
    budget: i64,
    lines: Vec<RoundLine>,
    spent: Option<f64>,
    share: Option<f64>,
    voted: bool,
) -> impl IntoView {
    let spent_line = lang.fmt(
        Msg::ProjectRoundSpent,
        &[("spent", &money(lang, spent.unwrap_or(0.0))), ("budget", &yuan(lang, budget))],
    );
    let share_line = share.map(|s| lang.fmt(Msg::ProjectRoundShare, &[("share", &money(lang, s))]));
    let mine = voted.then(|| {
        let paid: Vec<String> = lines
            .iter()
            .filter_map(|l| {
                l.my_part.map(|a| {
                    lang.fmt(Msg::ProjectRoundMinePaid, &[("project", &l.title), ("amount", &money(lang, a))])
                })
            })
            .collect();
        let chosen_funded =
            lines.iter().filter(|l| l.chosen && l.reason == Some(Reason::Funded)).count();
        let said = if share.is_some() && !paid.is_empty() {
            paid
        } else if chosen_funded > 0 {
            vec![lang.fmt(Msg::ProjectRoundMineChosen, &[("n", &chosen_funded.to_string())])]
        } else {
            vec![lang.t(Msg::ProjectRoundMineNothing).to_string()]
        };
        view! {
            <h3>{lang.t(Msg::ProjectRoundMine)}</h3>
            <ul class="plain-list">{said.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
        }
    });
    let rows = lines
        .into_iter()
        .map(|l| {
            let funded = l.reason == Some(Reason::Funded);
            let why = match l.reason {
                Some(Reason::NoVotes) => Some(lang.t(Msg::ProjectRoundNoVotes).to_string()),
                Some(Reason::DidNotFit { left }) => {
                    Some(lang.fmt(Msg::ProjectRoundDidNotFit, &[("left", &money(lang, left))]))
                }
                Some(Reason::SupportersShort { had }) => {
                    Some(lang.fmt(Msg::ProjectRoundShort, &[("had", &money(lang, had))]))
                }
                _ => None,
            };
            let badge = if funded { Msg::ProjectRoundFunded } else { Msg::ProjectRoundNotFunded };
            let votes = lang.fmt(Msg::ProjectRoundVotes, &[("n", &l.votes.unwrap_or(0).to_string())]);
            view! {
                <li class="round-result">
                    <p>
                        <span class=if funded { "badge badge-done" } else { "badge" }>{lang.t(badge)}</span>
                        " "<a href=format!("/projects/{}", l.id)>{l.title}</a>
                    </p>
                    <p class="hint">{yuan(lang, l.cost)}" · "{votes}
                        {l.chosen.then(|| view! { " · "{lang.t(Msg::ProjectRoundOnBallot)} })}</p>
                    {why.map(|w| view! { <p class="hint">{w}</p> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="results-h">
            <h2 id="results-h">{lang.t(Msg::ProjectRoundResults)}</h2>
            <p>{spent_line}</p>
            {share_line.map(|s| view! { <p class="hint">{s}</p> })}
            <ol class="plain-list">{rows}</ol>
            {mine}
        </section>
    }
}
