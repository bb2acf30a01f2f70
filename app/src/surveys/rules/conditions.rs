//! Show-if conditions: which questions a set of answers shows.
use crate::surveys::model::{Answer, Answers, Condition, Question};
use std::collections::HashSet;

/// Is `q` shown, given the answers so far? Questions whose condition refers to a
/// hidden question are hidden too (conditions only look back, so one pass decides).
pub fn visible(questions: &[Question], answers: &Answers) -> HashSet<String> {
    visible_ids(questions.iter().map(|q| (q.id.as_str(), q.show_if.as_ref())), answers)
}

/// [`visible`] over (id, condition) pairs: what the answering page's script knows.
pub fn visible_ids<'a>(
    rules: impl IntoIterator<Item = (&'a str, Option<&'a Condition>)>,
    answers: &Answers,
) -> HashSet<String> {
    let mut shown = HashSet::new();
    for (id, show_if) in rules {
        let ok = match show_if {
            None => true,
            Some(c) => {
                shown.contains(&c.question)
                    && answers.get(&c.question).is_some_and(|a| matches_any(a, &c.any_of))
            }
        };
        if ok {
            shown.insert(id.to_string());
        }
    }
    shown
}

pub(crate) fn matches_any(answer: &Answer, any_of: &[String]) -> bool {
    match answer {
        Answer::Text(t) => any_of.iter().any(|v| {
            v == t || (v.parse::<f64>().is_ok() && v.parse::<f64>().ok() == t.parse::<f64>().ok())
        }),
        Answer::Choices(c) => c.iter().any(|id| any_of.contains(id)),
        Answer::Number(n) => any_of.iter().any(|v| v.parse::<f64>().is_ok_and(|x| x == *n)),
    }
}
