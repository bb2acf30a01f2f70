//! `/me`: settings that work today (language, my area) and what sign-in will add.
use crate::api::load_site_info;
use crate::components::layout::current_url;
use crate::components::Layout;
use crate::i18n::{Lang, Msg};
use crate::prefs::use_lang;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MePage() -> impl IntoView {
    let lang = use_lang();
    let here = current_url();
    let info = Resource::new(|| (), |_| load_site_info());
    let area = move || {
        Suspend::new(async move {
            let info = info.await.unwrap_or_default();
            let name = info.my_area_label(lang).unwrap_or_else(|| lang.t(Msg::HomeNoArea).to_string());
            view! { <p>{name}</p> }
        })
    };
    view! {
        <Title text=format!("{} · {}", lang.t(Msg::SectionMeTitle), lang.t(Msg::AppName))/>
        <Layout>
            <h1 class="page-title">{lang.t(Msg::SectionMeTitle)}</h1>
            <section class="card">
                <p>{lang.t(Msg::SectionMeBody)}</p>
                <p><span class="badge">{lang.t(Msg::CommonComingSoon)}</span></p>
            </section>
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
            <section class="card" aria-labelledby="area-h">
                <h3 id="area-h">{lang.t(Msg::SectionMyArea)}</h3>
                <Suspense fallback=|| ()>{area}</Suspense>
                <p><a class="button button-secondary" href="/areas">{lang.t(Msg::HomeChooseArea)}</a></p>
            </section>
        </Layout>
    }
}
