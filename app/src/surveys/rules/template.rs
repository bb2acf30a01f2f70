//! The city's monthly 平安建设问卷: how safe residents feel (feeds 市民打分), what
//! happened to them, whether they know their grid worker, satisfaction, and their own
//! words. Anonymous, one answer each. The words are in the locale files.
use crate::core::i18n::{Lang, Msg};
use crate::surveys::model::{Choice, Condition, Feed, Question, QuestionKind, SHORT_TEXT};

/// "2026年11月平安建设问卷".
pub fn monthly_title(lang: Lang, year: i32, month: u32) -> String {
    lang.fmt(
        Msg::SurveyTemplateTitle,
        &[("year", &year.to_string()), ("month", &month.to_string())],
    )
}

pub fn monthly_intro(lang: Lang) -> String {
    lang.t(Msg::SurveyTemplateIntro).to_string()
}

/// Options `o1`, `o2`, … from a "|"-separated message.
fn choices(lang: Lang, msg: Msg) -> Vec<Choice> {
    lang.t(msg)
        .split('|')
        .enumerate()
        .map(|(i, l)| Choice { id: format!("o{}", i + 1), label: l.to_string() })
        .collect()
}

fn q(lang: Lang, id: &str, title: Msg, required: bool, kind: QuestionKind) -> Question {
    Question {
        id: id.into(),
        title: lang.t(title).into(),
        help: String::new(),
        required,
        kind,
        show_if: None,
        feeds: None,
    }
}

/// The eight questions, in `lang`.
pub fn monthly_questions(lang: Lang) -> Vec<Question> {
    let safe = QuestionKind::Scale5 {
        low: lang.t(Msg::SurveyTemplateQ1Low).into(),
        high: lang.t(Msg::SurveyTemplateQ1High).into(),
    };
    let kinds = QuestionKind::Multiple {
        options: choices(lang, Msg::SurveyTemplateQ3Options),
        min: 1,
        max: 4,
    };
    vec![
        Question {
            feeds: Some(Feed::ResidentRating),
            help: lang.t(Msg::SurveyTemplateQ1Help).into(),
            ..q(lang, "q1", Msg::SurveyTemplateQ1, true, safe)
        },
        q(lang, "q2", Msg::SurveyTemplateQ2, true, single(lang, Msg::SurveyTemplateQ2Options)),
        Question {
            show_if: Some(Condition { question: "q2".into(), any_of: vec!["o2".into()] }),
            ..q(lang, "q3", Msg::SurveyTemplateQ3, true, kinds)
        },
        q(lang, "q4", Msg::SurveyTemplateQ4, true, single(lang, Msg::SurveyTemplateQ4Options)),
        q(lang, "q5", Msg::SurveyTemplateQ5, true, QuestionKind::Rating10),
        q(
            lang,
            "q6",
            Msg::SurveyTemplateQ6,
            false,
            QuestionKind::Number { min: 0.0, max: 31.0, integer: true },
        ),
        q(
            lang,
            "q7",
            Msg::SurveyTemplateQ7,
            false,
            QuestionKind::ShortText { max_len: SHORT_TEXT },
        ),
        q(lang, "q8", Msg::SurveyTemplateQ8, false, QuestionKind::LongText { max_len: 500 }),
    ]
}

fn single(lang: Lang, options: Msg) -> QuestionKind {
    QuestionKind::Single { options: choices(lang, options) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surveys::rules::definition::check_definition;

    #[test]
    fn the_monthly_template_is_a_valid_survey_feeding_the_index() {
        for lang in [Lang::Zh, Lang::En] {
            let t = monthly_questions(lang);
            assert_eq!(check_definition(&t), Ok(()));
            assert_eq!(t.iter().filter(|q| q.feeds == Some(Feed::ResidentRating)).count(), 1);
            let kinds: std::collections::HashSet<_> =
                t.iter().map(|q| std::mem::discriminant(&q.kind)).collect();
            assert_eq!(kinds.len(), 7, "every question type appears");
        }
        assert_eq!(monthly_title(Lang::Zh, 2026, 11), "2026年11月平安建设问卷");
    }
}
