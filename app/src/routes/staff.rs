//! The staff pages (`/staff/...`): sign-in, the home page of a member's area, a
//! community's residents (verification queue and roll), the observations upload, the
//! staff accounts and the audit log. Each page is guarded by its loader: outside the
//! member's rights the answer is 403 and nothing of the area is shown.
use crate::account_api::{
    load_audit, load_community_residents, load_observations_page, load_staff_accounts, load_staff_home, Access,
    AccountsPage, CommunityStaffPage, StaffHome, AUDIT_PAGE,
};
use crate::accounts::{china_date, china_time, AuditEntry};
use crate::areas::Level;
use crate::auth::{use_viewer, Duty, Role, Verification};
use crate::components::layout::current_url;
use crate::components::Layout;
use crate::i18n::{Lang, Msg};
use crate::notices::{query, Banner};
use crate::prefs::use_lang;
use leptos::prelude::*;
use leptos_meta::Title;

pub(crate) fn title(lang: Lang, page: Msg) -> String {
    format!("{} · {} · {}", lang.t(page), lang.t(Msg::StaffTitle), lang.t(Msg::AppName))
}

/// What a refused loader shows.
#[component]
fn Denied(lang: Lang, sign_in: bool) -> impl IntoView {
    let next = current_url();
    view! {
        <section class="card status-card" role="alert" aria-labelledby="denied-h">
            <p class="status-code" aria-hidden="true">"403"</p>
            {if sign_in {
                view! {
                    <h2 id="denied-h">{lang.t(Msg::StaffSignInRequired)}</h2>
                    <p><a class="button" href=format!("/staff/signin?next={}", crate::prefs::encode_query(&next))>{lang.t(Msg::StaffSigninTitle)}</a></p>
                }.into_any()
            } else {
                view! {
                    <h2 id="denied-h">{lang.t(Msg::StaffForbidden)}</h2>
                    <p><a class="button button-secondary" href="/staff">{lang.t(Msg::StaffHomeTitle)}</a></p>
                }.into_any()
            }}
        </section>
    }
}

/// Renders a guarded loader's answer.
pub(crate) fn guarded<T, V: IntoView + 'static>(lang: Lang, answer: Result<Access<T>, ServerFnError>, ok: impl FnOnce(T) -> V) -> AnyView {
    match answer {
        Ok(Access::Granted(data)) => ok(data).into_any(),
        Ok(Access::SignIn) => view! { <Denied lang sign_in=true/> }.into_any(),
        Ok(Access::Forbidden) => view! { <Denied lang sign_in=false/> }.into_any(),
        Err(e) => {
            leptos::logging::error!("staff page: {e}");
            view! { <crate::components::ErrorView/> }.into_any()
        }
    }
}

/// The staff bar: who is signed in, the pages of their duties, sign-out.
#[component]
pub(crate) fn StaffBar(lang: Lang) -> impl IntoView {
    let viewer = use_viewer();
    viewer.staff.map(|me| {
        let role = lang.t(me.role.name());
        view! {
            <nav class="staff-bar" aria-label=lang.t(Msg::StaffNav)>
                <p class="staff-who">{format!("{} · {}", me.display_name, role)}</p>
                <ul class="tabs tabs-small">
                    <li><a class="tab" href="/staff">{lang.t(Msg::StaffHomeTitle)}</a></li>
                    <li><a class="tab" href="/staff/surveys">{lang.t(Msg::StaffSurveysTitle)}</a></li>
                    {me.has(Duty::Observations).then(|| view! { <li><a class="tab" href="/staff/observations">{lang.t(Msg::StaffObsTitle)}</a></li> })}
                    {me.has(Duty::StaffAccounts).then(|| view! { <li><a class="tab" href="/staff/accounts">{lang.t(Msg::StaffAccountsTitle)}</a></li> })}
                    {me.has(Duty::Audit).then(|| view! { <li><a class="tab" href="/staff/audit">{lang.t(Msg::StaffAuditTitle)}</a></li> })}
                </ul>
            </nav>
        }
    })
}

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
                    <button type="submit" class="button">{lang.t(Msg::StaffSignIn)}</button>
                </form>
                <p class="hint">{lang.t(Msg::StaffSigninHint)}</p>
            </section>
        </Layout>
    }
}

