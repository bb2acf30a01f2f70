//! Turning a submitted form into checked answers, or a list of problems each naming
//! its question in the resident's language.
use crate::core::i18n::{Lang, Msg};
use crate::surveys::model::{Answer, Answers, Question, QuestionKind};
use crate::surveys::rules::conditions::matches_any;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// What is wrong with one answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum AnswerFault {
    Required,
    UnknownOption,
    TooFew { min: u32 },
    TooMany { max: u32 },
    NotANumber,
    NotWhole,
    OutOfRange { min: f64, max: f64 },
    TooLong { max: u32 },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnswerProblem {
    pub question: String,
    pub fault: AnswerFault,
}

impl AnswerProblem {
    /// What is wrong, without naming the question: "请作答。" (the answering page
    /// puts it after the question's number and title).
    pub fn fault_text(&self, lang: Lang) -> String {
        match &self.fault {
            AnswerFault::Required => lang.t(Msg::SurveyErrRequired).to_string(),
            AnswerFault::UnknownOption => lang.t(Msg::SurveyErrUnknownOption).to_string(),
            AnswerFault::TooFew { min } => {
                lang.fmt(Msg::SurveyErrTooFew, &[("min", &min.to_string())])
            }
            AnswerFault::TooMany { max } => {
                lang.fmt(Msg::SurveyErrTooMany, &[("max", &max.to_string())])
            }
            AnswerFault::NotANumber => lang.t(Msg::SurveyErrNotANumber).to_string(),
            AnswerFault::NotWhole => lang.t(Msg::SurveyErrNotWhole).to_string(),
            AnswerFault::OutOfRange { min, max } => lang.fmt(
                Msg::SurveyErrOutOfRange,
                &[("min", &show_number(*min)), ("max", &show_number(*max))],
            ),
            AnswerFault::TooLong { max } => {
                lang.fmt(Msg::SurveyErrTooLong, &[("max", &max.to_string())])
            }
        }
    }
}

/// 3, 2.5 — numbers as people write them.
pub fn show_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Raw form values as answers, unchecked: enough to decide which questions show.
pub fn raw_answers(form: &HashMap<String, Vec<String>>) -> Answers {
    form.iter()
        .filter_map(|(k, v)| {
            let v: Vec<String> =
                v.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
            match v.len() {
                0 => None,
                1 => Some((k.clone(), Answer::Text(v.into_iter().next().unwrap_or_default()))),
                _ => Some((k.clone(), Answer::Choices(v))),
            }
        })
        .collect()
}

/// Form pairs grouped by name.
pub fn group_form(pairs: &[(String, String)]) -> HashMap<String, Vec<String>> {
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    for (k, v) in pairs {
        map.entry(k.clone()).or_default().push(v.clone());
    }
    map
}

/// Checked answers back as form values (to fill the form in again).
pub fn answers_to_form(answers: &Answers) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (id, a) in answers {
        match a {
            Answer::Text(t) => out.push((id.clone(), t.clone())),
            Answer::Choices(c) => out.extend(c.iter().map(|o| (id.clone(), o.clone()))),
            Answer::Number(n) => out.push((id.clone(), show_number(*n))),
        }
    }
    out
}

/// Turns a submitted form (question id → its values; other fields are ignored) into
/// checked answers. Questions hidden by their conditions are dropped whatever was
/// sent for them; every problem is reported, in question order.
pub fn check_answers(
    questions: &[Question],
    form: &HashMap<String, Vec<String>>,
) -> Result<Answers, Vec<AnswerProblem>> {
    let mut answers = Answers::new();
    let mut problems = Vec::new();
    let mut shown: HashSet<&str> = HashSet::new();
    for q in questions {
        let visible = match &q.show_if {
            None => true,
            Some(c) => {
                shown.contains(c.question.as_str())
                    && answers.get(&c.question).is_some_and(|a| matches_any(a, &c.any_of))
            }
        };
        if !visible {
            continue;
        }
        shown.insert(q.id.as_str());
        let values: Vec<&str> = form
            .get(&q.id)
            .map(|v| v.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect())
            .unwrap_or_default();
        let fault = |fault| AnswerProblem { question: q.id.clone(), fault };
        if values.is_empty() {
            if q.required {
                problems.push(fault(AnswerFault::Required));
            }
            continue;
        }
        match check_one(&q.kind, &values) {
            Ok(a) => {
                answers.insert(q.id.clone(), a);
            }
            Err(f) => problems.push(fault(f)),
        }
    }
    if problems.is_empty() {
        Ok(answers)
    } else {
        Err(problems)
    }
}

