//! The page's `<title>`. leptos_meta 0.8 writes a title's text into the server's
//! HTML as it is, so a survey titled `</title><meta http-equiv=refresh …>` would send
//! every resident opening it elsewhere; every page therefore sets its title here,
//! escaped. (`.ci/check-imports` keeps `leptos_meta::Title` out of other files.)
use leptos::prelude::*;

/// Text made safe for an HTML text node.
pub fn escape_text(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Sets the page's `<title>` to `text`, shown as text whatever it contains.
#[component]
pub fn Title(#[prop(into)] text: String) -> impl IntoView {
    // Pages render on the server only (islands): the text goes into raw HTML there.
    #[cfg(feature = "ssr")]
    let text = escape_text(&text);
    view! { <leptos_meta::Title text=text/> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_a_title_stays_text() {
        assert_eq!(
            escape_text("</title><meta http-equiv=refresh> & more"),
            "&lt;/title&gt;&lt;meta http-equiv=refresh&gt; &amp; more"
        );
    }
}