#[component]
pub fn StaffHomePage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| load_staff_home());
    let body = move || Suspend::new(async move { guarded(lang, data.await, move |home| view! { <StaffHomeView lang home/> }) });
    view! {
        <Title text=title(lang, Msg::StaffHomeTitle)/>
        <Layout>
            <h1 class="page-title">{lang.t(Msg::StaffTitle)}</h1>
            <StaffBar lang/>
            <Banner lang/>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

#[component]
fn StaffHomeView(lang: Lang, home: StaffHome) -> impl IntoView {
    let StaffHome { me, area_label, groups } = home;
    view! {
        <section class="card" aria-labelledby="me-h">
            <h2 id="me-h">{me.display_name.clone()}</h2>
            <dl class="facts">
                <div><dt>{lang.t(Msg::StaffRole)}</dt><dd>{lang.t(me.role.name())}</dd></div>
                <div><dt>{lang.t(Msg::StaffArea)}</dt><dd>{area_label}</dd></div>
                <div><dt>{lang.t(Msg::StaffUsername)}</dt><dd><code>{me.username.clone()}</code></dd></div>
            </dl>
            <crate::routes::me::SignOutForms lang base="/staff"/>
        </section>
        <h2 class="section-title">{lang.t(Msg::StaffResidentsTitle)}</h2>
        {groups
            .into_iter()
            .map(|g| view! {
                <h3 class="group-title">{g.label}</h3>
                <ul class="link-list">
                    {g.communities
                        .into_iter()
                        .map(|c| view! {
                            <li><a href=format!("/staff/residents?community={}", c.code)>
                                <span class="link-main"><span class="link-title">{c.name(lang).to_string()}</span></span>
                            </a></li>
                        })
                        .collect_view()}
                </ul>
            })
            .collect_view()}
    }
}

#[component]
pub fn StaffResidentsPage() -> impl IntoView {
    let lang = use_lang();
    let community = query("community").unwrap_or_default();
    let data = Resource::new(move || community.clone(), load_community_residents);
    let body = move || Suspend::new(async move { guarded(lang, data.await, move |page| view! { <ResidentsView lang page/> }) });
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
    let pending: Vec<_> = residents.entries.iter().filter(|e| e.verification == Verification::Pending).cloned().collect();
    let others: Vec<_> = residents.entries.iter().filter(|e| e.verification != Verification::Pending).cloned().collect();
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
                                    <form method="post" action="/staff/residents/decide">
                                        <input type="hidden" name="resident" value=e.resident_id.clone()/>
                                        <input type="hidden" name="decision" value="reject"/>
                                        <button type="submit" class="button button-secondary" aria-label=lang.fmt(Msg::StaffRejectLabel, &[("name", &name)])>{lang.t(Msg::StaffReject)}</button>
                                    </form>
                                </div>
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
            <form method="post" action="/staff/roll" enctype="multipart/form-data" class="form">
                <input type="hidden" name="community" value=code/>
                <div class="form-field">
                    <label for="roll-file">{lang.t(Msg::StaffRollFile)}</label>
                    <input id="roll-file" name="file" type="file" accept=".csv,text/csv" required/>
                </div>
                <button type="submit" class="button">{lang.t(Msg::StaffRollSubmit)}</button>
            </form>
        </section>
    }
}

