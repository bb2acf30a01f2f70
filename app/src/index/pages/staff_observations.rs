//! `/staff/observations`: upload index observations for the streets of one's area.
use crate::core::i18n::Msg;
use crate::core::prefs::use_lang;
use crate::index::api::load_observations_page;
use crate::ui::outcome::outcome;
use crate::ui::staff::{title, StaffBar};
use crate::ui::title::Title;
use crate::ui::Layout;
use leptos::prelude::*;

#[component]
pub fn StaffObservationsPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| load_observations_page());
    let body = move || {
        Suspend::new(async move {
            outcome(data.await, move |area| {
                view! {
                    <section class="card" aria-labelledby="upload-h">
                        <h2 id="upload-h">{lang.t(Msg::StaffObsUpload)}</h2>
                        <p>{lang.fmt(Msg::StaffObsScope, &[("area", &area)])}</p>
                        <p class="hint">{lang.t(Msg::StaffObsColumns)}</p>
                        <crate::ui::upload::Uploader
                            action="/staff/observations".to_string()
                            label=lang.t(Msg::StaffObsFile).to_string()
                            submit=lang.t(Msg::StaffObsSubmit).to_string()
                            lang=lang
                            hidden=Vec::new()/>
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
