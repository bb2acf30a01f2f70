//! Surveys: the definition (questions, their types and show-if conditions) shared by
//! the server and the browser, and the pure rules over it: checking a definition
//! before it is published, deciding which questions a set of answers shows, and
//! turning a submitted form into checked answers or a list of problems, each naming
//! its question. No I/O here; storage and pages call these.
use crate::i18n::{Lang, Msg};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Longest question title, option label and help text (characters).
pub const MAX_TITLE: usize = 200;
pub const MAX_OPTION: usize = 80;
pub const MAX_HELP: usize = 500;
/// Most questions in one survey and options in one question.
pub const MAX_QUESTIONS: usize = 60;
pub const MAX_OPTIONS: usize = 30;
/// Default and greatest lengths of text answers.
pub const SHORT_TEXT: u32 = 100;
pub const LONG_TEXT: u32 = 2000;

/// One option of a choice question; `id` is what forms and stored answers carry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub id: String,
    pub label: String,
}

/// The seven question types.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum QuestionKind {
    Single { options: Vec<Choice> },
    /// Between `min` and `max` options (when answered at all).
    Multiple { options: Vec<Choice>, min: u32, max: u32 },
    /// 1 (worst) to 5 (best), with the words at both ends.
    Scale5 { low: String, high: String },
    /// 0 to 10.
    Rating10,
    Number { min: f64, max: f64, integer: bool },
    ShortText { max_len: u32 },
    LongText { max_len: u32 },
}

impl QuestionKind {
    pub fn name(&self) -> Msg {
        match self {
            QuestionKind::Single { .. } => Msg::SurveyKindSingle,
            QuestionKind::Multiple { .. } => Msg::SurveyKindMultiple,
            QuestionKind::Scale5 { .. } => Msg::SurveyKindScale5,
            QuestionKind::Rating10 => Msg::SurveyKindRating10,
            QuestionKind::Number { .. } => Msg::SurveyKindNumber,
            QuestionKind::ShortText { .. } => Msg::SurveyKindShortText,
            QuestionKind::LongText { .. } => Msg::SurveyKindLongText,
        }
    }

    /// The values a show-if condition on this question may name, when it may be one.
    fn condition_values(&self) -> Option<Vec<String>> {
        match self {
            QuestionKind::Single { options } | QuestionKind::Multiple { options, .. } => {
                Some(options.iter().map(|o| o.id.clone()).collect())
            }
            QuestionKind::Scale5 { .. } => Some((1..=5).map(|v| v.to_string()).collect()),
            QuestionKind::Rating10 => Some((0..=10).map(|v| v.to_string()).collect()),
            _ => None,
        }
    }
}

/// Show this question only when an earlier question's answer is one of `any_of`
/// (option ids, or scale values written as numbers).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    pub question: String,
    pub any_of: Vec<String>,
}

/// Which index indicator a question feeds when the month's survey closes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Feed {
    /// The share of 4–5 answers on a 5-point scale → 市民打分 (`resident_rating`).
    ResidentRating,
}

impl Feed {
    pub fn indicator(self) -> &'static str {
        match self {
            Feed::ResidentRating => "resident_rating",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub help: String,
    pub required: bool,
    pub kind: QuestionKind,
    #[serde(default)]
    pub show_if: Option<Condition>,
    #[serde(default)]
    pub feeds: Option<Feed>,
}

/// The city's monthly survey, or a committee's own consultation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveyKind {
    CityMonthly,
    Community,
}

impl SurveyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SurveyKind::CityMonthly => "city_monthly",
            SurveyKind::Community => "community",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "city_monthly" => Some(SurveyKind::CityMonthly),
            "community" => Some(SurveyKind::Community),
            _ => None,
        }
    }
}

/// Draft (being written), published (open between its times; questions frozen),
/// closed (results final).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveyStatus {
    Draft,
    Published,
    Closed,
}

impl SurveyStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SurveyStatus::Draft => "draft",
            SurveyStatus::Published => "published",
            SurveyStatus::Closed => "closed",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(SurveyStatus::Draft),
            "published" => Some(SurveyStatus::Published),
            "closed" => Some(SurveyStatus::Closed),
            _ => None,
        }
    }
}

