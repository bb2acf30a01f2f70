//! The answering page's helper: shows how far the resident has got, hides questions
//! whose show-if condition is not met (numbering the shown ones without gaps), and keeps the answers on the device
//! (`localStorage`) as they are typed, so that an interrupted resident (a call, a
//! reload, a closed WeChat tab) finds them again. The form itself is plain HTML and
//! posts without this; on the server this renders the progress line only.
use crate::core::i18n::{Lang, Msg};
use crate::surveys::model::Condition;
use leptos::prelude::*;

/// The key a survey's answers are kept under on the device.
pub fn storage_key(survey: &str) -> String {
    format!("tongxin.survey.{survey}")
}

#[island]
pub fn SurveyDraft(
    survey: String,
    /// Question ids in order, with their conditions.
    rules: Vec<(String, Option<Condition>)>,
    /// Answers already shown by the server (count), for the first render.
    answered: usize,
    /// Questions the server showed (the others wait for their conditions).
    shown: usize,
    /// Restore answers kept on the device (false when the server filled the form).
    restore: bool,
    lang: Lang,
) -> impl IntoView {
    let total = RwSignal::new(shown);
    let done = RwSignal::new(answered);
    let restored = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    {
        let survey = survey.clone();
        Effect::new(move |_| {
            if let Err(e) = browser::attach(&survey, &rules, restore, total, done, restored) {
                leptos::logging::warn!("survey draft: {e:?}");
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (&survey, &rules, restore);
    view! {
        <div class="survey-progress">
            <progress max=move || total.get().max(1).to_string() value=move || done.get().to_string() aria-hidden="true"></progress>
            <p class="hint" id="survey-progress-text">
                {move || lang.fmt(Msg::SurveyProgress, &[("done", &done.get().to_string()), ("total", &total.get().to_string())])}
            </p>
            <Show when=move || restored.get()>
                <p class="hint" role="status" data-restored="true">{lang.t(Msg::SurveyRestored)}</p>
            </Show>
        </div>
    }
}

/// Removes a survey's kept answers (after it was submitted).
#[island]
pub fn ForgetSurveyDraft(survey: String) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
            let _ = storage.remove_item(&storage_key(&survey));
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = &survey;
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::storage_key;
    use crate::surveys::model::Condition;
    use crate::surveys::rules::answers::raw_answers;
    use crate::surveys::rules::conditions::visible_ids;
    use leptos::prelude::*;
    use std::collections::HashMap;
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    use web_sys::{HtmlFormElement, HtmlInputElement, HtmlTextAreaElement};

    fn pairs(form: &HtmlFormElement) -> Result<Vec<(String, String)>, JsValue> {
        let data = web_sys::FormData::new_with_form(form)?;
        let mut out = Vec::new();
        let iter =
            js_sys::try_iter(&data)?.ok_or_else(|| JsValue::from_str("FormData not iterable"))?;
        for entry in iter {
            let entry: js_sys::Array = entry?.unchecked_into();
            if let (Some(k), Some(v)) = (entry.get(0).as_string(), entry.get(1).as_string()) {
                out.push((k, v));
            }
        }
        Ok(out)
    }

    fn encode(pairs: &[(String, String)]) -> String {
        pairs
            .iter()
            .map(|(k, v)| {
                format!("{}={}", js_sys::encode_uri_component(k), js_sys::encode_uri_component(v))
            })
            .collect::<Vec<_>>()
            .join("&")
    }

    fn decode(text: &str) -> Vec<(String, String)> {
        let dec = |s: &str| js_sys::decode_uri_component(s).ok().and_then(|v| v.as_string());
        text.split('&')
            .filter_map(|p| p.split_once('='))
            .filter_map(|(k, v)| Some((dec(k)?, dec(v)?)))
            .collect()
    }

    /// Fills the form's controls with kept answers; returns whether any was set.
    fn fill(
        form: &HtmlFormElement,
        ids: &[String],
        kept: &[(String, String)],
    ) -> Result<bool, JsValue> {
        let mut any = false;
        let nodes = form.query_selector_all("input[name], textarea[name]")?;
        for i in 0..nodes.length() {
            let Some(node) = nodes.item(i) else { continue };
            if let Some(input) = node.dyn_ref::<HtmlInputElement>() {
                let name = input.name();
                if !ids.contains(&name) {
                    continue;
                }
                let values: Vec<&str> =
                    kept.iter().filter(|(k, _)| *k == name).map(|(_, v)| v.as_str()).collect();
                match input.type_().as_str() {
                    "radio" | "checkbox" => {
                        let on = values.contains(&input.value().as_str());
                        any |= on;
                        input.set_checked(on);
                    }
                    _ => {
                        if let Some(v) = values.first() {
                            any |= !v.is_empty();
                            input.set_value(v);
                        }
                    }
                }
            } else if let Some(area) = node.dyn_ref::<HtmlTextAreaElement>() {
                if let Some((_, v)) = kept.iter().find(|(k, _)| *k == area.name()) {
                    any |= !v.is_empty();
                    area.set_value(v);
                }
            }
        }
        Ok(any)
    }

    /// Shows the questions whose conditions hold, hides the others, and counts.
    fn refresh(
        form: &HtmlFormElement,
        rules: &[(String, Option<Condition>)],
        total: RwSignal<usize>,
        done: RwSignal<usize>,
    ) -> Result<Vec<(String, String)>, JsValue> {
        let now = pairs(form)?;
        let mut grouped: HashMap<String, Vec<String>> = HashMap::new();
        for (k, v) in &now {
            grouped.entry(k.clone()).or_default().push(v.clone());
        }
        let answers = raw_answers(&grouped);
        let shown = visible_ids(rules.iter().map(|(id, c)| (id.as_str(), c.as_ref())), &answers);
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or_else(|| JsValue::from_str("no document"))?;
        let mut number = 0;
        for (id, _) in rules {
            let Some(el) = document.get_element_by_id(&format!("q-{id}")) else { continue };
            if !shown.contains(id) {
                el.set_attribute("hidden", "")?;
                continue;
            }
            el.remove_attribute("hidden")?;
            // Numbers run on over hidden questions, in the legends and in the
            // conditions that refer to them.
            number += 1;
            if let Some(n) = el.query_selector(".q-number .n-js")? {
                n.set_text_content(Some(&number.to_string()));
            }
            let refs = form.query_selector_all(&format!(".q-ref[data-ref=\"{id}\"] .n-js"))?;
            for i in 0..refs.length() {
                if let Some(r) = refs.item(i) {
                    r.set_text_content(Some(&number.to_string()));
                }
            }
        }
        total.set(shown.len());
        done.set(shown.iter().filter(|id| answers.contains_key(*id)).count());
        Ok(now)
    }

    pub fn attach(
        survey: &str,
        rules: &[(String, Option<Condition>)],
        restore: bool,
        total: RwSignal<usize>,
        done: RwSignal<usize>,
        restored: RwSignal<bool>,
    ) -> Result<(), JsValue> {
        let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
        let document = window.document().ok_or_else(|| JsValue::from_str("no document"))?;
        let Some(form) = document
            .get_element_by_id("survey-form")
            .and_then(|e| e.dyn_into::<HtmlFormElement>().ok())
        else {
            return Ok(());
        };
        // Private browsing may refuse storage: the form still works, unkept.
        let storage = window.local_storage().ok().flatten();
        let key = storage_key(survey);
        let ids: Vec<String> = rules.iter().map(|(id, _)| id.clone()).collect();
        if restore {
            if let Some(text) = storage.as_ref().and_then(|s| s.get_item(&key).ok().flatten()) {
                if fill(&form, &ids, &decode(&text))? {
                    restored.set(true);
                }
            }
        }
        refresh(&form, rules, total, done)?;
        let rules = rules.to_vec();
        let form_in = form.clone();
        let on_change = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
            if let Ok(now) = refresh(&form_in, &rules, total, done) {
                let kept: Vec<(String, String)> =
                    now.into_iter().filter(|(k, _)| ids.contains(k)).collect();
                if let Some(s) = &storage {
                    let _ = s.set_item(&key, &encode(&kept));
                }
            }
        });
        form.add_event_listener_with_callback("input", on_change.as_ref().unchecked_ref())?;
        form.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref())?;
        form.set_attribute("data-draft", "on")?;
        on_change.forget();
        Ok(())
    }
}
