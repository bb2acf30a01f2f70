//! A project's public timeline: every step with who (a role and an area, never a
//! private name), when and why.
use crate::core::i18n::{Lang, Msg};
use crate::core::time::china_time;
use crate::projects::model::{Actor, Event};
use leptos::prelude::*;

/// Who did a step, in words.
pub fn actor_words(lang: Lang, actor: &Actor, labels: &dyn Fn(&str) -> String) -> String {
    match actor {
        Actor::Author => lang.t(Msg::ProjectActorAuthor).to_string(),
        Actor::Site => lang.t(Msg::ProjectActorSite).to_string(),
        Actor::Staff { role, area } => lang
            .fmt(Msg::ProjectActorStaff, &[("role", lang.t(role.name())), ("area", &labels(area))]),
    }
}

/// The timeline's events with the actors' words already made (pages get them from
/// their loader, so the area labels are ready).
#[component]
pub fn Timeline(
    lang: Lang,
    events: Vec<Event>,
    tree_labels: Vec<(String, String)>,
) -> impl IntoView {
    let label = move |code: &str| {
        tree_labels
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, l)| l.clone())
            .unwrap_or_else(|| code.to_string())
    };
    let items = events
        .into_iter()
        .map(|e| {
            let who = actor_words(lang, &e.actor, &label);
            let negative = e
                .negative
                .as_ref()
                .map(|n| lang.fmt(Msg::ProjectNegativeNamed, &[("entry", n.label(lang))]));
            view! {
                <li class="timeline-step">
                    <p class="timeline-what"><strong>{lang.t(e.kind.name())}</strong></p>
                    <p class="hint">{china_time(e.at)}" · "{who}</p>
                    {negative.map(|n| view! { <p>{n}</p> })}
                    {e.reason.map(|r| view! { <p class="timeline-why">{r}</p> })}
                </li>
            }
        })
        .collect_view();
    view! { <ol class="timeline">{items}</ol> }
}
