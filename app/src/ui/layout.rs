//! The mobile shell around every page: skip link, top bar with the resident's area and
//! the language switch, the demo-data notice, the footer and the bottom navigation.
use crate::areas::api::{load_site_info, SiteInfo};
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::use_lang;
use crate::ui::icons::{Icon, Svg};
use crate::ui::nav::BottomNav;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_location;

/// The path and query of the page being shown, used as the `next` of preference forms.
pub fn current_url() -> String {
    let location = use_location();
    let path = location.pathname.get_untracked();
    let search = location.search.get_untracked();
    if search.is_empty() {
        path
    } else {
        format!("{path}?{}", search.trim_start_matches('?'))
    }
}

/// The site's own description, for pages that have none of their own.
pub fn default_description(lang: Lang) -> impl IntoView {
    // Read by WeChat and other apps when a link is shared.
    view! { <Meta name="description" content=lang.t(Msg::AppDescription)/> }
}

/// The frame. `described`: the page writes its own description (a
/// [`ShareCard`](crate::ui::share::ShareCard)), so the site's default is left out and
/// the page has exactly one. Staff pages (`/staff…`) get the staff frame: no area
/// chip and no residents' bottom bar (their own bar is [`StaffBar`](crate::ui::staff::StaffBar)).
#[component]
pub fn Layout(#[prop(optional)] described: bool, children: Children) -> impl IntoView {
    let lang = use_lang();
    let here = current_url();
    let path = use_location().pathname.get_untracked();
    let staff = path == "/staff" || path.starts_with("/staff/");
    let info = Resource::new(|| (), |_| load_site_info());
    let frame = move || {
        Suspend::new(async move {
            let info = info.await.unwrap_or_else(|e| {
                leptos::logging::error!("site_info: {e}");
                SiteInfo::default()
            });
            view! {
                {(!staff).then(|| view! { <AreaChip lang info=info.clone()/> })}
                {info.demo.then(|| view! { <DemoNotice lang/> })}
            }
        })
    };
    view! {
        {(!described).then(|| default_description(lang))}
        <a class="skip-link" href="#main">{lang.t(Msg::A11ySkip)}</a>
        <header class="topbar">
            <div class="topbar-inner">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true" lang="zh-CN">"同"</span>
                    <span class="brand-name">{lang.t(Msg::AppName)}</span>
                </a>
                {view! {
                    <div class="topbar-tools">
                        <ElderSwitch lang here=here.clone()/>
                        <LangSwitch lang here=here.clone()/>
                    </div>
                }.into_any()}
            </div>
            <Suspense fallback=|| ()>{frame}</Suspense>
        </header>
        <main id="main" tabindex="-1" class="page">
            {children()}
        </main>
        <footer class="site-footer">
            <p>{lang.t(Msg::FooterText)}</p>
            <p><a href="/api/v1/areas">{lang.t(Msg::FooterApi)}</a></p>
        </footer>
        {(!staff).then(|| view! { <BottomNav lang path/> })}
    }
}

/// The resident's chosen area under the top bar, linking to the picker.
#[component]
fn AreaChip(lang: Lang, info: SiteInfo) -> impl IntoView {
    let label = info.my_area_label(lang).unwrap_or_else(|| lang.t(Msg::HomeChooseArea).to_string());
    view! {
        <a class="area-chip" href="/areas">
            <Svg icon=Icon::Pin/>
            <span class="visually-hidden">{lang.t(Msg::HomeMyArea)}{lang.t(Msg::CommonLabelSep)}</span>
            <span class="area-chip-name">{label}</span>
        </a>
    }
}

#[component]
fn DemoNotice(lang: Lang) -> impl IntoView {
    view! {
        <p class="demo-notice" role="note">
            <strong class="badge badge-demo">{lang.t(Msg::DemoBadge)}</strong>
            " "
            <span>{lang.t(Msg::DemoNotice)}</span>
        </p>
    }
}

/// 长辈模式 on or off: a pressed/unpressed toggle posting a plain form, like the
/// language switch.
#[component]
pub fn ElderSwitch(lang: Lang, here: String) -> impl IntoView {
    let on = crate::core::prefs::use_elder();
    view! {
        <form class="lang-switch" method="post" action="/prefs/elder">
            <input type="hidden" name="elder" value=if on { "0" } else { "1" }/>
            <input type="hidden" name="next" value=here/>
            <button type="submit" class="lang-button elder-button" aria-pressed=if on { "true" } else { "false" }>
                <span>{lang.t(Msg::ElderName)}</span>
            </button>
        </form>
    }
}

/// A plain form, so that switching works before (and without) wasm; the server sets
/// the cookie and sends the resident back to `here`.
#[component]
pub fn LangSwitch(lang: Lang, here: String) -> impl IntoView {
    let other = lang.other();
    view! {
        <form class="lang-switch" method="post" action="/prefs/lang">
            <input type="hidden" name="lang" value=other.tag()/>
            <input type="hidden" name="next" value=here/>
            <button type="submit" class="lang-button" lang=other.tag()
                aria-label=format!("{}{}{}", lang.t(Msg::LangSwitchLabel), lang.t(Msg::CommonLabelSep), lang.t(Msg::LangOther))>
                <Svg icon=Icon::Globe/>
                <span>{lang.t(Msg::LangOther)}</span>
            </button>
        </form>
    }
}
