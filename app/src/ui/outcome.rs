//! What a page shows for its loader's answer: the page itself, or the view the error
//! calls for (sign in, refused, not found, try later), with the matching status.
use crate::core::error::{set_status, AppError, AppResult};
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::use_lang;
use crate::ui::layout::current_url;
use crate::ui::{ErrorView, NotFoundView};
use leptos::prelude::*;

/// Renders a loader's answer.
pub fn outcome<T, V: IntoView + 'static>(answer: AppResult<T>, ok: impl FnOnce(T) -> V) -> AnyView {
    match answer {
        Ok(data) => ok(data).into_any(),
        Err(e) => refusal(e),
    }
}

/// As [`outcome`] for loaders that answer `None` when there is nothing to show (404
/// with `missing` as its text, when given).
pub fn found<T, V: IntoView + 'static>(
    answer: AppResult<Option<T>>,
    missing: Option<String>,
    ok: impl FnOnce(T) -> V,
) -> AnyView {
    outcome(answer, |data| match (data, missing) {
        (Some(data), _) => ok(data).into_any(),
        (None, Some(detail)) => view! { <NotFoundView detail/> }.into_any(),
        (None, None) => view! { <NotFoundView/> }.into_any(),
    })
}

/// The view of an error.
pub fn refusal(e: AppError) -> AnyView {
    let lang = use_lang();
    match e {
        AppError::SignIn => view! { <Denied lang sign_in=true/> }.into_any(),
        AppError::Forbidden => view! { <Denied lang sign_in=false/> }.into_any(),
        AppError::NotFound => view! { <NotFoundView/> }.into_any(),
        AppError::Unavailable => view! { <ErrorView/> }.into_any(),
    }
}

/// What a refused staff loader shows.
#[component]
fn Denied(lang: Lang, sign_in: bool) -> impl IntoView {
    set_status(403);
    let next = current_url();
    view! {
        <section class="card status-card" role="alert" aria-labelledby="denied-h">
            <p class="status-code" aria-hidden="true">"403"</p>
            {if sign_in {
                view! {
                    <h2 id="denied-h">{lang.t(Msg::StaffSignInRequired)}</h2>
                    <p><a class="button" href=format!("/staff/signin?next={}", crate::core::prefs::encode_query(&next))>{lang.t(Msg::StaffSigninTitle)}</a></p>
                }.into_any()
            } else {
                view! {
                    <h2 id="denied-h">{lang.t(Msg::StaffForbidden)}</h2>
                    <p><a class="button button-secondary" href="/staff">{lang.t(Msg::StaffHomeTitle)}</a></p>
                }.into_any()
            }}
        </section>
    }
}
