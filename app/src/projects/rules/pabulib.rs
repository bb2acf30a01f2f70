//! The pabulib format (pabulib.org), the open format of participatory-budgeting
//! rounds: three sections, `META` (`key;value` rows), `PROJECTS` (`project_id;cost;…`)
//! and `VOTES` (`voter_id;vote;…`), fields separated by `;` and quoted with `"` where
//! they hold one. Read for `tongxin pb tally`, written for a round's open data.
use super::tally::{Election, ElectionError};
use crate::core::i18n::{Lang, Msg};

/// A pabulib file, its rows as text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PbFile {
    pub meta: Vec<(String, String)>,
    pub project_columns: Vec<String>,
    pub projects: Vec<Vec<String>>,
    pub vote_columns: Vec<String>,
    pub votes: Vec<Vec<String>>,
    /// Where the project and vote rows and the budget stood in the text read (empty
    /// for a file made in memory), for error messages.
    pub lines: Lines,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lines {
    pub budget: usize,
    pub projects: Vec<usize>,
    pub votes: Vec<usize>,
}

fn line_of(lines: &[usize], i: usize) -> usize {
    lines.get(i).copied().unwrap_or(0)
}

/// What is wrong with a file, and on which line (1-based).
#[derive(Clone, Debug, PartialEq)]
pub struct PbError {
    pub line: usize,
    pub fault: PbFault,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PbFault {
    /// A section is missing (`META`, `PROJECTS` or `VOTES`).
    Missing(&'static str),
    /// A column the tally needs is missing (`project_id`, `cost`, `voter_id`, `vote`).
    Column(&'static str),
    /// Text where a number of yuan was expected.
    Number(String),
    /// A vote for a project the file does not list.
    Unknown(String),
    /// Only approval ballots can be tallied.
    NotApproval(String),
    /// A row outside any section, or a quote left open.
    Shape,
}

impl PbError {
    pub fn message(&self, lang: Lang) -> String {
        let fault = match &self.fault {
            PbFault::Missing(s) => lang.fmt(Msg::PbMissing, &[("section", s)]),
            PbFault::Column(c) => lang.fmt(Msg::PbColumn, &[("column", c)]),
            PbFault::Number(v) => lang.fmt(Msg::PbNumber, &[("value", v)]),
            PbFault::Unknown(id) => lang.fmt(Msg::PbUnknown, &[("id", id)]),
            PbFault::NotApproval(t) => lang.fmt(Msg::PbNotApproval, &[("type", t)]),
            PbFault::Shape => lang.t(Msg::PbShape).to_string(),
        };
        lang.fmt(Msg::PbAt, &[("line", &self.line.to_string()), ("fault", &fault)])
    }
}

/// The rows of a `;`-separated text with their first lines; quoted fields may hold
/// `;`, `""` and line breaks.
fn records(text: &str) -> Result<Vec<(usize, Vec<String>)>, PbError> {
    let mut out = Vec::new();
    let (mut row, mut field) = (Vec::new(), String::new());
    let (mut line, mut start, mut quoted, mut was_quoted) = (1, 1, false, false);
    let mut chars = text.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            '"' if quoted => quoted = false,
            '"' if field.trim().is_empty() => {
                field.clear();
                quoted = true;
                was_quoted = true;
            }
            ';' if !quoted => {
                row.push(finish(&mut field, &mut was_quoted));
            }
            '\n' if !quoted => {
                row.push(finish(&mut field, &mut was_quoted));
                if !(row.len() == 1 && row[0].is_empty()) {
                    out.push((start, std::mem::take(&mut row)));
                }
                row.clear();
                line += 1;
                start = line;
            }
            '\r' if !quoted => {}
            c => {
                if c == '\n' {
                    line += 1;
                }
                field.push(c);
            }
        }
    }
    if quoted {
        return Err(PbError { line: start, fault: PbFault::Shape });
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(finish(&mut field, &mut was_quoted));
        out.push((start, row));
    }
    Ok(out)
}

fn finish(field: &mut String, was_quoted: &mut bool) -> String {
    let f = std::mem::take(field);
    if std::mem::take(was_quoted) {
        f
    } else {
        f.trim().to_string()
    }
}

/// Yuan as pabulib writes them: "20000", "20000.5" (a decimal comma is read too).
fn money(line: usize, text: &str) -> Result<f64, PbError> {
    text.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|m| m.is_finite() && *m >= 0.0)
        .ok_or(PbError { line, fault: PbFault::Number(text.to_string()) })
}

