//! `/areas` (the picker: search plus district list) and `/areas/:code` (one area, its
//! place in the map, its sub-areas, and "make this my area").
use crate::areas::api::{load_area_page, load_picker, load_site_info, AreaPage};
use crate::areas::islands::area_search::AreaSearch;
use crate::areas::list::{children_heading, AreaList};
use crate::core::areas::Level;
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::use_lang;
use crate::ui::layout::current_url;
use crate::ui::title::Title;
use crate::ui::{ErrorView, Layout, NotFoundView};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn AreaPickerPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map().with_untracked(|q| q.get("q")).unwrap_or_default();
    let data = Resource::new(|| (), |_| load_picker());
    let body = move || {
        let query = query.clone();
        Suspend::new(async move {
            match data.await {
                Ok(d) => view! {
                    <AreaSearch lang query items=d.items/>
                    <h2 class="section-title">{lang.t(Msg::HomeDistricts)}</h2>
                    <AreaList lang items=d.districts/>
                }
                .into_any(),
                Err(_) => view! { <ErrorView/> }.into_any(),
            }
        })
    };
    view! {
        <Title text=format!("{} · {}", lang.t(Msg::AreaPickTitle), lang.t(Msg::AppName))/>
        <Layout>
            <h1 class="page-title">{lang.t(Msg::AreaPickTitle)}</h1>
            <p class="lead">{lang.t(Msg::AreaPickIntro)}</p>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

#[component]
pub fn AreaDetailPage() -> impl IntoView {
    let lang = use_lang();
    let code = use_params_map().with_untracked(|p| p.get("code")).unwrap_or_default();
    let here = current_url();
    let page = Resource::new(move || code.clone(), load_area_page);
    let info = Resource::new(|| (), |_| load_site_info());
    let body = move || {
        let here = here.clone();
        Suspend::new(async move {
            match (page.await, info.await) {
                (Ok(Some(page)), Ok(info)) => {
                    let mine =
                        info.my_area.as_ref().map(|a| a.code == page.area.code).unwrap_or(false);
                    view! { <AreaDetail lang page mine here/> }.into_any()
                }
                (Ok(None), _) => {
                    let code =
                        use_params_map().with_untracked(|p| p.get("code")).unwrap_or_default();
                    view! { <NotFoundView detail=lang.fmt(Msg::AreaNotFound, &[("code", &code)])/> }
                        .into_any()
                }
                _ => view! { <ErrorView/> }.into_any(),
            }
        })
    };
    view! {
        <Layout>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

#[component]
fn AreaDetail(lang: Lang, page: AreaPage, mine: bool, here: String) -> impl IntoView {
    let area = page.area;
    let name = area.name(lang).to_string();
    let can_choose = matches!(area.level, Level::Street | Level::Community);
    let choose = can_choose.then(|| {
        if mine {
            view! { <p class="is-mine">{lang.t(Msg::AreaIsMine)}</p> }.into_any()
        } else {
            view! {
                <form method="post" action="/prefs/area">
                    <input type="hidden" name="area" value=area.code.clone()/>
                    <input type="hidden" name="next" value=here/>
                    <button type="submit" class="button">{lang.t(Msg::AreaSetMine)}</button>
                </form>
            }
            .into_any()
        }
    });
    let children = area.level.child().map(|child| {
        let heading = children_heading(lang, child);
        let list = if page.children.is_empty() {
            view! { <p>{lang.t(Msg::AreaNoChildren)}</p> }.into_any()
        } else {
            view! { <AreaList lang items=page.children/> }.into_any()
        };
        view! {
            <section aria-labelledby="children-h">
                <h2 id="children-h" class="section-title">{heading}</h2>
                {list}
            </section>
        }
    });
    view! {
        <Title text=format!("{name} · {}", lang.t(Msg::AppName))/>
        <nav class="breadcrumb" aria-label=lang.t(Msg::A11yBreadcrumb)>
            <ol>
                {page.ancestors.iter().map(|a| view! {
                    <li><a href=format!("/areas/{}", a.code)>{a.name(lang).to_string()}</a></li>
                }).collect_view()}
                <li aria-current="page">{name.clone()}</li>
            </ol>
        </nav>
        <h1 class="page-title">{name}" "<span class="badge badge-level">{lang.t(area.level.name())}</span></h1>
        <section class="card">
            <dl class="facts">
                <div><dt>{lang.t(Msg::CommonPopulation)}</dt><dd>{lang.people(area.population)}</dd></div>
                <div><dt>{lang.t(Msg::AreaCode)}</dt><dd><code>{area.code.clone()}</code></dd></div>
            </dl>
            {choose}
        </section>
        {children}
    }
}
