//! `/me` (我的): for a guest, the way in and the settings that need no account; for a
//! signed-in resident, their account, home community and verification, their data
//! (shown, exported, deleted) and sign-out. Every action is a plain form post.
use crate::accounts::api::{load_me, MeData};
use crate::accounts::components::community_select::CommunitySelect;
use crate::accounts::components::link::{LinkPhone, LinkWechat};
use crate::areas::api::load_site_info;
use crate::core::access::{in_wechat, use_auth_options, Verification};
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::use_lang;
use crate::core::time::date_words_at;
use crate::surveys::components::mine::ParticipationHistory;
use crate::ui::layout::current_url;
use crate::ui::notices::Banner;
use crate::ui::title::Title;
use crate::ui::Layout;
use leptos::prelude::*;

#[component]
pub fn MePage() -> impl IntoView {
    let lang = use_lang();
    let me = Resource::new(|| (), |_| load_me());
    let body = move || {
        Suspend::new(async move {
            match me.await {
                Ok(Some(data)) => view! {
                    <Account lang data/>
                    <Settings lang area=false/>
                }
                .into_any(),
                Ok(None) => view! {
                    <Guest lang/>
                    <Settings lang area=true/>
                }
                .into_any(),
                Err(e) => {
                    leptos::logging::error!("load_me: {e}");
                    view! { <crate::ui::ErrorView/> }.into_any()
                }
            }
        })
    };
    view! {
        <Title text=format!("{} · {}", lang.t(Msg::SectionMeTitle), lang.t(Msg::AppName))/>
        <Layout>
            <h1 class="page-title">{lang.t(Msg::SectionMeTitle)}</h1>
            <Banner lang/>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

#[component]
fn Guest(lang: Lang) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="guest-h">
            <h2 id="guest-h">{lang.t(Msg::MeGuestTitle)}</h2>
            <p>{lang.t(Msg::MeGuestBody)}</p>
            <p><a class="button" href="/signin?next=/me">{lang.t(Msg::SigninTitle)}</a></p>
            <p class="hint"><a href="/staff/signin">{lang.t(Msg::MeStaffLink)}</a></p>
        </section>
    }
}

