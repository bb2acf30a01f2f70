//! A tappable list of areas with population and number of sub-areas.
use crate::areas::api::AreaSummary;
use crate::core::i18n::{Lang, Msg};
use crate::ui::icons::{Icon, Svg};
use leptos::prelude::*;

#[component]
pub fn AreaList(lang: Lang, items: Vec<AreaSummary>) -> impl IntoView {
    view! {
        <ul class="link-list">
            {items
                .into_iter()
                .map(|s| {
                    let sub = s.area.level.child().map(|child| {
                        lang.fmt(Msg::CommonCount, &[("count", &s.children.to_string()), ("what", lang.t(child.plural()))])
                    });
                    let meta = match sub {
                        Some(sub) if s.children > 0 => format!("{sub} · {}", lang.people(s.area.population)),
                        _ => lang.people(s.area.population),
                    };
                    view! {
                        <li>
                            <a href=format!("/areas/{}", s.area.code)>
                                <span class="link-main">
                                    <span class="link-title">{s.area.name(lang).to_string()}</span>
                                    <span class="link-meta">{meta}</span>
                                </span>
                                <Svg icon=Icon::Chevron class="chevron"/>
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// Formats "N children" for a level in the reader's language.
pub fn children_heading(lang: Lang, child: crate::core::areas::Level) -> String {
    lang.fmt(Msg::AreaChildren, &[("level", lang.t(child.plural()))])
}
