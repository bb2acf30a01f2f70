//! `/projects/new` and `/projects/:id/edit`: the proposal form. Plain form posts: the
//! text (saved as a draft, or sent for review), then photos, added and removed one
//! form at a time so that a refused photo never costs the text typed.
use crate::core::access::NotEligible;
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::{encode_query, use_lang};
use crate::projects::api::{load_proposal_form, Blocked, ProposalForm};
use crate::projects::components::card::yuan;
use crate::projects::model::{
    Project, ProjectKind, MAX_DESCRIPTION, MAX_LOCATION, MAX_PHOTOS, MAX_TITLE,
};
use crate::ui::layout::current_url;
use crate::ui::notices::Banner;
use crate::ui::outcome::outcome;
use crate::ui::title::Title;
use crate::ui::Layout;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ProposePage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().get_untracked().get("id").unwrap_or_default();
    let data = Resource::new(move || id.clone(), load_proposal_form);
    let body = move || {
        Suspend::new(
            async move { outcome(data.await, move |form| view! { <FormView lang form/> }) },
        )
    };
    view! {
        <Title text=format!("{} · {}", lang.t(Msg::ProjectProposeTitle), lang.t(Msg::AppName))/>
        <Layout>
            <p class="breadcrumb-back"><a href="/projects">{lang.t(Msg::ProjectBack)}</a></p>
            <h1 class="page-title">{lang.t(Msg::ProjectProposeTitle)}</h1>
            <Banner lang/>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

#[component]
fn FormView(lang: Lang, form: ProposalForm) -> impl IntoView {
    let ProposalForm { project, rules, community_label, blocked } = form;
    if let Some(b) = blocked {
        return view! { <BlockedView lang blocked=b/> }.into_any();
    }
    let p = project.clone();
    let value = move |f: fn(&Project) -> String| p.as_ref().map(f).unwrap_or_default();
    let kind = project.as_ref().map(|p| p.kind).unwrap_or(ProjectKind::Service);
    let kinds = ProjectKind::ALL
        .into_iter()
        .map(|k| {
            let id = format!("kind-{}", k.as_str());
            let cap = lang.fmt(Msg::ProjectKindCap, &[("cap", &yuan(lang, rules.cap(k)))]);
            view! {
                <li>
                    <input type="radio" id=id.clone() name="kind" value=k.as_str() checked=k == kind required/>
                    <label for=id>{lang.t(k.name())}<span class="hint">" "{cap}</span></label>
                </li>
            }
        })
        .collect_view();
    let id = project.as_ref().map(|p| p.id.clone()).unwrap_or_default();
    let cost =
        project.as_ref().filter(|p| p.cost > 0).map(|p| p.cost.to_string()).unwrap_or_default();
    let photos = project.clone().map(|p| view! { <PhotosForm lang project=p/> });
    view! {
        {community_label.map(|c| view! { <p class="lead">{lang.fmt(Msg::ProjectFor, &[("community", &c)])}</p> })}
        <form class="card form" method="post" action="/projects/save">
            <input type="hidden" name="id" value=id/>
            <div class="form-field">
                <label for="p-title">{lang.t(Msg::ProjectFieldTitle)}</label>
                <input id="p-title" type="text" name="title" required maxlength=MAX_TITLE.to_string() value=value(|p| p.title.clone())/>
            </div>
            <div class="form-field">
                <label for="p-description">{lang.t(Msg::ProjectFieldDescription)}</label>
                <textarea id="p-description" name="description" rows="6" maxlength=MAX_DESCRIPTION.to_string()
                    aria-describedby="p-description-hint">{value(|p| p.description.clone())}</textarea>
                <p class="hint" id="p-description-hint">{lang.t(Msg::ProjectFieldDescriptionHint)}</p>
            </div>
            <fieldset class="form-field choice-group">
                <legend>{lang.t(Msg::ProjectFieldKind)}</legend>
                <ul class="choices">{kinds}</ul>
            </fieldset>
            <div class="form-field">
                <label for="p-cost">{lang.t(Msg::ProjectFieldCost)}</label>
                <input id="p-cost" name="cost" type="number" inputmode="numeric" min="1" step="1"
                    max=rules.max_cap().to_string() value=cost aria-describedby="p-cost-hint"/>
                <p class="hint" id="p-cost-hint">{lang.t(Msg::ProjectFieldCostHint)}</p>
            </div>
            <div class="form-field">
                <label for="p-location">{lang.t(Msg::ProjectFieldLocation)}</label>
                <input id="p-location" type="text" name="location" maxlength=MAX_LOCATION.to_string() value=value(|p| p.location.clone())
                    aria-describedby="p-location-hint"/>
                <p class="hint" id="p-location-hint">{lang.t(Msg::ProjectFieldLocationHint)}</p>
            </div>
            <div class="link-row">
                <button type="submit" name="action" value="save" class="button button-secondary">{lang.t(Msg::ProjectSaveDraft)}</button>
                <button type="submit" name="action" value="submit" class="button">{lang.t(Msg::ProjectSubmit)}</button>
            </div>
            <p class="hint">{lang.t(Msg::ProjectSubmitHint)}</p>
        </form>
        {photos}
    }
    .into_any()
}

/// The draft's photos: each with a remove button, and a form to add more.
#[component]
fn PhotosForm(lang: Lang, project: Project) -> impl IntoView {
    let id = project.id.clone();
    let n = project.photos.len();
    let list = project
        .photos
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (w, h) = p.small();
            let label = lang.fmt(Msg::ProjectPhotoRemove, &[("i", &(i + 1).to_string())]);
            let alt = lang.fmt(
                Msg::ProjectPhotoAlt,
                &[("title", &project.title), ("i", &(i + 1).to_string()), ("n", &n.to_string())],
            );
            view! {
                <li>
                    <img src=format!("/photos/{}-s.jpg", p.name) alt=alt width=w height=h/>
                    <form method="post" action=format!("/projects/{id}/photos/remove")>
                        <input type="hidden" name="photo" value=p.name.clone()/>
                        <button type="submit" class="button button-secondary">{label}</button>
                    </form>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="photos-h" id="photos">
            <h2 id="photos-h">{lang.fmt(Msg::ProjectPhotosTitle, &[("n", &n.to_string()), ("max", &MAX_PHOTOS.to_string())])}</h2>
            <ul class="photo-strip photo-edit">{list}</ul>
            {(n < MAX_PHOTOS).then(|| view! {
                <form class="form" method="post" action=format!("/projects/{id}/photos") enctype="multipart/form-data">
                    <div class="form-field">
                        <label for="p-photo">{lang.t(Msg::ProjectPhotoAdd)}</label>
                        <input id="p-photo" name="photo" type="file" accept="image/jpeg,image/png,image/webp" required
                            aria-describedby="p-photo-hint"/>
                        <p class="hint" id="p-photo-hint">{lang.t(Msg::ProjectPhotoHint)}</p>
                    </div>
                    <button type="submit" class="button button-secondary">{lang.t(Msg::ProjectPhotoUpload)}</button>
                </form>
            })}
        </section>
    }
}

#[component]
fn BlockedView(lang: Lang, blocked: Blocked) -> impl IntoView {
    let next = encode_query(&current_url());
    let (msg, link) = match blocked {
        Blocked::Guest => {
            (Msg::ProjectProposeGuest, Some((format!("/signin?next={next}"), Msg::SigninTitle)))
        }
        Blocked::NotEligible(NotEligible::Consent) => (
            Msg::ProjectProposeConsent,
            Some((format!("/me/consent?next={next}"), Msg::ConsentTitle)),
        ),
        Blocked::NotEligible(_) => (
            Msg::ProjectProposeCommunity,
            Some((format!("/me?next={next}#community"), Msg::SurveyChooseCommunity)),
        ),
        Blocked::NotYours => (Msg::ProjectNotYours, None),
        Blocked::NotEditable => (Msg::ProjectErrNotEditable, None),
    };
    view! {
        <section class="card">
            <p>{lang.t(msg)}</p>
            {link.map(|(href, m)| view! { <p><a class="button" href=href>{lang.t(m)}</a></p> })}
        </section>
    }
}
