//! Search for a street or community by name. On the server it renders a GET form and
//! the results for `?q=`; once hydrated it filters as the resident types.
use crate::areas::api::SearchItem;
use crate::core::i18n::{Lang, Msg};
use leptos::prelude::*;

/// How many results are listed at most.
pub const MAX_RESULTS: usize = 30;

/// Items whose name in either language contains `query` (case-insensitive).
pub fn filter<'a>(items: &'a [SearchItem], query: &str) -> Vec<&'a SearchItem> {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return Vec::new();
    }
    items
        .iter()
        .filter(|i| i.name.to_lowercase().contains(&q) || i.alt.to_lowercase().contains(&q))
        .collect()
}

#[island]
pub fn AreaSearch(lang: Lang, query: String, items: Vec<SearchItem>) -> impl IntoView {
    let (q, set_q) = signal(query);
    // Effects run only in the browser: once this one has, the island is live.
    let (live, set_live) = signal(false);
    Effect::new(move |_| set_live.set(true));
    let items = StoredValue::new(items);
    let results = move || {
        let q = q.get();
        items.with_value(|items| {
            let hits = filter(items, &q);
            if q.trim().is_empty() {
                return ().into_any();
            }
            if hits.is_empty() {
                return view! {
                    <p class="search-status" role="status">{lang.fmt(Msg::AreaSearchNone, &[("q", q.trim())])}</p>
                }
                .into_any();
            }
            let total = hits.len();
            let more = (total > MAX_RESULTS)
                .then(|| view! { <p class="hint">{lang.fmt(Msg::AreaSearchMore, &[("count", &MAX_RESULTS.to_string())])}</p> });
            view! {
                <p class="search-status" role="status">{lang.fmt(Msg::AreaSearchCount, &[("count", &total.to_string())])}</p>
                <ul class="link-list">
                    {hits.into_iter().take(MAX_RESULTS).map(|i| view! {
                        <li>
                            <a href=format!("/areas/{}", i.code)>
                                <span class="link-main">
                                    <span class="link-title">{i.name.clone()}</span>
                                    <span class="link-meta">{i.context.clone()}</span>
                                </span>
                            </a>
                        </li>
                    }).collect_view()}
                </ul>
                {more}
            }
            .into_any()
        })
    };
    view! {
        <form class="search" role="search" method="get" action="/areas"
            data-live=move || live.get().then_some("true")
            on:submit=move |ev| ev.prevent_default()>
            <label for="area-q">{lang.t(Msg::AreaSearchLabel)}</label>
            <div class="search-row">
                <input id="area-q" name="q" type="search" autocomplete="off"
                    placeholder=lang.t(Msg::AreaSearchPlaceholder)
                    prop:value=q
                    on:input=move |ev| set_q.set(event_target_value(&ev))/>
                <button type="submit" class="button">{lang.t(Msg::AreaSearchButton)}</button>
            </div>
        </form>
        <section aria-label=lang.t(Msg::AreaSearchResults) class="search-results">{results}</section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(name: &str, alt: &str) -> SearchItem {
        SearchItem { code: name.into(), name: name.into(), alt: alt.into(), context: String::new() }
    }

    #[test]
    fn filters_on_either_language() {
        let items = vec![item("海湾社区", "Haiwan"), item("香山社区", "Xiangshan")];
        assert_eq!(filter(&items, "海湾").len(), 1);
        assert_eq!(filter(&items, "XIANG").len(), 1);
        assert_eq!(filter(&items, "社区").len(), 2);
        assert!(filter(&items, " ").is_empty());
        assert!(filter(&items, "none").is_empty());
    }
}
