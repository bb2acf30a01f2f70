//! What a post of the editor does to a draft: its settings saved (a faulty one keeps
//! its stored value and is named), its questions read back, and the button's action
//! applied (add, remove, move a question).
use crate::core::areas::AreaTree;
use crate::core::i18n::{Lang, Msg};
use crate::surveys::model::{
    Choice, Question, QuestionKind, Survey, SurveyKind, LONG_TEXT, MAX_QUESTIONS, SHORT_TEXT,
};
use crate::surveys::rules::editor::{read_questions, read_settings, EditAction, SettingsFault};
use std::collections::HashMap;

/// The smallest free "qN" id.
pub fn next_id(questions: &[Question]) -> String {
    (1..)
        .map(|n| format!("q{n}"))
        .find(|id| !questions.iter().any(|q| &q.id == id))
        .unwrap_or_default()
}

/// A new question of type `kind`, its placeholders in the author's language.
pub fn blank(kind: &str, id: String, lang: Lang) -> Option<Question> {
    let opt = |n: u32| Choice {
        id: format!("o{n}"),
        label: lang.fmt(Msg::SurveyEdOptionN, &[("n", &n.to_string())]),
    };
    let kind = match kind {
        "single" => QuestionKind::Single { options: vec![opt(1), opt(2)] },
        "multiple" => {
            QuestionKind::Multiple { options: vec![opt(1), opt(2), opt(3)], min: 1, max: 3 }
        }
        "scale5" => QuestionKind::Scale5 {
            low: lang.t(Msg::SurveyEdScaleLow).into(),
            high: lang.t(Msg::SurveyEdScaleHigh).into(),
        },
        "rating10" => QuestionKind::Rating10,
        "number" => QuestionKind::Number { min: 0.0, max: 100.0, integer: true },
        "short_text" => QuestionKind::ShortText { max_len: SHORT_TEXT },
        "long_text" => QuestionKind::LongText { max_len: LONG_TEXT / 4 },
        _ => return None,
    };
    Some(Question {
        id,
        title: String::new(),
        help: String::new(),
        required: true,
        kind,
        show_if: None,
        feeds: None,
    })
}

/// Applies an editor action to the questions (after the form has been read).
pub fn apply(action: &EditAction, questions: &mut Vec<Question>, lang: Lang) {
    match action {
        EditAction::Add(kind) if questions.len() < MAX_QUESTIONS => {
            if let Some(q) = blank(kind, next_id(questions), lang) {
                questions.push(q);
            }
        }
        EditAction::Remove(i) if *i < questions.len() => {
            let gone = questions.remove(*i).id;
            // Conditions on the removed question go with it.
            for q in questions.iter_mut() {
                if q.show_if.as_ref().is_some_and(|c| c.question == gone) {
                    q.show_if = None;
                }
            }
        }
        EditAction::Up(i) if *i > 0 && *i < questions.len() => questions.swap(*i - 1, *i),
        EditAction::Down(i) if i + 1 < questions.len() => questions.swap(*i, *i + 1),
        _ => {}
    }
}

/// A draft as the editor's post leaves it.
#[derive(Clone, Debug, PartialEq)]
pub struct Edited {
    pub area_code: String,
    pub title: String,
    pub intro: String,
    pub questions: Vec<Question>,
    pub anonymous: bool,
    pub verified_only: bool,
    pub editable: bool,
    pub opens_at: i64,
    pub closes_at: i64,
    /// The first faulty setting, named to the editor (its stored value is kept).
    pub fault: Option<SettingsFault>,
    /// The question to show after the action (the one added or moved).
    pub focus: Option<String>,
}

/// The post's target area may not be used by the editor (outside their area).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ForeignArea;

