//! A survey's questions as form controls: radio buttons, check boxes, a 1–5 scale,
//! a 0–10 rating, a number, short and long text. Each question is a fieldset whose
//! legend is its number and title, with its help, its condition and its problem
//! tied to the controls by `aria-describedby`. Used by the answering page and, as a
//! preview in a phone frame, by the editor.
use crate::core::i18n::{Lang, Msg};
use crate::surveys::components::numbering::{Numbering, NUMBER_MARK};
use crate::surveys::model::{Question, QuestionKind};
use crate::surveys::rules::answers::show_number;
use leptos::prelude::*;

fn has(prefill: &[(String, String)], id: &str, value: &str) -> bool {
    prefill.iter().any(|(k, v)| k == id && v == value)
}

fn value_of(prefill: &[(String, String)], id: &str) -> String {
    prefill.iter().find(|(k, _)| k == id).map(|(_, v)| v.clone()).unwrap_or_default()
}

/// What a condition says, in words: "（第 2 题选“遇到过”时回答）".
fn condition_view(
    lang: Lang,
    questions: &[Question],
    numbering: &Numbering,
    q: &Question,
) -> Option<AnyView> {
    let c = q.show_if.as_ref()?;
    let target = questions.iter().find(|t| t.id == c.question)?;
    let values: Vec<String> = c
        .any_of
        .iter()
        .map(|v| match &target.kind {
            QuestionKind::Single { options } | QuestionKind::Multiple { options, .. } => options
                .iter()
                .find(|o| &o.id == v)
                .map(|o| o.label.clone())
                .unwrap_or_else(|| v.clone()),
            _ => v.clone(),
        })
        .collect();
    let sep = lang.t(Msg::SurveyShowIfOr);
    let text =
        lang.fmt(Msg::SurveyShowIf, &[("number", NUMBER_MARK), ("values", &values.join(sep))]);
    Some(view! { <span class="q-cond">{numbering.sentence(&text, &target.id)}</span> }.into_any())
}

#[component]
pub fn SurveyQuestions(
    lang: Lang,
    questions: Vec<Question>,
    #[prop(optional)] prefill: Vec<(String, String)>,
    #[prop(optional)] problems: Vec<(String, String)>,
    /// Prefix of element ids, so that a preview and a form can share a page. A
    /// preview shows every question; the form hides the conditional ones whose
    /// conditions the answers so far do not meet (see [`Numbering`]).
    #[prop(optional, into)]
    prefix: String,
) -> impl IntoView {
    let preview = !prefix.is_empty();
    let numbering = match preview {
        true => Numbering::all(&questions),
        false => Numbering::for_answers(&questions, &prefill),
    };
    // Marks the page as scripted before the questions paint (see `numbering`).
    let scripted = (!preview).then(|| {
        let nonce = leptos::nonce::use_nonce();
        view! { <script nonce=nonce>"document.documentElement.classList.add('js')"</script> }
    });
    let views = questions
        .iter()
        .map(|q| {
            let base = format!("{prefix}q-{}", q.id);
            let problem = problems.iter().find(|(id, _)| *id == q.id).map(|(_, m)| m.clone());
            let cond = condition_view(lang, &questions, &numbering, q);
            let help_id = format!("{base}-help");
            let err_id = format!("{base}-err");
            let mut described = Vec::new();
            if !q.help.is_empty() || cond.is_some() {
                described.push(help_id.clone());
            }
            if problem.is_some() {
                described.push(err_id.clone());
            }
            let described = described.join(" ");
            let controls = controls(lang, q, &base, &prefill, &described, problem.is_some());
            let required = q.required.then(|| {
                view! { <span class="q-required">" "<abbr title=lang.t(Msg::SurveyRequired)>"*"</abbr></span> }
            });
            let class = if problem.is_some() { "q q-invalid" } else { "q" };
            view! {
                <fieldset class=class id=base.clone() data-q=q.id.clone() hidden=numbering.is_hidden(&q.id)>
                    <legend class="q-title"><span class="q-number">{numbering.number(&q.id)}". "</span>{q.title.clone()}{required}</legend>
                    {(!q.help.is_empty() || cond.is_some()).then(|| view! {
                        <p class="hint" id=help_id.clone()>
                            {q.help.clone()}
                            {cond}
                        </p>
                    })}
                    {problem.map(|m| view! { <p class="field-error" id=err_id.clone()>{m}</p> })}
                    {controls}
                </fieldset>
            }
        })
        .collect_view();
    view! { {scripted}<div class="questions">{views}</div> }
}

