//! What of a posted form is kept for the resident (across sign-in, and to show the
//! form again with its problems): each question's values, bounded by what an answer to
//! it could be, so that a post of any size keeps at most a little more than a real
//! answer. Invalid values stay (cut short) so that the page can name the problem.
use crate::surveys::model::{Question, QuestionKind};

/// The longest number, or option id, a kept value can be.
const MAX_TOKEN: usize = 32;

fn cut(value: &str, chars: usize) -> String {
    value.chars().take(chars).collect()
}

/// The posted pairs worth keeping, in order: only the survey's questions (the form's
/// other fields are ours); one value for a question that takes one, for a multiple
/// choice at most one more than it has options; a text at most one character over its
/// limit (enough to say it is too long), numbers and option ids at most 32 characters.
pub fn keepable(questions: &[Question], pairs: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut kept: Vec<(String, String)> = Vec::new();
    for (id, value) in pairs {
        let Some(q) = questions.iter().find(|q| q.id == id) else { continue };
        let already = kept.iter().filter(|(k, _)| *k == id).count();
        let value = match &q.kind {
            QuestionKind::Multiple { options, .. } => {
                let value = cut(&value, MAX_TOKEN);
                let repeat = kept.iter().any(|(k, v)| *k == id && *v == value);
                (already <= options.len() && !repeat).then_some(value)
            }
            _ if already > 0 => None,
            QuestionKind::ShortText { max_len } | QuestionKind::LongText { max_len } => {
                Some(cut(&value, *max_len as usize + 1))
            }
            _ => Some(cut(&value, MAX_TOKEN)),
        };
        if let Some(v) = value {
            kept.push((id, v));
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surveys::rules::fixtures::sample;

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn each_question_keeps_at_most_a_little_more_than_an_answer() {
        let qs = sample();
        let long = "长".repeat(500);
        let kept = keepable(
            &qs,
            pairs(&[
                ("q1", "no"),
                ("q1", "yes"), // a second value to a single choice
                ("q2", "a"),
                ("q2", "a"),              // a repeat
                ("q2", &"z".repeat(100)), // no such option, and long
                ("q2", "b"),
                ("q2", "c"),
                ("q2", "d"),
                ("q2", "e"), // one more than the question has
                ("q3", "4"),
                ("q5", &"9".repeat(100)),
                ("q7", &long),
                ("_via", "abc"),
                ("other", "x"),
            ]),
        );
        let z = "z".repeat(32);
        let nines = "9".repeat(32);
        let over = "长".repeat(51);
        assert_eq!(
            kept,
            pairs(&[
                ("q1", "no"),
                ("q2", "a"),
                ("q2", &z),
                ("q2", "b"),
                ("q2", "c"),
                ("q2", "d"),
                ("q3", "4"),
                ("q5", &nines),
                ("q7", &over),
            ])
        );
    }

    #[test]
    fn a_kept_problem_is_still_the_same_problem() {
        use crate::surveys::rules::answers::{check_answers, group_form, AnswerFault};
        let qs = sample();
        let posted = pairs(&[("q1", "no"), ("q3", "4"), ("q7", &"长".repeat(500))]);
        let kept = keepable(&qs, posted.clone());
        let faults = |p: &[(String, String)]| {
            check_answers(&qs, &group_form(p))
                .unwrap_err()
                .into_iter()
                .map(|p| p.fault)
                .collect::<Vec<_>>()
        };
        assert_eq!(faults(&kept), faults(&posted));
        assert_eq!(faults(&kept), vec![AnswerFault::TooLong { max: 50 }]);
    }

    #[test]
    fn a_text_at_its_limit_is_kept_whole() {
        let qs = sample();
        let at = "长".repeat(50);
        assert_eq!(keepable(&qs, pairs(&[("q7", &at)])), pairs(&[("q7", &at)]));
    }
}
