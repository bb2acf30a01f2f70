//! A survey's results: counts per option and scale point, summaries of numbers,
//! response rates per street and community. Every breakdown of fewer than
//! [`MIN_SHOWN`] responses is withheld, so that no small group's answers can be read
//! off a chart or a table.
use crate::core::areas::{AreaTree, Level};
use crate::core::i18n::Lang;
use crate::surveys::model::{Answer, Answers, Question, QuestionKind};
use serde::{Deserialize, Serialize};

/// The smallest number of responses a figure may be drawn from.
pub const MIN_SHOWN: u32 = 5;

/// One response as results see it: where it came from and what it says.
#[derive(Clone, Debug)]
pub struct Row<'a> {
    pub community: Option<&'a str>,
    pub street: Option<&'a str>,
    pub answers: &'a Answers,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Detail {
    /// Choice questions and scales: (label, count) for every option or point.
    Counts {
        items: Vec<(String, u32)>,
        mean: Option<f64>,
    },
    Numbers {
        mean: f64,
        median: f64,
        min: f64,
        max: f64,
    },
    /// Text answers: shown to staff of the area only, in no particular order.
    Texts {
        texts: Vec<String>,
    },
    /// Fewer than [`MIN_SHOWN`] answered.
    Withheld,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuestionResult {
    pub id: String,
    pub number: usize,
    pub title: String,
    pub answered: u32,
    pub detail: Detail,
}

/// Responses from one area, against its population.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rate {
    pub code: String,
    pub name: String,
    pub level: Level,
    /// `None` when fewer than [`MIN_SHOWN`] (shown as "fewer than 5").
    pub responses: Option<u32>,
    pub population: i64,
    /// Responses per 1 000 residents, when shown.
    pub per_1000: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Results {
    pub total: u32,
    /// The whole selection is under [`MIN_SHOWN`], or withheld to protect a smaller
    /// one (see [`super::suppression`]): nothing but that is shown.
    pub withheld: bool,
    /// An anonymous survey still open: only participation counts are shown; what was
    /// answered is published once it closes (two snapshots would give away the newest
    /// answer).
    pub after_close: bool,
    pub questions: Vec<QuestionResult>,
    pub rates: Vec<Rate>,
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Tallies `rows` (already limited to the area being looked at). `texts` decides
/// whether text answers are listed (staff) or only counted (public); fewer than `min`
/// answers are withheld ([`MIN_SHOWN`], except for a named survey's committee, who
/// see each respondent anyway).
pub fn tally(
    questions: &[Question],
    rows: &[Row<'_>],
    texts: bool,
    min: u32,
) -> (u32, bool, Vec<QuestionResult>) {
    let total = rows.len() as u32;
    if total < min.max(1) {
        return (total, true, Vec::new());
    }
    let out = questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let given: Vec<&Answer> = rows.iter().filter_map(|r| r.answers.get(&q.id)).collect();
            let answered = given.len() as u32;
            let detail =
                if answered < min.max(1) { Detail::Withheld } else { detail(q, &given, texts) };
            QuestionResult {
                id: q.id.clone(),
                number: i + 1,
                title: q.title.clone(),
                answered,
                detail,
            }
        })
        .collect();
    (total, false, out)
}

fn detail(q: &Question, given: &[&Answer], texts: bool) -> Detail {
    let numbers = || {
        given
            .iter()
            .filter_map(|a| if let Answer::Number(n) = a { Some(*n) } else { None })
            .collect::<Vec<f64>>()
    };
    match &q.kind {
        QuestionKind::Single { options } | QuestionKind::Multiple { options, .. } => {
            let items = options
                .iter()
                .map(|o| {
                    let n = given
                        .iter()
                        .filter(|a| match a {
                            Answer::Text(t) => *t == o.id,
                            Answer::Choices(c) => c.contains(&o.id),
                            Answer::Number(_) => false,
                        })
                        .count() as u32;
                    (o.label.clone(), n)
                })
                .collect();
            Detail::Counts { items, mean: None }
        }
        QuestionKind::Scale5 { low, high } => {
            let ns = numbers();
            let items = (1..=5)
                .map(|v| {
                    let label = match v {
                        1 if !low.is_empty() => format!("1 {low}"),
                        5 if !high.is_empty() => format!("5 {high}"),
                        _ => v.to_string(),
                    };
                    (label, ns.iter().filter(|n| **n == v as f64).count() as u32)
                })
                .collect();
            Detail::Counts { items, mean: mean(&ns) }
        }
        QuestionKind::Rating10 => {
            let ns = numbers();
            let items = (0..=10)
                .map(|v| (v.to_string(), ns.iter().filter(|n| **n == v as f64).count() as u32))
                .collect();
            Detail::Counts { items, mean: mean(&ns) }
        }
        QuestionKind::Number { .. } => {
            let mut ns = numbers();
            ns.sort_by(|a, b| a.total_cmp(b));
            let median = if ns.len() % 2 == 1 {
                ns[ns.len() / 2]
            } else {
                (ns[ns.len() / 2 - 1] + ns[ns.len() / 2]) / 2.0
            };
            Detail::Numbers {
                mean: mean(&ns).unwrap_or(0.0),
                median: round1(median),
                min: ns[0],
                max: ns[ns.len() - 1],
            }
        }
        QuestionKind::ShortText { .. } | QuestionKind::LongText { .. } => {
            if texts {
                let mut t: Vec<String> = given
                    .iter()
                    .filter_map(|a| if let Answer::Text(t) = a { Some(t.clone()) } else { None })
                    .collect();
                // Sorted, so that the list's order says nothing about who answered when.
                t.sort();
                Detail::Texts { texts: t }
            } else {
                Detail::Texts { texts: Vec::new() }
            }
        }
    }
}

