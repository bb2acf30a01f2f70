//! The survey editor's form: one form holds the settings and every question, and each
//! of its buttons (save, publish, add a question, remove, move) posts all of it, so
//! the editor works without scripts and nothing typed is lost between actions. This
//! module names the fields, reads a posted form back into a definition, and holds the
//! city's monthly 平安建设问卷 template.
use crate::core::time::parse_china_time;
use crate::surveys::model::{Choice, Condition, Feed, Question, QuestionKind, MAX_QUESTIONS};
use std::collections::HashMap;

/// Longest survey title and introduction (characters).
pub const MAX_SURVEY_TITLE: usize = 80;
pub const MAX_INTRO: usize = 1000;

/// The question types, as the editor's "add" buttons name them.
pub const KINDS: [&str; 7] =
    ["single", "multiple", "scale5", "rating10", "number", "short_text", "long_text"];

/// The name of question `i`'s field `name` in the editor form.
/// Text typed over several lines, as one line.
fn one_line(text: &str) -> String {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

pub fn field(i: usize, name: &str) -> String {
    format!("f{i}.{name}")
}

/// What a button of the editor asks for (besides saving everything).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditAction {
    Save,
    /// `confirmed`: the box saying that the questions then freeze was ticked (the
    /// form's `confirm_publish`, set by the handler).
    Publish {
        confirmed: bool,
    },
    Add(String),
    Remove(usize),
    Up(usize),
    Down(usize),
}

impl EditAction {
    pub fn parse(s: &str) -> EditAction {
        let (verb, arg) = s.split_once(':').unwrap_or((s, ""));
        let n = arg.parse::<usize>().ok();
        match (verb, n) {
            ("publish", _) => EditAction::Publish { confirmed: false },
            ("add", _) if KINDS.contains(&arg) => EditAction::Add(arg.to_string()),
            ("remove", Some(i)) => EditAction::Remove(i),
            ("up", Some(i)) => EditAction::Up(i),
            ("down", Some(i)) => EditAction::Down(i),
            _ => EditAction::Save,
        }
    }
}

/// The settings part of the editor, as posted.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub title: String,
    pub intro: String,
    pub area: String,
    pub opens_at: Option<i64>,
    pub closes_at: Option<i64>,
    pub anonymous: bool,
    pub verified_only: bool,
    pub editable: bool,
}

/// What is wrong with the settings; the editor names the first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingsFault {
    Title,
    Intro,
    Times,
}

impl SettingsFault {
    /// The `?error=` code the editor shows.
    pub fn code(self) -> &'static str {
        match self {
            SettingsFault::Title => "survey_title",
            SettingsFault::Intro => "survey_intro",
            SettingsFault::Times => "survey_times",
        }
    }
}

impl Settings {
    pub fn faults(&self) -> Vec<SettingsFault> {
        let mut out = Vec::new();
        let title = self.title.trim();
        if title.is_empty()
            || title.chars().count() > MAX_SURVEY_TITLE
            || title.chars().any(char::is_control)
        {
            out.push(SettingsFault::Title);
        }
        if self.intro.chars().count() > MAX_INTRO {
            out.push(SettingsFault::Intro);
        }
        match (self.opens_at, self.closes_at) {
            (Some(o), Some(c)) if o < c => {}
            _ => out.push(SettingsFault::Times),
        }
        out
    }
}

fn first<'a>(form: &'a HashMap<String, Vec<String>>, name: &str) -> &'a str {
    form.get(name).and_then(|v| v.first()).map(|s| s.as_str()).unwrap_or("")
}

fn checked(form: &HashMap<String, Vec<String>>, name: &str) -> bool {
    !first(form, name).is_empty()
}

/// Reads the settings fields.
pub fn read_settings(form: &HashMap<String, Vec<String>>) -> Settings {
    let anonymous = checked(form, "anonymous");
    Settings {
        title: first(form, "title").trim().to_string(),
        intro: first(form, "intro").trim().replace("\r\n", "\n"),
        area: first(form, "area").trim().to_string(),
        opens_at: parse_china_time(first(form, "opens")),
        closes_at: parse_china_time(first(form, "closes")),
        anonymous,
        verified_only: checked(form, "verified_only"),
        // Anonymous answers cannot be found again to be changed.
        editable: checked(form, "editable") && !anonymous,
    }
}

