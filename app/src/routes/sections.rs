//! `/surveys`, `/projects`, `/votes`: the participation sections. Their tools arrive
//! with later issues; until then each says plainly what it will hold.
use crate::components::Layout;
use crate::i18n::Msg;
use crate::prefs::use_lang;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
fn SectionIntro(title: Msg, body: Msg) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=format!("{} · {}", lang.t(title), lang.t(Msg::AppName))/>
        <Layout>
            <h1 class="page-title">{lang.t(title)}</h1>
            <section class="card">
                <p>{lang.t(body)}</p>
                <p><span class="badge">{lang.t(Msg::CommonComingSoon)}</span></p>
            </section>
        </Layout>
    }
}

#[component]
pub fn ProjectsPage() -> impl IntoView {
    view! { <SectionIntro title=Msg::SectionProjectsTitle body=Msg::SectionProjectsBody/> }
}

#[component]
pub fn VotesPage() -> impl IntoView {
    view! { <SectionIntro title=Msg::SectionVotesTitle body=Msg::SectionVotesBody/> }
}
