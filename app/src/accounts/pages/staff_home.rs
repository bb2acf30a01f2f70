//! `/staff`: the member's home: who they are, their area and its communities.
use crate::accounts::api::{load_staff_home, StaffHome};
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::use_lang;
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
    let body = move || {
        Suspend::new(async move {
            outcome(data.await, move |home| view! { <StaffHomeView lang home/> })
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
fn StaffHomeView(lang: Lang, home: StaffHome) -> impl IntoView {
    let StaffHome { me, area_label, groups } = home;
    view! {
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
