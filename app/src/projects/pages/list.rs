//! `/projects` (the 微实事 tab): my community's projects and others', filtered by
//! community, status and kind, searched by words; a plain GET form that works without
//! scripts.
use super::round::phase_name;
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::use_lang;
use crate::core::time::span_words;
use crate::projects::api::{load_projects, ProjectFilter, ProjectsPage};
use crate::projects::components::card::{yuan, ProjectCard};
use crate::projects::model::{ProjectKind, ProjectStatus};
use crate::ui::notices::{query, Banner};
use crate::ui::outcome::outcome;
use crate::ui::title::Title;
use crate::ui::Layout;
use leptos::prelude::*;

#[component]
pub fn ProjectsPage() -> impl IntoView {
    let lang = use_lang();
    let filter = ProjectFilter {
        community: query("community").unwrap_or_default(),
        status: query("status").unwrap_or_default(),
        kind: query("kind").unwrap_or_default(),
        q: query("q").unwrap_or_default(),
    };
    let data = Resource::new(move || filter.clone(), load_projects);
    let body = move || {
        Suspend::new(
            async move { outcome(data.await, move |page| view! { <ListView lang page/> }) },
        )
    };
    view! {
        <Title text=format!("{} · {}", lang.t(Msg::SectionProjectsTitle), lang.t(Msg::AppName))/>
        <Layout described=true>
            <crate::ui::share::ShareCard title=format!("{} · {}", lang.t(Msg::SectionProjectsTitle), lang.t(Msg::AppCity))
                description=lang.t(Msg::SectionProjectsBody) path="/projects"/>
            <h1 class="page-title">{lang.t(Msg::SectionProjectsTitle)}</h1>
            <p class="lead">{lang.t(Msg::SectionProjectsBody)}</p>
            <Banner lang/>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

#[component]
fn ListView(lang: Lang, page: ProjectsPage) -> impl IntoView {
    let ProjectsPage { items, communities, filter, rules, signed_in, rounds } = page;
    let rounds = (!rounds.is_empty()).then(|| {
        let listed = rounds
            .into_iter()
            .map(|r| {
                let line = format!(
                    "{} · {}",
                    yuan(lang, r.budget),
                    span_words(lang, r.opens_at, r.closes_at)
                );
                view! {
                    <li>
                        <p><span class="badge">{lang.t(phase_name(r.phase))}</span>" "
                            <a href=format!("/rounds/{}", r.id)>{r.title}</a></p>
                        <p class="hint">{line}</p>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="card" aria-labelledby="rounds-h">
                <h2 id="rounds-h">{lang.t(Msg::ProjectRoundOpenRounds)}</h2>
                <ul class="plain-list">{listed}</ul>
            </section>
        }
    });
    let count = items.len();
    let cards = items
        .into_iter()
        .map(|i| {
            let href = format!("/projects/{}", i.id);
            view! { <ProjectCard lang item=i href/> }
        })
        .collect_view();
    let option = |value: String, label: String, current: &str| {
        let selected = value == current;
        view! { <option value=value selected=selected>{label}</option> }
    };
    let community_all = if filter.community.is_empty() { "all" } else { "" };
    let community_options =
        communities.into_iter().map(|c| option(c.code, c.label, &filter.community)).collect_view();
    let status_options = ProjectStatus::ALL
        .into_iter()
        .filter(|s| s.is_public())
        .map(|s| option(s.as_str().into(), lang.t(s.name()).into(), &filter.status))
        .collect_view();
    let kind_options = ProjectKind::ALL
        .into_iter()
        .map(|k| option(k.as_str().into(), lang.t(k.name()).into(), &filter.kind))
        .collect_view();
    let caps = lang.fmt(
        Msg::ProjectCaps,
        &[
            ("service", &yuan(lang, rules.cap_service)),
            ("goods", &yuan(lang, rules.cap_goods)),
            ("works", &yuan(lang, rules.cap_works)),
            ("n", &rules.support_threshold.to_string()),
        ],
    );
    view! {
        {rounds}
        <section class="card" aria-labelledby="propose-h">
            <h2 id="propose-h">{lang.t(Msg::ProjectProposeTitle)}</h2>
            <p>{caps}</p>
            <div class="link-row">
                <a class="button" href="/projects/new">{lang.t(Msg::ProjectProposeButton)}</a>
                {signed_in.then(|| view! { <a class="button button-secondary" href="/me/projects">{lang.t(Msg::ProjectMineTitle)}</a> })}
            </div>
        </section>
        <form class="card form filter-form" method="get" action="/projects" role="search" aria-label=lang.t(Msg::ProjectFilterLabel)>
            <div class="form-field">
                <label for="f-q">{lang.t(Msg::ProjectSearch)}</label>
                <input id="f-q" name="q" type="search" maxlength="40" value=filter.q.clone()/>
            </div>
            <div class="filter-row">
                <div class="form-field">
                    <label for="f-community">{lang.t(Msg::ProjectFilterCommunity)}</label>
                    <select id="f-community" name="community">
                        <option value="all" selected=community_all == "all">{lang.t(Msg::ProjectFilterAll)}</option>
                        {community_options}
                    </select>
                </div>
                <div class="form-field">
                    <label for="f-status">{lang.t(Msg::ProjectFilterStatus)}</label>
                    <select id="f-status" name="status">
                        <option value="">{lang.t(Msg::ProjectFilterAll)}</option>
                        {status_options}
                    </select>
                </div>
                <div class="form-field">
                    <label for="f-kind">{lang.t(Msg::ProjectFilterKind)}</label>
                    <select id="f-kind" name="kind">
                        <option value="">{lang.t(Msg::ProjectFilterAll)}</option>
                        {kind_options}
                    </select>
                </div>
            </div>
            <button type="submit" class="button button-secondary">{lang.t(Msg::ProjectFilterApply)}</button>
        </form>
        <section class="card" aria-labelledby="list-h">
            <h2 id="list-h">{lang.fmt(Msg::ProjectListTitle, &[("n", &count.to_string())])}</h2>
            {(count == 0).then(|| view! { <p>{lang.t(Msg::ProjectListEmpty)}</p> })}
            <ul class="project-list">{cards}</ul>
        </section>
    }
}
