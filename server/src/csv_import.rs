//! Reading import files: a CSV with named columns, checked line by line. Shared by the
//! areas and observations imports, so both report problems the same way: every bad
//! line with its number and reason, in the reader's language.
use app::core::areas::Level;
use app::core::i18n::{Lang, Msg};

/// One problem, located at a line of the file (1-based, the header is line 1) or at
/// the file as a whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: Option<u64>,
    pub kind: ProblemKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    EmptyFile,
    MissingColumns { columns: Vec<String>, expected: String },
    DuplicateColumn(String),
    BadEncoding,
    Malformed(String),
    FieldCount { expected: usize, found: usize },
    EmptyCode,
    BadCode(String),
    DuplicateCode { code: String, first: u64 },
    BadLevel(String),
    CityParent,
    MissingParent,
    SelfParent,
    UnknownParent(String),
    ParentLevel { level: Level, expected: Level, parent: String, found: Level },
    LevelChange { code: String, existing: Level, level: Level },
    SecondCity { existing: String },
    EmptyName(&'static str),
    LongName(&'static str),
    BadPopulation(String),
    BadPeriod(String),
    UnknownArea(String),
    NotAStreet { code: String, level: Level },
    UnknownIndicator { code: String, version: String },
    PeriodShape { indicator: String, daily: bool },
    BadCount(String),
    BadValue(String),
    DuplicateRow { first: u64 },
    OutsideArea { code: String, scope: String },
    BadPhone(String),
    DuplicatePhone { first: u64 },
    LongLabel,
    TooManyRows { max: usize },
}

impl Problem {
    /// The problem as a resident or officer reads it, with its line.
    pub fn message(&self, lang: Lang) -> String {
        let reason = self.reason(lang);
        match self.line {
            Some(line) => {
                lang.fmt(Msg::ImportLine, &[("line", &line.to_string()), ("reason", &reason)])
            }
            None => lang.fmt(Msg::ImportFile, &[("reason", &reason)]),
        }
    }

    fn reason(&self, lang: Lang) -> String {
        let lv = |l: Level| lang.t(l.name()).to_string();
        use ProblemKind::*;
        match &self.kind {
            EmptyFile => lang.t(Msg::ImportEmptyFile).into(),
            MissingColumns { columns, expected } => lang.fmt(
                Msg::ImportMissingColumns,
                &[("columns", &columns.join(", ")), ("expected", expected)],
            ),
            DuplicateColumn(c) => lang.fmt(Msg::ImportDuplicateColumn, &[("column", c)]),
            BadEncoding => lang.t(Msg::ImportBadEncoding).into(),
            Malformed(d) => lang.fmt(Msg::ImportMalformed, &[("detail", d)]),
            FieldCount { expected, found } => lang.fmt(
                Msg::ImportFieldCount,
                &[("expected", &expected.to_string()), ("found", &found.to_string())],
            ),
            EmptyCode => lang.t(Msg::ImportEmptyCode).into(),
            BadCode(c) => lang.fmt(Msg::ImportBadCode, &[("code", c)]),
            DuplicateCode { code, first } => {
                lang.fmt(Msg::ImportDuplicateCode, &[("code", code), ("first", &first.to_string())])
            }
            BadLevel(l) => lang.fmt(Msg::ImportBadLevel, &[("level", l)]),
            CityParent => lang.t(Msg::ImportCityParent).into(),
            MissingParent => lang.t(Msg::ImportMissingParent).into(),
            SelfParent => lang.t(Msg::ImportSelfParent).into(),
            UnknownParent(p) => lang.fmt(Msg::ImportUnknownParent, &[("parent", p)]),
            ParentLevel { level, expected, parent, found } => lang.fmt(
                Msg::ImportParentLevel,
                &[
                    ("level", &lv(*level)),
                    ("expected", &lv(*expected)),
                    ("parent", parent),
                    ("found", &lv(*found)),
                ],
            ),
            LevelChange { code, existing, level } => lang.fmt(
                Msg::ImportLevelChange,
                &[("code", code), ("existing", &lv(*existing)), ("level", &lv(*level))],
            ),
            SecondCity { existing } => lang.fmt(Msg::ImportSecondCity, &[("existing", existing)]),
            EmptyName(c) => lang.fmt(Msg::ImportEmptyName, &[("column", c)]),
            LongName(c) => lang.fmt(Msg::ImportLongName, &[("column", c)]),
            BadPopulation(v) => lang.fmt(Msg::ImportBadPopulation, &[("value", v)]),
            BadPeriod(p) => lang.fmt(Msg::ImportObsBadPeriod, &[("period", p)]),
            UnknownArea(c) => lang.fmt(Msg::ImportObsUnknownArea, &[("code", c)]),
            NotAStreet { code, level } => {
                lang.fmt(Msg::ImportObsNotAStreet, &[("code", code), ("level", &lv(*level))])
            }
            UnknownIndicator { code, version } => {
                lang.fmt(Msg::ImportObsUnknownIndicator, &[("code", code), ("version", version)])
            }
            PeriodShape { indicator, daily } => {
                let (freq, shape) = if *daily {
                    (lang.t(Msg::MethodDaily), "YYYY-MM-DD")
                } else {
                    (lang.t(Msg::MethodMonthly), "YYYY-MM")
                };
                lang.fmt(
                    Msg::ImportObsPeriodShape,
                    &[("indicator", indicator), ("frequency", freq), ("expected", shape)],
                )
            }
            BadCount(v) => lang.fmt(Msg::ImportObsBadCount, &[("value", v)]),
            BadValue(v) => lang.fmt(Msg::ImportObsBadValue, &[("value", v)]),
            DuplicateRow { first } => {
                lang.fmt(Msg::ImportObsDuplicateRow, &[("first", &first.to_string())])
            }
            OutsideArea { code, scope } => {
                lang.fmt(Msg::ImportOutsideArea, &[("code", code), ("scope", scope)])
            }
            BadPhone(v) => lang.fmt(Msg::ImportBadPhone, &[("value", v)]),
            DuplicatePhone { first } => {
                lang.fmt(Msg::ImportDuplicatePhone, &[("first", &first.to_string())])
            }
            LongLabel => lang.t(Msg::ImportLongLabel).into(),
            TooManyRows { max } => lang.fmt(Msg::ImportTooManyRows, &[("max", &max.to_string())]),
        }
    }
}

/// What an import did, or why it did nothing.
#[derive(Debug)]
pub enum ImportOutcome {
    Applied { inserted: usize, updated: usize },
    Rejected(Vec<Problem>),
}

/// A data row as read from the file: its line and its fields, in the order of the
/// columns the importer asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawRow {
    pub line: u64,
    pub fields: Vec<String>,
}

