//! Choosing a community: a native select with the communities grouped by street (the
//! phone's own picker, which works without scripts and with a screen reader).
use crate::accounts::api::StreetGroup;
use crate::core::i18n::{Lang, Msg};
use leptos::prelude::*;

#[component]
pub fn CommunitySelect(
    lang: Lang,
    groups: Vec<StreetGroup>,
    selected: Option<String>,
    label: String,
    #[prop(optional)] hint: Option<String>,
) -> impl IntoView {
    let described = hint.as_ref().map(|_| "community-hint");
    view! {
        <div class="form-field">
            <label for="community-select">{label}</label>
            <select id="community-select" name="community" required aria-describedby=described>
                <option value="">{lang.t(Msg::MeCommunityPlaceholder)}</option>
                {groups
                    .into_iter()
                    .map(|g| {
                        let selected = selected.clone();
                        view! {
                            <optgroup label=g.label>
                                {g.communities
                                    .into_iter()
                                    .map(|c| {
                                        let is = selected.as_deref() == Some(c.code.as_str());
                                        view! { <option value=c.code.clone() selected=is>{c.name(lang).to_string()}</option> }
                                    })
                                    .collect_view()}
                            </optgroup>
                        }
                    })
                    .collect_view()}
            </select>
            {hint.map(|h| view! { <p class="hint" id="community-hint">{h}</p> })}
        </div>
    }
}
