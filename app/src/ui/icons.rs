//! Inline SVG icons (24×24, stroke), decorative: every use has a visible text label.
use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Icon {
    Index,
    Surveys,
    Projects,
    Votes,
    Me,
    Pin,
    Chevron,
    Globe,
}

impl Icon {
    fn path(self) -> &'static str {
        match self {
            // a shield with a check: safety
            Icon::Index => "M12 3l7 3v5c0 4.5-3 8.3-7 10-4-1.7-7-5.5-7-10V6l7-3zM8.5 12l2.5 2.5 4.5-5",
            // a clipboard
            Icon::Surveys => "M9 4h6v3H9zM7 5.5H5.5V21h13V5.5H17M8.5 12h7M8.5 16h5",
            // a house with a spark
            Icon::Projects => "M4 11l8-7 8 7M6 9.5V20h12V9.5M10 20v-5h4v5",
            // a ballot box
            Icon::Votes => "M4 13h16v7H4zM8 13l1.5-9h5L16 13M9.5 8.5l2 2 3-3.5",
            // a person
            Icon::Me => "M12 12a4 4 0 100-8 4 4 0 000 8zM4.5 20.5c1-4 4-6 7.5-6s6.5 2 7.5 6",
            Icon::Pin => "M12 21s-6.5-6-6.5-11a6.5 6.5 0 0113 0c0 5-6.5 11-6.5 11zM12 12.5a2.5 2.5 0 100-5 2.5 2.5 0 000 5z",
            Icon::Chevron => "M9 5l7 7-7 7",
            Icon::Globe => "M12 21a9 9 0 100-18 9 9 0 000 18zM3 12h18M12 3c2.5 2.7 3.5 5.7 3.5 9s-1 6.3-3.5 9c-2.5-2.7-3.5-5.7-3.5-9s1-6.3 3.5-9z",
        }
    }
}

#[component]
pub fn Svg(icon: Icon, #[prop(optional)] class: &'static str) -> impl IntoView {
    view! {
        <svg class=format!("icon {class}") viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
            <path d=icon.path() fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"></path>
        </svg>
    }
}