/// A survey with its settings. Times are Unix seconds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Survey {
    pub id: String,
    pub kind: SurveyKind,
    pub month: Option<String>,
    /// Residents of this area's subtree may answer.
    pub area_code: String,
    pub title: String,
    pub intro: String,
    pub questions: Vec<Question>,
    pub anonymous: bool,
    pub verified_only: bool,
    /// Named surveys only: answers may be changed until the survey closes.
    pub editable: bool,
    pub opens_at: i64,
    pub closes_at: i64,
    pub status: SurveyStatus,
}

impl Survey {
    /// Taking answers at `now`?
    pub fn is_open(&self, now: i64) -> bool {
        self.status == SurveyStatus::Published && self.opens_at <= now && now < self.closes_at
    }

    pub fn audience(&self) -> crate::auth::Audience {
        crate::auth::Audience { area: self.area_code.clone(), verified_only: self.verified_only }
    }
}

/// A checked answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    /// Single choice: the option id; short and long text: the text.
    Text(String),
    /// Multiple choice: option ids in the question's order.
    Choices(Vec<String>),
    /// Scale, rating and number.
    Number(f64),
}

/// Checked answers by question id; questions left empty or hidden are absent.
pub type Answers = BTreeMap<String, Answer>;

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
    /// "第 3 题“你觉得安全吗”：请作答。"
    pub fn message(&self, lang: Lang, questions: &[Question]) -> String {
        let (number, title) = questions
            .iter()
            .enumerate()
            .find(|(_, q)| q.id == self.question)
            .map(|(i, q)| ((i + 1).to_string(), q.title.as_str()))
            .unwrap_or_else(|| ("?".into(), self.question.as_str()));
        let fault = match &self.fault {
            AnswerFault::Required => lang.t(Msg::SurveyErrRequired).to_string(),
            AnswerFault::UnknownOption => lang.t(Msg::SurveyErrUnknownOption).to_string(),
            AnswerFault::TooFew { min } => lang.fmt(Msg::SurveyErrTooFew, &[("min", &min.to_string())]),
            AnswerFault::TooMany { max } => lang.fmt(Msg::SurveyErrTooMany, &[("max", &max.to_string())]),
            AnswerFault::NotANumber => lang.t(Msg::SurveyErrNotANumber).to_string(),
            AnswerFault::NotWhole => lang.t(Msg::SurveyErrNotWhole).to_string(),
            AnswerFault::OutOfRange { min, max } => {
                lang.fmt(Msg::SurveyErrOutOfRange, &[("min", &show_number(*min)), ("max", &show_number(*max))])
            }
            AnswerFault::TooLong { max } => lang.fmt(Msg::SurveyErrTooLong, &[("max", &max.to_string())]),
        };
        lang.fmt(Msg::SurveyErrAt, &[("number", &number), ("title", title), ("fault", &fault)])
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

/// Is `q` shown, given the answers so far? Questions whose condition refers to a
/// hidden question are hidden too (conditions only look back, so one pass decides).
pub fn visible(questions: &[Question], answers: &Answers) -> HashSet<String> {
    visible_ids(questions.iter().map(|q| (q.id.as_str(), q.show_if.as_ref())), answers)
}

/// [`visible`] over (id, condition) pairs: what the answering page's script knows.
pub fn visible_ids<'a>(rules: impl IntoIterator<Item = (&'a str, Option<&'a Condition>)>, answers: &Answers) -> HashSet<String> {
    let mut shown = HashSet::new();
    for (id, show_if) in rules {
        let ok = match show_if {
            None => true,
            Some(c) => shown.contains(&c.question) && answers.get(&c.question).is_some_and(|a| matches_any(a, &c.any_of)),
        };
        if ok {
            shown.insert(id.to_string());
        }
    }
    shown
}