#[component]
pub fn StaffObservationsPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| load_observations_page());
    let body = move || {
        Suspend::new(async move {
            guarded(lang, data.await, move |area| {
                view! {
                    <section class="card" aria-labelledby="upload-h">
                        <h2 id="upload-h">{lang.t(Msg::StaffObsUpload)}</h2>
                        <p>{lang.fmt(Msg::StaffObsScope, &[("area", &area)])}</p>
                        <p class="hint">{lang.t(Msg::StaffObsColumns)}</p>
                        <crate::islands::upload::Uploader
                            action="/staff/observations".to_string()
                            label=lang.t(Msg::StaffObsFile).to_string()
                            submit=lang.t(Msg::StaffObsSubmit).to_string()
                            lang=lang/>
                    </section>
                }
            })
        })
    };
    view! {
        <Title text=title(lang, Msg::StaffObsTitle)/>
        <Layout>
            <h1 class="page-title">{lang.t(Msg::StaffObsTitle)}</h1>
            <StaffBar lang/>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

#[component]
pub fn StaffAccountsPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| load_staff_accounts());
    let body = move || Suspend::new(async move { guarded(lang, data.await, move |page| view! { <AccountsView lang page/> }) });
    view! {
        <Title text=title(lang, Msg::StaffAccountsTitle)/>
        <Layout>
            <h1 class="page-title">{lang.t(Msg::StaffAccountsTitle)}</h1>
            <StaffBar lang/>
            <Banner lang/>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

#[component]
fn AccountsView(lang: Lang, page: AccountsPage) -> impl IntoView {
    let AccountsPage { staff, areas, me_id } = page;
    let area_label = |code: &str| areas.iter().find(|a| a.0 == code).map(|a| a.1.clone()).unwrap_or_else(|| code.to_string());
    view! {
        <section class="card" aria-labelledby="list-h">
            <h2 id="list-h">{lang.fmt(Msg::StaffAccountsCount, &[("count", &staff.len().to_string())])}</h2>
            <ul class="queue">
                {staff
                    .into_iter()
                    .map(|s| {
                        let state = if !s.active { Msg::StaffInactive } else if s.locked { Msg::StaffLocked } else { Msg::StaffActive };
                        let toggle = (s.id != me_id).then(|| {
                            let (value, label) = if s.active { ("0", Msg::StaffDeactivate) } else { ("1", Msg::StaffActivate) };
                            view! {
                                <form method="post" action="/staff/accounts/active">
                                    <input type="hidden" name="id" value=s.id.clone()/>
                                    <input type="hidden" name="active" value=value/>
                                    <button type="submit" class="button button-secondary"
                                        aria-label=format!("{} {}", lang.t(label), s.username)>{lang.t(label)}</button>
                                </form>
                            }
                        });
                        view! {
                            <li class="queue-item">
                                <p><strong>{s.display_name.clone()}</strong>" "<code>{s.username.clone()}</code></p>
                                <p class="hint">{format!("{} · {} · {} · {}", lang.t(s.role.name()), area_label(&s.area_code), lang.t(state), china_date(s.created_at))}</p>
                                {toggle}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
        <section class="card" id="new" aria-labelledby="new-h">
            <h2 id="new-h">{lang.t(Msg::StaffNewAccount)}</h2>
            <form method="post" action="/staff/accounts" class="form">
                <div class="form-field">
                    <label for="new-username">{lang.t(Msg::StaffUsername)}</label>
                    <input id="new-username" name="username" type="text" required maxlength="32" autocomplete="off"
                        autocapitalize="none" spellcheck="false" pattern="[A-Za-z0-9._\\-]{3,32}" aria-describedby="new-username-hint"/>
                    <p class="hint" id="new-username-hint">{lang.t(Msg::StaffUsernameHint)}</p>
                </div>
                <div class="form-field">
                    <label for="new-name">{lang.t(Msg::StaffDisplayName)}</label>
                    <input id="new-name" name="display_name" type="text" required maxlength="40"/>
                </div>
                <div class="form-field">
                    <label for="new-role">{lang.t(Msg::StaffRole)}</label>
                    <select id="new-role" name="role" required>
                        {Role::ALL.into_iter().map(|r| view! { <option value=r.as_str()>{lang.t(r.name())}</option> }).collect_view()}
                    </select>
                </div>
                <div class="form-field">
                    <label for="new-area">{lang.t(Msg::StaffArea)}</label>
                    <select id="new-area" name="area" required aria-describedby="new-area-hint">
                        {[Level::City, Level::District, Level::Street, Level::Community]
                            .into_iter()
                            .map(|level| {
                                let options: Vec<_> = areas.iter().filter(|a| a.2 == level).cloned().collect();
                                view! {
                                    <optgroup label=lang.t(level.name())>
                                        {options.into_iter().map(|(code, label, _)| view! { <option value=code>{label}</option> }).collect_view()}
                                    </optgroup>
                                }
                            })
                            .collect_view()}
                    </select>
                    <p class="hint" id="new-area-hint">{lang.t(Msg::StaffAreaHint)}</p>
                </div>
                <div class="form-field">
                    <label for="new-password">{lang.t(Msg::StaffPassword)}</label>
                    <input id="new-password" name="password" type="password" required minlength="10" autocomplete="new-password"
                        aria-describedby="new-password-hint"/>
                    <p class="hint" id="new-password-hint">{lang.t(Msg::StaffPasswordHint)}</p>
                </div>
                <button type="submit" class="button">{lang.t(Msg::StaffCreate)}</button>
            </form>
        </section>
    }
}

#[component]
pub fn StaffAuditPage() -> impl IntoView {
    let lang = use_lang();
    let before = query("before").and_then(|b| b.parse::<i64>().ok());
    let data = Resource::new(move || before, load_audit);
    let body = move || Suspend::new(async move { guarded(lang, data.await, move |entries| view! { <AuditView lang entries/> }) });
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
        "staff.activate" => Msg::AuditStaffActivate,
        "staff.deactivate" => Msg::AuditStaffDeactivate,
        "resident.verify" => Msg::AuditResidentVerify,
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
    let older = (entries.len() as i64 == AUDIT_PAGE).then(|| entries.last().map(|e| e.seq)).flatten();
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
