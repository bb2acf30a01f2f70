//! `/me/data`: everything held about the signed-in resident, as a page they can read on
//! their phone (dates in words, labels in their language), with the JSON download
//! (`/me/export`) beside it, since WeChat's browser often blocks downloads.
use crate::accounts::model::{ResidentData, SessionInfo, TakenPart};
use crate::core::error::AppResult;
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::use_lang;
use crate::core::time::{date_words_at, time_words};
use crate::ui::outcome::outcome;
use crate::ui::title::Title;
use crate::ui::Layout;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MyData {
    pub data: ResidentData,
    /// "东湖区 · 湖滨街道 · 悦园社区".
    pub community_label: Option<String>,
    pub taken: Vec<TakenPart>,
}

/// The signed-in resident's own data; `None` for a guest.
#[server(prefix = "/rpc", endpoint = "my_data")]
pub async fn load_my_data() -> AppResult<Option<MyData>> {
    use crate::accounts::port::AccountPort;
    use crate::core::port::{port, snapshot};
    let Some(me) = crate::core::access::use_viewer().resident else { return Ok(None) };
    let accounts = port::<dyn AccountPort>()?;
    let Some(data) = accounts.resident_data(&me.id).await? else { return Ok(None) };
    let taken = accounts.taken_part(&me.id).await?;
    let snap = snapshot().await?;
    let lang = crate::core::prefs::Prefs::from_request().lang;
    let community_label =
        data.community_code.as_deref().and_then(|c| snap.tree.path_label(c, lang));
    Ok(Some(MyData { data, community_label, taken }))
}

#[component]
pub fn MyDataPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| load_my_data());
    let body = move || {
        Suspend::new(async move {
            outcome(data.await, move |mine| {
                match mine {
                Some(mine) => view! { <Held lang mine/> }.into_any(),
                None => view! {
                    <section class="card" aria-labelledby="guest-h">
                        <h2 id="guest-h">{lang.t(Msg::MeGuestTitle)}</h2>
                        <p><a class="button" href="/signin?next=/me/data">{lang.t(Msg::SigninTitle)}</a></p>
                    </section>
                }
                .into_any(),
            }
            })
        })
    };
    view! {
        <Title text=format!("{} · {}", lang.t(Msg::MydataTitle), lang.t(Msg::AppName))/>
        <Layout>
            <h1 class="page-title">{lang.t(Msg::MydataTitle)}</h1>
            <Suspense fallback=|| ()>{body}</Suspense>
            <p><a href="/me#data">{lang.t(Msg::MydataBack)}</a></p>
        </Layout>
    }
}

#[component]
fn Held(lang: Lang, mine: MyData) -> impl IntoView {
    let MyData { data, community_label, taken } = mine;
    view! {
        <p class="lead">{lang.t(Msg::MydataLead)}</p>
        <p class="data-download">
            <a class="button button-secondary" href="/me/export" download="tongxin-my-data.json" type="application/json">
                {lang.t(Msg::MydataDownload)}
            </a>
        </p>
        <p class="hint">{lang.t(Msg::MydataDownloadHint)}</p>
        <Account lang data=data.clone() community_label/>
        <Sessions lang sessions=data.sessions/>
        <Taken lang taken/>
        <p class="hint">{lang.t(Msg::MydataNotStored)}</p>
    }
}

#[component]
fn Account(lang: Lang, data: ResidentData, community_label: Option<String>) -> impl IntoView {
    let phone = match &data.phone_tail {
        Some(t) => lang.fmt(Msg::MydataPhoneTail, &[("tail", t)]),
        None => lang.t(Msg::MydataNotLinked).to_string(),
    };
    let wechat =
        lang.t(if data.wechat_linked { Msg::MydataWechatLinked } else { Msg::MydataNotLinked });
    let community = community_label.unwrap_or_else(|| lang.t(Msg::MydataNotChosen).to_string());
    let consent = match (&data.consent_version, data.consent_at) {
        (Some(v), Some(at)) => {
            lang.fmt(Msg::MydataConsentAt, &[("date", &date_words_at(lang, at)), ("version", v)])
        }
        _ => lang.t(Msg::MydataConsentNone).to_string(),
    };
    let fact =
        |label: Msg, value: String| view! { <div><dt>{lang.t(label)}</dt><dd>{value}</dd></div> };
    view! {
        <section class="card" aria-labelledby="account-h">
            <h2 id="account-h">{lang.t(Msg::MydataAccount)}</h2>
            <dl class="facts">
                {fact(Msg::MydataCreated, date_words_at(lang, data.created_at))}
                {fact(Msg::MydataPhone, phone)}
                {fact(Msg::MydataWechat, wechat.to_string())}
                {fact(Msg::MydataCommunity, community)}
                {data.community_code.is_some().then(|| fact(Msg::MydataVerification, lang.t(data.verification.name()).to_string()))}
                {data.claim_name.clone().map(|n| fact(Msg::MeVerifyName, n))}
                {data.claim_address.clone().map(|a| fact(Msg::MeVerifyAddress, a))}
                {data.verified_at.map(|t| fact(Msg::MydataVerifiedAt, date_words_at(lang, t)))}
                {fact(Msg::MydataConsent, consent)}
            </dl>
        </section>
    }
}

#[component]
fn Sessions(lang: Lang, sessions: Vec<SessionInfo>) -> impl IntoView {
    let items = sessions
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            view! {
                <li>
                    <h3>{lang.fmt(Msg::MydataSession, &[("n", &(i + 1).to_string())])}</h3>
                    <dl class="facts">
                        <div><dt>{lang.t(Msg::MydataSessionCreated)}</dt><dd>{time_words(lang, s.created_at)}</dd></div>
                        <div><dt>{lang.t(Msg::MydataSessionSeen)}</dt><dd>{time_words(lang, s.last_seen_at)}</dd></div>
                        <div><dt>{lang.t(Msg::MydataSessionExpires)}</dt><dd>{date_words_at(lang, s.expires_at)}</dd></div>
                    </dl>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="sessions-h">
            <h2 id="sessions-h">{lang.t(Msg::MydataSessions)}</h2>
            <p class="hint">{lang.t(Msg::MydataSessionsHint)}</p>
            <ol class="held-list">{items}</ol>
        </section>
    }
}

#[component]
fn Taken(lang: Lang, taken: Vec<TakenPart>) -> impl IntoView {
    let empty = taken.is_empty();
    let items = taken
        .into_iter()
        .map(|t| {
            let answers = match t.answers {
                None => view! { <p class="hint">{lang.t(Msg::MydataAnonymous)}</p> }.into_any(),
                Some(a) if a.is_empty() => {
                    view! { <p>{lang.t(Msg::MydataNoAnswers)}</p> }.into_any()
                }
                Some(a) => {
                    let rows = a
                        .into_iter()
                        .map(|(q, v)| view! { <div><dt>{q}</dt><dd>{v}</dd></div> })
                        .collect_view();
                    view! { <dl class="answers">{rows}</dl> }.into_any()
                }
            };
            view! {
                <li>
                    <h3><a href=t.href>{t.title}</a></h3>
                    {answers}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="taken-h">
            <h2 id="taken-h">{lang.t(Msg::MydataTaken)}</h2>
            {if empty {
                view! { <p>{lang.t(Msg::MydataTakenNone)}</p> }.into_any()
            } else {
                view! { <ul class="held-list">{items}</ul> }.into_any()
            }}
        </section>
    }
}
