//! Linking a second way of signing in to the account, on 我的 only and only on the
//! resident's request: a phone number by a code sent to that number, WeChat by
//! WeChat's own sign-in. (Signing in on the sign-in page never links: it signs the
//! previous person out.)
use crate::accounts::components::phone_code::{CodeField, PhoneField};
use crate::core::i18n::{Lang, Msg};
use crate::ui::notices::query;
use leptos::prelude::*;

/// The number to link and, once its code is sent, the code.
/// "验证码已发送至尾号 1234 的手机": the number's last four digits from `?to=`, if they are
/// four digits.
pub fn code_sent(lang: Lang) -> String {
    let tail = query("to").filter(|t| t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()));
    match &tail {
        Some(t) => lang.fmt(Msg::SigninCodeSentTo, &[("to", t)]),
        None => lang.t(Msg::SigninCodeSent).to_string(),
    }
}

#[component]
pub fn LinkPhone(lang: Lang) -> impl IntoView {
    let code_step = query("step").as_deref() == Some("phone_code");
    view! {
        <div class="link-form" id="phone">
            <h3>{lang.t(Msg::MeLinkPhone)}</h3>
            {if code_step {
                let sent = code_sent(lang);
                view! {
                    <p role="status">{sent}</p>
                    <form method="post" action="/me/phone/verify" class="form">
                        <CodeField lang id="link-code"/>
                        <button type="submit" class="button">{lang.t(Msg::MeLinkPhoneConfirm)}</button>
                    </form>
                    <p><a href="/me#phone">{lang.t(Msg::SigninRestart)}</a></p>
                }.into_any()
            } else {
                view! {
                    <form method="post" action="/me/phone/send" class="form">
                        <PhoneField lang id="link-phone" hint=Msg::MeLinkPhoneHint/>
                        <button type="submit" class="button button-secondary">{lang.t(Msg::SigninSend)}</button>
                    </form>
                }.into_any()
            }}
        </div>
    }
}

/// WeChat's sign-in, in link mode (offered inside WeChat only).
#[component]
pub fn LinkWechat(lang: Lang) -> impl IntoView {
    view! {
        <div class="link-form" id="wechat">
            <p class="hint">{lang.t(Msg::MeLinkWechatHint)}</p>
            <a class="button button-secondary" href="/auth/wechat?next=/me&link=1">{lang.t(Msg::MeLinkWechat)}</a>
        </div>
    }
}
