//! Checking a survey's definition before it is saved and published: ids, titles,
//! options, limits, conditions (earlier questions only) and feeds.
use crate::core::i18n::Msg;
use crate::surveys::model::{
    Feed, Question, QuestionKind, LONG_TEXT, MAX_HELP, MAX_OPTION, MAX_OPTIONS, MAX_QUESTIONS,
    MAX_TITLE,
};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// What is wrong with a survey's definition (checked when saved and when published).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum DefinitionFault {
    NoQuestions,
    TooManyQuestions,
    DuplicateId,
    BadId,
    EmptyTitle,
    LongText,
    TooFewOptions,
    TooManyOptions,
    DuplicateOption,
    BadLimits,
    /// The condition names a question that is not earlier, or one that cannot be a condition.
    BadConditionQuestion,
    BadConditionValue,
    /// Only a 5-point scale can feed 市民打分, and only one question does.
    BadFeed,
}

impl DefinitionFault {
    pub fn message(&self) -> Msg {
        match self {
            DefinitionFault::NoQuestions => Msg::SurveyDefNoQuestions,
            DefinitionFault::TooManyQuestions => Msg::SurveyDefTooManyQuestions,
            DefinitionFault::DuplicateId | DefinitionFault::BadId => Msg::SurveyDefBadId,
            DefinitionFault::EmptyTitle => Msg::SurveyDefEmptyTitle,
            DefinitionFault::LongText => Msg::SurveyDefLongText,
            DefinitionFault::TooFewOptions => Msg::SurveyDefTooFewOptions,
            DefinitionFault::TooManyOptions => Msg::SurveyDefTooManyOptions,
            DefinitionFault::DuplicateOption => Msg::SurveyDefDuplicateOption,
            DefinitionFault::BadLimits => Msg::SurveyDefBadLimits,
            DefinitionFault::BadConditionQuestion => Msg::SurveyDefBadConditionQuestion,
            DefinitionFault::BadConditionValue => Msg::SurveyDefBadConditionValue,
            DefinitionFault::BadFeed => Msg::SurveyDefBadFeed,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DefinitionProblem {
    /// 1-based question number, when the problem is in one question.
    pub question: Option<usize>,
    pub fault: DefinitionFault,
}

fn valid_id(id: &str) -> bool {
    (1..=32).contains(&id.len())
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Checks a definition: ids, titles, options, limits, conditions (earlier questions
/// only, existing values) and feeds. Every problem is listed.
pub fn check_definition(questions: &[Question]) -> Result<(), Vec<DefinitionProblem>> {
    let mut problems = Vec::new();
    let mut push =
        |question: Option<usize>, fault| problems.push(DefinitionProblem { question, fault });
    if questions.is_empty() {
        push(None, DefinitionFault::NoQuestions);
    }
    if questions.len() > MAX_QUESTIONS {
        push(None, DefinitionFault::TooManyQuestions);
    }
    let mut earlier: HashMap<&str, &Question> = HashMap::new();
    let mut feeds = 0;
    for (i, q) in questions.iter().enumerate() {
        let n = Some(i + 1);
        if !valid_id(&q.id) {
            push(n, DefinitionFault::BadId);
        } else if earlier.contains_key(q.id.as_str()) {
            push(n, DefinitionFault::DuplicateId);
        }
        if q.title.trim().is_empty() {
            push(n, DefinitionFault::EmptyTitle);
        }
        if q.title.chars().count() > MAX_TITLE || q.help.chars().count() > MAX_HELP {
            push(n, DefinitionFault::LongText);
        }
        match &q.kind {
            QuestionKind::Single { options } | QuestionKind::Multiple { options, .. } => {
                if options.len() < 2 {
                    push(n, DefinitionFault::TooFewOptions);
                }
                if options.len() > MAX_OPTIONS {
                    push(n, DefinitionFault::TooManyOptions);
                }
                let mut ids = HashSet::new();
                for o in options {
                    if !valid_id(&o.id) || !ids.insert(o.id.as_str()) {
                        push(n, DefinitionFault::DuplicateOption);
                    }
                    if o.label.trim().is_empty() || o.label.chars().count() > MAX_OPTION {
                        push(n, DefinitionFault::LongText);
                    }
                }
                if let QuestionKind::Multiple { min, max, .. } = &q.kind {
                    if min > max || *max == 0 || *max as usize > options.len() {
                        push(n, DefinitionFault::BadLimits);
                    }
                }
            }
            QuestionKind::Scale5 { low, high } => {
                if low.chars().count() > MAX_OPTION || high.chars().count() > MAX_OPTION {
                    push(n, DefinitionFault::LongText);
                }
            }
            QuestionKind::Rating10 => {}
            QuestionKind::Number { min, max, .. } => {
                if !(min.is_finite() && max.is_finite() && min < max) {
                    push(n, DefinitionFault::BadLimits);
                }
            }
            QuestionKind::ShortText { max_len } | QuestionKind::LongText { max_len } => {
                if *max_len == 0 || *max_len > LONG_TEXT {
                    push(n, DefinitionFault::BadLimits);
                }
            }
        }
        if let Some(c) = &q.show_if {
            match earlier.get(c.question.as_str()).and_then(|e| e.kind.condition_values()) {
                None => push(n, DefinitionFault::BadConditionQuestion),
                Some(values) => {
                    if c.any_of.is_empty() || c.any_of.iter().any(|v| !values.contains(v)) {
                        push(n, DefinitionFault::BadConditionValue);
                    }
                }
            }
        }
        if let Some(Feed::ResidentRating) = q.feeds {
            feeds += 1;
            if !matches!(q.kind, QuestionKind::Scale5 { .. }) || feeds > 1 {
                push(n, DefinitionFault::BadFeed);
            }
        }
        earlier.entry(q.id.as_str()).or_insert(q);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surveys::rules::fixtures::*;

    #[test]
    fn the_sample_definition_is_valid() {
        assert_eq!(check_definition(&sample()), Ok(()));
    }

    #[test]
    fn bad_definitions_list_every_problem() {
        assert_eq!(check_definition(&[]).unwrap_err()[0].fault, DefinitionFault::NoQuestions);
        let mut qs = sample();
        qs[1].id = "q1".into();
        qs[0].kind = QuestionKind::Single { options: choice(&["only"]) };
        qs[3].title = " ".into();
        qs[4].kind = QuestionKind::Number { min: 5.0, max: 5.0, integer: false };
        qs[5].kind = QuestionKind::Multiple { options: choice(&["a", "a"]), min: 2, max: 1 };
        qs[6].feeds = Some(Feed::ResidentRating);
        // q7's condition names q1's option "no", which is gone now.
        let got: Vec<_> =
            check_definition(&qs).unwrap_err().into_iter().map(|p| (p.question, p.fault)).collect();
        assert_eq!(
            got,
            vec![
                (Some(1), DefinitionFault::TooFewOptions),
                (Some(2), DefinitionFault::DuplicateId),
                (Some(4), DefinitionFault::EmptyTitle),
                (Some(5), DefinitionFault::BadLimits),
                (Some(6), DefinitionFault::DuplicateOption),
                (Some(6), DefinitionFault::BadLimits),
                (Some(7), DefinitionFault::BadConditionValue),
                (Some(7), DefinitionFault::BadFeed),
            ]
        );
    }
}
