//! One question in the survey editor: its fields by type, its condition, and the buttons
//! that move or remove it (all part of the one editor form).
use crate::core::i18n::{Lang, Msg};
use crate::surveys::model::{Question, QuestionKind};
use crate::surveys::rules::editor::field;
use leptos::prelude::*;

/// The name of a question type, as the editor's "add" buttons show it.
pub fn kind_msg(kind: &str) -> Msg {
    match kind {
        "single" => Msg::SurveyKindSingle,
        "multiple" => Msg::SurveyKindMultiple,
        "scale5" => Msg::SurveyKindScale5,
        "rating10" => Msg::SurveyKindRating10,
        "number" => Msg::SurveyKindNumber,
        "short_text" => Msg::SurveyKindShortText,
        _ => Msg::SurveyKindLongText,
    }
}

/// The fields of a question's type: options, limits, scale words, number range.
fn kind_fields(lang: Lang, i: usize, q: &Question, monthly: bool) -> AnyView {
    let f = move |name: &str| field(i, name);
    let fid = move |name: &str| format!("f{i}-{name}");
    match &q.kind {
        QuestionKind::Single { options } | QuestionKind::Multiple { options, .. } => {
            let text = options.iter().map(|o| o.label.clone()).collect::<Vec<_>>().join("\n");
            let limits = match &q.kind {
                QuestionKind::Multiple { min, max, .. } => Some(view! {
                    <div class="form-row">
                        <div class="form-field">
                            <label for=fid("min")>{lang.t(Msg::StaffSurveyMin)}</label>
                            <input id=fid("min") name=f("min") type="number" min="0" max="30" value=min.to_string() inputmode="numeric"/>
                        </div>
                        <div class="form-field">
                            <label for=fid("max")>{lang.t(Msg::StaffSurveyMax)}</label>
                            <input id=fid("max") name=f("max") type="number" min="1" max="30" value=max.to_string() inputmode="numeric"/>
                        </div>
                    </div>
                }),
                _ => None,
            };
            view! {
                <div class="form-field">
                    <label for=fid("options")>{lang.t(Msg::StaffSurveyOptions)}</label>
                    <textarea id=fid("options") name=f("options") rows=options.len().max(3).to_string()>{text}</textarea>
                </div>
                {limits}
            }
            .into_any()
        }
        QuestionKind::Scale5 { low, high } => view! {
            <div class="form-row">
                <div class="form-field">
                    <label for=fid("low")>{lang.t(Msg::StaffSurveyLow)}</label>
                    <input id=fid("low") name=f("low") type="text" value=low.clone() maxlength="80"/>
                </div>
                <div class="form-field">
                    <label for=fid("high")>{lang.t(Msg::StaffSurveyHigh)}</label>
                    <input id=fid("high") name=f("high") type="text" value=high.clone() maxlength="80"/>
                </div>
            </div>
            {monthly.then(|| view! {
                <p><input type="checkbox" id=fid("feeds") name=f("feeds") checked=q.feeds.is_some()/>
                <label for=fid("feeds")>{lang.t(Msg::StaffSurveyFeeds)}</label></p>
            })}
        }
        .into_any(),
        QuestionKind::Rating10 => ().into_any(),
        QuestionKind::Number { min, max, integer } => view! {
            <div class="form-row">
                <div class="form-field">
                    <label for=fid("nmin")>{lang.t(Msg::StaffSurveyMin)}</label>
                    <input id=fid("nmin") name=f("nmin") type="number" step="any" value=crate::surveys::rules::answers::show_number(*min)/>
                </div>
                <div class="form-field">
                    <label for=fid("nmax")>{lang.t(Msg::StaffSurveyMax)}</label>
                    <input id=fid("nmax") name=f("nmax") type="number" step="any" value=crate::surveys::rules::answers::show_number(*max)/>
                </div>
            </div>
            <p><input type="checkbox" id=fid("integer") name=f("integer") checked=*integer/><label for=fid("integer")>{lang.t(Msg::StaffSurveyInteger)}</label></p>
        }
        .into_any(),
        QuestionKind::ShortText { max_len } | QuestionKind::LongText { max_len } => view! {
            <div class="form-field">
                <label for=fid("max_len")>{lang.t(Msg::StaffSurveyMaxLen)}</label>
                <input id=fid("max_len") name=f("max_len") type="number" min="1" max=crate::surveys::model::LONG_TEXT.to_string() value=max_len.to_string() inputmode="numeric"/>
            </div>
        }
        .into_any(),
    }
}

