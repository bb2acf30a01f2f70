//! `/staff/projects/:id`: a proposal as its committee reviews it — accept under a
//! positive-list category, send back with what to change, or reject with a public
//! reason (naming the negative-list entry when one applies).
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::use_lang;
use crate::projects::api::CommentState;
use crate::projects::api::{load_staff_project, StaffProjectPage};
use crate::projects::components::card::{yuan, StatusBadge};
use crate::projects::components::comments::Comments;
use crate::projects::components::photos::PhotoStrip;
use crate::projects::components::timeline::Timeline;
use crate::projects::model::{ListEntry, ProjectStatus, MAX_REASON};
use crate::ui::notices::Banner;
use crate::ui::outcome::outcome;
use crate::ui::staff::{title, StaffBar};
use crate::ui::title::Title;
use crate::ui::Layout;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn StaffProjectPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().get_untracked().get("id").unwrap_or_default();
    let data = Resource::new(move || id.clone(), load_staff_project);
    let body = move || {
        Suspend::new(
            async move { outcome(data.await, move |page| view! { <ReviewView lang page/> }) },
        )
    };
    view! {
        <Title text=title(lang, Msg::StaffProjectTitle)/>
        <Layout>
            <StaffBar lang/>
            <p class="breadcrumb-back"><a href="/staff/projects">{lang.t(Msg::StaffProjectsBack)}</a></p>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

fn options(lang: Lang, entries: &[ListEntry]) -> impl IntoView {
    entries
        .iter()
        .map(|e| view! { <option value=e.id.clone()>{e.label(lang).to_string()}</option> })
        .collect_view()
}

#[component]
fn ReviewView(lang: Lang, page: StaffProjectPage) -> impl IntoView {
    let StaffProjectPage {
        project: p,
        community_label,
        events,
        area_labels,
        positive,
        negative,
        reviews,
        rules,
        comments,
    } = page;
    let comments = reviews.then(|| {
        view! { <Comments lang project=p.id.clone() threads=comments state=CommentState::Closed staff=true/> }
    });
    let over_cap = p.cost > rules.cap(p.kind);
    let form = (reviews && p.status == ProjectStatus::Submitted).then(|| view! {
        <form class="card form" method="post" action=format!("/staff/projects/{}/review", p.id) aria-labelledby="review-h">
            <h2 id="review-h">{lang.t(Msg::StaffReviewTitle)}</h2>
            <fieldset class="form-field choice-group">
                <legend>{lang.t(Msg::StaffReviewDecision)}</legend>
                <ul class="choices">
                    <li><input type="radio" id="d-accept" name="decision" value="accept" required/>
                        <label for="d-accept">{lang.t(Msg::StaffReviewAccept)}</label></li>
                    <li><input type="radio" id="d-return" name="decision" value="return"/>
                        <label for="d-return">{lang.t(Msg::StaffReviewReturn)}</label></li>
                    <li><input type="radio" id="d-reject" name="decision" value="reject"/>
                        <label for="d-reject">{lang.t(Msg::StaffReviewReject)}</label></li>
                </ul>
            </fieldset>
            <div class="form-field">
                <label for="r-category">{lang.t(Msg::StaffReviewCategory)}</label>
                <select id="r-category" name="category">
                    <option value="">{lang.t(Msg::StaffReviewChoose)}</option>
                    {options(lang, &positive)}
                </select>
            </div>
            <div class="form-field">
                <label for="r-negative">{lang.t(Msg::StaffReviewNegative)}</label>
                <select id="r-negative" name="negative">
                    <option value="">{lang.t(Msg::StaffReviewNone)}</option>
                    {options(lang, &negative)}
                </select>
            </div>
            <div class="form-field">
                <label for="r-reason">{lang.t(Msg::StaffReviewReason)}</label>
                <textarea id="r-reason" name="reason" rows="4" maxlength=MAX_REASON.to_string()
                    aria-describedby="r-reason-hint"></textarea>
                <p class="hint" id="r-reason-hint">{lang.t(Msg::StaffReviewReasonHint)}</p>
            </div>
            <button type="submit" class="button">{lang.t(Msg::StaffReviewSend)}</button>
        </form>
    });
    view! {
        <h1 class="page-title">{p.title.clone()}</h1>
        <p class="lead"><StatusBadge lang status=p.status/>" "
            {format!("{} · {} · {}", lang.t(p.kind.name()), yuan(lang, p.cost), community_label)}</p>
        {over_cap.then(|| view! { <p class="alert alert-error">{lang.t(Msg::ProjectErrCostCap)}</p> })}
        <Banner lang/>
        <PhotoStrip lang photos=p.photos.clone() title=p.title.clone()/>
        <section class="card" aria-labelledby="about-h">
            <h2 id="about-h">{lang.t(Msg::ProjectAbout)}</h2>
            <p class="prose">{p.description.clone()}</p>
            <p><strong>{lang.t(Msg::ProjectLocation)}</strong>" "{p.location.clone()}</p>
            <p>{lang.fmt(Msg::ProjectSupportProgress, &[("n", &p.supports.to_string()), ("of", &rules.support_threshold.to_string())])}</p>
        </section>
        {form}
        {comments}
        <section class="card" aria-labelledby="timeline-h">
            <h2 id="timeline-h">{lang.t(Msg::ProjectTimeline)}</h2>
            <Timeline lang events tree_labels=area_labels/>
        </section>
    }
}
