//! `/staff/projects/lists`: the city's positive list (what may be funded) and negative
//! list (what may not), which committees review against; the city administrator
//! adds and removes entries.
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::use_lang;
use crate::projects::api::{load_project_lists, ListsPage};
use crate::projects::model::{ListEntry, ListKind};
use crate::ui::notices::Banner;
use crate::ui::outcome::outcome;
use crate::ui::staff::{title, StaffBar};
use crate::ui::title::Title;
use crate::ui::Layout;
use leptos::prelude::*;

#[component]
pub fn StaffListsPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| load_project_lists());
    let body = move || {
        Suspend::new(
            async move { outcome(data.await, move |page| view! { <ListsView lang page/> }) },
        )
    };
    view! {
        <Title text=title(lang, Msg::StaffListsTitle)/>
        <Layout>
            <h1 class="page-title">{lang.t(Msg::StaffListsTitle)}</h1>
            <StaffBar lang/>
            <p class="breadcrumb-back"><a href="/staff/projects">{lang.t(Msg::StaffProjectsBack)}</a></p>
            <Banner lang/>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

#[component]
fn ListsView(lang: Lang, page: ListsPage) -> impl IntoView {
    let ListsPage { positive, negative, editable } = page;
    view! {
        <ListCard lang list=ListKind::Positive entries=positive editable/>
        <ListCard lang list=ListKind::Negative entries=negative editable/>
    }
}

#[component]
fn ListCard(lang: Lang, list: ListKind, entries: Vec<ListEntry>, editable: bool) -> impl IntoView {
    let (heading, hint) = match list {
        ListKind::Positive => (Msg::StaffListsPositive, Msg::StaffListsPositiveHint),
        ListKind::Negative => (Msg::StaffListsNegative, Msg::StaffListsNegativeHint),
    };
    let h = format!("{}-h", list.as_str());
    let items = entries
        .into_iter()
        .map(|e| {
            let label = e.label(lang).to_string();
            let other = match lang {
                crate::core::i18n::Lang::Zh => e.en.clone(),
                crate::core::i18n::Lang::En => e.zh.clone(),
            };
            view! {
                <li class="list-entry">
                    <span>{label.clone()}<span class="hint" lang=if lang == crate::core::i18n::Lang::Zh { "en" } else { "zh-CN" }>" · "{other}</span></span>
                    {editable.then(|| view! {
                        <form method="post" action="/staff/projects/lists/remove">
                            <input type="hidden" name="id" value=e.id.clone()/>
                            <button type="submit" class="button button-secondary" aria-label=lang.fmt(Msg::StaffListsRemoveLabel, &[("entry", &label)])>
                                {lang.t(Msg::StaffListsRemove)}
                            </button>
                        </form>
                    })}
                </li>
            }
        })
        .collect_view();
    let zh = format!("{}-zh", list.as_str());
    let en = format!("{}-en", list.as_str());
    view! {
        <section class="card" aria-labelledby=h.clone()>
            <h2 id=h.clone()>{lang.t(heading)}</h2>
            <p class="hint">{lang.t(hint)}</p>
            <ul class="entry-list">{items}</ul>
            {editable.then(|| view! {
                <form class="form" method="post" action="/staff/projects/lists">
                    <input type="hidden" name="list" value=list.as_str()/>
                    <div class="form-field">
                        <label for=zh.clone()>{lang.t(Msg::StaffListsZh)}</label>
                        <input id=zh type="text" name="zh" required maxlength="60"/>
                    </div>
                    <div class="form-field">
                        <label for=en.clone()>{lang.t(Msg::StaffListsEn)}</label>
                        <input id=en type="text" name="en" required maxlength="60"/>
                    </div>
                    <button type="submit" class="button">{lang.t(Msg::StaffListsAdd)}</button>
                </form>
            })}
        </section>
    }
}
