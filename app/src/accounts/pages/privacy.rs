//! The consent notice (PIPL): what is kept, why, for how long, and the resident's
//! rights. `/privacy` shows it to anyone; `/me/consent` asks a signed-in resident to
//! accept it before their first participation.
use crate::accounts::pages::signin::next_param;
use crate::core::access::{use_viewer, CONSENT_VERSION};
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::use_lang;
use crate::ui::notices::Banner;
use crate::ui::title::Title;
use crate::ui::Layout;
use leptos::prelude::*;

/// The notice itself: four plain sections.
#[component]
pub fn PrivacyNotice(lang: Lang) -> impl IntoView {
    let sections = [
        (
            Msg::PrivacyWhatTitle,
            [Msg::PrivacyWhat1, Msg::PrivacyWhat2, Msg::PrivacyWhat3, Msg::PrivacyWhat4],
        ),
        (
            Msg::PrivacyWhyTitle,
            [Msg::PrivacyWhy1, Msg::PrivacyWhy2, Msg::PrivacyWhy3, Msg::PrivacyWhy4],
        ),
        (
            Msg::PrivacyKeepTitle,
            [Msg::PrivacyKeep1, Msg::PrivacyKeep2, Msg::PrivacyKeep3, Msg::PrivacyKeep4],
        ),
        (
            Msg::PrivacyRightsTitle,
            [Msg::PrivacyRights1, Msg::PrivacyRights2, Msg::PrivacyRights3, Msg::PrivacyRights4],
        ),
    ];
    view! {
        <div class="notice-text">
            {sections
                .into_iter()
                .map(|(title, items)| view! {
                    <h2>{lang.t(title)}</h2>
                    <ul>{items.into_iter().map(|m| view! { <li>{lang.t(m)}</li> }).collect_view()}</ul>
                })
                .collect_view()}
            <p class="hint">{lang.fmt(Msg::PrivacyVersion, &[("version", CONSENT_VERSION)])}</p>
        </div>
    }
}

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=format!("{} · {}", lang.t(Msg::PrivacyTitle), lang.t(Msg::AppName))/>
        <Layout>
            <h1 class="page-title">{lang.t(Msg::PrivacyTitle)}</h1>
            <section class="card"><PrivacyNotice lang/></section>
        </Layout>
    }
}

#[component]
pub fn ConsentPage() -> impl IntoView {
    let lang = use_lang();
    let next = next_param();
    let resident = use_viewer().resident;
    view! {
        <Title text=format!("{} · {}", lang.t(Msg::ConsentTitle), lang.t(Msg::AppName))/>
        <Layout>
            <h1 class="page-title">{lang.t(Msg::ConsentTitle)}</h1>
            <Banner lang/>
            {match resident {
                None => view! {
                    <section class="card">
                        <p>{lang.t(Msg::AuthSignInRequired)}</p>
                        <p><a class="button" href="/signin?next=/me/consent">{lang.t(Msg::SigninTitle)}</a></p>
                    </section>
                }.into_any(),
                Some(r) => view! {
                    <p class="lead">{lang.t(Msg::ConsentLead)}</p>
                    <section class="card"><PrivacyNotice lang/></section>
                    {r.consented.then(|| view! { <p class="alert alert-ok" role="status">{lang.t(Msg::ConsentAlready)}</p> })}
                    <form method="post" action="/me/consent" class="form">
                        <input type="hidden" name="next" value=next.clone()/>
                        <input type="hidden" name="accept" value="yes"/>
                        <button type="submit" class="button">{lang.t(Msg::ConsentAccept)}</button>
                    </form>
                    <form method="post" action="/auth/signout" class="form">
                        <button type="submit" class="button button-secondary">{lang.t(Msg::ConsentDecline)}</button>
                    </form>
                }.into_any(),
            }}
        </Layout>
    }
}
