//! The frame of the staff pages: their titles and the bar of the member's duties.
use crate::core::access::{use_viewer, Duty};
use crate::core::i18n::{Lang, Msg};
use leptos::prelude::*;

/// "居民认证 · 工作人员 · 同心".
pub fn title(lang: Lang, page: Msg) -> String {
    format!("{} · {} · {}", lang.t(page), lang.t(Msg::StaffTitle), lang.t(Msg::AppName))
}

/// The staff bar: who is signed in, the pages of their duties, sign-out.
#[component]
pub fn StaffBar(lang: Lang) -> impl IntoView {
    let viewer = use_viewer();
    viewer.staff.map(|me| {
        let role = lang.t(me.role.name());
        view! {
            <nav class="staff-bar" aria-label=lang.t(Msg::StaffNav)>
                <p class="staff-who">
                    {format!("{} · {} · ", me.display_name, role)}
                    <a href="/staff/security">{lang.t(Msg::StaffSecurityTitle)}</a>
                </p>
                <ul class="tabs tabs-small">
                    <li><a class="tab" href="/staff">{lang.t(Msg::StaffHomeTitle)}</a></li>
                    <li><a class="tab" href="/staff/surveys">{lang.t(Msg::StaffSurveysTitle)}</a></li>
                    <li><a class="tab" href="/staff/projects">{lang.t(Msg::StaffProjectsTitle)}</a></li>
                    {me.has(Duty::Observations).then(|| view! { <li><a class="tab" href="/staff/observations">{lang.t(Msg::StaffObsTitle)}</a></li> })}
                    {me.has(Duty::StaffAccounts).then(|| view! { <li><a class="tab" href="/staff/accounts">{lang.t(Msg::StaffAccountsTitle)}</a></li> })}
                    {me.has(Duty::Audit).then(|| view! { <li><a class="tab" href="/staff/audit">{lang.t(Msg::StaffAuditTitle)}</a></li> })}
                </ul>
            </nav>
        }
    })
}
