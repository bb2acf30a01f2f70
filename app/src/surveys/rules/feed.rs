//! The monthly survey's contribution to the index: when the city's survey for a
//! month closes, each street with enough responses gets its 社会共建 survey
//! indicators for that month:
//! - 市民打分 (`resident_rating`): the share (%) of 4–5 answers to the question that
//!   feeds it (the 5-point "how safe do you feel");
//! - 市民参与率 (`participation_rate`): responses per 1 000 residents.
//!
//! Streets below the threshold get nothing: a figure from a handful of answers would
//! say more about chance than about the street.
use crate::index::model::Observation;
use crate::index::rules::periods::Period;
use crate::surveys::model::{Answer, Answers, Feed, Question};
use std::collections::BTreeMap;

/// 市民打分 for a set of answers to the feeding question: the share (%) of 4–5.
pub fn share_high(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let (mut high, mut all) = (0u64, 0u64);
    for v in values {
        all += 1;
        if v >= 4.0 {
            high += 1;
        }
    }
    (all > 0).then(|| high as f64 * 100.0 / all as f64)
}

/// Fewest responses from a street for its figures to count.
pub const MIN_RESPONSES: usize = 30;

/// The observations a closed monthly survey yields. `responses` are (street, answers);
/// `population` gives each street's residents.
pub fn monthly_observations<'a>(
    month: Period,
    questions: &[Question],
    responses: impl IntoIterator<Item = (Option<&'a str>, &'a Answers)>,
    population: impl Fn(&str) -> Option<i64>,
    min_responses: usize,
) -> Vec<Observation> {
    let feeding =
        questions.iter().find(|q| q.feeds == Some(Feed::ResidentRating)).map(|q| q.id.as_str());
    let mut by_street: BTreeMap<&str, Vec<&Answers>> = BTreeMap::new();
    for (street, answers) in responses {
        if let Some(s) = street {
            by_street.entry(s).or_default().push(answers);
        }
    }
    let mut out = Vec::new();
    for (street, answers) in by_street {
        if answers.len() < min_responses {
            continue;
        }
        if let Some(pop) = population(street).filter(|p| *p > 0) {
            out.push(Observation {
                period: month,
                area_code: street.to_string(),
                indicator: "participation_rate".into(),
                value: answers.len() as f64 * 1000.0 / pop as f64,
            });
        }
        if let Some(q) = feeding {
            let values = answers.iter().filter_map(|a| match a.get(q) {
                Some(Answer::Number(v)) => Some(*v),
                _ => None,
            });
            if let Some(share) = share_high(values) {
                out.push(Observation {
                    period: month,
                    area_code: street.to_string(),
                    indicator: Feed::ResidentRating.indicator().into(),
                    value: share,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rating_share_counts_fours_and_fives() {
        assert_eq!(share_high([5.0, 4.0, 3.0, 1.0]), Some(50.0));
        assert_eq!(share_high([]), None);
        assert_eq!(share_high([2.0; 3]), Some(0.0));
    }

    use crate::surveys::model::QuestionKind;

    fn questions(feeds: bool) -> Vec<Question> {
        vec![Question {
            id: "safe".into(),
            title: "安全感".into(),
            help: String::new(),
            required: true,
            kind: QuestionKind::Scale5 { low: "低".into(), high: "高".into() },
            show_if: None,
            feeds: feeds.then_some(Feed::ResidentRating),
        }]
    }

    fn answer(v: f64) -> Answers {
        [("safe".to_string(), Answer::Number(v))].into_iter().collect()
    }

    #[test]
    fn streets_with_enough_responses_get_both_indicators() {
        let month = Period::parse("2026-10").unwrap();
        // S1: 40 answers, 30 of them 4 or 5; S2: 29 answers; unknown street: none.
        let mut rs: Vec<(Option<&str>, Answers)> = Vec::new();
        for i in 0..40 {
            rs.push((Some("S1"), answer(if i < 30 { 4.0 + (i % 2) as f64 } else { 2.0 })));
        }
        for _ in 0..29 {
            rs.push((Some("S2"), answer(5.0)));
        }
        rs.push((None, answer(5.0)));
        let pop = |s: &str| match s {
            "S1" => Some(8_000),
            "S2" => Some(1_000),
            _ => None,
        };
        let obs = monthly_observations(
            month,
            &questions(true),
            rs.iter().map(|(s, a)| (*s, a)),
            pop,
            MIN_RESPONSES,
        );
        let got: Vec<(&str, &str, f64)> =
            obs.iter().map(|o| (o.area_code.as_str(), o.indicator.as_str(), o.value)).collect();
        assert_eq!(got, vec![("S1", "participation_rate", 5.0), ("S1", "resident_rating", 75.0)]);
        assert!(obs.iter().all(|o| o.period == month));
        // Without a feeding question, only participation.
        let obs = monthly_observations(
            month,
            &questions(false),
            rs.iter().map(|(s, a)| (*s, a)),
            pop,
            MIN_RESPONSES,
        );
        assert_eq!(obs.len(), 1);
        assert_eq!(obs[0].indicator, "participation_rate");
        // A lower threshold lets S2 in.
        let obs =
            monthly_observations(month, &questions(true), rs.iter().map(|(s, a)| (*s, a)), pop, 20);
        assert!(obs
            .iter()
            .any(|o| o.area_code == "S2" && o.indicator == "resident_rating" && o.value == 100.0));
    }
}
