//! `/votes` (议事): a section whose tools are not built yet.
//! Each says plainly what it will hold, so that the bottom navigation never leads
//! nowhere.
use crate::core::i18n::Msg;
use crate::core::prefs::use_lang;
use crate::ui::title::Title;
use crate::ui::Layout;
use leptos::prelude::*;

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
pub fn VotesPage() -> impl IntoView {
    view! { <SectionIntro title=Msg::SectionVotesTitle body=Msg::SectionVotesBody/> }
}