fn check_one(kind: &QuestionKind, values: &[&str]) -> Result<Answer, AnswerFault> {
    let number =
        |v: &str| v.parse::<f64>().ok().filter(|n| n.is_finite()).ok_or(AnswerFault::NotANumber);
    match kind {
        QuestionKind::Single { options } => {
            if values.len() > 1 {
                return Err(AnswerFault::TooMany { max: 1 });
            }
            options
                .iter()
                .find(|o| o.id == values[0])
                .map(|o| Answer::Text(o.id.clone()))
                .ok_or(AnswerFault::UnknownOption)
        }
        QuestionKind::Multiple { options, min, max } => {
            if values.iter().any(|v| !options.iter().any(|o| o.id == *v)) {
                return Err(AnswerFault::UnknownOption);
            }
            let chosen: Vec<String> = options
                .iter()
                .filter(|o| values.contains(&o.id.as_str()))
                .map(|o| o.id.clone())
                .collect();
            if (chosen.len() as u32) < *min {
                Err(AnswerFault::TooFew { min: *min })
            } else if chosen.len() as u32 > *max {
                Err(AnswerFault::TooMany { max: *max })
            } else {
                Ok(Answer::Choices(chosen))
            }
        }
        QuestionKind::Scale5 { .. } | QuestionKind::Rating10 => {
            let (lo, hi) =
                if matches!(kind, QuestionKind::Scale5 { .. }) { (1.0, 5.0) } else { (0.0, 10.0) };
            let n = number(single(values)?)?;
            if n.fract() != 0.0 || n < lo || n > hi {
                return Err(AnswerFault::OutOfRange { min: lo, max: hi });
            }
            Ok(Answer::Number(n))
        }
        QuestionKind::Number { min, max, integer } => {
            let n = number(single(values)?)?;
            if *integer && n.fract() != 0.0 {
                return Err(AnswerFault::NotWhole);
            }
            if n < *min || n > *max {
                return Err(AnswerFault::OutOfRange { min: *min, max: *max });
            }
            Ok(Answer::Number(n))
        }
        QuestionKind::ShortText { max_len } | QuestionKind::LongText { max_len } => {
            let text = single(values)?;
            if text.chars().count() > *max_len as usize {
                return Err(AnswerFault::TooLong { max: *max_len });
            }
            Ok(Answer::Text(text.to_string()))
        }
    }
}

fn single<'a>(values: &[&'a str]) -> Result<&'a str, AnswerFault> {
    match values {
        [one] => Ok(one),
        _ => Err(AnswerFault::TooMany { max: 1 }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surveys::rules::fixtures::*;

    pub fn faults(r: Result<Answers, Vec<AnswerProblem>>) -> Vec<(String, AnswerFault)> {
        r.expect_err("refused").into_iter().map(|p| (p.question, p.fault)).collect()
    }

    #[test]
    fn good_answers_are_kept_and_hidden_questions_dropped() {
        let qs = sample();
        let a = check_answers(
            &qs,
            &form(&[
                ("q1", "yes"),
                ("q2", "c"),
                ("q2", "a"),
                ("q3", "4"),
                ("q5", "35"),
                ("q6", " 你好 "),
                ("q7", "藏起来的"),
                ("next", "/x"),
            ]),
        )
        .unwrap();
        assert_eq!(a.get("q1"), Some(&Answer::Text("yes".into())));
        assert_eq!(
            a.get("q2"),
            Some(&Answer::Choices(vec!["a".into(), "c".into()])),
            "in the question's order"
        );
        assert_eq!(a.get("q3"), Some(&Answer::Number(4.0)));
        assert_eq!(a.get("q6"), Some(&Answer::Text("你好".into())));
        assert!(!a.contains_key("q7"), "hidden by its condition, whatever was sent");
        assert!(!a.contains_key("q4") && !a.contains_key("next"));
        // Shown when the condition holds, and then required.
        assert_eq!(
            faults(check_answers(&qs, &form(&[("q1", "no"), ("q3", "2")]))),
            vec![("q7".into(), AnswerFault::Required)]
        );
        let a =
            check_answers(&qs, &form(&[("q1", "no"), ("q3", "2"), ("q7", "路灯坏了")])).unwrap();
        assert_eq!(a.get("q7"), Some(&Answer::Text("路灯坏了".into())));
    }

    #[test]
    fn every_bad_answer_is_named() {
        let qs = sample();
        let long = "长".repeat(11);
        let got = faults(check_answers(
            &qs,
            &form(&[
                ("q1", "maybe"),
                ("q2", "a"),
                ("q2", "b"),
                ("q2", "c"),
                ("q3", "6"),
                ("q4", "7.5"),
                ("q5", "3.5"),
                ("q6", &long),
            ]),
        ));
        assert_eq!(
            got,
            vec![
                ("q1".into(), AnswerFault::UnknownOption),
                ("q2".into(), AnswerFault::TooMany { max: 2 }),
                ("q3".into(), AnswerFault::OutOfRange { min: 1.0, max: 5.0 }),
                ("q4".into(), AnswerFault::OutOfRange { min: 0.0, max: 10.0 }),
                ("q5".into(), AnswerFault::NotWhole),
                ("q6".into(), AnswerFault::TooLong { max: 10 }),
            ]
        );
        let got = faults(check_answers(
            &qs,
            &form(&[("q1", "yes"), ("q1", "no"), ("q2", "z"), ("q5", "abc"), ("q3", "NaN")]),
        ));
        assert_eq!(
            got,
            vec![
                ("q1".into(), AnswerFault::TooMany { max: 1 }),
                ("q2".into(), AnswerFault::UnknownOption),
                ("q3".into(), AnswerFault::NotANumber),
                ("q5".into(), AnswerFault::NotANumber),
            ]
        );
        assert_eq!(
            faults(check_answers(&qs, &form(&[]))),
            vec![("q1".into(), AnswerFault::Required), ("q3".into(), AnswerFault::Required)]
        );
        let mut few = sample();
        few[1].kind = QuestionKind::Multiple { options: choice(&["a", "b", "c"]), min: 2, max: 3 };
        assert_eq!(
            faults(check_answers(&few, &form(&[("q1", "yes"), ("q3", "5"), ("q2", "a")]))),
            vec![("q2".into(), AnswerFault::TooFew { min: 2 })]
        );
    }

    #[test]
    fn faults_are_told_in_both_languages() {
        let p = AnswerProblem {
            question: "q3".into(),
            fault: AnswerFault::OutOfRange { min: 1.0, max: 5.0 },
        };
        assert_eq!(p.fault_text(Lang::Zh), "请填 1 到 5 之间的数。");
        assert_eq!(p.fault_text(Lang::En), "enter a number from 1 to 5.");
    }
}
