//! A proposal's photos: the small copies, each a link to the full one.
use crate::core::i18n::{Lang, Msg};
use crate::projects::model::Photo;
use leptos::prelude::*;

#[component]
pub fn PhotoStrip(lang: Lang, photos: Vec<Photo>, title: String) -> impl IntoView {
    let n = photos.len();
    (n > 0).then(|| {
        let items = photos
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                let (w, h) = p.small();
                let alt = lang.fmt(Msg::ProjectPhotoAlt, &[("title", &title), ("i", &(i + 1).to_string()), ("n", &n.to_string())]);
                view! {
                    <li><a href=format!("/photos/{}.jpg", p.name)>
                        <img src=format!("/photos/{}-s.jpg", p.name) alt=alt width=w height=h loading="lazy" decoding="async"/>
                    </a></li>
                }
            })
            .collect_view();
        view! { <ul class="photo-strip">{items}</ul> }
    })
}