fn controls(
    lang: Lang,
    q: &Question,
    base: &str,
    prefill: &[(String, String)],
    described: &str,
    invalid: bool,
) -> AnyView {
    let name = q.id.clone();
    let described = (!described.is_empty()).then(|| described.to_string());
    let invalid = invalid.then_some("true");
    match &q.kind {
        QuestionKind::Single { options } | QuestionKind::Multiple { options, .. } => {
            let multiple = matches!(q.kind, QuestionKind::Multiple { .. });
            let kind = if multiple { "checkbox" } else { "radio" };
            let limits = match &q.kind {
                QuestionKind::Multiple { min, max, .. } => Some(lang.fmt(
                    Msg::SurveyChooseBetween,
                    &[("min", &min.max(&1).to_string()), ("max", &max.to_string())],
                )),
                _ => None,
            };
            let items = options
                .iter()
                .map(|o| {
                    let id = format!("{base}-{}", o.id);
                    view! {
                        <li>
                            <input type=kind id=id.clone() name=name.clone() value=o.id.clone()
                                checked=has(prefill, &q.id, &o.id) aria-describedby=described.clone() aria-invalid=invalid/>
                            <label for=id>{o.label.clone()}</label>
                        </li>
                    }
                })
                .collect_view();
            view! {
                {limits.map(|l| view! { <p class="hint">{l}</p> })}
                <ul class="choices">{items}</ul>
            }
            .into_any()
        }
        QuestionKind::Scale5 { .. } | QuestionKind::Rating10 => {
            let (range, low, high) = match &q.kind {
                QuestionKind::Scale5 { low, high } => (1..=5, low.clone(), high.clone()),
                _ => (
                    0..=10,
                    lang.t(Msg::SurveyRatingLow).to_string(),
                    lang.t(Msg::SurveyRatingHigh).to_string(),
                ),
            };
            let class = if range.end() == &5 { "scale scale5" } else { "scale scale10" };
            let items = range
                .map(|v| {
                    let value = v.to_string();
                    let id = format!("{base}-{v}");
                    view! {
                        <li>
                            <input type="radio" id=id.clone() name=name.clone() value=value.clone()
                                checked=has(prefill, &q.id, &value) aria-describedby=described.clone() aria-invalid=invalid/>
                            <label for=id>{value.clone()}</label>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <ul class=class>{items}</ul>
                <p class="scale-ends" aria-hidden="true"><span>{low}</span><span>{high}</span></p>
            }
            .into_any()
        }
        QuestionKind::Number { min, max, integer } => {
            let id = format!("{base}-input");
            view! {
                <label class="visually-hidden" for=id.clone()>{q.title.clone()}</label>
                <input type="number" class="input-number" id=id name=name inputmode=if *integer { "numeric" } else { "decimal" }
                    min=show_number(*min) max=show_number(*max) step=if *integer { "1" } else { "any" }
                    value=value_of(prefill, &q.id) aria-describedby=described aria-invalid=invalid/>
                <p class="hint">{lang.fmt(Msg::SurveyNumberRange, &[("min", &show_number(*min)), ("max", &show_number(*max))])}</p>
            }
            .into_any()
        }
        QuestionKind::ShortText { max_len } => {
            let id = format!("{base}-input");
            view! {
                <label class="visually-hidden" for=id.clone()>{q.title.clone()}</label>
                <input type="text" id=id name=name maxlength=max_len.to_string() value=value_of(prefill, &q.id)
                    aria-describedby=described aria-invalid=invalid/>
            }
            .into_any()
        }
        QuestionKind::LongText { max_len } => {
            let id = format!("{base}-input");
            view! {
                <label class="visually-hidden" for=id.clone()>{q.title.clone()}</label>
                <textarea id=id name=name rows="4" maxlength=max_len.to_string() aria-describedby=described aria-invalid=invalid>
                    {value_of(prefill, &q.id)}
                </textarea>
                <p class="hint">{lang.fmt(Msg::SurveyMaxChars, &[("max", &max_len.to_string())])}</p>
            }
            .into_any()
        }
    }
}
