//! The survey editor's form: one form holds the settings and every question, and each
//! of its buttons (save, publish, add a question, remove, move) posts all of it, so
//! the editor works without scripts and nothing typed is lost between actions. This
//! module names the fields, reads a posted form back into a definition, and holds the
//! city's monthly 平安建设问卷 template.
use crate::accounts::parse_china_time;
use crate::i18n::{Lang, Msg};
use crate::survey::{Choice, Condition, Feed, Question, QuestionKind, LONG_TEXT, MAX_QUESTIONS, SHORT_TEXT};
use std::collections::HashMap;

/// Longest survey title and introduction (characters).
pub const MAX_SURVEY_TITLE: usize = 80;
pub const MAX_INTRO: usize = 1000;

/// The question types, as the editor's "add" buttons name them.
pub const KINDS: [&str; 7] = ["single", "multiple", "scale5", "rating10", "number", "short_text", "long_text"];

/// The name of question `i`'s field `name` in the editor form.
pub fn field(i: usize, name: &str) -> String {
    format!("f{i}.{name}")
}

/// What a button of the editor asks for (besides saving everything).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditAction {
    Save,
    Publish,
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
            ("publish", _) => EditAction::Publish,
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
        if title.is_empty() || title.chars().count() > MAX_SURVEY_TITLE || title.chars().any(char::is_control) {
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

fn number_or<T: std::str::FromStr>(form: &HashMap<String, Vec<String>>, name: &str, default: T) -> T {
    first(form, name).trim().parse().unwrap_or(default)
}

/// Reads question `i` of the form; `before` is the stored question with the same id,
/// whose type the form cannot change.
fn read_question(form: &HashMap<String, Vec<String>>, i: usize, before: &Question) -> Question {
    let f = |name: &str| field(i, name);
    let kind = match &before.kind {
        QuestionKind::Single { options } => QuestionKind::Single { options: read_options(first(form, &f("options")), options) },
        QuestionKind::Multiple { options, min, max } => {
            let options = read_options(first(form, &f("options")), options);
            QuestionKind::Multiple { min: number_or(form, &f("min"), *min), max: number_or(form, &f("max"), *max), options }
        }
        QuestionKind::Scale5 { .. } => QuestionKind::Scale5 { low: first(form, &f("low")).trim().into(), high: first(form, &f("high")).trim().into() },
        QuestionKind::Rating10 => QuestionKind::Rating10,
        QuestionKind::Number { min, max, .. } => QuestionKind::Number {
            min: number_or(form, &f("nmin"), *min),
            max: number_or(form, &f("nmax"), *max),
            integer: checked(form, &f("integer")),
        },
        QuestionKind::ShortText { max_len } => QuestionKind::ShortText { max_len: number_or(form, &f("max_len"), *max_len) },
        QuestionKind::LongText { max_len } => QuestionKind::LongText { max_len: number_or(form, &f("max_len"), *max_len) },
    };
    let cond = first(form, &f("cond")).trim();
    let show_if = (!cond.is_empty()).then(|| Condition {
        question: cond.to_string(),
        any_of: form.get(&f("cond_v")).cloned().unwrap_or_default().into_iter().filter(|v| !v.is_empty()).collect(),
    });
    Question {
        id: before.id.clone(),
        title: first(form, &f("title")).trim().to_string(),
        help: first(form, &f("help")).trim().to_string(),
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

/// The smallest free "qN" id.
pub fn next_id(questions: &[Question]) -> String {
    (1..).map(|n| format!("q{n}")).find(|id| !questions.iter().any(|q| &q.id == id)).unwrap_or_default()
}

/// A new question of type `kind`, its placeholders in the author's language.
pub fn blank(kind: &str, id: String, lang: Lang) -> Option<Question> {
    let opt = |n: u32| Choice { id: format!("o{n}"), label: lang.fmt(Msg::SurveyEdOptionN, &[("n", &n.to_string())]) };
    let kind = match kind {
        "single" => QuestionKind::Single { options: vec![opt(1), opt(2)] },
        "multiple" => QuestionKind::Multiple { options: vec![opt(1), opt(2), opt(3)], min: 1, max: 3 },
        "scale5" => QuestionKind::Scale5 { low: lang.t(Msg::SurveyEdScaleLow).into(), high: lang.t(Msg::SurveyEdScaleHigh).into() },
        "rating10" => QuestionKind::Rating10,
        "number" => QuestionKind::Number { min: 0.0, max: 100.0, integer: true },
        "short_text" => QuestionKind::ShortText { max_len: SHORT_TEXT },
        "long_text" => QuestionKind::LongText { max_len: LONG_TEXT / 4 },
        _ => return None,
    };
    Some(Question { id, title: String::new(), help: String::new(), required: true, kind, show_if: None, feeds: None })
}

/// Applies an editor action to the questions (after the form has been read).
pub fn apply(action: &EditAction, questions: &mut Vec<Question>, lang: Lang) {
    match action {
        EditAction::Add(kind) if questions.len() < MAX_QUESTIONS => {
            if let Some(q) = blank(kind, next_id(questions), lang) {
                questions.push(q);
            }
        }
        EditAction::Remove(i) if *i < questions.len() => {
            let gone = questions.remove(*i).id;
            // Conditions on the removed question go with it.
            for q in questions.iter_mut() {
                if q.show_if.as_ref().is_some_and(|c| c.question == gone) {
                    q.show_if = None;
                }
            }
        }
        EditAction::Up(i) if *i > 0 && *i < questions.len() => questions.swap(*i - 1, *i),
        EditAction::Down(i) if i + 1 < questions.len() => questions.swap(*i, *i + 1),
        _ => {}
    }
}

/// The city's monthly 平安建设问卷: how safe residents feel (feeds 市民打分), what
/// happened to them, whether they know their grid worker, satisfaction, and their
/// own words. Anonymous, one answer each.
pub fn monthly_template() -> Vec<Question> {
    let choices = |items: &[&str]| -> Vec<Choice> {
        items.iter().enumerate().map(|(i, l)| Choice { id: format!("o{}", i + 1), label: l.to_string() }).collect()
    };
    let q = |id: &str, title: &str, required: bool, kind: QuestionKind| Question {
        id: id.into(),
        title: title.into(),
        help: String::new(),
        required,
        kind,
        show_if: None,
        feeds: None,
    };
    vec![
        Question {
            feeds: Some(Feed::ResidentRating),
            help: "按您的亲身感受作答，1 表示很不安全，5 表示很安全。".into(),
            ..q("q1", "您觉得所在社区（村）的治安状况安全吗？", true, QuestionKind::Scale5 { low: "很不安全".into(), high: "很安全".into() })
        },
        q("q2", "过去一个月，您或家人是否遇到过盗窃、诈骗等违法犯罪？", true, QuestionKind::Single { options: choices(&["没有", "遇到过", "不清楚"]) }),
        Question {
            show_if: Some(Condition { question: "q2".into(), any_of: vec!["o2".into()] }),
            ..q(
                "q3",
                "遇到的是哪一类？（可多选）",
                true,
                QuestionKind::Multiple { options: choices(&["入室或车辆盗窃", "电信网络诈骗", "纠纷引发的冲突", "其他"]), min: 1, max: 4 },
            )
        },
        q("q4", "您知道本社区网格员的联系方式吗？", true, QuestionKind::Single { options: choices(&["知道", "不知道"]) }),
        q("q5", "您对本街道平安建设工作的满意度打几分？", true, QuestionKind::Rating10),
        q(
            "q6",
            "过去一个月，您参加过几次社区议事、志愿服务或平安巡逻？",
            false,
            QuestionKind::Number { min: 0.0, max: 31.0, integer: true },
        ),
        q("q7", "您最希望社区优先解决的一件事是？", false, QuestionKind::ShortText { max_len: SHORT_TEXT }),
        q("q8", "对平安建设还有什么意见和建议？", false, QuestionKind::LongText { max_len: 500 }),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::check_definition;

    fn form(pairs: &[(&str, &str)]) -> HashMap<String, Vec<String>> {
        let mut m: HashMap<String, Vec<String>> = HashMap::new();
        for (k, v) in pairs {
            m.entry(k.to_string()).or_default().push(v.to_string());
        }
        m
    }

    #[test]
    fn the_monthly_template_is_a_valid_survey_feeding_the_index() {
        let t = monthly_template();
        assert_eq!(check_definition(&t), Ok(()));
        assert_eq!(t.iter().filter(|q| q.feeds == Some(Feed::ResidentRating)).count(), 1);
        let kinds: std::collections::HashSet<_> = t.iter().map(|q| std::mem::discriminant(&q.kind)).collect();
        assert_eq!(kinds.len(), 7, "every question type appears");
    }

    #[test]
    fn a_posted_form_reads_back_and_keeps_option_ids_by_label() {
        let stored = vec![
            blank("single", "q1".into(), Lang::Zh).unwrap(),
            blank("multiple", "q2".into(), Lang::Zh).unwrap(),
            blank("number", "q3".into(), Lang::Zh).unwrap(),
        ];
        let f = form(&[
            ("f0.id", "q1"),
            ("f0.title", " 您住在哪里？ "),
            ("f0.required", "on"),
            ("f0.options", "选项 2\n新楼\n\n"),
            ("f1.id", "q2"),
            ("f1.title", "哪些？"),
            ("f1.options", "甲\n乙"),
            ("f1.min", "1"),
            ("f1.max", "2"),
            ("f1.cond", "q1"),
            ("f1.cond_v", "o2"),
            ("f2.id", "q3"),
            ("f2.title", "几人？"),
            ("f2.nmin", "1"),
            ("f2.nmax", "x"),
            // A question the draft does not have is ignored.
            ("f3.id", "q9"),
            ("f3.title", "偷渡"),
        ]);
        let qs = read_questions(&f, &stored);
        assert_eq!(qs.len(), 3);
        assert_eq!(qs[0].title, "您住在哪里？");
        assert!(qs[0].required);
        let QuestionKind::Single { options } = &qs[0].kind else { panic!() };
        assert_eq!(options.iter().map(|o| (o.id.as_str(), o.label.as_str())).collect::<Vec<_>>(), [("o2", "选项 2"), ("o3", "新楼")]);
        assert!(!qs[1].required);
        assert_eq!(qs[1].show_if, Some(Condition { question: "q1".into(), any_of: vec!["o2".into()] }));
        assert!(matches!(qs[1].kind, QuestionKind::Multiple { min: 1, max: 2, .. }));
        // An unreadable number keeps the stored value.
        assert!(matches!(qs[2].kind, QuestionKind::Number { min, max, integer: false } if min == 1.0 && max == 100.0));
        assert_eq!(check_definition(&qs), Ok(()));
    }

    #[test]
    fn actions_add_remove_and_move_questions() {
        let mut qs = Vec::new();
        for k in KINDS {
            apply(&EditAction::parse(&format!("add:{k}")), &mut qs, Lang::En);
        }
        assert_eq!(qs.iter().map(|q| q.id.as_str()).collect::<Vec<_>>(), ["q1", "q2", "q3", "q4", "q5", "q6", "q7"]);
        qs[1].show_if = Some(Condition { question: "q1".into(), any_of: vec!["o1".into()] });
        apply(&EditAction::parse("down:0"), &mut qs, Lang::En);
        assert_eq!(qs[0].id, "q2");
        apply(&EditAction::parse("up:1"), &mut qs, Lang::En);
        assert_eq!(qs[0].id, "q1");
        apply(&EditAction::parse("remove:0"), &mut qs, Lang::En);
        assert_eq!(qs[0].id, "q2");
        assert_eq!(qs[0].show_if, None, "a condition on a removed question goes");
        apply(&EditAction::parse("add:single"), &mut qs, Lang::En);
        assert_eq!(qs.last().unwrap().id, "q1", "the freed id is reused");
        assert_eq!(EditAction::parse("add:essay"), EditAction::Save);
        assert_eq!(EditAction::parse("remove:x"), EditAction::Save);
        assert_eq!(EditAction::parse("publish"), EditAction::Publish);
    }

    #[test]
    fn settings_need_a_title_and_an_opening_before_the_closing() {
        let s = read_settings(&form(&[("title", "议事"), ("opens", "2026-11-01T08:00"), ("closes", "2026-11-30T20:00"), ("anonymous", "on"), ("editable", "on")]));
        assert_eq!(s.faults(), []);
        assert!(s.anonymous && !s.editable, "anonymous answers are never editable");
        let s = read_settings(&form(&[("title", ""), ("opens", "2026-11-30T08:00"), ("closes", "2026-11-01T20:00")]));
        assert_eq!(s.faults(), [SettingsFault::Title, SettingsFault::Times]);
    }
}
