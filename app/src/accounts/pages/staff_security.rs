//! `/staff/security`: a staff member's own password and second factor (TOTP). A
//! password an administrator set is changed here first; the city administrator turns
//! the second factor on here before anything else.
use crate::accounts::api::load_staff_security;
use crate::accounts::model::StaffSecurity;
use crate::core::access::StaffSetup;
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::use_lang;
use crate::ui::notices::Banner;
use crate::ui::outcome::outcome;
use crate::ui::staff::{title, StaffBar};
use crate::ui::title::Title;
use crate::ui::Layout;
use leptos::prelude::*;

#[component]
pub fn StaffSecurityPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| load_staff_security());
    let body = move || {
        Suspend::new(async move { outcome(data.await, move |s| view! { <SecurityView lang s/> }) })
    };
    view! {
        <Title text=title(lang, Msg::StaffSecurityTitle)/>
        <Layout>
            <h1 class="page-title">{lang.t(Msg::StaffSecurityTitle)}</h1>
            <Banner lang/>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

#[component]
fn SecurityView(lang: Lang, s: StaffSecurity) -> impl IntoView {
    let first = match s.setup {
        StaffSetup::Ready => None,
        StaffSetup::ChangePassword => Some(Msg::StaffSecurityMustChange),
        StaffSetup::EnrolTotp => Some(Msg::StaffSecurityMustTotp),
    };
    view! {
        {match first {
            Some(m) => view! { <p class="alert alert-error" role="alert">{lang.t(m)}</p> }.into_any(),
            None => view! { <StaffBar lang/> }.into_any(),
        }}
        <section class="card" id="password" aria-labelledby="password-h">
            <h2 id="password-h">{lang.t(Msg::StaffPasswordH)}</h2>
            <form method="post" action="/staff/security/password" class="form">
                <div class="form-field">
                    <label for="current">{lang.t(Msg::StaffPasswordCurrent)}</label>
                    <input id="current" name="current" type="password" autocomplete="current-password" maxlength="200" required/>
                </div>
                <div class="form-field">
                    <label for="new">{lang.t(Msg::StaffPasswordNew)}</label>
                    <input id="new" name="new" type="password" autocomplete="new-password" minlength="10" maxlength="200" required/>
                </div>
                <div class="form-field">
                    <label for="repeat">{lang.t(Msg::StaffPasswordRepeat)}</label>
                    <input id="repeat" name="repeat" type="password" autocomplete="new-password" minlength="10" maxlength="200" required/>
                </div>
                <p class="hint">{lang.t(Msg::StaffPasswordHint)}</p>
                <button type="submit" class="button">{lang.t(Msg::StaffPasswordSave)}</button>
            </form>
        </section>
        <section class="card" id="totp" aria-labelledby="totp-h">
            <h2 id="totp-h">{lang.t(Msg::StaffTotpH)}</h2>
            <Totp lang s/>
        </section>
    }
}

#[component]
fn Totp(lang: Lang, s: StaffSecurity) -> impl IntoView {
    if s.totp_on {
        return view! {
            <p>{lang.t(Msg::StaffTotpOn)}</p>
            {(!s.totp_required).then(|| view! {
                <form method="post" action="/staff/security/totp/off" class="form">
                    <div class="form-field">
                        <label for="off-password">{lang.t(Msg::StaffPasswordCurrent)}</label>
                        <input id="off-password" name="password" type="password" autocomplete="current-password" maxlength="200" required/>
                    </div>
                    <p class="hint">{lang.t(Msg::StaffTotpDisableHint)}</p>
                    <button type="submit" class="button button-secondary">{lang.t(Msg::StaffTotpDisable)}</button>
                </form>
            })}
        }
        .into_any();
    }
    match s.pending_key {
        Some(key) => {
            // Groups of four, as authenticator apps print keys.
            let grouped = key
                .as_bytes()
                .chunks(4)
                .map(|c| String::from_utf8_lossy(c).to_string())
                .collect::<Vec<_>>()
                .join(" ");
            view! {
                <p>{lang.t(Msg::StaffTotpScan)}</p>
                <img class="totp-qr" src="/staff/security/totp.svg" width="240" height="240" alt=lang.t(Msg::StaffTotpQrAlt)/>
                <p>{lang.t(Msg::StaffTotpSecret)}": "<code class="totp-key" data-key=key.clone()>{grouped}</code></p>
                <form method="post" action="/staff/security/totp/confirm" class="form">
                    <div class="form-field">
                        <label for="totp-code">{lang.t(Msg::StaffTotpCode)}</label>
                        <input id="totp-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code"
                            pattern="[0-9]{6}" maxlength="6" required/>
                    </div>
                    <button type="submit" class="button">{lang.t(Msg::StaffTotpConfirm)}</button>
                </form>
            }
            .into_any()
        }
        None => view! {
            <p>{lang.t(Msg::StaffTotpOffLead)}</p>
            <form method="post" action="/staff/security/totp/start" class="form">
                <button type="submit" class="button">{lang.t(Msg::StaffTotpStart)}</button>
            </form>
        }
        .into_any(),
    }
}
