//! `/projects/:id`: a project, its supports and its public timeline. Supporting is a
//! plain form post; a guest is sent through sign-in and back.
use crate::core::access::NotEligible;
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::{encode_query, use_lang};
use crate::projects::api::{load_project, ProjectPage, SupportState};
use crate::projects::components::card::{yuan, StatusBadge};
use crate::projects::components::comments::Comments;
use crate::projects::components::council::MeetingView;
use crate::projects::components::photos::PhotoStrip;
use crate::projects::components::timeline::Timeline;
use crate::projects::model::ProjectStatus;
use crate::ui::notices::Banner;
use crate::ui::outcome::outcome;
use crate::ui::title::Title;
use crate::ui::Layout;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ProjectDetailPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().get_untracked().get("id").unwrap_or_default();
    let data = Resource::new(move || id.clone(), load_project);
    let body = move || {
        Suspend::new(async move {
            outcome(data.await, move |page| {
                let title = format!("{} · {}", page.project.title, lang.t(Msg::AppName));
                view! { <Title text=title/><ProjectView lang page/> }
            })
        })
    };
    view! {
        <Layout>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

#[component]
fn ProjectView(lang: Lang, page: ProjectPage) -> impl IntoView {
    let ProjectPage {
        project: p,
        community_label,
        category_label,
        events,
        area_labels,
        is_author,
        support,
        rules,
        comments,
        commenting,
        meetings,
    } = page;
    let council = (!meetings.is_empty()).then(|| view! {
        <section class="card" aria-labelledby="council-h">
            <h2 id="council-h">{lang.t(Msg::StaffCouncilTitle)}</h2>
            {meetings.into_iter().map(|m| view! { <MeetingView lang meeting=m/> }).collect_view()}
        </section>
    });
    let here = format!("/projects/{}", p.id);
    let facts = format!("{} · {} · {}", lang.t(p.kind.name()), yuan(lang, p.cost), community_label);
    let author_note = is_author.then(|| {
        let (msg, reason) = match p.status {
            ProjectStatus::Draft => (Msg::ProjectAuthorDraft, None),
            ProjectStatus::Submitted => (Msg::ProjectAuthorSubmitted, None),
            ProjectStatus::Returned => (Msg::ProjectAuthorReturned, p.reason.clone()),
            _ => (Msg::ProjectAuthorPublic, None),
        };
        view! {
            <section class="card card-note" aria-labelledby="author-h">
                <h2 id="author-h">{lang.t(Msg::ProjectAuthorTitle)}</h2>
                <p>{lang.t(msg)}</p>
                {reason.map(|r| view! { <blockquote class="reason">{r}</blockquote> })}
                {p.status.editable().then(|| view! {
                    <p><a class="button" href=format!("/projects/{}/edit", p.id)>{lang.t(Msg::ProjectEdit)}</a></p>
                })}
            </section>
        }
    });
    let rejected = (p.status == ProjectStatus::Rejected).then(|| {
        let negative = p
            .negative
            .as_ref()
            .map(|n| lang.fmt(Msg::ProjectNegativeNamed, &[("entry", n.label(lang))]));
        view! {
            <section class="card card-note" aria-labelledby="rejected-h">
                <h2 id="rejected-h">{lang.t(Msg::ProjectRejectedTitle)}</h2>
                {negative.map(|n| view! { <p>{n}</p> })}
                {p.reason.clone().map(|r| view! { <blockquote class="reason">{r}</blockquote> })}
            </section>
        }
    });
    let progress = lang.fmt(
        Msg::ProjectSupportProgress,
        &[("n", &p.supports.to_string()), ("of", &rules.support_threshold.to_string())],
    );
    let max = rules.support_threshold.max(1).to_string();
    let value = p.supports.min(rules.support_threshold).to_string();
    let supports =
        matches!(p.status, ProjectStatus::Accepted | ProjectStatus::Council).then(|| {
            view! {
                <section class="card" aria-labelledby="support-h" id="support">
                    <h2 id="support-h">{lang.t(Msg::ProjectSupportTitle)}</h2>
                    <p>{progress.clone()}</p>
                    <progress max=max value=value aria-label=progress></progress>
                    {if p.status == ProjectStatus::Council {
                view! { <p class="hint">{lang.t(Msg::ProjectSupportReached)}</p> }.into_any()
            } else {
                view! { <SupportAction lang state=support id=p.id.clone() here=here.clone()/> }.into_any()
            }}
                </section>
            }
        });
    view! {
        <p class="breadcrumb-back"><a href="/projects">{lang.t(Msg::ProjectBack)}</a></p>
        <h1 class="page-title">{p.title.clone()}</h1>
        <p class="lead"><StatusBadge lang status=p.status/>" "{facts}</p>
        {category_label.map(|c| view! { <p class="hint">{lang.fmt(Msg::ProjectCategory, &[("category", &c)])}</p> })}
        <Banner lang/>
        {author_note}
        {rejected}
        <PhotoStrip lang photos=p.photos.clone() title=p.title.clone()/>
        <section class="card" aria-labelledby="about-h">
            <h2 id="about-h">{lang.t(Msg::ProjectAbout)}</h2>
            <p class="prose">{p.description.clone()}</p>
            <p><strong>{lang.t(Msg::ProjectLocation)}</strong>" "{p.location.clone()}</p>
        </section>
        {supports}
        {council}
        <Comments lang project=p.id.clone() threads=comments state=commenting/>
        <section class="card" aria-labelledby="timeline-h">
            <h2 id="timeline-h">{lang.t(Msg::ProjectTimeline)}</h2>
            <Timeline lang events tree_labels=area_labels/>
        </section>
    }
}

/// The support button, or what stands in its way.
#[component]
fn SupportAction(lang: Lang, state: SupportState, id: String, here: String) -> impl IntoView {
    let next = encode_query(&format!("{here}#support"));
    match state {
        SupportState::Open => view! {
            <form method="post" action=format!("/projects/{id}/support")>
                <button type="submit" class="button">{lang.t(Msg::ProjectSupportButton)}</button>
            </form>
            <p class="hint">{lang.t(Msg::ProjectSupportHint)}</p>
        }
        .into_any(),
        SupportState::Given => view! { <p class="badge badge-done">{lang.t(Msg::ProjectSupportGiven)}</p> }.into_any(),
        SupportState::Guest => view! {
            <p>{lang.t(Msg::ProjectSupportGuest)}</p>
            <p><a class="button" href=format!("/signin?next={next}")>{lang.t(Msg::SigninTitle)}</a></p>
        }
        .into_any(),
        SupportState::Author => view! { <p class="hint">{lang.t(Msg::ProjectSupportAuthor)}</p> }.into_any(),
        SupportState::OtherCommunity => view! { <p class="hint">{lang.t(Msg::ProjectSupportOther)}</p> }.into_any(),
        SupportState::Closed => view! { <p class="hint">{lang.t(Msg::ProjectSupportClosed)}</p> }.into_any(),
        SupportState::NotEligible(why) => {
            let (msg, href, link) = match why {
                NotEligible::Consent => (Msg::ProjectSupportConsent, format!("/me/consent?next={next}"), Msg::ConsentTitle),
                NotEligible::Community => (Msg::ProjectSupportCommunity, format!("/me?next={next}#community"), Msg::SurveyChooseCommunity),
                _ => (Msg::ProjectSupportVerify, format!("/me?next={next}#community"), Msg::ProjectVerifyLink),
            };
            view! {
                <p>{lang.t(msg)}</p>
                <p><a class="button button-secondary" href=href>{lang.t(link)}</a></p>
            }
            .into_any()
        }
    }
}