#[component]
fn Account(lang: Lang, data: MeData) -> impl IntoView {
    let MeData { data, community_label, groups, suggested } = data;
    let wechat_offer = use_auth_options().wechat && in_wechat() && !data.wechat_linked;
    let phone = match &data.phone_tail {
        Some(t) => lang.fmt(Msg::MePhoneTail, &[("tail", t)]),
        None => lang.t(Msg::MeNotLinked).to_string(),
    };
    let wechat = if data.wechat_linked { lang.t(Msg::MeLinked) } else { lang.t(Msg::MeNotLinked) };
    let selected = data.community_code.clone().or(suggested);
    let verification = data.verification;
    let has_community = data.community_code.is_some();
    let consented = data.consent_version.as_deref() == Some(crate::core::access::CONSENT_VERSION);
    view! {
        {(!consented).then(|| view! {
            <p class="alert alert-error" role="alert">
                {lang.t(Msg::MeConsentMissing)}" "<a href="/me/consent?next=/me">{lang.t(Msg::MeConsentReview)}</a>
            </p>
        })}
        <section class="card" aria-labelledby="account-h">
            <h2 id="account-h">{lang.t(Msg::MeAccountTitle)}</h2>
            <dl class="facts">
                <div><dt>{lang.t(Msg::MePhone)}</dt><dd>{phone}</dd></div>
                <div><dt>{lang.t(Msg::MeWechat)}</dt><dd>{wechat}</dd></div>
                <div><dt>{lang.t(Msg::MeSince)}</dt><dd>{date_words_at(lang, data.created_at)}</dd></div>
            </dl>
            {data.phone_tail.is_none().then(|| view! { <LinkPhone lang/> })}
            {wechat_offer.then(|| view! { <LinkWechat lang/> })}
        </section>

        <section class="card" id="community" aria-labelledby="community-h">
            <h2 id="community-h">{lang.t(Msg::MeCommunityTitle)}</h2>
            <p>{community_label.unwrap_or_else(|| lang.t(Msg::MeNoCommunity).to_string())}</p>
            {has_community.then(|| view! {
                <p>
                    <span class=format!("badge badge-verify-{}", verification.as_str())>{lang.t(verification.name())}</span>
                </p>
            })}
            <form method="post" action="/me/community" class="form">
                <CommunitySelect lang groups selected label=lang.t(Msg::MeCommunityChoose).to_string()
                    hint=lang.t(Msg::MeCommunityHint).to_string()/>
                <button type="submit" class="button">{lang.t(Msg::MeCommunitySave)}</button>
            </form>
        </section>

        {(has_community && verification != Verification::Verified).then(|| view! {
            <section class="card" id="verification" aria-labelledby="verification-h">
                <h2 id="verification-h">{lang.t(Msg::MeVerifyTitle)}</h2>
                <p>{lang.t(match verification {
                    Verification::Pending => Msg::MeVerifyPendingBody,
                    Verification::Rejected => Msg::MeVerifyRejectedBody,
                    _ => Msg::MeVerifyBody,
                })}</p>
                {(verification == Verification::Rejected).then(|| data.reject_reason.clone()).flatten().map(|why| view! {
                    <p class="reject-reason"><strong>{lang.t(Msg::MeVerifyReason)}</strong>{lang.t(Msg::CommonLabelSep)}{why}</p>
                })}
                <form method="post" action="/me/verification" class="form">
                    <div class="form-field">
                        <label for="claim-name">{lang.t(Msg::MeVerifyName)}</label>
                        <input id="claim-name" name="name" type="text" maxlength="40" required autocomplete="name"
                            value=data.claim_name.clone().unwrap_or_default()/>
                    </div>
                    <div class="form-field">
                        <label for="claim-address">{lang.t(Msg::MeVerifyAddress)}</label>
                        <input id="claim-address" name="address" type="text" maxlength="80" required
                            aria-describedby="claim-address-hint" value=data.claim_address.clone().unwrap_or_default()/>
                        <p class="hint" id="claim-address-hint">{lang.t(Msg::MeVerifyAddressHint)}</p>
                    </div>
                    <button type="submit" class="button">{lang.t(Msg::MeVerifySubmit)}</button>
                </form>
            </section>
        })}

        <ParticipationHistory lang/>
        <section class="card" aria-labelledby="my-projects-h">
            <h2 id="my-projects-h">{lang.t(Msg::ProjectMineTitle)}</h2>
            <p>{lang.t(Msg::ProjectMineBody)}</p>
            <p><a class="button button-secondary" href="/me/projects">{lang.t(Msg::ProjectMineOpen)}</a></p>
        </section>

        <section class="card" id="data" aria-labelledby="data-h">
            <h2 id="data-h">{lang.t(Msg::MeDataTitle)}</h2>
            <p>{lang.t(Msg::MeDataBody)}</p>
            <ul class="plain-list">
                <li>{lang.t(Msg::MeDataItemAccount)}</li>
                <li>{lang.t(Msg::MeDataItemCommunity)}</li>
                <li>{lang.fmt(Msg::MeDataItemSessions, &[("count", &data.sessions.len().to_string())])}</li>
                {data.consent_at.map(|t| view! { <li>{lang.fmt(Msg::MeDataItemConsent, &[("date", &date_words_at(lang, t))])}</li> })}
            </ul>
            <p class="button-row">
                <a class="button" href="/me/data">{lang.t(Msg::MydataView)}</a>
                <a class="button button-secondary" href="/me/export" download="tongxin-my-data.json">{lang.t(Msg::MeExport)}</a>
            </p>
            <p class="hint"><a href="/privacy">{lang.t(Msg::PrivacyLink)}</a></p>
            {consented.then(|| view! {
                <form method="post" action="/me/consent/withdraw" class="form">
                    <p class="hint">{lang.t(Msg::MeConsentWithdrawHint)}</p>
                    <button type="submit" class="button button-secondary">{lang.t(Msg::MeConsentWithdraw)}</button>
                </form>
            })}
        </section>

        <section class="card" aria-labelledby="security-h">
            <h2 id="security-h">{lang.t(Msg::MeSecurityTitle)}</h2>
            <SignOutForms lang base="/auth"/>
        </section>

        <section class="card card-danger" id="delete" aria-labelledby="delete-h">
            <h2 id="delete-h">{lang.t(Msg::MeDeleteTitle)}</h2>
            <p>{lang.t(Msg::MeDeleteBody)}</p>
            <form method="post" action="/me/delete" class="form">
                <label class="check">
                    <input type="checkbox" name="confirm" value="yes" required/>
                    <span>{lang.t(Msg::MeDeleteConfirm)}</span>
                </label>
                <button type="submit" class="button button-danger">{lang.t(Msg::MeDeleteSubmit)}</button>
            </form>
        </section>
    }
}

