//! Question numbers that run on without gaps over the questions shown.
//!
//! With scripts, a conditional question shows only once its condition holds; the
//! answering page renders it hidden until then (for the answers known so far), and
//! the page's helper shows it and renumbers as the resident answers. Without
//! scripts, every question shows (a stylesheet rule on `html:not(.js)`), numbered
//! 1 to n. A number is written for both cases where they differ: `n-js` (which the
//! helper keeps up to date) and `n-nojs`, one of them hidden by the stylesheet.
use crate::surveys::model::Question;
use crate::surveys::rules::answers::{group_form, raw_answers};
use crate::surveys::rules::conditions::visible_ids;
use leptos::prelude::*;
use std::collections::HashSet;

/// Stands for a question's number in a sentence given to [`Numbering::sentence`].
pub const NUMBER_MARK: &str = "\u{1}";

pub struct Numbering {
    ids: Vec<String>,
    hidden: HashSet<String>,
}

impl Numbering {
    /// Conditional questions whose conditions the answers so far (`prefill`) do not
    /// meet are hidden.
    pub fn for_answers(questions: &[Question], prefill: &[(String, String)]) -> Self {
        let answers = raw_answers(&group_form(prefill));
        let shown =
            visible_ids(questions.iter().map(|q| (q.id.as_str(), q.show_if.as_ref())), &answers);
        Numbering {
            ids: questions.iter().map(|q| q.id.clone()).collect(),
            hidden: questions
                .iter()
                .filter(|q| !shown.contains(&q.id))
                .map(|q| q.id.clone())
                .collect(),
        }
    }

    /// Every question shown (the editor's preview).
    pub fn all(questions: &[Question]) -> Self {
        Numbering { ids: questions.iter().map(|q| q.id.clone()).collect(), hidden: HashSet::new() }
    }

    /// How many questions show.
    pub fn shown(&self) -> usize {
        self.ids.len() - self.hidden.len()
    }

    pub fn is_hidden(&self, id: &str) -> bool {
        self.hidden.contains(id)
    }

    /// (number among the shown, number among all); a hidden question gets the number
    /// it will have once shown.
    fn numbers(&self, id: &str) -> Option<(usize, usize)> {
        let at = self.ids.iter().position(|q| q == id)?;
        let shown_before = self.ids[..at].iter().filter(|q| !self.hidden.contains(*q)).count();
        Some((shown_before + 1, at + 1))
    }

    /// A question's number, as its legend and sentences show it.
    pub fn number(&self, id: &str) -> impl IntoView {
        let (js, all) = self.numbers(id).unwrap_or((0, 0));
        if js == all {
            view! { <span class="n-js">{js.to_string()}</span> }.into_any()
        } else {
            view! {
                <span class="n-js dual">{js.to_string()}</span>
                <span class="n-nojs">{all.to_string()}</span>
            }
            .into_any()
        }
    }

    /// A sentence that names a question by number ("第 3 题…"), [`NUMBER_MARK`] where
    /// the number goes; the number in a `q-ref` span that names the question.
    pub fn sentence(&self, sentence: &str, question: &str) -> impl IntoView {
        let (before, after) = sentence.split_once(NUMBER_MARK).unwrap_or((sentence, ""));
        view! {
            {before.to_string()}
            <span class="q-ref" data-ref=question.to_string()>{self.number(question)}</span>
            {after.to_string()}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surveys::model::Condition;
    use crate::surveys::rules::fixtures::sample;

    #[test]
    fn numbers_skip_the_questions_still_waiting_for_their_conditions() {
        // q3 and q7 show only when q1 is "no".
        let mut qs = sample();
        qs[2].show_if = Some(Condition { question: "q1".into(), any_of: vec!["no".into()] });
        let before = Numbering::for_answers(&qs, &[]);
        assert!(before.is_hidden("q3") && before.is_hidden("q7") && !before.is_hidden("q4"));
        assert_eq!(before.shown(), 5);
        assert_eq!(before.numbers("q2"), Some((2, 2)));
        assert_eq!(before.numbers("q4"), Some((3, 4)), "3 with scripts, 4 without");
        assert_eq!(before.numbers("q3"), Some((3, 3)), "the number it will have once shown");
        let no = [("q1".to_string(), "no".to_string())];
        let after = Numbering::for_answers(&qs, &no);
        assert_eq!(after.shown(), 7);
        assert_eq!(after.numbers("q4"), Some((4, 4)));
        let yes = [("q1".to_string(), "yes".to_string())];
        assert_eq!(Numbering::for_answers(&qs, &yes).numbers("q6"), Some((5, 6)));
        let preview = Numbering::all(&qs);
        assert_eq!((preview.shown(), preview.numbers("q4")), (7, Some((4, 4))));
        assert_eq!(before.numbers("nope"), None);
    }
}
