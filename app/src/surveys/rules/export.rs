//! A survey's answers as the rows of its CSV export: numbered, with where each came from
//! and each question's answer in words. No resident and no date. A named survey's rows
//! carry street, community and the community whose share link brought them; an
//! anonymous survey's carry the street only and no free text (a community with one
//! respondent, or a text beside an area, would be that person): its free text is a
//! list of its own ([`texts`]), which the server shuffles.
use crate::core::i18n::{Lang, Msg};
use crate::surveys::model::{Answer, Answers, Question, QuestionKind, Survey};
use crate::surveys::rules::answers::show_number;

/// Where a response came from, by name.
pub struct Origin<'a> {
    pub street: String,
    pub community: String,
    pub shared_in: String,
    pub answers: &'a Answers,
}

/// An answer in words: option labels for choices, the text, or the number.
pub fn answer_text(q: &Question, a: Option<&Answer>) -> String {
    match (a, &q.kind) {
        (None, _) => String::new(),
        (Some(Answer::Text(t)), QuestionKind::Single { options }) => {
            options.iter().find(|o| o.id == *t).map(|o| o.label.clone()).unwrap_or_default()
        }
        (Some(Answer::Choices(c)), QuestionKind::Multiple { options, .. }) => options
            .iter()
            .filter(|o| c.contains(&o.id))
            .map(|o| o.label.clone())
            .collect::<Vec<_>>()
            .join("; "),
        (Some(Answer::Text(t)), _) => t.clone(),
        (Some(Answer::Choices(c)), _) => c.join("; "),
        (Some(Answer::Number(n)), _) => show_number(*n),
    }
}

fn is_text(q: &Question) -> bool {
    matches!(q.kind, QuestionKind::ShortText { .. } | QuestionKind::LongText { .. })
}

/// The header and the rows, in the reader's language.
pub fn table<'a>(
    survey: &Survey,
    rows: impl IntoIterator<Item = Origin<'a>>,
    lang: Lang,
) -> (Vec<String>, Vec<Vec<String>>) {
    let named = !survey.anonymous;
    let mut head = vec![Msg::SurveyExportNo, Msg::SurveyExportStreet];
    if named {
        head.extend([Msg::SurveyExportCommunity, Msg::SurveyExportSharedIn]);
    }
    let mut head: Vec<String> = head.into_iter().map(|m| lang.t(m).to_string()).collect();
    let columns: Vec<(usize, &Question)> =
        survey.questions.iter().enumerate().filter(|(_, q)| named || !is_text(q)).collect();
    head.extend(columns.iter().map(|(i, q)| format!("{}. {}", i + 1, q.title)));
    let body = rows
        .into_iter()
        .enumerate()
        .map(|(n, r)| {
            let mut rec = vec![(n + 1).to_string(), r.street];
            if named {
                rec.extend([r.community, r.shared_in]);
            }
            rec.extend(columns.iter().map(|(_, q)| answer_text(q, r.answers.get(&q.id))));
            rec
        })
        .collect();
    (head, body)
}

/// The free-text answers alone: question and answer, nothing about where they came
/// from (the server shuffles the rows).
pub fn texts<'a>(
    survey: &Survey,
    answers: impl IntoIterator<Item = &'a Answers>,
    lang: Lang,
) -> (Vec<String>, Vec<Vec<String>>) {
    let head = vec![
        lang.t(Msg::SurveyExportQuestion).to_string(),
        lang.t(Msg::SurveyExportAnswer).to_string(),
    ];
    let questions: Vec<(usize, &Question)> =
        survey.questions.iter().enumerate().filter(|(_, q)| is_text(q)).collect();
    let mut body = Vec::new();
    for a in answers {
        for (i, q) in &questions {
            if let Some(Answer::Text(t)) =
                a.get(&q.id).filter(|t| !matches!(t, Answer::Text(s) if s.trim().is_empty()))
            {
                body.push(vec![format!("{}. {}", i + 1, q.title), t.clone()]);
            }
        }
    }
    (head, body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surveys::rules::fixtures::sample;

    #[test]
    fn answers_are_written_in_words() {
        let qs = sample();
        let mut a = Answers::new();
        a.insert("q1".into(), Answer::Text("no".into()));
        a.insert("q2".into(), Answer::Choices(vec!["a".into(), "c".into()]));
        a.insert("q3".into(), Answer::Number(4.0));
        assert_eq!(answer_text(&qs[0], a.get("q1")), "选项 no");
        assert_eq!(answer_text(&qs[1], a.get("q2")), "选项 a; 选项 c");
        assert_eq!(answer_text(&qs[2], a.get("q3")), "4");
        assert_eq!(answer_text(&qs[3], None), "");
    }
}