/// Options typed one per line; a line that keeps its label keeps its id (so that a
/// condition on it still holds), new lines get the next unused id.
fn read_options(text: &str, before: &[Choice]) -> Vec<Choice> {
    let mut used: Vec<String> = Vec::new();
    let labels: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let mut out: Vec<Choice> = Vec::new();
    let mut pending: Vec<usize> = Vec::new();
    for label in &labels {
        match before.iter().find(|c| c.label == *label && !used.contains(&c.id)) {
            Some(c) => {
                used.push(c.id.clone());
                out.push(c.clone());
            }
            None => {
                pending.push(out.len());
                out.push(Choice { id: String::new(), label: label.to_string() });
            }
        }
    }
    let mut n = 1;
    for i in pending {
        // Ids of removed options are not reused: a condition naming one must not
        // silently come to mean a different option.
        while used.contains(&format!("o{n}")) || before.iter().any(|c| c.id == format!("o{n}")) {
            n += 1;
        }
        let id = format!("o{n}");
        used.push(id.clone());
        out[i].id = id;
    }
    out
}

fn number_or<T: std::str::FromStr>(
    form: &HashMap<String, Vec<String>>,
    name: &str,
    default: T,
) -> T {
    first(form, name).trim().parse().unwrap_or(default)
}

/// Reads question `i` of the form; `before` is the stored question with the same id,
/// whose type the form cannot change.
fn read_question(form: &HashMap<String, Vec<String>>, i: usize, before: &Question) -> Question {
    let f = |name: &str| field(i, name);
    let kind = match &before.kind {
        QuestionKind::Single { options } => {
            QuestionKind::Single { options: read_options(first(form, &f("options")), options) }
        }
        QuestionKind::Multiple { options, min, max } => {
            let options = read_options(first(form, &f("options")), options);
            QuestionKind::Multiple {
                min: number_or(form, &f("min"), *min),
                max: number_or(form, &f("max"), *max),
                options,
            }
        }
        QuestionKind::Scale5 { .. } => QuestionKind::Scale5 {
            low: first(form, &f("low")).trim().into(),
            high: first(form, &f("high")).trim().into(),
        },
        QuestionKind::Rating10 => QuestionKind::Rating10,
        QuestionKind::Number { min, max, .. } => QuestionKind::Number {
            min: number_or(form, &f("nmin"), *min),
            max: number_or(form, &f("nmax"), *max),
            integer: checked(form, &f("integer")),
        },
        QuestionKind::ShortText { max_len } => {
            QuestionKind::ShortText { max_len: number_or(form, &f("max_len"), *max_len) }
        }
        QuestionKind::LongText { max_len } => {
            QuestionKind::LongText { max_len: number_or(form, &f("max_len"), *max_len) }
        }
    };
    let cond = first(form, &f("cond")).trim();
    let show_if = (!cond.is_empty()).then(|| Condition {
        question: cond.to_string(),
        any_of: form
            .get(&f("cond_v"))
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .filter(|v| !v.is_empty())
            .collect(),
    });
    Question {
        id: before.id.clone(),
        // The title is edited in a multi-line field but is one line: breaks become spaces.
        title: one_line(first(form, &f("title"))),
        help: first(form, &f("help")).trim().replace("\r\n", "\n"),
        required: checked(form, &f("required")),
        kind,
        show_if,
        feeds: checked(form, &f("feeds")).then_some(Feed::ResidentRating),
    }
}

/// Reads the questions of a posted editor form against the stored draft. Each
/// question is matched by its id (`f<i>.id`); ids the draft does not have are
/// ignored, so a form cannot smuggle in a type the editor did not offer.
pub fn read_questions(form: &HashMap<String, Vec<String>>, stored: &[Question]) -> Vec<Question> {
    let mut out = Vec::new();
    for i in 0..MAX_QUESTIONS {
        let id = first(form, &field(i, "id"));
        if id.is_empty() {
            continue;
        }
        if let Some(before) = stored.iter().find(|q| q.id == id) {
            if !out.iter().any(|q: &Question| q.id == id) {
                out.push(read_question(form, i, before));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surveys::rules::fixtures::form;

    #[test]
    fn settings_need_a_title_and_an_opening_before_the_closing() {
        let s = read_settings(&form(&[
            ("title", "议事"),
            ("opens", "2026-11-01T08:00"),
            ("closes", "2026-11-30T20:00"),
            ("anonymous", "on"),
            ("editable", "on"),
        ]));
        assert_eq!(s.faults(), []);
        assert!(s.anonymous && !s.editable, "anonymous answers are never editable");
        let s = read_settings(&form(&[
            ("title", ""),
            ("opens", "2026-11-30T08:00"),
            ("closes", "2026-11-01T20:00"),
        ]));
        assert_eq!(s.faults(), [SettingsFault::Title, SettingsFault::Times]);
    }

    #[test]
    fn a_title_typed_over_several_lines_is_one_line() {
        assert_eq!(one_line(" 您对本楼加装\r\n电梯\n\n的意见？ "), "您对本楼加装 电梯 的意见？");
        assert_eq!(one_line("单行"), "单行");
    }
}