impl PbFile {
    pub fn parse(text: &str) -> Result<PbFile, PbError> {
        let mut file = PbFile::default();
        let mut section: Option<&'static str> = None;
        let mut header = false;
        let mut seen: Vec<&'static str> = Vec::new();
        for (line, row) in records(text)? {
            if row.len() == 1 {
                if let Some(s) = ["META", "PROJECTS", "VOTES"]
                    .into_iter()
                    .find(|s| row[0].eq_ignore_ascii_case(s))
                {
                    section = Some(s);
                    seen.push(s);
                    header = true;
                    continue;
                }
            }
            match section {
                None => return Err(PbError { line, fault: PbFault::Shape }),
                Some("META") => {
                    let first = std::mem::take(&mut header);
                    if first && row.first().map(String::as_str) == Some("key") {
                        continue;
                    }
                    let value = row.get(1..).map(|v| v.join(";")).unwrap_or_default();
                    if row[0] == "budget" {
                        file.lines.budget = line;
                    }
                    file.meta.push((row[0].clone(), value));
                }
                Some(s) => {
                    let (columns, rows, lines) = if s == "PROJECTS" {
                        (&mut file.project_columns, &mut file.projects, &mut file.lines.projects)
                    } else {
                        (&mut file.vote_columns, &mut file.votes, &mut file.lines.votes)
                    };
                    if std::mem::take(&mut header) {
                        *columns = row;
                    } else {
                        rows.push(row);
                        lines.push(line);
                    }
                }
            }
        }
        for s in ["META", "PROJECTS", "VOTES"] {
            if !seen.contains(&s) {
                return Err(PbError { line: 1, fault: PbFault::Missing(s) });
            }
        }
        Ok(file)
    }

    pub fn meta(&self, key: &str) -> Option<&str> {
        self.meta.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    fn column(columns: &[String], name: &'static str) -> Result<usize, PbError> {
        columns
            .iter()
            .position(|c| c == name)
            .ok_or(PbError { line: 1, fault: PbFault::Column(name) })
    }

    /// The project ids in the file's order and spelling.
    pub fn project_ids(&self) -> Result<Vec<String>, PbError> {
        let id = Self::column(&self.project_columns, "project_id")?;
        Ok(self.projects.iter().map(|r| r.get(id).cloned().unwrap_or_default()).collect())
    }

    /// The projects the file says were selected (`selected` is 1), if it says.
    pub fn selected(&self) -> Option<Vec<String>> {
        let id = Self::column(&self.project_columns, "project_id").ok()?;
        let sel = Self::column(&self.project_columns, "selected").ok()?;
        Some(
            self.projects
                .iter()
                .filter(|r| r.get(sel).map(|v| v.trim()) == Some("1"))
                .filter_map(|r| r.get(id).cloned())
                .collect(),
        )
    }

    /// The round as an approval election, with the project ids (the election's
    /// names, so that exact ties break by id as pabutools does).
    pub fn election(&self) -> Result<Election, PbError> {
        if let Some(t) = self.meta("vote_type").filter(|t| *t != "approval") {
            return Err(PbError { line: 1, fault: PbFault::NotApproval(t.to_string()) });
        }
        let budget_text =
            self.meta("budget").ok_or(PbError { line: 1, fault: PbFault::Column("budget") })?;
        let budget = money(self.lines.budget, budget_text)?;
        let ids = self.project_ids()?;
        let cost = Self::column(&self.project_columns, "cost")?;
        let costs = self
            .projects
            .iter()
            .enumerate()
            .map(|(i, r)| {
                money(
                    line_of(&self.lines.projects, i),
                    r.get(cost).map(String::as_str).unwrap_or(""),
                )
            })
            .collect::<Result<Vec<f64>, PbError>>()?;
        let index: std::collections::HashMap<&str, usize> =
            ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
        let vote = Self::column(&self.vote_columns, "vote")?;
        let mut ballots = Vec::with_capacity(self.votes.len());
        for (i, row) in self.votes.iter().enumerate() {
            let text = row.get(vote).map(String::as_str).unwrap_or("");
            let mut ballot = Vec::new();
            for id in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                let p = index.get(id).ok_or(PbError {
                    line: line_of(&self.lines.votes, i),
                    fault: PbFault::Unknown(id.to_string()),
                })?;
                ballot.push(*p);
            }
            ballots.push(ballot);
        }
        Election::new(budget, costs, ids, ballots).map_err(|e| PbError {
            line: 1,
            fault: match e {
                ElectionError::UnknownProject(p) => PbFault::Unknown(p.to_string()),
                _ => PbFault::Number(budget_text.to_string()),
            },
        })
    }

    /// The file as text, fields quoted where they hold `;`, `"` or a line break.
    pub fn to_text(&self) -> String {
        fn row(out: &mut String, fields: &[String]) {
            let quoted: Vec<String> = fields
                .iter()
                .map(|f| {
                    if f.contains([';', '"', '\n', '\r']) {
                        format!("\"{}\"", f.replace('"', "\"\""))
                    } else {
                        f.clone()
                    }
                })
                .collect();
            out.push_str(&quoted.join(";"));
            out.push('\n');
        }
        let mut out = String::from("META\nkey;value\n");
        for (k, v) in &self.meta {
            row(&mut out, &[k.clone(), v.clone()]);
        }
        out.push_str("PROJECTS\n");
        row(&mut out, &self.project_columns);
        for p in &self.projects {
            row(&mut out, p);
        }
        out.push_str("VOTES\n");
        row(&mut out, &self.vote_columns);
        for v in &self.votes {
            row(&mut out, v);
        }
        out
    }
}

#[cfg(test)]
#[path = "pabulib_tests.rs"]
mod tests;
