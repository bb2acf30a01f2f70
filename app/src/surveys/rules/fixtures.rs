//! Test fixtures: a definition with every question type and a condition, and forms.
use crate::surveys::model::{Choice, Condition, Feed, Question, QuestionKind};
use std::collections::HashMap;

pub fn choice(ids: &[&str]) -> Vec<Choice> {
    ids.iter().map(|i| Choice { id: i.to_string(), label: format!("选项 {i}") }).collect()
}

pub fn q(id: &str, required: bool, kind: QuestionKind) -> Question {
    Question {
        id: id.into(),
        title: format!("问题 {id}"),
        help: String::new(),
        required,
        kind,
        show_if: None,
        feeds: None,
    }
}

/// Every type once, and a condition: q7 only when q1 is "no".
pub fn sample() -> Vec<Question> {
    let mut v = vec![
        q("q1", true, QuestionKind::Single { options: choice(&["yes", "no"]) }),
        q(
            "q2",
            false,
            QuestionKind::Multiple { options: choice(&["a", "b", "c", "d"]), min: 1, max: 2 },
        ),
        q("q3", true, QuestionKind::Scale5 { low: "很不安全".into(), high: "很安全".into() }),
        q("q4", false, QuestionKind::Rating10),
        q("q5", false, QuestionKind::Number { min: 0.0, max: 120.0, integer: true }),
        q("q6", false, QuestionKind::ShortText { max_len: 10 }),
        q("q7", true, QuestionKind::LongText { max_len: 50 }),
    ];
    v[6].show_if = Some(Condition { question: "q1".into(), any_of: vec!["no".into()] });
    v[2].feeds = Some(Feed::ResidentRating);
    v
}

pub fn form(pairs: &[(&str, &str)]) -> HashMap<String, Vec<String>> {
    let mut m: HashMap<String, Vec<String>> = HashMap::new();
    for (k, v) in pairs {
        m.entry(k.to_string()).or_default().push(v.to_string());
    }
    m
}