/// Applies an editor post to `survey` (a draft). The city's monthly survey keeps its
/// area; a consultation may be aimed at areas inside `editor_area`.
pub fn edit(
    survey: &Survey,
    form: &HashMap<String, Vec<String>>,
    action: &EditAction,
    tree: &AreaTree,
    editor_area: &str,
    lang: Lang,
) -> Result<Edited, ForeignArea> {
    let settings = read_settings(form);
    let faults = settings.faults();
    let mut questions = read_questions(form, &survey.questions);
    // Questions the form did not carry (none, normally) are kept, not dropped.
    for q in &survey.questions {
        if !questions.iter().any(|x| x.id == q.id) {
            questions.push(q.clone());
        }
    }
    apply(action, &mut questions, lang);
    let area_code = if survey.kind == SurveyKind::CityMonthly || settings.area.is_empty() {
        survey.area_code.clone()
    } else if tree.is_within(&settings.area, editor_area) {
        settings.area.clone()
    } else {
        return Err(ForeignArea);
    };
    // Only the monthly survey's scale question may feed the index.
    if survey.kind != SurveyKind::CityMonthly {
        for q in &mut questions {
            q.feeds = None;
        }
    }
    let has = |f| faults.contains(&f);
    let (opens_at, closes_at) =
        match (has(SettingsFault::Times), settings.opens_at, settings.closes_at) {
            (false, Some(o), Some(c)) => (o, c),
            _ => (survey.opens_at, survey.closes_at),
        };
    let focus = match action {
        EditAction::Add(_) => questions.last(),
        EditAction::Up(i) => questions.get(i.saturating_sub(1)),
        EditAction::Down(i) => questions.get((i + 1).min(questions.len().saturating_sub(1))),
        EditAction::Remove(i) => questions.get((*i).min(questions.len().saturating_sub(1))),
        _ => None,
    }
    .map(|q| q.id.clone());
    Ok(Edited {
        area_code,
        title: if has(SettingsFault::Title) { survey.title.clone() } else { settings.title },
        intro: if has(SettingsFault::Intro) { survey.intro.clone() } else { settings.intro },
        questions,
        anonymous: settings.anonymous,
        verified_only: settings.verified_only,
        editable: settings.editable,
        opens_at,
        closes_at,
        fault: faults.first().copied(),
        focus,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::areas::Level;
    use crate::core::fixtures::area;
    use crate::surveys::model::{Condition, Feed, SurveyStatus};
    use crate::surveys::rules::definition::check_definition;
    use crate::surveys::rules::editor::{read_questions, KINDS};
    use crate::surveys::rules::fixtures::form;

    fn tree() -> AreaTree {
        AreaTree::new(vec![
            area("c", None, Level::City),
            area("d", Some("c"), Level::District),
            area("s1", Some("d"), Level::Street),
            area("s2", Some("d"), Level::Street),
        ])
    }

    fn draft(kind: SurveyKind) -> Survey {
        let mut scale = blank("scale5", "q1".into(), Lang::Zh).unwrap();
        scale.feeds = Some(Feed::ResidentRating);
        Survey {
            id: "x".into(),
            kind,
            month: None,
            area_code: "s1".into(),
            title: "旧标题".into(),
            intro: String::new(),
            questions: vec![scale],
            anonymous: false,
            verified_only: false,
            editable: false,
            opens_at: 100,
            closes_at: 200,
            status: SurveyStatus::Draft,
        }
    }

    #[test]
    fn a_post_saves_what_is_valid_keeps_what_is_not_and_stays_in_the_editors_area() {
        let s = draft(SurveyKind::Community);
        let post = form(&[
            ("title", ""),
            ("area", "s1"),
            ("opens", "2026-11-01T08:00"),
            ("closes", "2026-11-30T20:00"),
            ("f0.id", "q1"),
            ("f0.title", "安全吗"),
            ("f0.feeds", "on"),
        ]);
        let e = edit(&s, &post, &EditAction::Save, &tree(), "s1", Lang::Zh).unwrap();
        assert_eq!(e.title, "旧标题", "an empty title keeps the stored one");
        assert_eq!(e.fault, Some(SettingsFault::Title));
        assert_eq!(e.questions[0].title, "安全吗");
        assert_eq!(e.questions[0].feeds, None, "only the monthly survey feeds the index");
        assert!(e.opens_at > 200);
        let elsewhere = form(&[("title", "议事"), ("area", "s2")]);
        assert_eq!(
            edit(&s, &elsewhere, &EditAction::Save, &tree(), "s1", Lang::Zh),
            Err(ForeignArea)
        );
        assert!(edit(&s, &elsewhere, &EditAction::Save, &tree(), "d", Lang::Zh).is_ok());
        let monthly = draft(SurveyKind::CityMonthly);
        let e =
            edit(&monthly, &elsewhere, &EditAction::Add("rating10".into()), &tree(), "c", Lang::Zh)
                .unwrap();
        assert_eq!(e.area_code, "s1", "the monthly survey keeps its area");
        assert_eq!(e.focus.as_deref(), Some("q2"), "the added question is shown");
        assert_eq!(e.questions[0].feeds, Some(Feed::ResidentRating));
    }

    #[test]
    fn actions_add_remove_and_move_questions() {
        let mut qs = Vec::new();
        for k in KINDS {
            apply(&EditAction::parse(&format!("add:{k}")), &mut qs, Lang::En);
        }
        assert_eq!(
            qs.iter().map(|q| q.id.as_str()).collect::<Vec<_>>(),
            ["q1", "q2", "q3", "q4", "q5", "q6", "q7"]
        );
        qs[1].show_if = Some(Condition { question: "q1".into(), any_of: vec!["o1".into()] });
        apply(&EditAction::parse("down:0"), &mut qs, Lang::En);
        assert_eq!(qs[0].id, "q2");
        apply(&EditAction::parse("up:1"), &mut qs, Lang::En);
        assert_eq!(qs[0].id, "q1");
        apply(&EditAction::parse("remove:0"), &mut qs, Lang::En);
        assert_eq!(qs[0].id, "q2");
        assert_eq!(qs[0].show_if, None, "a condition on a removed question goes");
        apply(&EditAction::parse("add:single"), &mut qs, Lang::En);
        assert_eq!(qs.last().unwrap().id, "q1", "the freed id is reused");
        assert_eq!(EditAction::parse("add:essay"), EditAction::Save);
        assert_eq!(EditAction::parse("remove:x"), EditAction::Save);
        assert_eq!(EditAction::parse("publish"), EditAction::Publish { confirmed: false });
    }

    #[test]
    fn a_posted_form_reads_back_and_keeps_option_ids_by_label() {
        let stored = vec![
            blank("single", "q1".into(), Lang::Zh).unwrap(),
            blank("multiple", "q2".into(), Lang::Zh).unwrap(),
            blank("number", "q3".into(), Lang::Zh).unwrap(),
        ];
        let f = form(&[
            ("f0.id", "q1"),
            ("f0.title", " 您住在哪里？ "),
            ("f0.required", "on"),
            ("f0.options", "选项 2\n新楼\n\n"),
            ("f1.id", "q2"),
            ("f1.title", "哪些？"),
            ("f1.options", "甲\n乙"),
            ("f1.min", "1"),
            ("f1.max", "2"),
            ("f1.cond", "q1"),
            ("f1.cond_v", "o2"),
            ("f2.id", "q3"),
            ("f2.title", "几人？"),
            ("f2.nmin", "1"),
            ("f2.nmax", "x"),
            // A question the draft does not have is ignored.
            ("f3.id", "q9"),
            ("f3.title", "偷渡"),
        ]);
        let qs = read_questions(&f, &stored);
        assert_eq!(qs.len(), 3);
        assert_eq!(qs[0].title, "您住在哪里？");
        assert!(qs[0].required);
        let QuestionKind::Single { options } = &qs[0].kind else { panic!() };
        assert_eq!(
            options.iter().map(|o| (o.id.as_str(), o.label.as_str())).collect::<Vec<_>>(),
            [("o2", "选项 2"), ("o3", "新楼")]
        );
        assert!(!qs[1].required);
        assert_eq!(
            qs[1].show_if,
            Some(Condition { question: "q1".into(), any_of: vec!["o2".into()] })
        );
        assert!(matches!(qs[1].kind, QuestionKind::Multiple { min: 1, max: 2, .. }));
        // An unreadable number keeps the stored value.
        assert!(
            matches!(qs[2].kind, QuestionKind::Number { min, max, integer: false } if min == 1.0 && max == 100.0)
        );
        assert_eq!(check_definition(&qs), Ok(()));
    }
}
