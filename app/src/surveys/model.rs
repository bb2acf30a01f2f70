//! A survey's definition (questions, their types and show-if conditions) and its
//! answers: plain data shared by the server and the browser. The rules over them are
//! in `rules/`.
use crate::core::i18n::Msg;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
    Single {
        options: Vec<Choice>,
    },
    /// Between `min` and `max` options (when answered at all).
    Multiple {
        options: Vec<Choice>,
        min: u32,
        max: u32,
    },
    /// 1 (worst) to 5 (best), with the words at both ends.
    Scale5 {
        low: String,
        high: String,
    },
    /// 0 to 10.
    Rating10,
    Number {
        min: f64,
        max: f64,
        integer: bool,
    },
    ShortText {
        max_len: u32,
    },
    LongText {
        max_len: u32,
    },
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
    pub(crate) fn condition_values(&self) -> Option<Vec<String>> {
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

    pub fn audience(&self) -> crate::core::access::Audience {
        crate::core::access::Audience {
            area: self.area_code.clone(),
            verified_only: self.verified_only,
        }
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
