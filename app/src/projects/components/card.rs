//! A project in a list, and how sums of money read.
use crate::core::i18n::{Lang, Msg};
use crate::projects::api::ProjectItem;
use crate::projects::model::ProjectStatus;
use leptos::prelude::*;

fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// A sum in yuan as people say it: "18.5万元" / "9,800元" in Chinese, "¥185,000" in English.
pub fn yuan(lang: Lang, n: i64) -> String {
    match lang {
        Lang::Zh if n >= 10_000 && n.rem_euclid(100) == 0 => {
            let wan = format!("{:.2}", n as f64 / 10_000.0);
            let wan = wan.trim_end_matches('0').trim_end_matches('.');
            format!("{wan}万元")
        }
        Lang::Zh => format!("{}元", grouped(n)),
        Lang::En => format!("¥{}", grouped(n)),
    }
}

/// The status as a badge (text, never colour alone).
#[component]
pub fn StatusBadge(lang: Lang, status: ProjectStatus) -> impl IntoView {
    view! { <span class=format!("badge badge-project-{}", status.as_str())>{lang.t(status.name())}</span> }
}

/// One project in a list: photo, title, kind and cost, community, status and supports.
#[component]
pub fn ProjectCard(lang: Lang, item: ProjectItem, href: String) -> impl IntoView {
    let photo = item.photo.map(|p| {
        let (w, h) = p.small();
        view! { <img class="project-card-photo" src=format!("/photos/{}-s.jpg", p.name) alt="" width=w height=h loading="lazy" decoding="async"/> }
    });
    view! {
        <li class="project-card">
            <a href=href>
                {photo}
                <span class="project-card-body">
                    <span class="project-card-title">{item.title}</span>
                    <span class="project-card-meta">{format!("{} · {} · {}", lang.t(item.kind.name()), yuan(lang, item.cost), item.community_label)}</span>
                    <span class="project-card-meta">
                        <StatusBadge lang status=item.status/>
                        {matches!(item.status, ProjectStatus::Accepted | ProjectStatus::Council).then(|| view! {
                            " "<span class="nowrap">{lang.fmt(Msg::ProjectSupportsN, &[("n", &item.supports.to_string())])}</span>
                        })}
                    </span>
                </span>
            </a>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_read_as_people_say_them() {
        assert_eq!(yuan(Lang::Zh, 200_000), "20万元");
        assert_eq!(yuan(Lang::Zh, 185_000), "18.5万元");
        assert_eq!(yuan(Lang::Zh, 123_400), "12.34万元");
        assert_eq!(yuan(Lang::Zh, 9_800), "9,800元");
        assert_eq!(yuan(Lang::Zh, 123_456), "123,456元");
        assert_eq!(yuan(Lang::En, 1_234_567), "¥1,234,567");
        assert_eq!(yuan(Lang::En, 0), "¥0");
    }
}
