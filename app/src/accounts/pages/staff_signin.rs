//! `/staff/signin`: staff sign in with their username and password.
use crate::core::access::use_viewer;
use crate::core::i18n::Msg;
use crate::core::prefs::use_lang;
use crate::ui::notices::{query, Banner};
use crate::ui::staff::title;
use crate::ui::title::Title;
use crate::ui::Layout;
use leptos::prelude::*;

#[component]
pub fn StaffSigninPage() -> impl IntoView {
    let lang = use_lang();
    let next = query("next").filter(|n| n.starts_with("/staff")).unwrap_or_else(|| "/staff".into());
    let signed_in = use_viewer().staff;
    view! {
        <Title text=title(lang, Msg::StaffSigninTitle)/>
        <Layout>
            <h1 class="page-title">{lang.t(Msg::StaffSigninTitle)}</h1>
            <Banner lang/>
            {signed_in.map(|s| view! {
                <p class="alert alert-ok" role="status">
                    {lang.fmt(Msg::StaffSignedInAs, &[("name", &s.display_name)])}" "<a href="/staff">{lang.t(Msg::StaffHomeTitle)}</a>
                </p>
            })}
            <section class="card">
                <form method="post" action="/staff/signin" class="form">
                    <input type="hidden" name="next" value=next/>
                    <div class="form-field">
                        <label for="username">{lang.t(Msg::StaffUsername)}</label>
                        <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none"
                            spellcheck="false" maxlength="32" required/>
                    </div>
                    <div class="form-field">
                        <label for="password">{lang.t(Msg::StaffPassword)}</label>
                        <input id="password" name="password" type="password" autocomplete="current-password" maxlength="200" required/>
                    </div>
                    <div class="form-field">
                        <label for="totp">{lang.t(Msg::StaffTotpLabel)}</label>
                        <input id="totp" name="totp" type="text" inputmode="numeric" autocomplete="one-time-code"
                            pattern="[0-9 ]{6,7}" maxlength="7"/>
                    </div>
                    <button type="submit" class="button">{lang.t(Msg::StaffSignIn)}</button>
                </form>
                <p class="hint">{lang.t(Msg::StaffSigninHint)}</p>
            </section>
        </Layout>
    }
}
