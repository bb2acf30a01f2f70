//! HTTP status from inside a page, and the 404 and error views in both languages.
pub use crate::core::error::set_status;
use crate::core::i18n::Msg;
use crate::core::prefs::use_lang;
use crate::ui::title::Title;
use leptos::prelude::*;

#[component]
pub fn NotFoundView(#[prop(optional, into)] detail: Option<String>) -> impl IntoView {
    set_status(404);
    let lang = use_lang();
    view! {
        <Title text=lang.t(Msg::ErrorNotFoundTitle)/>
        <section class="card status-card" aria-labelledby="status-title">
            <p class="status-code" aria-hidden="true">"404"</p>
            <h1 id="status-title">{lang.t(Msg::ErrorNotFoundTitle)}</h1>
            <p>{detail.unwrap_or_else(|| lang.t(Msg::ErrorNotFoundBody).to_string())}</p>
            <p><a class="button" href="/">{lang.t(Msg::ErrorBackHome)}</a></p>
        </section>
    }
}

#[component]
pub fn ErrorView() -> impl IntoView {
    set_status(500);
    let lang = use_lang();
    view! {
        <Title text=lang.t(Msg::ErrorServerTitle)/>
        <section class="card status-card" role="alert" aria-labelledby="status-title">
            <p class="status-code" aria-hidden="true">"500"</p>
            <h1 id="status-title">{lang.t(Msg::ErrorServerTitle)}</h1>
            <p>{lang.t(Msg::ErrorServerBody)}</p>
            <p><a class="button" href="/">{lang.t(Msg::ErrorBackHome)}</a></p>
        </section>
    }
}