#[component]
pub fn QuestionEditor(
    lang: Lang,
    i: usize,
    q: Question,
    all: Vec<Question>,
    monthly: bool,
    count: usize,
) -> impl IntoView {
    let f = move |name: &str| field(i, name);
    let fid = move |name: &str| format!("f{i}-{name}");
    let kind = lang.t(q.kind.name());
    let specific = kind_fields(lang, i, &q, monthly);
    // Show-if: any earlier question with options or a scale.
    let earlier: Vec<(usize, &Question)> = all
        .iter()
        .enumerate()
        .take(i)
        .filter(|(_, e)| {
            matches!(
                e.kind,
                QuestionKind::Single { .. }
                    | QuestionKind::Multiple { .. }
                    | QuestionKind::Scale5 { .. }
                    | QuestionKind::Rating10
            )
        })
        .collect();
    let chosen = q.show_if.as_ref().map(|c| c.question.clone()).unwrap_or_default();
    let cond_options = earlier
        .iter()
        .map(|(n, e)| view! { <option value=e.id.clone() selected=e.id == chosen>{format!("{}. {}", n + 1, e.title)}</option> })
        .collect_view();
    let values = all.iter().find(|e| e.id == chosen).map(|target| {
        let any_of = q.show_if.as_ref().map(|c| c.any_of.clone()).unwrap_or_default();
        let pairs: Vec<(String, String)> = match &target.kind {
            QuestionKind::Single { options } | QuestionKind::Multiple { options, .. } => options.iter().map(|o| (o.id.clone(), o.label.clone())).collect(),
            QuestionKind::Scale5 { .. } => (1..=5).map(|v| (v.to_string(), v.to_string())).collect(),
            QuestionKind::Rating10 => (0..=10).map(|v| (v.to_string(), v.to_string())).collect(),
            _ => Vec::new(),
        };
        let items = pairs
            .into_iter()
            .map(|(v, label)| {
                let cid = format!("f{i}-cv-{v}");
                view! { <li><input type="checkbox" id=cid.clone() name=f("cond_v") value=v.clone() checked=any_of.contains(&v)/><label for=cid>{label}</label></li> }
            })
            .collect_view();
        view! {
            <fieldset class="cond-values">
                <legend>{lang.t(Msg::StaffSurveyCondValues)}</legend>
                <ul class="checks">{items}</ul>
            </fieldset>
        }
    });
    let number = i + 1;
    view! {
        <section class="card q-edit" id=format!("edit-{}", q.id) aria-labelledby=format!("edit-{}-h", q.id)>
            <h3 id=format!("edit-{}-h", q.id)>{lang.fmt(Msg::StaffSurveyQuestionN, &[("n", &number.to_string())])}" · "{kind}</h3>
            <input type="hidden" name=f("id") value=q.id.clone()/>
            <div class="form-field">
                <label for=fid("title")>{lang.t(Msg::StaffSurveyQuestionTitle)}</label>
                <textarea id=fid("title") name=f("title") rows="2" maxlength=crate::surveys::model::MAX_TITLE.to_string()>{q.title.clone()}</textarea>
            </div>
            <div class="form-field">
                <label for=fid("help")>{lang.t(Msg::StaffSurveyHelp)}</label>
                <textarea id=fid("help") name=f("help") rows="2" maxlength=crate::surveys::model::MAX_HELP.to_string()>{q.help.clone()}</textarea>
            </div>
            <p><input type="checkbox" id=fid("required") name=f("required") checked=q.required/><label for=fid("required")>{lang.t(Msg::StaffSurveyRequired)}</label></p>
            {specific}
            {(!earlier.is_empty()).then(|| view! {
                <div class="form-field">
                    <label for=fid("cond")>{lang.t(Msg::StaffSurveyShowIf)}</label>
                    <select id=fid("cond") name=f("cond")>
                        <option value="" selected=chosen.is_empty()>{lang.t(Msg::StaffSurveyAlways)}</option>
                        {cond_options}
                    </select>
                    <p class="hint">{lang.t(Msg::StaffSurveyShowIfHint)}</p>
                </div>
                {values}
            })}
            <ul class="button-row">
                {(i > 0).then(|| view! { <li><button type="submit" name="action" value=format!("up:{i}") class="button button-secondary button-small" aria-label=lang.fmt(Msg::StaffSurveyUpN, &[("n", &number.to_string())])>{lang.t(Msg::StaffSurveyUp)}</button></li> })}
                {(i + 1 < count).then(|| view! { <li><button type="submit" name="action" value=format!("down:{i}") class="button button-secondary button-small" aria-label=lang.fmt(Msg::StaffSurveyDownN, &[("n", &number.to_string())])>{lang.t(Msg::StaffSurveyDown)}</button></li> })}
                <li><button type="submit" name="action" value=format!("remove:{i}") class="button button-danger button-small" aria-label=lang.fmt(Msg::StaffSurveyRemoveN, &[("n", &number.to_string())])>{lang.t(Msg::StaffSurveyRemove)}</button></li>
            </ul>
        </section>
    }
}
