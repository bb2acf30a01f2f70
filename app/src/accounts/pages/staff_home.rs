//! `/staff`: the member's workspace: what waits for them (residents to verify, open
//! surveys with their response counts, drafts), then who they are and their area's
//! communities.
use crate::accounts::api::{load_staff_home, StaffHome, Waiting};
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::use_lang;
use crate::surveys::api::{load_staff_todo, StaffTodo};
use crate::surveys::components::staff_todo::StaffSurveyTodo;
use crate::ui::notices::Banner;
use crate::ui::outcome::outcome;
use crate::ui::staff::{title, StaffBar};
use crate::ui::title::Title;
use crate::ui::Layout;
use leptos::prelude::*;

#[component]
pub fn StaffHomePage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| load_staff_home());
    let todo = Resource::new(|| (), |_| load_staff_todo());
    let body = move || {
        Suspend::new(async move {
            let (home, todo) = (data.await, todo.await);
            outcome(home.and_then(|h| todo.map(|t| (h, t))), move |(home, todo)| {
                view! { <StaffHomeView lang home todo/> }
            })
        })
    };
    view! {
        <Title text=title(lang, Msg::StaffHomeTitle)/>
        <Layout>
            <h1 class="page-title">{lang.t(Msg::StaffTitle)}</h1>
            <StaffBar lang/>
            <Banner lang/>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

#[component]
fn StaffHomeView(lang: Lang, home: StaffHome, todo: StaffTodo) -> impl IntoView {
    let StaffHome { me, area_label, groups, to_verify } = home;
    view! {
        <section class="card staff-todo" aria-labelledby="todo-h">
            <h2 id="todo-h">{lang.t(Msg::StaffTodoTitle)}</h2>
            <ToVerify lang waiting=to_verify/>
            <StaffSurveyTodo lang todo/>
        </section>
        <section class="card" aria-labelledby="me-h">
            <h2 id="me-h">{me.display_name.clone()}</h2>
            <dl class="facts">
                <div><dt>{lang.t(Msg::StaffRole)}</dt><dd>{lang.t(me.role.name())}</dd></div>
                <div><dt>{lang.t(Msg::StaffArea)}</dt><dd>{area_label}</dd></div>
                <div><dt>{lang.t(Msg::StaffUsername)}</dt><dd><code>{me.username.clone()}</code></dd></div>
            </dl>
            <crate::accounts::pages::me::SignOutForms lang base="/staff"/>
        </section>
        <h2 class="section-title">{lang.t(Msg::StaffResidentsTitle)}</h2>
        {groups
            .into_iter()
            .map(|g| view! {
                <h3 class="group-title">{g.label}</h3>
                <ul class="link-list">
                    {g.communities
                        .into_iter()
                        .map(|c| view! {
                            <li><a href=format!("/staff/residents?community={}", c.code)>
                                <span class="link-main"><span class="link-title">{c.name(lang).to_string()}</span></span>
                            </a></li>
                        })
                        .collect_view()}
                </ul>
            })
            .collect_view()}
    }
}

/// Communities with residents waiting for a verification decision.
#[component]
fn ToVerify(lang: Lang, waiting: Vec<Waiting>) -> impl IntoView {
    view! {
        <h3 class="group-title" id="todo-verify-h">{lang.t(Msg::StaffTodoVerify)}</h3>
        {if waiting.is_empty() {
            view! { <p class="hint">{lang.t(Msg::StaffTodoVerifyNone)}</p> }.into_any()
        } else {
            view! {
                <ul class="link-list" aria-labelledby="todo-verify-h">
                    {waiting
                        .into_iter()
                        .map(|w| view! {
                            <li class="todo-verify" data-community=w.community.clone()>
                                <a href=format!("/staff/residents?community={}", w.community)>
                                    <span class="link-main">
                                        <span class="link-title">{w.label}</span>
                                        <span class="link-meta">{lang.fmt(Msg::StaffTodoVerifyN, &[("count", &w.count.to_string())])}</span>
                                    </span>
                                </a>
                            </li>
                        })
                        .collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
