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

/// The least time a month's survey should be open for.
pub const SHORTEST_MONTH: i64 = 3 * 86_400;

/// The month the monthly form proposes at `now`: the first from this month on without
/// a survey in `taken`, except that this month is passed over when it has no survey and
/// fewer than 3 days left. Then also this month and its end, for the warning.
pub fn proposed_month(now: i64, taken: &[&str]) -> (String, Option<(String, i64)>) {
    use crate::core::time::{china_date, parse_china_time};
    use crate::index::model::Edition;
    use crate::index::rules::periods::next_period;
    let this = china_date(now)[..7].to_string();
    let end = next_period(Edition::Monthly, &this)
        .and_then(|m| parse_china_time(&format!("{m}-01T00:00")))
        .unwrap_or(now);
    let short = end - now < SHORTEST_MONTH && !taken.contains(&this.as_str());
    let first = if short { next_period(Edition::Monthly, &this) } else { Some(this.clone()) };
    let month = std::iter::successors(first, |m| next_period(Edition::Monthly, m))
        .take(24)
        .find(|m| !taken.contains(&m.as_str()))
        .unwrap_or_default();
    (month, short.then_some((this, end)))
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

    #[test]
    fn the_form_passes_over_a_month_with_fewer_than_three_days_left() {
        use crate::core::time::parse_china_time;
        let at = |t: &str| parse_china_time(t).unwrap();
        // 27 November 23:59: 3 days and a minute left, this month.
        assert_eq!(proposed_month(at("2026-11-27T23:59"), &[]), ("2026-11".into(), None));
        // 28 November 00:01: under 3 days: December, with November's end to warn of.
        let end = at("2026-12-01T00:00");
        assert_eq!(
            proposed_month(at("2026-11-28T00:01"), &[]),
            ("2026-12".into(), Some(("2026-11".into(), end)))
        );
        // November already has its survey: nothing to warn of.
        assert_eq!(proposed_month(at("2026-11-30T12:00"), &["2026-11"]), ("2026-12".into(), None));
        // December taken too: January, still warning of November.
        let (m, warn) = proposed_month(at("2026-11-30T12:00"), &["2026-12"]);
        assert_eq!((m.as_str(), warn.map(|w| w.0)), ("2027-01", Some("2026-11".into())));
        // The year's end.
        assert_eq!(proposed_month(at("2026-12-30T08:00"), &[]).0, "2027-01");
    }
}
