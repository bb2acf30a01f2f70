//! A council meeting's record: when, how many attended, the minutes and each
//! project's outcome with its reason.
use crate::core::i18n::{Lang, Msg};
use crate::core::time::day_words;
use crate::projects::model::Meeting;
use leptos::prelude::*;

fn outcome_name(outcome: &str) -> Msg {
    match outcome {
        "ballot" => Msg::StaffCouncilBallot,
        "deferred" => Msg::StaffCouncilDeferred,
        _ => Msg::StaffCouncilRejected,
    }
}

#[component]
pub fn MeetingView(lang: Lang, meeting: Meeting) -> impl IntoView {
    let heading = lang.fmt(
        Msg::StaffCouncilPastItem,
        &[("date", &day_words(lang, &meeting.held_on)), ("n", &meeting.attendees.to_string())],
    );
    let outcomes = meeting
        .outcomes
        .into_iter()
        .map(|o| view! {
            <li>
                <a href=format!("/projects/{}", o.project)>{o.title}</a>" · "<strong>{lang.t(outcome_name(&o.outcome))}</strong>
                {o.reason.map(|r| view! { <span class="prose">"："{r}</span> })}
            </li>
        })
        .collect_view();
    view! {
        <article class="meeting">
            <h3>{heading}</h3>
            <p class="prose">{meeting.minutes}</p>
            <ul class="meeting-outcomes">{outcomes}</ul>
        </article>
    }
}
