//! `/me/projects` (我的微实事): the resident's own proposals, drafts included, and the
//! projects they supported.
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::use_lang;
use crate::projects::api::{load_my_projects, MyProjects};
use crate::projects::components::card::ProjectCard;
use crate::ui::notices::Banner;
use crate::ui::outcome::outcome;
use crate::ui::title::Title;
use crate::ui::Layout;
use leptos::prelude::*;

#[component]
pub fn MyProjectsPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| load_my_projects());
    let body = move || {
        Suspend::new(async move {
            outcome(data.await, move |mine| {
                match mine {
                Some(mine) => view! { <MineView lang mine/> }.into_any(),
                None => view! {
                    <section class="card">
                        <p>{lang.t(Msg::ProjectMineGuest)}</p>
                        <p><a class="button" href="/signin?next=/me/projects">{lang.t(Msg::SigninTitle)}</a></p>
                    </section>
                }
                .into_any(),
            }
            })
        })
    };
    view! {
        <Title text=format!("{} · {}", lang.t(Msg::ProjectMineTitle), lang.t(Msg::AppName))/>
        <Layout>
            <p class="breadcrumb-back"><a href="/me">{lang.t(Msg::ProjectBackMe)}</a></p>
            <h1 class="page-title">{lang.t(Msg::ProjectMineTitle)}</h1>
            <Banner lang/>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

#[component]
fn MineView(lang: Lang, mine: MyProjects) -> impl IntoView {
    let cards = |items: Vec<crate::projects::api::ProjectItem>| {
        items
            .into_iter()
            .map(|i| {
                let href = format!("/projects/{}", i.id);
                view! { <ProjectCard lang item=i href/> }
            })
            .collect_view()
    };
    let (np, ns) = (mine.proposals.len(), mine.supported.len());
    view! {
        <section class="card" aria-labelledby="mine-h">
            <h2 id="mine-h">{lang.fmt(Msg::ProjectMineProposals, &[("n", &np.to_string())])}</h2>
            {(np == 0).then(|| view! { <p>{lang.t(Msg::ProjectMineNone)}</p> })}
            <ul class="project-list">{cards(mine.proposals)}</ul>
            <p><a class="button" href="/projects/new">{lang.t(Msg::ProjectProposeButton)}</a></p>
        </section>
        <section class="card" aria-labelledby="supported-h">
            <h2 id="supported-h">{lang.fmt(Msg::ProjectMineSupported, &[("n", &ns.to_string())])}</h2>
            {(ns == 0).then(|| view! { <p>{lang.t(Msg::ProjectMineNoSupports)}</p> })}
            <ul class="project-list">{cards(mine.supported)}</ul>
        </section>
    }
}
