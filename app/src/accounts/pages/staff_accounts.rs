//! `/staff/accounts`: the city administrator creates and (de)activates staff accounts.
use crate::accounts::api::{load_staff_accounts, AccountsPage, AreaChoice};
use crate::core::access::Role;
use crate::core::areas::Level;
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::use_lang;
use crate::core::time::china_date;
use crate::ui::notices::Banner;
use crate::ui::outcome::outcome;
use crate::ui::staff::{title, StaffBar};
use crate::ui::title::Title;
use crate::ui::Layout;
use leptos::prelude::*;

#[component]
pub fn StaffAccountsPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| load_staff_accounts());
    let body = move || {
        Suspend::new(
            async move { outcome(data.await, move |page| view! { <AccountsView lang page/> }) },
        )
    };
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
    let area_label = |code: &str| {
        areas
            .iter()
            .find(|a| a.code == code)
            .map(|a| a.label.clone())
            .unwrap_or_else(|| code.to_string())
    };
    view! {
        <section class="card" aria-labelledby="list-h">
            <h2 id="list-h">{lang.fmt(Msg::StaffAccountsCount, &[("count", &staff.len().to_string())])}</h2>
            <ul class="queue">
                {staff
                    .into_iter()
                    .map(|s| {
                        let state = if !s.active { Msg::StaffInactive } else { Msg::StaffActive };
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
                                let options: Vec<_> = areas.iter().filter(|a| a.level == level).cloned().collect();
                                view! {
                                    <optgroup label=lang.t(level.name())>
                                        {options.into_iter().map(|AreaChoice { code, label, .. }| view! { <option value=code>{label}</option> }).collect_view()}
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
