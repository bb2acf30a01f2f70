//! The staff home's survey to-dos: open surveys of the member's area with their
//! response counts (those closing soon marked), and drafts waiting to be published.
use crate::core::i18n::{Lang, Msg};
use crate::surveys::api::StaffTodo;
use crate::surveys::components::card::SurveyCard;
use leptos::prelude::*;

#[component]
pub fn StaffSurveyTodo(lang: Lang, todo: StaffTodo) -> impl IntoView {
    let StaffTodo { open, drafts } = todo;
    let cards = |items: Vec<crate::surveys::api::SurveyItem>| {
        items
            .into_iter()
            .map(|i| {
                let href = format!("/staff/surveys/{}", i.id);
                view! { <SurveyCard lang item=i href staff=true/> }
            })
            .collect_view()
    };
    view! {
        <h3 class="group-title" id="todo-open-h">{lang.t(Msg::StaffTodoOpen)}</h3>
        {if open.is_empty() {
            view! { <p class="hint">{lang.t(Msg::StaffTodoOpenNone)}</p> }.into_any()
        } else {
            view! { <ul class="survey-list" aria-labelledby="todo-open-h">{cards(open)}</ul> }.into_any()
        }}
        {(!drafts.is_empty()).then(|| view! {
            <h3 class="group-title" id="todo-drafts-h">{lang.t(Msg::StaffTodoDrafts)}</h3>
            <ul class="survey-list" aria-labelledby="todo-drafts-h">{cards(drafts)}</ul>
        })}
    }
}
