//! `/signin`: a resident signs in with a phone number and a six-digit code (two plain
//! forms, so it works before wasm loads), or inside WeChat with one tap when the
//! city has an official account. Reached only when a resident acts, never on its own.
use crate::accounts::components::phone_code::{CodeField, PhoneField};
use crate::core::access::{in_wechat, use_auth_options, use_viewer};
use crate::core::i18n::Msg;
use crate::core::prefs::{encode_query, use_lang};
use crate::ui::notices::{query, Banner};
use crate::ui::title::Title;
use crate::ui::Layout;
use leptos::prelude::*;

/// The `next` of the page: a local path, or "/me".
pub fn next_param() -> String {
    query("next")
        .filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\'))
        .unwrap_or_else(|| "/me".into())
}

#[component]
pub fn SigninPage() -> impl IntoView {
    let lang = use_lang();
    let next = next_param();
    let viewer = use_viewer();
    let code_step = query("step").as_deref() == Some("code");
    let wechat = use_auth_options().wechat && in_wechat();
    let wechat_href = format!("/auth/wechat?next={}", encode_query(&next));
    let restart = format!("/signin?next={}", encode_query(&next));
    let signed_in = viewer.resident.clone();
    view! {
        <Title text=format!("{} · {}", lang.t(Msg::SigninTitle), lang.t(Msg::AppName))/>
        <Layout>
            <h1 class="page-title">{lang.t(Msg::SigninTitle)}</h1>
            <Banner lang/>
            {signed_in.as_ref().map(|r| {
                let how = match &r.phone_tail {
                    Some(t) => lang.fmt(Msg::SigninAlreadyPhone, &[("tail", t)]),
                    None => lang.t(Msg::SigninAlreadyWechat).to_string(),
                };
                view! {
                    <section class="card">
                        <p>{how}</p>
                        <p class="hint">{lang.t(Msg::SigninLinkHint)}</p>
                        <p><a class="button button-secondary" href="/me">{lang.t(Msg::SigninGoMe)}</a></p>
                    </section>
                }
            })}
            <section class="card" aria-labelledby="signin-h">
                <h2 id="signin-h">{lang.t(Msg::SigninPhoneTitle)}</h2>
                <p class="hint">{lang.t(Msg::SigninWhy)}</p>
                {if code_step {
                    let sent = crate::accounts::components::link::code_sent(lang);
                    view! {
                        <p role="status">{sent}</p>
                        <form method="post" action="/auth/phone/verify" class="form">
                            <input type="hidden" name="next" value=next.clone()/>
                            <CodeField lang id="code" autofocus=true/>
                            <button type="submit" class="button">{lang.t(Msg::SigninSubmit)}</button>
                        </form>
                        <p><a href=restart.clone()>{lang.t(Msg::SigninRestart)}</a></p>
                    }.into_any()
                } else {
                    view! {
                        <form method="post" action="/auth/phone/send" class="form">
                            <input type="hidden" name="next" value=next.clone()/>
                            <PhoneField lang id="phone" hint=Msg::SigninPhoneHint/>
                            <button type="submit" class="button">{lang.t(Msg::SigninSend)}</button>
                        </form>
                    }.into_any()
                }}
            </section>
            {wechat.then(|| view! {
                <section class="card" aria-labelledby="wechat-h">
                    <h2 id="wechat-h">{lang.t(Msg::SigninWechatTitle)}</h2>
                    <p class="hint">{lang.t(Msg::SigninWechatHint)}</p>
                    <p><a class="button button-secondary" href=wechat_href.clone()>{lang.t(Msg::SigninWechat)}</a></p>
                </section>
            })}
            <p class="hint">
                {lang.t(Msg::SigninPrivacy)}" "<a href="/privacy">{lang.t(Msg::PrivacyLink)}</a>
            </p>
        </Layout>
    }
}
