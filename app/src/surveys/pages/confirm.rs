//! `/surveys/:id/confirm`: the second and last screen of a guest's submission. The
//! answers are kept; the number and its code are asked on this one page (the code
//! field appears once the code is sent), the consent is one sentence by the button and
//! the community comes from the share link. Success lands on the thanks page. Plain
//! forms: the same without scripts.
use crate::accounts::components::community_select::CommunitySelect;
use crate::accounts::components::link::code_sent;
use crate::accounts::components::phone_code::{CodeField, PhoneField};
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::use_lang;
use crate::surveys::api::{load_confirm, ConfirmPage};
use crate::ui::notices::{query, Banner};
use crate::ui::outcome::found;
use crate::ui::title::Title;
use crate::ui::Layout;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn SurveyConfirmPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().get_untracked().get("id").unwrap_or_default();
    let (via, community) = (query("via"), query("community"));
    let data = Resource::new(
        move || (),
        move |_| load_confirm(id.clone(), via.clone(), community.clone()),
    );
    let body = move || {
        Suspend::new(async move {
            found(data.await, None, move |page| view! { <ConfirmView lang page/> })
        })
    };
    view! {
        <Title text=format!("{} · {}", lang.t(Msg::SurveyConfirmSubmit), lang.t(Msg::AppName))/>
        <Layout>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

#[component]
fn ConfirmView(lang: Lang, page: ConfirmPage) -> impl IntoView {
    let ConfirmPage { id, title, kept, signed_in, open, via, groups, selected } = page;
    let via_code = via.map(|v| v.code).unwrap_or_default();
    let survey_url = match via_code.is_empty() {
        true => format!("/surveys/{id}"),
        false => format!("/surveys/{id}?via={via_code}"),
    };
    let back = view! { <p><a class="button button-secondary" href=survey_url.clone()>{lang.t(Msg::SurveyConfirmBack)}</a></p> };
    let eyebrow =
        view! { <p class="eyebrow">{lang.fmt(Msg::SurveyConfirmSurvey, &[("title", &title)])}</p> };
    // Nothing to submit here: say why and go back.
    let stop = if !open {
        Some(lang.t(Msg::SurveyClosedNow))
    } else if signed_in {
        Some(lang.t(Msg::SurveyConfirmSignedIn))
    } else if !kept {
        Some(lang.t(Msg::SurveyConfirmLost))
    } else {
        None
    };
    if let Some(why) = stop {
        return view! {
            {eyebrow}
            <h1 class="page-title">{why}</h1>
            {back}
        }
        .into_any();
    }
    let code_step = query("step").as_deref() == Some("code");
    let restart = format!(
        "/surveys/{id}/confirm?via={via_code}&community={}",
        selected.clone().unwrap_or_default()
    );
    let community = view! {
        <CommunitySelect lang groups selected label=lang.t(Msg::SurveyConfirmCommunity).to_string()
            hint=lang.t(Msg::SurveyConfirmCommunityHint).to_string()/>
    };
    let consent = move || {
        view! {
            <p class="hint">{lang.t(Msg::SurveyConfirmConsent)}<a href="/privacy">{lang.t(Msg::SurveyConfirmConsentLink)}</a></p>
        }
    };
    let form = if code_step {
        view! {
            <form method="post" action=format!("/surveys/{id}/confirm") class="form" id="code">
                <input type="hidden" name="via" value=via_code.clone()/>
                <p role="status">{code_sent(lang)}" "<a href=restart>{lang.t(Msg::SurveyConfirmOtherNumber)}</a></p>
                <CodeField lang id="code-input" autofocus=true/>
                {community}
                {consent()}
                <button type="submit" class="button button-block">{lang.t(Msg::SurveyConfirmSubmit)}</button>
            </form>
        }
        .into_any()
    } else {
        view! {
            <form method="post" action=format!("/surveys/{id}/confirm/send") class="form">
                <input type="hidden" name="via" value=via_code.clone()/>
                <PhoneField lang id="phone" hint=Msg::SigninPhoneHint/>
                {community}
                {consent()}
                <button type="submit" class="button button-block">{lang.t(Msg::SigninSend)}</button>
            </form>
        }
        .into_any()
    };
    view! {
        {eyebrow}
        <h1 class="page-title">{lang.t(Msg::SurveyConfirmTitle)}</h1>
        <Banner lang/>
        <section class="card" aria-labelledby="verify-h">
            <h2 id="verify-h" class="visually-hidden">{lang.t(Msg::SigninPhoneTitle)}</h2>
            {form}
        </section>
        <p><a href=survey_url>{lang.t(Msg::SurveyConfirmBack)}</a></p>
    }
    .into_any()
}
