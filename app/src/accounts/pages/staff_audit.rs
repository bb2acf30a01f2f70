//! `/staff/audit`: the append-only audit log, newest first, for the city administrator.
use crate::accounts::api::{load_audit, AUDIT_PAGE};
use crate::accounts::model::AuditEntry;
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::use_lang;
use crate::core::time::china_time;
use crate::ui::notices::query;
use crate::ui::outcome::outcome;
use crate::ui::staff::{title, StaffBar};
use crate::ui::title::Title;
use crate::ui::Layout;
use leptos::prelude::*;

#[component]
pub fn StaffAuditPage() -> impl IntoView {
    let lang = use_lang();
    let before = query("before").and_then(|b| b.parse::<i64>().ok());
    let data = Resource::new(move || before, load_audit);
    let body = move || {
        Suspend::new(async move {
            outcome(data.await, move |entries| view! { <AuditView lang entries/> })
        })
    };
    view! {
        <Title text=title(lang, Msg::StaffAuditTitle)/>
        <Layout>
            <h1 class="page-title">{lang.t(Msg::StaffAuditTitle)}</h1>
            <StaffBar lang/>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

/// The audit log's action names, as people read them.
fn action_name(action: &str) -> Msg {
    match action {
        "staff.signin" => Msg::AuditStaffSignin,
        "staff.signin_failed" => Msg::AuditStaffSigninFailed,
        "staff.create" => Msg::AuditStaffCreate,
        "staff.password" => Msg::AuditStaffPassword,
        "staff.totp_on" => Msg::AuditStaffTotpOn,
        "staff.totp_off" => Msg::AuditStaffTotpOff,
        "staff.activate" => Msg::AuditStaffActivate,
        "staff.deactivate" => Msg::AuditStaffDeactivate,
        "resident.verify" => Msg::AuditResidentVerify,
        "residents.view" => Msg::AuditResidentsView,
        "resident.reject" => Msg::AuditResidentReject,
        "roll.import" => Msg::AuditRollImport,
        "observations.import" => Msg::AuditObservationsImport,
        "survey.create" => Msg::AuditSurveyCreate,
        "survey.publish" => Msg::AuditSurveyPublish,
        "survey.close" => Msg::AuditSurveyClose,
        "survey.delete" => Msg::AuditSurveyDelete,
        "survey.export" => Msg::AuditSurveyExport,
        _ => Msg::AuditOther,
    }
}

/// The log as a list of entries (a table would not fit a phone): when and who, what
/// (in words, with the machine name beside it), where, on whom and the details.
#[component]
fn AuditView(lang: Lang, entries: Vec<AuditEntry>) -> impl IntoView {
    let older =
        (entries.len() as i64 == AUDIT_PAGE).then(|| entries.last().map(|e| e.seq)).flatten();
    view! {
        <p class="lead">{lang.t(Msg::StaffAuditLead)}</p>
        <ol class="audit-list card" aria-label=lang.t(Msg::StaffAuditTitle)>
            {entries
                .into_iter()
                .map(|e| {
                    let failed = e.action.ends_with("_failed");
                    let mut facts = Vec::new();
                    if let Some(a) = e.area_code.filter(|a| !a.is_empty()) {
                        facts.push(lang.fmt(Msg::AuditArea, &[("area", &a)]));
                    }
                    if let Some(t) = e.target.filter(|t| !t.is_empty()) {
                        facts.push(lang.fmt(Msg::AuditTarget, &[("target", &t)]));
                    }
                    if !e.detail.is_empty() {
                        facts.push(e.detail.clone());
                    }
                    view! {
                        <li class=if failed { "audit-entry audit-failed" } else { "audit-entry" } data-action=e.action.clone()>
                            <p class="audit-head">
                                <time class="num">{china_time(e.at)}</time>" "
                                <strong>{e.actor}</strong>
                            </p>
                            <p>{lang.t(action_name(&e.action))}" "<code class="hint">{e.action.clone()}</code></p>
                            {(!facts.is_empty()).then(|| view! { <p class="hint audit-facts">{facts.join(" · ")}</p> })}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
        {older.map(|seq| view! { <p class="pager"><a href=format!("/staff/audit?before={seq}")>{lang.t(Msg::StaffAuditOlder)}</a></p> })}
    }
}