/// "Sign out" and "sign out everywhere": `base` is `/auth` for residents and
/// `/staff` for staff.
#[component]
pub fn SignOutForms(lang: Lang, base: &'static str) -> impl IntoView {
    view! {
        <div class="link-row">
            <form method="post" action=format!("{base}/signout")>
                <button type="submit" class="button button-secondary">{lang.t(Msg::MeSignOut)}</button>
            </form>
            <form method="post" action=format!("{base}/signout-all")>
                <button type="submit" class="button button-secondary">{lang.t(Msg::MeSignOutAll)}</button>
            </form>
        </div>
    }
}

/// Settings that need no account: language, and for a guest the area shown first (a
/// resident's area is their community, chosen above: one community control per page).
#[component]
fn Settings(lang: Lang, area: bool) -> impl IntoView {
    let here = current_url();
    let info = Resource::new(|| (), |_| load_site_info());
    let area_name = move || {
        Suspend::new(async move {
            let info = info.await.unwrap_or_default();
            let name =
                info.my_area_label(lang).unwrap_or_else(|| lang.t(Msg::HomeNoArea).to_string());
            view! { <p>{name}</p> }
        })
    };
    view! {
        <h2 class="section-title">{lang.t(Msg::SectionSettings)}</h2>
        <section class="card" aria-labelledby="lang-h">
            <h3 id="lang-h">{lang.t(Msg::SectionLanguage)}</h3>
            <div class="choice-row">
                {[Lang::Zh, Lang::En]
                    .into_iter()
                    .map(|choice| {
                        let current = choice == lang;
                        view! {
                            <form method="post" action="/prefs/lang">
                                <input type="hidden" name="lang" value=choice.tag()/>
                                <input type="hidden" name="next" value=here.clone()/>
                                <button type="submit" class="choice" lang=choice.tag()
                                    aria-pressed=if current { "true" } else { "false" }>
                                    {choice.t(Msg::LangCurrent)}
                                </button>
                            </form>
                        }
                    })
                    .collect_view()}
            </div>
        </section>
        <section class="card" aria-labelledby="elder-h">
            <h3 id="elder-h">{lang.t(Msg::ElderTitle)}</h3>
            <p>{lang.t(Msg::ElderBody)}</p>
            <div class="choice-row">
                {[(true, Msg::ElderOn), (false, Msg::ElderOff)]
                    .into_iter()
                    .map(|(choice, label)| {
                        let current = choice == crate::core::prefs::use_elder();
                        view! {
                            <form method="post" action="/prefs/elder">
                                <input type="hidden" name="elder" value=if choice { "1" } else { "0" }/>
                                <input type="hidden" name="next" value=here.clone()/>
                                <button type="submit" class="choice" aria-pressed=if current { "true" } else { "false" }>
                                    {lang.t(label)}
                                </button>
                            </form>
                        }
                    })
                    .collect_view()}
            </div>
        </section>
        {area.then(|| view! {
            <section class="card" aria-labelledby="area-h">
                <h3 id="area-h">{lang.t(Msg::SectionMyArea)}</h3>
                <Suspense fallback=|| ()>{area_name}</Suspense>
                <p><a class="button button-secondary" href="/areas">{lang.t(Msg::HomeChooseArea)}</a></p>
            </section>
        })}
    }
}