/// Raw form values as answers, unchecked: enough to decide which questions show.
pub fn raw_answers(form: &HashMap<String, Vec<String>>) -> Answers {
    form.iter()
        .filter_map(|(k, v)| {
            let v: Vec<String> = v.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
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

fn matches_any(answer: &Answer, any_of: &[String]) -> bool {
    match answer {
        Answer::Text(t) => any_of.iter().any(|v| v == t || (v.parse::<f64>().is_ok() && v.parse::<f64>().ok() == t.parse::<f64>().ok())),
        Answer::Choices(c) => c.iter().any(|id| any_of.contains(id)),
        Answer::Number(n) => any_of.iter().any(|v| v.parse::<f64>().is_ok_and(|x| x == *n)),
    }
}

/// Turns a submitted form (question id → its values; other fields are ignored) into
/// checked answers. Questions hidden by their conditions are dropped whatever was
/// sent for them; every problem is reported, in question order.
pub fn check_answers(questions: &[Question], form: &HashMap<String, Vec<String>>) -> Result<Answers, Vec<AnswerProblem>> {
    let mut answers = Answers::new();
    let mut problems = Vec::new();
    let mut shown: HashSet<&str> = HashSet::new();
    for q in questions {
        let visible = match &q.show_if {
            None => true,
            Some(c) => shown.contains(c.question.as_str()) && answers.get(&c.question).is_some_and(|a| matches_any(a, &c.any_of)),
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
    let number = |v: &str| v.parse::<f64>().ok().filter(|n| n.is_finite()).ok_or(AnswerFault::NotANumber);
    match kind {
        QuestionKind::Single { options } => {
            if values.len() > 1 {
                return Err(AnswerFault::TooMany { max: 1 });
            }
            options.iter().find(|o| o.id == values[0]).map(|o| Answer::Text(o.id.clone())).ok_or(AnswerFault::UnknownOption)
        }
        QuestionKind::Multiple { options, min, max } => {
            if values.iter().any(|v| !options.iter().any(|o| o.id == *v)) {
                return Err(AnswerFault::UnknownOption);
            }
            let chosen: Vec<String> = options.iter().filter(|o| values.contains(&o.id.as_str())).map(|o| o.id.clone()).collect();
            if (chosen.len() as u32) < *min {
                Err(AnswerFault::TooFew { min: *min })
            } else if chosen.len() as u32 > *max {
                Err(AnswerFault::TooMany { max: *max })
            } else {
                Ok(Answer::Choices(chosen))
            }
        }
        QuestionKind::Scale5 { .. } | QuestionKind::Rating10 => {
            let (lo, hi) = if matches!(kind, QuestionKind::Scale5 { .. }) { (1.0, 5.0) } else { (0.0, 10.0) };
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

/// What is wrong with a survey's definition (checked when saved and when published).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum DefinitionFault {
    NoQuestions,
    TooManyQuestions,
    DuplicateId,
    BadId,
    EmptyTitle,
    LongText,
    TooFewOptions,
    TooManyOptions,
    DuplicateOption,
    BadLimits,
    /// The condition names a question that is not earlier, or one that cannot be a condition.
    BadConditionQuestion,
    BadConditionValue,
    /// Only a 5-point scale can feed 市民打分, and only one question does.
    BadFeed,
}

impl DefinitionFault {
    pub fn message(&self) -> Msg {
        match self {
            DefinitionFault::NoQuestions => Msg::SurveyDefNoQuestions,
            DefinitionFault::TooManyQuestions => Msg::SurveyDefTooManyQuestions,
            DefinitionFault::DuplicateId | DefinitionFault::BadId => Msg::SurveyDefBadId,
            DefinitionFault::EmptyTitle => Msg::SurveyDefEmptyTitle,
            DefinitionFault::LongText => Msg::SurveyDefLongText,
            DefinitionFault::TooFewOptions => Msg::SurveyDefTooFewOptions,
            DefinitionFault::TooManyOptions => Msg::SurveyDefTooManyOptions,
            DefinitionFault::DuplicateOption => Msg::SurveyDefDuplicateOption,
            DefinitionFault::BadLimits => Msg::SurveyDefBadLimits,
            DefinitionFault::BadConditionQuestion => Msg::SurveyDefBadConditionQuestion,
            DefinitionFault::BadConditionValue => Msg::SurveyDefBadConditionValue,
            DefinitionFault::BadFeed => Msg::SurveyDefBadFeed,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DefinitionProblem {
    /// 1-based question number, when the problem is in one question.
    pub question: Option<usize>,
    pub fault: DefinitionFault,
}

fn valid_id(id: &str) -> bool {
    (1..=32).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Checks a definition: ids, titles, options, limits, conditions (earlier questions
/// only, existing values) and feeds. Every problem is listed.
pub fn check_definition(questions: &[Question]) -> Result<(), Vec<DefinitionProblem>> {
    let mut problems = Vec::new();
    let mut push = |question: Option<usize>, fault| problems.push(DefinitionProblem { question, fault });
    if questions.is_empty() {
        push(None, DefinitionFault::NoQuestions);
    }
    if questions.len() > MAX_QUESTIONS {
        push(None, DefinitionFault::TooManyQuestions);
    }
    let mut earlier: HashMap<&str, &Question> = HashMap::new();
    let mut feeds = 0;
    for (i, q) in questions.iter().enumerate() {
        let n = Some(i + 1);
        if !valid_id(&q.id) {
            push(n, DefinitionFault::BadId);
        } else if earlier.contains_key(q.id.as_str()) {
            push(n, DefinitionFault::DuplicateId);
        }
        if q.title.trim().is_empty() {
            push(n, DefinitionFault::EmptyTitle);
        }
        if q.title.chars().count() > MAX_TITLE || q.help.chars().count() > MAX_HELP {
            push(n, DefinitionFault::LongText);
        }
        match &q.kind {
            QuestionKind::Single { options } | QuestionKind::Multiple { options, .. } => {
                if options.len() < 2 {
                    push(n, DefinitionFault::TooFewOptions);
                }
                if options.len() > MAX_OPTIONS {
                    push(n, DefinitionFault::TooManyOptions);
                }
                let mut ids = HashSet::new();
                for o in options {
                    if !valid_id(&o.id) || !ids.insert(o.id.as_str()) {
                        push(n, DefinitionFault::DuplicateOption);
                    }
                    if o.label.trim().is_empty() || o.label.chars().count() > MAX_OPTION {
                        push(n, DefinitionFault::LongText);
                    }
                }
                if let QuestionKind::Multiple { min, max, .. } = &q.kind {
                    if min > max || *max == 0 || *max as usize > options.len() {
                        push(n, DefinitionFault::BadLimits);
                    }
                }
            }
            QuestionKind::Scale5 { low, high } => {
                if low.chars().count() > MAX_OPTION || high.chars().count() > MAX_OPTION {
                    push(n, DefinitionFault::LongText);
                }
            }
            QuestionKind::Rating10 => {}
            QuestionKind::Number { min, max, .. } => {
                if !(min.is_finite() && max.is_finite() && min < max) {
                    push(n, DefinitionFault::BadLimits);
                }
            }
            QuestionKind::ShortText { max_len } | QuestionKind::LongText { max_len } => {
                if *max_len == 0 || *max_len > LONG_TEXT {
                    push(n, DefinitionFault::BadLimits);
                }
            }
        }
        if let Some(c) = &q.show_if {
            match earlier.get(c.question.as_str()).and_then(|e| e.kind.condition_values()) {
                None => push(n, DefinitionFault::BadConditionQuestion),
                Some(values) => {
                    if c.any_of.is_empty() || c.any_of.iter().any(|v| !values.contains(v)) {
                        push(n, DefinitionFault::BadConditionValue);
                    }
                }
            }
        }
        if let Some(Feed::ResidentRating) = q.feeds {
            feeds += 1;
            if !matches!(q.kind, QuestionKind::Scale5 { .. }) || feeds > 1 {
                push(n, DefinitionFault::BadFeed);
            }
        }
        earlier.entry(q.id.as_str()).or_insert(q);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(ids: &[&str]) -> Vec<Choice> {
        ids.iter().map(|i| Choice { id: i.to_string(), label: format!("选项 {i}") }).collect()
    }

    fn q(id: &str, required: bool, kind: QuestionKind) -> Question {
        Question { id: id.into(), title: format!("问题 {id}"), help: String::new(), required, kind, show_if: None, feeds: None }
    }

    /// Every type once, and a condition: q7 only when q1 is "no".
    fn sample() -> Vec<Question> {
        let mut v = vec![
            q("q1", true, QuestionKind::Single { options: choice(&["yes", "no"]) }),
            q("q2", false, QuestionKind::Multiple { options: choice(&["a", "b", "c", "d"]), min: 1, max: 2 }),
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

    fn form(pairs: &[(&str, &str)]) -> HashMap<String, Vec<String>> {
        let mut m: HashMap<String, Vec<String>> = HashMap::new();
        for (k, v) in pairs {
            m.entry(k.to_string()).or_default().push(v.to_string());
        }
        m
    }

    fn faults(r: Result<Answers, Vec<AnswerProblem>>) -> Vec<(String, AnswerFault)> {
        r.expect_err("refused").into_iter().map(|p| (p.question, p.fault)).collect()
    }

    #[test]
    fn the_sample_definition_is_valid() {
        assert_eq!(check_definition(&sample()), Ok(()));
    }

    #[test]
    fn good_answers_are_kept_and_hidden_questions_dropped() {
        let qs = sample();
        let a = check_answers(&qs, &form(&[("q1", "yes"), ("q2", "c"), ("q2", "a"), ("q3", "4"), ("q5", "35"), ("q6", " 你好 "), ("q7", "藏起来的"), ("next", "/x")])).unwrap();
        assert_eq!(a.get("q1"), Some(&Answer::Text("yes".into())));
        assert_eq!(a.get("q2"), Some(&Answer::Choices(vec!["a".into(), "c".into()])), "in the question's order");
        assert_eq!(a.get("q3"), Some(&Answer::Number(4.0)));
        assert_eq!(a.get("q6"), Some(&Answer::Text("你好".into())));
        assert!(!a.contains_key("q7"), "hidden by its condition, whatever was sent");
        assert!(!a.contains_key("q4") && !a.contains_key("next"));
        // Shown when the condition holds, and then required.
        assert_eq!(faults(check_answers(&qs, &form(&[("q1", "no"), ("q3", "2")]))), vec![("q7".into(), AnswerFault::Required)]);
        let a = check_answers(&qs, &form(&[("q1", "no"), ("q3", "2"), ("q7", "路灯坏了")])).unwrap();
        assert_eq!(a.get("q7"), Some(&Answer::Text("路灯坏了".into())));
    }

    #[test]
    fn every_bad_answer_is_named() {
        let qs = sample();
        let long = "长".repeat(11);
        let got = faults(check_answers(
            &qs,
            &form(&[("q1", "maybe"), ("q2", "a"), ("q2", "b"), ("q2", "c"), ("q3", "6"), ("q4", "7.5"), ("q5", "3.5"), ("q6", &long)]),
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
        let got = faults(check_answers(&qs, &form(&[("q1", "yes"), ("q1", "no"), ("q2", "z"), ("q5", "abc"), ("q3", "NaN")])));
        assert_eq!(
            got,
            vec![
                ("q1".into(), AnswerFault::TooMany { max: 1 }),
                ("q2".into(), AnswerFault::UnknownOption),
                ("q3".into(), AnswerFault::NotANumber),
                ("q5".into(), AnswerFault::NotANumber),
            ]
        );
        assert_eq!(faults(check_answers(&qs, &form(&[]))), vec![("q1".into(), AnswerFault::Required), ("q3".into(), AnswerFault::Required)]);
        let mut few = sample();
        few[1].kind = QuestionKind::Multiple { options: choice(&["a", "b", "c"]), min: 2, max: 3 };
        assert_eq!(faults(check_answers(&few, &form(&[("q1", "yes"), ("q3", "5"), ("q2", "a")]))), vec![("q2".into(), AnswerFault::TooFew { min: 2 })]);
    }

    #[test]
    fn messages_name_the_question_in_both_languages() {
        let qs = sample();
        let p = AnswerProblem { question: "q3".into(), fault: AnswerFault::OutOfRange { min: 1.0, max: 5.0 } };
        assert_eq!(p.message(Lang::Zh, &qs), "第 3 题“问题 q3”：请填 1 到 5 之间的数。");
        assert_eq!(p.message(Lang::En, &qs), "Question 3 “问题 q3”: enter a number from 1 to 5.");
    }

    #[test]
    fn conditions_chain_and_look_only_back() {
        let mut qs = sample();
        // q8 depends on q7, which depends on q1.
        let mut q8 = q("q8", false, QuestionKind::Rating10);
        q8.show_if = Some(Condition { question: "q3".into(), any_of: vec!["1".into(), "2".into()] });
        qs.push(q8);
        let a = check_answers(&qs, &form(&[("q1", "yes"), ("q3", "1"), ("q8", "3")])).unwrap();
        assert_eq!(a.get("q8"), Some(&Answer::Number(3.0)));
        assert!(visible(&qs, &a).contains("q8"));
        let a = check_answers(&qs, &form(&[("q1", "yes"), ("q3", "5"), ("q8", "3")])).unwrap();
        assert!(!a.contains_key("q8"));

        let mut bad = sample();
        bad[0].show_if = Some(Condition { question: "q7".into(), any_of: vec!["x".into()] });
        bad[3].show_if = Some(Condition { question: "q1".into(), any_of: vec!["perhaps".into()] });
        bad[4].show_if = Some(Condition { question: "q6".into(), any_of: vec!["x".into()] });
        let got: Vec<_> = check_definition(&bad).unwrap_err().into_iter().map(|p| (p.question, p.fault)).collect();
        assert_eq!(
            got,
            vec![
                (Some(1), DefinitionFault::BadConditionQuestion),
                (Some(4), DefinitionFault::BadConditionValue),
                (Some(5), DefinitionFault::BadConditionQuestion),
            ]
        );
    }

    #[test]
    fn bad_definitions_list_every_problem() {
        assert_eq!(check_definition(&[]).unwrap_err()[0].fault, DefinitionFault::NoQuestions);
        let mut qs = sample();
        qs[1].id = "q1".into();
        qs[0].kind = QuestionKind::Single { options: choice(&["only"]) };
        qs[3].title = " ".into();
        qs[4].kind = QuestionKind::Number { min: 5.0, max: 5.0, integer: false };
        qs[5].kind = QuestionKind::Multiple { options: choice(&["a", "a"]), min: 2, max: 1 };
        qs[6].feeds = Some(Feed::ResidentRating);
        // q7's condition names q1's option "no", which is gone now.
        let got: Vec<_> = check_definition(&qs).unwrap_err().into_iter().map(|p| (p.question, p.fault)).collect();
        assert_eq!(
            got,
            vec![
                (Some(1), DefinitionFault::TooFewOptions),
                (Some(2), DefinitionFault::DuplicateId),
                (Some(4), DefinitionFault::EmptyTitle),
                (Some(5), DefinitionFault::BadLimits),
                (Some(6), DefinitionFault::DuplicateOption),
                (Some(6), DefinitionFault::BadLimits),
                (Some(7), DefinitionFault::BadConditionValue),
                (Some(7), DefinitionFault::BadFeed),
            ]
        );
    }

    #[test]
    fn definitions_round_trip_through_json() {
        let qs = sample();
        let json = serde_json::to_string(&qs).unwrap();
        assert!(json.contains(r#""type":"scale5""#) && json.contains(r#""feeds":"resident_rating""#));
        let back: Vec<Question> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, qs);
        let a = check_answers(&qs, &form(&[("q1", "yes"), ("q2", "b"), ("q3", "3"), ("q6", "好")])).unwrap();
        let back: Answers = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
        assert_eq!(back, a);
    }

    #[test]
    fn the_rating_share_counts_fours_and_fives() {
        assert_eq!(share_high([5.0, 4.0, 3.0, 1.0]), Some(50.0));
        assert_eq!(share_high([]), None);
        assert_eq!(share_high([2.0; 3]), Some(0.0));
    }
}
