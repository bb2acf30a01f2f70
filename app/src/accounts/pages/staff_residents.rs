//! `/staff/residents?community=`: a community's verification queue, residents and roll.
use crate::accounts::api::{load_community_residents, CommunityStaffPage};
use crate::core::access::Verification;
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::use_lang;
use crate::core::time::china_date;
use crate::ui::notices::{query, Banner};
use crate::ui::outcome::outcome;
use crate::ui::staff::{title, StaffBar};
use crate::ui::title::Title;
use crate::ui::Layout;
use leptos::prelude::*;

#[component]
pub fn StaffResidentsPage() -> impl IntoView {
    let lang = use_lang();
    let community = query("community").unwrap_or_default();
    let data = Resource::new(move || community.clone(), load_community_residents);
    let body = move || {
        Suspend::new(async move {
            outcome(data.await, move |page| view! { <ResidentsView lang page/> })
        })
    };
    view! {
        <Title text=title(lang, Msg::StaffResidentsTitle)/>
        <Layout>
            <h1 class="page-title">{lang.t(Msg::StaffResidentsTitle)}</h1>
            <StaffBar lang/>
            <Banner lang/>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

#[component]
fn ResidentsView(lang: Lang, page: CommunityStaffPage) -> impl IntoView {
    let CommunityStaffPage { community, label, residents } = page;
    let pending: Vec<_> = residents
        .entries
        .iter()
        .filter(|e| e.verification == Verification::Pending)
        .cloned()
        .collect();
    let others: Vec<_> = residents
        .entries
        .iter()
        .filter(|e| e.verification != Verification::Pending)
        .cloned()
        .collect();
    let code = community.code.clone();
    let who = move |tail: &Option<String>| match tail {
        Some(t) => lang.fmt(Msg::MePhoneTail, &[("tail", t)]),
        None => lang.t(Msg::StaffWechatOnly).to_string(),
    };
    view! {
        <p class="lead">{label}</p>
        <section class="card" aria-labelledby="queue-h">
            <h2 id="queue-h">{lang.fmt(Msg::StaffQueueTitle, &[("count", &pending.len().to_string())])}</h2>
            {pending.is_empty().then(|| view! { <p>{lang.t(Msg::StaffQueueEmpty)}</p> })}
            <ul class="queue">
                {pending
                    .into_iter()
                    .map(|e| {
                        let name = e.claim_name.clone().unwrap_or_default();
                        view! {
                            <li class="queue-item">
                                <p><strong>{name.clone()}</strong>" · "{e.claim_address.clone().unwrap_or_default()}</p>
                                <p class="hint">{who(&e.phone_tail)}" · "{china_date(e.since)}</p>
                                <div class="link-row">
                                    <form method="post" action="/staff/residents/decide">
                                        <input type="hidden" name="resident" value=e.resident_id.clone()/>
                                        <input type="hidden" name="decision" value="approve"/>
                                        <button type="submit" class="button" aria-label=lang.fmt(Msg::StaffApproveLabel, &[("name", &name)])>{lang.t(Msg::StaffApprove)}</button>
                                    </form>
                                </div>
                                <RejectForm lang resident=e.resident_id.clone() name=name.clone()/>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
        <section class="card" aria-labelledby="members-h">
            <h2 id="members-h">{lang.fmt(Msg::StaffMembersTitle, &[("count", &others.len().to_string())])}</h2>
            <div class="table-scroll">
                <table class="data-table">
                    <thead><tr>
                        <th scope="col">{lang.t(Msg::MePhone)}</th>
                        <th scope="col">{lang.t(Msg::MeVerifyName)}</th>
                        <th scope="col">{lang.t(Msg::StaffStatus)}</th>
                        <th scope="col">{lang.t(Msg::StaffSince)}</th>
                    </tr></thead>
                    <tbody>
                        {others
                            .into_iter()
                            .map(|e| view! {
                                <tr>
                                    <td>{who(&e.phone_tail)}</td>
                                    <td>{e.claim_name.clone().unwrap_or_default()}</td>
                                    <td>{lang.t(e.verification.name())}</td>
                                    <td>{china_date(e.since)}</td>
                                </tr>
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <section class="card" aria-labelledby="roll-h">
            <h2 id="roll-h">{lang.t(Msg::StaffRollTitle)}</h2>
            <p>{lang.fmt(Msg::StaffRollSize, &[("count", &residents.roll_size.to_string())])}</p>
            <p class="hint">{lang.t(Msg::StaffRollHint)}</p>
            <crate::ui::upload::Uploader
                action="/staff/roll".to_string()
                label=lang.t(Msg::StaffRollFile).to_string()
                submit=lang.t(Msg::StaffRollSubmit).to_string()
                lang=lang
                hidden=vec![("community".to_string(), code)]/>
        </section>
    }
}

/// Not verifying someone takes a reason, which the resident reads on 我的.
#[component]
fn RejectForm(lang: Lang, resident: String, name: String) -> impl IntoView {
    let id = format!("reason-{resident}");
    view! {
        <details class="reject">
            <summary class="button button-secondary" aria-label=lang.fmt(Msg::StaffRejectLabel, &[("name", &name)])>{lang.t(Msg::StaffReject)}</summary>
            <form method="post" action="/staff/residents/decide" class="form">
                <input type="hidden" name="resident" value=resident/>
                <input type="hidden" name="decision" value="reject"/>
                <div class="form-field">
                    <label for=id.clone()>{lang.t(Msg::StaffRejectReason)}</label>
                    <textarea id=id.clone() name="reason" rows="3" required minlength="2"
                        maxlength=crate::accounts::model::MAX_REASON.to_string()
                        aria-describedby=format!("{id}-hint")></textarea>
                    <p class="hint" id=format!("{id}-hint")>{lang.t(Msg::StaffRejectReasonHint)}</p>
                </div>
                <button type="submit" class="button">{lang.t(Msg::StaffRejectSend)}</button>
            </form>
        </details>
    }
}
