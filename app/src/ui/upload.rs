//! A CSV upload form. On the server it is a plain multipart form (the server answers
//! with a report page); once hydrated it sends the file itself, shows the upload's
//! progress and then the server's report (every bad line, or what was applied) in
//! place.
use crate::core::i18n::{Lang, Msg};
use leptos::prelude::*;
use serde::Deserialize;

/// The server's JSON report (see the server's `web::upload::UploadReport`).
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct Report {
    pub ok: bool,
    pub summary: String,
    pub problems: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
// Only the browser build moves past `Idle`.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Stage {
    Idle,
    Uploading(u32),
    Checking,
    Done,
    Failed,
}

/// `hidden`: fields sent with the file (name, value), such as the community a roll is for.
#[island]
pub fn Uploader(
    action: String,
    label: String,
    submit: String,
    lang: Lang,
    hidden: Vec<(String, String)>,
) -> impl IntoView {
    let stage = RwSignal::new(Stage::Idle);
    let report = RwSignal::new(None::<Report>);
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let busy = move || matches!(stage.get(), Stage::Uploading(_) | Stage::Checking);
    let on_submit = {
        let action = action.clone();
        move |ev: leptos::ev::SubmitEvent| {
            #[cfg(feature = "hydrate")]
            {
                if let Some(form) = form_ref.get_untracked() {
                    if send(&action, &form, stage, report).is_ok() {
                        ev.prevent_default();
                    }
                }
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (&ev, &action);
        }
    };
    let status = move || match stage.get() {
        Stage::Idle => ().into_any(),
        Stage::Uploading(p) => view! {
            <progress max="100" value=p.to_string() aria-hidden="true"></progress>
            <p>{lang.fmt(Msg::UploadProgress, &[("percent", &p.to_string())])}</p>
        }
        .into_any(),
        Stage::Checking => view! {
            <progress aria-hidden="true"></progress>
            <p>{lang.t(Msg::UploadChecking)}</p>
        }
        .into_any(),
        Stage::Done => ().into_any(),
        Stage::Failed => view! { <p class="form-error">{lang.t(Msg::UploadFailed)}</p> }.into_any(),
    };
    let outcome = move || {
        report.get().map(|r| {
            let class = if r.ok { "alert alert-ok" } else { "alert alert-error" };
            view! {
                <div class=class>
                    <p><strong>{r.summary}</strong></p>
                    {(!r.problems.is_empty()).then(|| view! {
                        <ul class="problem-list">{r.problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                    })}
                </div>
            }
        })
    };
    view! {
        <form method="post" action=action enctype="multipart/form-data" class="form" node_ref=form_ref on:submit=on_submit>
            {hidden.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value/> }).collect_view()}
            <div class="form-field">
                <label for="upload-file">{label}</label>
                <input id="upload-file" name="file" type="file" accept=".csv,text/csv" required/>
            </div>
            <button type="submit" class="button" disabled=busy>{submit}</button>
            <div class="upload-status" role="status" aria-live="polite">{status}</div>
            <div class="upload-report" aria-live="polite">{outcome}</div>
        </form>
    }
}

#[cfg(feature = "hydrate")]
fn send(
    action: &str,
    form: &web_sys::HtmlFormElement,
    stage: RwSignal<Stage>,
    report: RwSignal<Option<Report>>,
) -> Result<(), wasm_bindgen::JsValue> {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let data = web_sys::FormData::new_with_form(form)?;
    let xhr = web_sys::XmlHttpRequest::new()?;
    xhr.open("POST", action)?;
    xhr.set_request_header("Accept", "application/json")?;
    let on_progress =
        Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
            if e.length_computable() && e.total() > 0.0 {
                let p = (e.loaded() / e.total() * 100.0).round() as u32;
                stage.set(if p >= 100 { Stage::Checking } else { Stage::Uploading(p) });
            }
        });
    let upload = xhr.upload()?;
    upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    on_progress.forget();
    let on_sent = Closure::<dyn FnMut()>::new(move || stage.set(Stage::Checking));
    upload.set_onload(Some(on_sent.as_ref().unchecked_ref()));
    on_sent.forget();
    let done = xhr.clone();
    let on_load = Closure::<dyn FnMut()>::new(move || {
        let text = done.response_text().ok().flatten().unwrap_or_default();
        match parse_report(&text) {
            Some(r) => {
                report.set(Some(r));
                stage.set(Stage::Done);
            }
            None => stage.set(Stage::Failed),
        }
    });
    xhr.set_onload(Some(on_load.as_ref().unchecked_ref()));
    on_load.forget();
    let on_error = Closure::<dyn FnMut()>::new(move || stage.set(Stage::Failed));
    xhr.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    report.set(None);
    stage.set(Stage::Uploading(0));
    xhr.send_with_opt_form_data(Some(&data))
}

/// Reads the report with the browser's own JSON parser (serde_json would add about
/// 20 KB to the wasm for three fields).
#[cfg(feature = "hydrate")]
fn parse_report(text: &str) -> Option<Report> {
    use wasm_bindgen::JsValue;
    let value = js_sys::JSON::parse(text).ok()?;
    let get = |key: &str| js_sys::Reflect::get(&value, &JsValue::from_str(key)).ok();
    let problems = get("problems")?;
    if !js_sys::Array::is_array(&problems) {
        return None;
    }
    Some(Report {
        ok: get("ok")?.as_bool()?,
        summary: get("summary")?.as_string()?,
        problems: js_sys::Array::from(&problems).iter().filter_map(|p| p.as_string()).collect(),
    })
}
