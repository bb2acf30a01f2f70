//! What of a guest's post is kept for them across sign-in: only values that could be
//! answers to the survey's own questions, each within its question's limits. A post that
//! would not fit in a real answer is never stored, whatever its size.
use crate::surveys::model::{Question, QuestionKind};

/// The longest number a numeric answer can be written as.
const MAX_NUMBER: usize = 32;

/// The posted pairs worth keeping, in order: a question's value is dropped when no
/// answer to it could have it (an unknown option, an over-long text or number, more
/// values than the question has options or takes), and fields that are not questions
/// are dropped.
pub fn keepable(questions: &[Question], pairs: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut kept: Vec<(String, String)> = Vec::new();
    for (id, value) in pairs {
        let Some(q) = questions.iter().find(|q| q.id == id) else { continue };
        let already = kept.iter().filter(|(k, _)| *k == id).count();
        let fits = match &q.kind {
            QuestionKind::Single { options } => {
                already == 0 && options.iter().any(|o| o.id == value)
            }
            QuestionKind::Multiple { options, .. } => {
                options.iter().any(|o| o.id == value)
                    && !kept.iter().any(|(k, v)| *k == id && *v == value)
            }
            QuestionKind::Scale5 { .. } | QuestionKind::Rating10 | QuestionKind::Number { .. } => {
                already == 0 && value.len() <= MAX_NUMBER
            }
            QuestionKind::ShortText { max_len } | QuestionKind::LongText { max_len } => {
                already == 0 && value.chars().count() <= *max_len as usize
            }
        };
        if fits {
            kept.push((id, value));
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
    fn only_what_could_be_an_answer_is_kept() {
        let qs = sample();
        let long = "长".repeat(51);
        let kept = keepable(
            &qs,
            pairs(&[
                ("q1", "no"),
                ("q1", "yes"), // a second value to a single choice
                ("q2", "a"),
                ("q2", "a"),  // a repeat
                ("q2", "zz"), // no such option
                ("q2", "c"),
                ("q3", "4"),
                ("q5", &"9".repeat(33)),
                ("q6", "十个字以内的回答"),
                ("q7", &long),
                ("_via", "abc"),
                ("other", "x"),
            ]),
        );
        assert_eq!(
            kept,
            pairs(&[
                ("q1", "no"),
                ("q2", "a"),
                ("q2", "c"),
                ("q3", "4"),
                ("q6", "十个字以内的回答")
            ])
        );
    }

    #[test]
    fn a_text_at_its_limit_is_kept() {
        let qs = sample();
        let at = "长".repeat(50);
        assert_eq!(keepable(&qs, pairs(&[("q7", &at)])), pairs(&[("q7", &at)]));
    }
}
