//! The share link's 复制链接 button. Without scripts there is no button (the link
//! stands in a read-only field to long-press); once hydrated the button copies the
//! link and says so, or, where the browser refuses, selects it for copying by hand.
use crate::core::i18n::{Lang, Msg};
use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq)]
// Only the browser build moves past `Idle`.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Copied {
    Idle,
    Yes,
    Refused,
}

/// `field`: the id of the read-only input holding `url`.
#[island]
pub fn CopyLink(url: String, field: String, lang: Lang) -> impl IntoView {
    let ready = RwSignal::new(false);
    let copied = RwSignal::new(Copied::Idle);
    Effect::new(move || ready.set(true));
    // The server renders the button hidden; only the browser copies.
    #[cfg(not(feature = "hydrate"))]
    let _ = (url, field);
    let on_click = move |_| {
        #[cfg(feature = "hydrate")]
        copy(&url, &field, copied);
    };
    let said = move || match copied.get() {
        Copied::Idle => String::new(),
        Copied::Yes => lang.t(Msg::StaffSurveyCopied).to_string(),
        Copied::Refused => lang.t(Msg::StaffSurveyCopyByHand).to_string(),
    };
    view! {
        <button type="button" class="button button-small copy-link" hidden=move || !ready.get() on:click=on_click>
            {lang.t(Msg::StaffSurveyCopy)}
        </button>
        <span class="copy-said" role="status">{said}</span>
    }
}

#[cfg(feature = "hydrate")]
fn copy(url: &str, field: &str, copied: RwSignal<Copied>) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    let by_hand = {
        let field = field.to_string();
        move || {
            let input = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&field))
                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
            if let Some(input) = input {
                let _ = input.focus();
                input.select();
            }
            copied.set(Copied::Refused);
        }
    };
    let Some(window) = web_sys::window() else { return by_hand() };
    let promise = window.navigator().clipboard().write_text(url);
    let ok = Closure::once(move |_: JsValue| copied.set(Copied::Yes));
    let refused = Closure::once(move |_: JsValue| by_hand());
    let _ = promise.then2(&ok, &refused);
    ok.forget();
    refused.forget();
}
