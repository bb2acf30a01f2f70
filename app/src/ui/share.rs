//! A page's description and share card: the one `description` meta, Open Graph tags
//! with our share picture, and inside WeChat, when the city's official account is
//! configured, the JS-SDK config that gives WeChat the card (title, summary, link,
//! picture). A page that renders this sets `<Layout described=true>`.
use crate::core::share::{ShareText, WxConfig, SHARE_IMAGE};
use leptos::prelude::*;
use leptos_meta::Meta;

/// `path` is the page's canonical path and query (what a shared link opens).
#[component]
pub fn ShareCard(
    #[prop(into)] title: String,
    #[prop(into)] description: String,
    #[prop(into)] path: String,
) -> impl IntoView {
    let origin = crate::core::site::request_origin();
    let share = ShareText {
        title: title.clone(),
        description: description.clone(),
        link: format!("{origin}{path}"),
        image: format!("{origin}{SHARE_IMAGE}"),
    };
    let config = Resource::new(|| (), |_| wx_config());
    let wx = move || {
        let share = share.clone();
        Suspend::new(async move { config.await.map(|c| wx_tags(&c, &share)) })
    };
    view! {
        <Meta name="description" content=description.clone()/>
        <Meta property="og:title" content=title/>
        <Meta property="og:description" content=description/>
        <Meta property="og:url" content=format!("{origin}{path}")/>
        <Meta property="og:image" content=format!("{origin}{SHARE_IMAGE}")/>
        <Meta property="og:type" content="website"/>
        <Suspense fallback=|| ()>{wx}</Suspense>
    }
}

/// WeChat's script (deferred) and the inline config, both with the response's nonce.
fn wx_tags(config: &WxConfig, share: &ShareText) -> impl IntoView {
    let nonce = leptos::nonce::use_nonce().map(|n| n.to_string()).unwrap_or_default();
    let script = crate::core::share::wx_script(config, share);
    view! {
        <script src=crate::core::share::WX_SCRIPT defer=true nonce=nonce.clone()></script>
        <script nonce=nonce inner_html=script></script>
    }
}

/// The JS-SDK config for this request's URL: only inside WeChat's browser, only with
/// an official account and a ticket. When there is one, this response's CSP also
/// allows WeChat's script.
async fn wx_config() -> Option<WxConfig> {
    #[cfg(feature = "ssr")]
    {
        use crate::core::share::{page_csp, SharePort};
        let parts = use_context::<http::request::Parts>()?;
        let agent = parts.headers.get(http::header::USER_AGENT)?.to_str().ok()?;
        if !agent.contains("MicroMessenger") {
            return None;
        }
        let port = use_context::<std::sync::Arc<dyn SharePort>>()?;
        let target = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
        let url = format!("{}{target}", crate::core::site::request_origin());
        let nonce = leptos::nonce::use_nonce();
        let response = use_context::<leptos_axum::ResponseOptions>();
        let config = port.wx_config(&url).await?;
        let (nonce, response) = (nonce?, response?);
        let csp = http::HeaderValue::from_str(&page_csp(&nonce, true)).ok()?;
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, csp);
        Some(config)
    }
    #[cfg(not(feature = "ssr"))]
    None
}
