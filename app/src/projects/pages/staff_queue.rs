//! `/staff/projects`: the proposals of the member's area, those waiting for review
//! first (oldest first), and a link to the city's lists.
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::use_lang;
use crate::projects::api::{load_staff_projects, StaffProjects};
use crate::projects::components::card::ProjectCard;
use crate::ui::notices::Banner;
use crate::ui::outcome::outcome;
use crate::ui::staff::{title, StaffBar};
use crate::ui::title::Title;
use crate::ui::Layout;
use leptos::prelude::*;

#[component]
pub fn StaffProjectsPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| load_staff_projects());
    let body = move || {
        Suspend::new(
            async move { outcome(data.await, move |page| view! { <QueueView lang page/> }) },
        )
    };
    view! {
        <Title text=title(lang, Msg::StaffProjectsTitle)/>
        <Layout>
            <h1 class="page-title">{lang.t(Msg::StaffProjectsTitle)}</h1>
            <StaffBar lang/>
            <Banner lang/>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

#[component]
fn QueueView(lang: Lang, page: StaffProjects) -> impl IntoView {
    let StaffProjects { waiting, others, reviews, edits_lists } = page;
    let cards = |items: Vec<crate::projects::api::ProjectItem>| {
        items
            .into_iter()
            .map(|i| {
                let href = format!("/staff/projects/{}", i.id);
                view! { <ProjectCard lang item=i href/> }
            })
            .collect_view()
    };
    let (nw, no) = (waiting.len(), others.len());
    view! {
        <section class="card" aria-labelledby="waiting-h">
            <h2 id="waiting-h">{lang.fmt(Msg::StaffProjectsWaiting, &[("n", &nw.to_string())])}</h2>
            {(!reviews).then(|| view! { <p class="hint">{lang.t(Msg::StaffProjectsReadOnly)}</p> })}
            {(nw == 0).then(|| view! { <p>{lang.t(Msg::StaffProjectsNoneWaiting)}</p> })}
            <ul class="project-list">{cards(waiting)}</ul>
        </section>
        <section class="card" aria-labelledby="others-h">
            <h2 id="others-h">{lang.fmt(Msg::StaffProjectsOthers, &[("n", &no.to_string())])}</h2>
            <ul class="project-list">{cards(others)}</ul>
        </section>
        {reviews.then(|| view! { <p><a class="button" href="/staff/projects/council">{lang.t(Msg::StaffCouncilLink)}</a></p> })}
        <p><a href="/staff/projects/lists">{lang.t(if edits_lists { Msg::StaffListsEdit } else { Msg::StaffListsRead })}</a></p>
    }
}