fn mean(ns: &[f64]) -> Option<f64> {
    (!ns.is_empty()).then(|| round1(ns.iter().sum::<f64>() / ns.len() as f64))
}

/// Responses per street and community inside `area` (its streets, or its
/// communities when it is a street, or itself when it is a community); areas with
/// fewer than `min` responses, or in `hidden` (see [`super::suppression`]), are shown
/// as "fewer than 5". A named survey's committee passes `min` 0 and nothing hidden.
pub fn rates(
    tree: &AreaTree,
    area: &str,
    rows: &[Row<'_>],
    hidden: &std::collections::HashSet<String>,
    min: u32,
    lang: Lang,
) -> Vec<Rate> {
    let Some(top) = tree.get(area) else { return Vec::new() };
    let (level, areas): (Level, Vec<&crate::core::areas::Area>) = match top.level {
        Level::Community => (Level::Community, vec![top]),
        Level::Street => (Level::Community, tree.children(area)),
        _ => (Level::Street, tree.descendants(area, Level::Street)),
    };
    areas
        .into_iter()
        .map(|a| {
            let n = rows
                .iter()
                .filter(|r| match level {
                    Level::Community => r.community == Some(a.code.as_str()),
                    _ => r.street == Some(a.code.as_str()),
                })
                .count() as u32;
            let shown = (n >= min && !hidden.contains(&a.code)).then_some(n);
            Rate {
                code: a.code.clone(),
                name: a.name(lang).to_string(),
                level,
                responses: shown,
                population: a.population,
                per_1000: shown
                    .filter(|_| a.population > 0)
                    .map(|n| round1(n as f64 * 1000.0 / a.population as f64)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surveys::model::Choice;

    fn single() -> Question {
        Question {
            id: "q1".into(),
            title: "安全吗".into(),
            help: String::new(),
            required: true,
            kind: QuestionKind::Single {
                options: vec![
                    Choice { id: "o1".into(), label: "是".into() },
                    Choice { id: "o2".into(), label: "否".into() },
                ],
            },
            show_if: None,
            feeds: None,
        }
    }

    fn text() -> Question {
        Question {
            id: "q2".into(),
            kind: QuestionKind::ShortText { max_len: 100 },
            required: false,
            ..single()
        }
    }

    fn answers(choice: &str, t: Option<&str>) -> Answers {
        let mut a = Answers::new();
        a.insert("q1".into(), Answer::Text(choice.into()));
        if let Some(t) = t {
            a.insert("q2".into(), Answer::Text(t.into()));
        }
        a
    }

    #[test]
    fn fewer_than_five_responses_show_nothing() {
        let data: Vec<Answers> = (0..4).map(|_| answers("o1", None)).collect();
        let rows: Vec<Row> = data
            .iter()
            .map(|a| Row { community: Some("c"), street: Some("s"), answers: a })
            .collect();
        let (total, withheld, qs) = tally(&[single()], &rows, true, MIN_SHOWN);
        assert_eq!((total, withheld, qs.len()), (4, true, 0));
    }

    #[test]
    fn counts_per_option_and_small_questions_withheld() {
        let data: Vec<Answers> = (0..7)
            .map(|i| answers(if i < 5 { "o1" } else { "o2" }, (i < 3).then_some("路灯坏了")))
            .collect();
        let rows: Vec<Row> = data
            .iter()
            .map(|a| Row { community: Some("c"), street: Some("s"), answers: a })
            .collect();
        let (total, withheld, qs) = tally(&[single(), text()], &rows, true, MIN_SHOWN);
        assert_eq!((total, withheld), (7, false));
        assert_eq!(
            qs[0].detail,
            Detail::Counts { items: vec![("是".into(), 5), ("否".into(), 2)], mean: None }
        );
        assert_eq!(qs[1].answered, 3);
        assert_eq!(qs[1].detail, Detail::Withheld, "3 text answers are not listed");
    }

    #[test]
    fn rates_hide_small_communities() {
        use crate::core::fixtures::area;
        let tree = AreaTree::new(vec![
            area("C", None, Level::City),
            area("D", Some("C"), Level::District),
            area("S", Some("D"), Level::Street),
            area("K1", Some("S"), Level::Community),
            area("K2", Some("S"), Level::Community),
            area("K3", Some("S"), Level::Community),
        ]);
        let street = "S".to_string();
        let kids: Vec<String> = tree.children(&street).iter().map(|a| a.code.clone()).collect();
        let data: Vec<Answers> = (0..9).map(|_| answers("o1", None)).collect();
        let rows: Vec<Row> = data
            .iter()
            .enumerate()
            .map(|(i, a)| Row {
                community: Some(if i < 6 { &kids[0] } else { &kids[1] }),
                street: Some(&street),
                answers: a,
            })
            .collect();
        let none = Default::default();
        let r = rates(&tree, &street, &rows, &none, MIN_SHOWN, Lang::Zh);
        assert_eq!(r.len(), kids.len());
        assert_eq!(r[0].responses, Some(6));
        assert_eq!(r[0].per_1000, Some(2.0));
        assert_eq!(r[1].responses, None, "3 responses are shown as fewer than 5");
        assert_eq!(r[1].per_1000, None);
        let hidden = [kids[0].clone()].into_iter().collect();
        let r = rates(&tree, &street, &rows, &hidden, MIN_SHOWN, Lang::Zh);
        assert_eq!(r[0].responses, None, "withheld as the complement of a small one");
        // A named survey's committee sees every count, none at all included.
        let r = rates(&tree, &street, &rows, &none, 0, Lang::Zh);
        assert_eq!(r.iter().map(|r| r.responses).collect::<Vec<_>>(), [Some(6), Some(3), Some(0)]);
    }
}
