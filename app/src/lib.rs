//! Tongxin's user interface: a Leptos 0.8 app rendered on the server, with islands
//! (`islands/`) as the only parts that ship to the browser as wasm.
#![recursion_limit = "256"]

pub mod accounts;
pub mod areas;
pub mod core;
pub mod home;
pub mod index;
pub mod projects;
pub mod surveys;
pub mod ui;

use crate::core::prefs::Prefs;
use crate::ui::{Layout, NotFoundView};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags};
use leptos_router::{
    components::{FlatRoutes, Route, Router},
    path, SsrMode,
};

/// Paths of the hashed assets cargo-leptos built, resolved once by the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssetPaths {
    pub css: String,
    /// The trimmed ECharts build with its boot code; loaded only by pages with charts.
    pub charts: Option<String>,
}

pub use crate::core::share::page_csp;

/// The HTML document around the app; rendered on the server for every page.
pub fn shell(options: LeptosOptions, assets: AssetPaths) -> impl IntoView {
    let prefs = Prefs::from_request();
    let lang = prefs.lang;
    let elder = prefs.elder;
    provide_context(prefs);
    provide_context(assets.clone());
    #[cfg(feature = "ssr")]
    {
        leptos::nonce::provide_nonce();
        if let (Some(nonce), Some(res)) =
            (leptos::nonce::use_nonce(), use_context::<leptos_axum::ResponseOptions>())
        {
            if let Ok(value) = http::HeaderValue::from_str(&page_csp(&nonce, false)) {
                res.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
            }
        }
    }
    view! {
        <!DOCTYPE html>
        <html lang=lang.tag() class=elder.then_some("elder")>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover"/>
                <meta name="theme-color" content="#0d6b62"/>
                <meta name="format-detection" content="telephone=no"/>
                <link rel="stylesheet" href=assets.css/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let open = Resource::new(|| (), |_| surveys::api::load_open_for_me());
    provide_context(surveys::api::OpenNow(open));
    provide_context(ui::nav::OpenCount(Resource::new(
        || (),
        move |_| async move { open.await.map(|o| o.waiting()) },
    )));
    view! {
        <Router>
            <FlatRoutes fallback=|| view! { <Layout><NotFoundView/></Layout> }>
                <Route path=path!("/") view=home::pages::HomePage ssr=SsrMode::Async/>
                <Route path=path!("/areas") view=areas::pages::AreaPickerPage ssr=SsrMode::Async/>
                <Route path=path!("/areas/:code") view=areas::pages::AreaDetailPage ssr=SsrMode::Async/>
                <Route path=path!("/index") view=index::pages::RankingPage ssr=SsrMode::Async/>
                <Route path=path!("/index/area/:code") view=index::pages::AreaIndexPage ssr=SsrMode::Async/>
                <Route path=path!("/index/compare") view=index::pages::ComparePage ssr=SsrMode::Async/>
                <Route path=path!("/index/mine") view=index::pages::MyIndexPage ssr=SsrMode::Async/>
                <Route path=path!("/index/methodology") view=index::pages::MethodologyPage ssr=SsrMode::Async/>
                <Route path=path!("/surveys") view=surveys::pages::SurveysPage ssr=SsrMode::Async/>
                <Route path=path!("/surveys/:id") view=surveys::pages::SurveyPage ssr=SsrMode::Async/>
                <Route path=path!("/surveys/:id/confirm") view=surveys::pages::SurveyConfirmPage ssr=SsrMode::Async/>
                <Route path=path!("/surveys/:id/results") view=surveys::pages::SurveyResultsPage ssr=SsrMode::Async/>
                <Route path=path!("/projects") view=projects::pages::ProjectsPage ssr=SsrMode::Async/>
                <Route path=path!("/projects/new") view=projects::pages::ProposePage ssr=SsrMode::Async/>
                <Route path=path!("/projects/:id") view=projects::pages::ProjectDetailPage ssr=SsrMode::Async/>
                <Route path=path!("/projects/:id/edit") view=projects::pages::ProposePage ssr=SsrMode::Async/>
                <Route path=path!("/me/projects") view=projects::pages::MyProjectsPage ssr=SsrMode::Async/>
                <Route path=path!("/rounds/:id") view=projects::pages::RoundPage ssr=SsrMode::Async/>
                <Route path=path!("/votes") view=home::pages::VotesPage ssr=SsrMode::Async/>
                <Route path=path!("/me") view=accounts::pages::MePage ssr=SsrMode::Async/>
                <Route path=path!("/me/data") view=accounts::pages::MyDataPage ssr=SsrMode::Async/>
                <Route path=path!("/me/consent") view=accounts::pages::ConsentPage ssr=SsrMode::Async/>
                <Route path=path!("/signin") view=accounts::pages::SigninPage ssr=SsrMode::Async/>
                <Route path=path!("/privacy") view=accounts::pages::PrivacyPage ssr=SsrMode::Async/>
                <Route path=path!("/staff") view=accounts::pages::StaffHomePage ssr=SsrMode::Async/>
                <Route path=path!("/staff/signin") view=accounts::pages::StaffSigninPage ssr=SsrMode::Async/>
                <Route path=path!("/staff/residents") view=accounts::pages::StaffResidentsPage ssr=SsrMode::Async/>
                <Route path=path!("/staff/observations") view=index::pages::StaffObservationsPage ssr=SsrMode::Async/>
                <Route path=path!("/staff/accounts") view=accounts::pages::StaffAccountsPage ssr=SsrMode::Async/>
                <Route path=path!("/staff/audit") view=accounts::pages::StaffAuditPage ssr=SsrMode::Async/>
                <Route path=path!("/staff/security") view=accounts::pages::StaffSecurityPage ssr=SsrMode::Async/>
                <Route path=path!("/staff/surveys") view=surveys::pages::StaffSurveysPage ssr=SsrMode::Async/>
                <Route path=path!("/staff/surveys/:id") view=surveys::pages::StaffSurveyPage ssr=SsrMode::Async/>
                <Route path=path!("/staff/projects") view=projects::pages::StaffProjectsPage ssr=SsrMode::Async/>
                <Route path=path!("/staff/projects/lists") view=projects::pages::StaffListsPage ssr=SsrMode::Async/>
                <Route path=path!("/staff/projects/council") view=projects::pages::StaffCouncilPage ssr=SsrMode::Async/>
                <Route path=path!("/staff/projects/rounds") view=projects::pages::StaffRoundsPage ssr=SsrMode::Async/>
                <Route path=path!("/staff/projects/:id") view=projects::pages::StaffProjectPage ssr=SsrMode::Async/>
                <Route path=path!("/staff/surveys/:id/results") view=surveys::pages::StaffSurveyResultsPage ssr=SsrMode::Async/>
            </FlatRoutes>
        </Router>
    }
}

/// The browser entry point: hydrates the islands, then marks the document so that
/// tests (and styles) can tell the wasm is running.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    if let Some(root) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-wasm", "ready");
    }
}