/// A file read into rows. Lines that could not be read (bad encoding, wrong number of
/// fields) are already in `problems`; their codes, where legible, are in `unreadable`
/// so that rows naming them as parent are not also reported as orphans.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    pub rows: Vec<RawRow>,
    pub problems: Vec<Problem>,
    pub unreadable: Vec<String>,
}

/// The outcome of checking a whole file: what it holds when nothing was wrong, else
/// every problem in line order.
pub fn verdict<T>(good: T, mut problems: Vec<Problem>) -> Result<T, Vec<Problem>> {
    if problems.is_empty() {
        Ok(good)
    } else {
        problems.sort_by_key(|p| p.line);
        Err(problems)
    }
}

pub fn at(line: u64, kind: ProblemKind) -> Problem {
    Problem { line: Some(line), kind }
}

/// Reads the CSV bytes into rows, reporting encoding and shape problems per line.
/// A UTF-8 byte-order mark (as Excel writes) is accepted; extra columns are ignored.
/// Only a file without a usable header is an error here; every other problem travels
/// on in [`Parsed`] so that validation can report all bad lines in one pass. A file
/// with more than `max_rows` data rows is refused whole, before its rows are checked.
pub fn parse_csv(bytes: &[u8], columns: &[&str], max_rows: usize) -> Result<Parsed, Vec<Problem>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(vec![Problem { line: None, kind: ProblemKind::EmptyFile }]);
    }
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut records = reader.byte_records();
    let mut problems = Vec::new();

    // Header: locate each required column.
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(vec![at(1, ProblemKind::Malformed(e.to_string()))]),
        None => return Err(vec![Problem { line: None, kind: ProblemKind::EmptyFile }]),
    };
    let header_line = header.position().map(|p| p.line()).unwrap_or(1);
    let mut names = Vec::with_capacity(header.len());
    for field in header.iter() {
        match std::str::from_utf8(field) {
            Ok(s) => names.push(s.trim().to_ascii_lowercase()),
            Err(_) => return Err(vec![at(header_line, ProblemKind::BadEncoding)]),
        }
    }
    for (i, name) in names.iter().enumerate() {
        if columns.contains(&name.as_str()) && names[..i].contains(name) {
            problems.push(at(header_line, ProblemKind::DuplicateColumn(name.clone())));
        }
    }
    let missing: Vec<String> =
        columns.iter().filter(|c| !names.iter().any(|n| n == *c)).map(|c| c.to_string()).collect();
    if !missing.is_empty() {
        problems.push(at(
            header_line,
            ProblemKind::MissingColumns { columns: missing, expected: columns.join(",") },
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let index: Vec<usize> =
        columns.iter().map(|c| names.iter().position(|n| n == c).expect("checked above")).collect();

    let mut rows = Vec::new();
    let mut unreadable = Vec::new();
    let mut data_rows = 0usize;
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                problems.push(at(line, ProblemKind::Malformed(e.to_string())));
                continue;
            }
        };
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            continue; // a blank line, as spreadsheets leave at the end
        }
        data_rows += 1;
        if data_rows > max_rows {
            return Err(vec![Problem {
                line: None,
                kind: ProblemKind::TooManyRows { max: max_rows },
            }]);
        }
        let legible_code = record
            .get(index[0])
            .and_then(|c| std::str::from_utf8(c).ok())
            .map(|c| c.trim().to_string());
        if record.len() != names.len() {
            problems.push(at(
                line,
                ProblemKind::FieldCount { expected: names.len(), found: record.len() },
            ));
            unreadable.extend(legible_code);
            continue;
        }
        let mut fields = vec![String::new(); columns.len()];
        let mut ok = true;
        for (slot, &col) in fields.iter_mut().zip(&index) {
            match std::str::from_utf8(&record[col]) {
                Ok(s) => *slot = s.trim().to_string(),
                Err(_) => ok = false,
            }
        }
        if ok {
            rows.push(RawRow { line, fields });
        } else {
            problems.push(at(line, ProblemKind::BadEncoding));
            unreadable.extend(legible_code);
        }
    }
    Ok(Parsed { rows, problems, unreadable })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_row_limit_counts_data_rows_not_blank_lines() {
        let two = b"a,b\n1,2\n\n3,4\n\n";
        assert_eq!(parse_csv(two, &["a", "b"], 2).unwrap().rows.len(), 2);
        let refused = parse_csv(two, &["a", "b"], 1).unwrap_err();
        assert_eq!(
            refused,
            vec![Problem { line: None, kind: ProblemKind::TooManyRows { max: 1 } }]
        );
        // Unreadable rows count too: a file of bad lines cannot dodge the limit.
        let bad = b"a,b\n1\n2\n";
        assert!(matches!(
            parse_csv(bad, &["a", "b"], 1).unwrap_err()[..],
            [Problem { kind: ProblemKind::TooManyRows { max: 1 }, .. }]
        ));
    }
}
