//! The two fields of signing in by phone, shared by the sign-in page, the survey's
//! confirmation step and linking a number on 我的: the number (with what we keep of
//! it) and the six-digit code (with where it went).
use crate::core::i18n::{Lang, Msg};
use leptos::prelude::*;

/// The phone number, with `hint` under it.
#[component]
pub fn PhoneField(lang: Lang, id: &'static str, hint: Msg) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    view! {
        <div class="form-field">
            <label for=id>{lang.t(Msg::SigninPhoneLabel)}</label>
            <input id=id name="phone" type="tel" inputmode="tel" autocomplete="tel-national"
                maxlength="20" required aria-describedby=hint_id.clone()/>
            <p class="hint" id=hint_id>{lang.t(hint)}</p>
        </div>
    }
}

/// The code from the text message; `autofocus` where it is the page's one task.
#[component]
pub fn CodeField(lang: Lang, id: &'static str, #[prop(optional)] autofocus: bool) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    view! {
        <div class="form-field">
            <label for=id>{lang.t(Msg::SigninCodeLabel)}</label>
            <input id=id name="code" type="text" inputmode="numeric" autocomplete="one-time-code"
                pattern="[0-9]{6}" maxlength="6" required autofocus=autofocus
                aria-describedby=hint_id.clone()/>
            <p class="hint" id=hint_id>{lang.t(Msg::SigninCodeHint)}</p>
        </div>
    }
}
