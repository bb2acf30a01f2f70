//! `/staff/projects/council?community=`: the residents' council of a community — the
//! projects on its agenda, the form its committee records a meeting with (an outcome
//! for each project), and past meetings.
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::use_lang;
use crate::projects::api::{load_council, CouncilPage};
use crate::projects::components::card::ProjectCard;
use crate::projects::components::council::MeetingView;
use crate::projects::model::MAX_REASON;
use crate::projects::rules::council::MAX_MINUTES;
use crate::ui::notices::{query, Banner};
use crate::ui::outcome::outcome;
use crate::ui::staff::{title, StaffBar};
use crate::ui::title::Title;
use crate::ui::Layout;
use leptos::prelude::*;

#[component]
pub fn StaffCouncilPage() -> impl IntoView {
    let lang = use_lang();
    let community = query("community").unwrap_or_default();
    let data = Resource::new(move || community.clone(), load_council);
    let body = move || {
        Suspend::new(
            async move { outcome(data.await, move |page| view! { <CouncilView lang page/> }) },
        )
    };
    view! {
        <Title text=title(lang, Msg::StaffCouncilTitle)/>
        <Layout>
            <h1 class="page-title">{lang.t(Msg::StaffCouncilTitle)}</h1>
            <StaffBar lang/>
            <p class="breadcrumb-back"><a href="/staff/projects">{lang.t(Msg::StaffProjectsBack)}</a></p>
            <Banner lang/>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

#[component]
fn CouncilView(lang: Lang, page: CouncilPage) -> impl IntoView {
    let CouncilPage { community, community_label, agenda, meetings, records, today } = page;
    let n = agenda.len();
    let agenda_fields = agenda
        .iter()
        .map(|p| view! { <input type="hidden" name="agenda" value=format!("{}:{}", p.id, p.status.as_str())/> })
        .collect_view();
    let outcomes = agenda
        .iter()
        .map(|p| {
            let id = p.id.clone();
            let choice = |value: &'static str, msg: Msg| {
                let fid = format!("o-{value}-{id}");
                view! {
                    <li><input type="radio" id=fid.clone() name=format!("outcome-{id}") value=value required/>
                        <label for=fid>{lang.t(msg)}</label></li>
                }
            };
            let rid = format!("reason-{id}");
            view! {
                <fieldset class="form-field choice-group council-outcome">
                    <legend>{p.title.clone()}</legend>
                    <ul class="choices">
                        {choice("ballot", Msg::StaffCouncilBallot)}
                        {choice("deferred", Msg::StaffCouncilDeferred)}
                        {choice("rejected", Msg::StaffCouncilRejected)}
                    </ul>
                    <label for=rid.clone()>{lang.t(Msg::StaffCouncilReason)}</label>
                    <textarea id=rid.clone() name=rid rows="2" maxlength=MAX_REASON.to_string()></textarea>
                </fieldset>
            }
        })
        .collect_view();
    let cards = agenda
        .into_iter()
        .map(|i| {
            let href = format!("/staff/projects/{}", i.id);
            view! { <ProjectCard lang item=i href/> }
        })
        .collect_view();
    let form = (records && n > 0).then(|| view! {
        <form class="card form" method="post" action="/staff/projects/council" aria-labelledby="record-h">
            <h2 id="record-h">{lang.t(Msg::StaffCouncilLink)}</h2>
            <input type="hidden" name="community" value=community.clone()/>
            {agenda_fields}
            <div class="form-field">
                <label for="c-date">{lang.t(Msg::StaffCouncilHeldOn)}</label>
                <input id="c-date" name="held_on" type="date" required max=today.clone() value=today.clone()/>
            </div>
            <div class="form-field">
                <label for="c-attendees">{lang.t(Msg::StaffCouncilAttendees)}</label>
                <input id="c-attendees" name="attendees" type="number" inputmode="numeric" min="1" step="1" required/>
            </div>
            <div class="form-field">
                <label for="c-minutes">{lang.t(Msg::StaffCouncilMinutes)}</label>
                <textarea id="c-minutes" name="minutes" rows="5" required maxlength=MAX_MINUTES.to_string()
                    aria-describedby="c-minutes-hint"></textarea>
                <p class="hint" id="c-minutes-hint">{lang.t(Msg::StaffCouncilMinutesHint)}</p>
            </div>
            <h3>{lang.t(Msg::StaffCouncilOutcome)}</h3>
            {outcomes}
            <button type="submit" class="button">{lang.t(Msg::StaffCouncilSave)}</button>
        </form>
    });
    let past = meetings.len();
    view! {
        <p class="lead">{community_label}</p>
        <section class="card" aria-labelledby="agenda-h">
            <h2 id="agenda-h">{lang.fmt(Msg::StaffCouncilAgenda, &[("n", &n.to_string())])}</h2>
            {(n == 0).then(|| view! { <p>{lang.t(Msg::StaffCouncilNone)}</p> })}
            <ul class="project-list">{cards}</ul>
        </section>
        {form}
        <p><a class="button button-secondary" href=format!("/staff/projects/rounds?community={community}")>{lang.t(Msg::StaffRoundsLink)}</a></p>
        <section class="card" aria-labelledby="past-h">
            <h2 id="past-h">{lang.fmt(Msg::StaffCouncilPast, &[("n", &past.to_string())])}</h2>
            {meetings.into_iter().map(|m| view! { <MeetingView lang meeting=m/> }).collect_view()}
        </section>
    }
}
