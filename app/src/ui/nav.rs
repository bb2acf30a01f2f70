//! The bottom navigation of DESIGN.md: 指数 / 问卷 / 微实事 / 议事 / 我的.
use crate::core::i18n::{Lang, Msg};
use crate::ui::icons::{Icon, Svg};
use leptos::prelude::*;

/// The number on the 问卷 tab (open items the viewer has not taken part in), loaded
/// once per page by the app, which knows the features; the frame only shows it.
#[derive(Clone, Copy)]
pub struct OpenCount(pub Resource<Result<usize, crate::core::error::AppError>>);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Index,
    Surveys,
    Projects,
    Votes,
    Me,
}

impl Section {
    pub const ALL: [Section; 5] =
        [Section::Index, Section::Surveys, Section::Projects, Section::Votes, Section::Me];

    pub const fn href(self) -> &'static str {
        match self {
            Section::Index => "/",
            Section::Surveys => "/surveys",
            Section::Projects => "/projects",
            Section::Votes => "/votes",
            Section::Me => "/me",
        }
    }

    const fn label(self) -> Msg {
        match self {
            Section::Index => Msg::NavIndex,
            Section::Surveys => Msg::NavSurveys,
            Section::Projects => Msg::NavProjects,
            Section::Votes => Msg::NavVotes,
            Section::Me => Msg::NavMe,
        }
    }

    const fn icon(self) -> Icon {
        match self {
            Section::Index => Icon::Index,
            Section::Surveys => Icon::Surveys,
            Section::Projects => Icon::Projects,
            Section::Votes => Icon::Votes,
            Section::Me => Icon::Me,
        }
    }

    /// The section a path belongs to; the area pages live under the index.
    pub fn of_path(path: &str) -> Option<Section> {
        let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
        match first {
            "" | "areas" | "index" => Some(Section::Index),
            "surveys" => Some(Section::Surveys),
            "projects" => Some(Section::Projects),
            "votes" => Some(Section::Votes),
            "me" => Some(Section::Me),
            _ => None,
        }
    }
}

#[component]
pub fn BottomNav(lang: Lang, path: String) -> impl IntoView {
    let current = Section::of_path(&path);
    view! {
        <nav class="bottom-nav" aria-label=lang.t(Msg::NavLabel)>
            <ul>
                {Section::ALL
                    .into_iter()
                    .map(|s| {
                        let active = current == Some(s);
                        view! {
                            <li>
                                <a href=s.href() aria-current=active.then_some("page") class:active=active>
                                    <Svg icon=s.icon()/>
                                    <span>{lang.t(s.label())}</span>
                                    {(s == Section::Surveys).then(|| view! { <CountBadge lang/> })}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// The tab's count, when there is something to do; said in words to screen readers.
#[component]
fn CountBadge(lang: Lang) -> impl IntoView {
    let count = use_context::<OpenCount>();
    let body = move || {
        Suspend::new(async move {
            let n = match count {
                Some(OpenCount(r)) => r.await.unwrap_or(0),
                None => 0,
            };
            (n > 0).then(|| {
                view! {
                    <span class="nav-count" aria-hidden="true">{n.min(99)}</span>
                    <span class="visually-hidden">
                        {lang.t(Msg::CommonLabelSep)}{lang.fmt(Msg::NavOpenCount, &[("n", &n.to_string())])}
                    </span>
                }
            })
        })
    };
    view! { <Suspense fallback=|| ()>{body}</Suspense> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_sections() {
        assert_eq!(Section::of_path("/"), Some(Section::Index));
        assert_eq!(Section::of_path("/areas/449901"), Some(Section::Index));
        assert_eq!(Section::of_path("/surveys"), Some(Section::Surveys));
        assert_eq!(Section::of_path("/me/data"), Some(Section::Me));
        assert_eq!(Section::of_path("/nowhere"), None);
        for s in Section::ALL {
            assert_eq!(Section::of_path(s.href()), Some(s));
        }
    }
}
