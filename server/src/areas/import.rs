//! Validation of an areas CSV (`code,parent_code,level,name_zh,name_en,population`).
//!
//! The whole file is checked before anything is written: every problem is reported with
//! its line number, and the caller applies the rows only when there is none
//! (all-or-nothing). Pure: the existing map comes in as an [`AreaTree`].
use crate::csv_import::{at, parse_csv, Parsed, Problem, ProblemKind, RawRow};
use app::core::areas::{Area, AreaTree, Level};
use std::collections::HashMap;

pub const COLUMNS: [&str; 6] = ["code", "parent_code", "level", "name_zh", "name_en", "population"];
const MAX_NAME_CHARS: usize = 64;
/// Most areas in one file (a city of 15 million has about 4,000 communities).
pub const MAX_ROWS: usize = 20_000;

/// The rows to write, parents before children, and how many codes are new.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidAreas {
    pub areas: Vec<Area>,
    pub inserted: usize,
    pub updated: usize,
}

/// Reads an areas file.
pub fn parse(bytes: &[u8]) -> Result<Parsed, Vec<Problem>> {
    parse_csv(bytes, &COLUMNS, MAX_ROWS)
}

fn valid_code(code: &str) -> bool {
    app::core::prefs::is_area_code(code)
}

/// Checks every row against the rules and against the areas already stored.
pub fn validate(parsed: Parsed, existing: &AreaTree) -> Result<ValidAreas, Vec<Problem>> {
    use ProblemKind::*;
    let Parsed { rows, mut problems, unreadable } = parsed;
    let mut first_line: HashMap<String, u64> = HashMap::new();
    // Rows that passed the per-row checks, with their line.
    let mut good: Vec<(u64, Area)> = Vec::new();

    if rows.is_empty() && problems.is_empty() {
        return Err(vec![Problem { line: None, kind: EmptyFile }]);
    }
    for row in rows {
        let line = row.line;
        let mut f = row.fields.into_iter();
        let mut next = || f.next().unwrap_or_default();
        let (code, parent, level, name_zh, name_en, population) =
            (next(), next(), next(), next(), next(), next());
        let before = problems.len();
        if code.is_empty() {
            problems.push(at(line, EmptyCode));
        } else if !valid_code(&code) {
            problems.push(at(line, BadCode(code.clone())));
        } else if let Some(&first) = first_line.get(&code) {
            problems.push(at(line, DuplicateCode { code: code.clone(), first }));
        } else {
            first_line.insert(code.clone(), line);
        }
        let level = match Level::parse(&level) {
            Some(l) => Some(l),
            None => {
                problems.push(at(line, BadLevel(level.clone())));
                None
            }
        };
        let parent = (!parent.is_empty()).then_some(parent);
        match (level, &parent) {
            (Some(Level::City), Some(_)) => problems.push(at(line, CityParent)),
            (Some(l), None) if l != Level::City => problems.push(at(line, MissingParent)),
            (_, Some(p)) if *p == code => problems.push(at(line, SelfParent)),
            (_, Some(p)) if !valid_code(p) => problems.push(at(line, UnknownParent(p.clone()))),
            _ => {}
        }
        for (value, column) in [(&name_zh, "name_zh"), (&name_en, "name_en")] {
            if value.is_empty() {
                problems.push(at(line, EmptyName(column)));
            } else if value.chars().count() > MAX_NAME_CHARS {
                problems.push(at(line, LongName(column)));
            }
        }
        let population = match population.parse::<i64>() {
            Ok(n) if n >= 0 => Some(n),
            _ => {
                problems.push(at(line, BadPopulation(population.clone())));
                None
            }
        };
        if problems.len() == before {
            if let (Some(level), Some(population)) = (level, population) {
                good.push((
                    line,
                    Area { code, parent_code: parent, level, name_zh, name_en, population },
                ));
            }
        }
    }

    // Cross-row checks: parents, levels and the single city.
    let file_levels: HashMap<&str, Level> =
        good.iter().map(|(_, a)| (a.code.as_str(), a.level)).collect();
    let existing_city = existing.city().map(|c| c.code.clone());
    let mut file_city: Option<&str> = None;
    for (line, area) in &good {
        let line = *line;
        if let Some(old) = existing.get(&area.code) {
            if old.level != area.level {
                problems.push(at(
                    line,
                    LevelChange { code: area.code.clone(), existing: old.level, level: area.level },
                ));
            }
        }
        if area.level == Level::City {
            match (&existing_city, file_city) {
                (Some(c), _) if *c != area.code => {
                    problems.push(at(line, SecondCity { existing: c.clone() }))
                }
                (_, Some(c)) => problems.push(at(line, SecondCity { existing: c.to_string() })),
                _ => file_city = Some(&area.code),
            }
        }
        let (Some(parent), Some(expected)) = (&area.parent_code, area.level.parent()) else {
            continue;
        };
        let parent_level = file_levels
            .get(parent.as_str())
            .copied()
            .or_else(|| existing.get(parent).map(|p| p.level));
        match parent_level {
            // The parent's own line is wrong, and already reported.
            None if first_line.contains_key(parent) || unreadable.contains(parent) => {}
            None => problems.push(at(line, UnknownParent(parent.clone()))),
            Some(found) if found != expected => problems.push(at(
                line,
                ParentLevel { level: area.level, expected, parent: parent.clone(), found },
            )),
            Some(_) => {}
        }
    }
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.line);
        return Err(problems);
    }
    let mut areas: Vec<Area> = good.into_iter().map(|(_, a)| a).collect();
    areas.sort_by(|a, b| a.level.cmp(&b.level).then_with(|| a.code.cmp(&b.code)));
    let inserted = areas.iter().filter(|a| existing.get(&a.code).is_none()).count();
    Ok(ValidAreas { updated: areas.len() - inserted, inserted, areas })
}

/// Parses and validates in one go.
pub fn check(bytes: &[u8], existing: &AreaTree) -> Result<ValidAreas, Vec<Problem>> {
    validate(parse(bytes)?, existing)
}

/// Writes areas as CSV with the import's columns, so that an export imports unchanged.
pub fn to_csv(areas: &[Area]) -> String {
    crate::csv_export::table(&COLUMNS, areas.iter().map(fields))
}

/// An area as the fields of an import row, in [`COLUMNS`] order.
fn fields(a: &Area) -> Vec<String> {
    vec![
        a.code.clone(),
        a.parent_code.clone().unwrap_or_default(),
        a.level.as_str().to_string(),
        a.name_zh.clone(),
        a.name_en.clone(),
        a.population.to_string(),
    ]
}

/// Rows for already-built areas (the demo city), numbered as if they were a file.
pub fn raw_rows(areas: &[Area]) -> Parsed {
    let rows = areas
        .iter()
        .enumerate()
        .map(|(i, a)| RawRow { line: i as u64 + 2, fields: fields(a) })
        .collect();
    Parsed { rows, ..Parsed::default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "code,parent_code,level,name_zh,name_en,population\n";

    fn ok(csv: &str) -> ValidAreas {
        check(csv.as_bytes(), &AreaTree::default()).expect("valid")
    }

    fn problems(csv: &[u8], existing: &AreaTree) -> Vec<(Option<u64>, ProblemKind)> {
        check(csv, existing).expect_err("invalid").into_iter().map(|p| (p.line, p.kind)).collect()
    }

    fn base() -> String {
        format!("{HEADER}C,,city,同心市,Tongxin City,300\nD,C,district,东湖区,Donghu,300\nS,D,street,湖滨街道,Hubin,300\nK,S,community,金园社区,Jinyuan,300\n")
    }

    #[test]
    fn a_valid_file_orders_parents_first() {
        let csv = format!("{HEADER}K,S,community,金园社区,Jinyuan,300\nS,D,street,湖滨街道,Hubin,300\nD,C,district,东湖区,Donghu,300\nC,,city,同心市,Tongxin City,300\n");
        let v = ok(&csv);
        let codes: Vec<_> = v.areas.iter().map(|a| a.code.as_str()).collect();
        assert_eq!(codes, ["C", "D", "S", "K"]);
        assert_eq!((v.inserted, v.updated), (4, 0));
    }

    #[test]
    fn bom_quotes_extra_columns_reordered_header_and_blank_lines_are_fine() {
        let csv = "\u{feff}name_en,code,level,parent_code,name_zh,population,note\n\
                   \"Tongxin, City\",C,city,,同心市,10,x\n\n";
        let v = ok(csv);
        assert_eq!(v.areas[0].name_en, "Tongxin, City");
        assert_eq!(v.areas[0].population, 10);
    }

    #[test]
    fn every_bad_line_is_reported_with_its_number() {
        let csv = format!(
            "{}D,C,district,重复,Dup,1\nX,C,province,省,P,1\nY,ZZ,street,街,Y,1\nZ,D,street,街,Z,-5\nW,D,community,社区,W,1\n",
            base()
        );
        let got = problems(csv.as_bytes(), &AreaTree::default());
        assert_eq!(
            got,
            vec![
                (Some(6), ProblemKind::DuplicateCode { code: "D".into(), first: 3 }),
                (Some(7), ProblemKind::BadLevel("province".into())),
                (Some(8), ProblemKind::UnknownParent("ZZ".into())),
                (Some(9), ProblemKind::BadPopulation("-5".into())),
                (
                    Some(10),
                    ProblemKind::ParentLevel {
                        level: Level::Community,
                        expected: Level::Street,
                        parent: "D".into(),
                        found: Level::District
                    }
                ),
            ]
        );
    }

    #[test]
    fn missing_and_duplicate_columns_stop_at_the_header() {
        let got = problems(
            b"code,parent_code,level,name_zh,population\nC,,city,x,1\n",
            &AreaTree::default(),
        );
        assert_eq!(
            got,
            vec![(
                Some(1),
                ProblemKind::MissingColumns {
                    columns: vec!["name_en".into()],
                    expected: COLUMNS.join(",")
                }
            )]
        );
        let got = problems(
            b"code,code,parent_code,level,name_zh,name_en,population\n",
            &AreaTree::default(),
        );
        assert_eq!(got, vec![(Some(1), ProblemKind::DuplicateColumn("code".into()))]);
    }

    #[test]
    fn bad_encoding_is_reported_per_line() {
        // "东湖区" in GBK, as Excel on a Chinese Windows saves CSV by default.
        let mut csv = base().into_bytes();
        csv.extend_from_slice(b"D2,C,district,\xB6\xAB\xBA\xFE\xC7\xF8,Donghu,1\n");
        csv.extend_from_slice(b"D3,C,district,ok,ok,1\n");
        csv.extend_from_slice(b"D4,C,district,\xB6\xAB,x,1\n");
        let got = problems(&csv, &AreaTree::default());
        assert_eq!(
            got,
            vec![(Some(6), ProblemKind::BadEncoding), (Some(8), ProblemKind::BadEncoding)]
        );
    }

    #[test]
    fn field_count_empty_file_and_malformed_quotes() {
        let got =
            problems(format!("{HEADER}C,,city,同心市,Tongxin\n").as_bytes(), &AreaTree::default());
        assert_eq!(got, vec![(Some(2), ProblemKind::FieldCount { expected: 6, found: 5 })]);
        assert_eq!(problems(b"", &AreaTree::default()), vec![(None, ProblemKind::EmptyFile)]);
        assert_eq!(
            problems(HEADER.as_bytes(), &AreaTree::default()),
            vec![(None, ProblemKind::EmptyFile)]
        );
    }

    #[test]
    fn shape_problems_do_not_hide_other_lines_problems() {
        let mut csv = format!("{HEADER}C,,city,同心市,Tongxin,1\nD,C,district,区\nS,D,street,街道,S,1\nK,C,community,社区,K,1\n").into_bytes();
        csv.extend_from_slice(b"S2,D2,street,\xB6\xAB,x,1\nK2,S2,community,ok,ok,1\n");
        let got = problems(&csv, &AreaTree::default());
        assert_eq!(
            got,
            vec![
                (Some(3), ProblemKind::FieldCount { expected: 6, found: 4 }),
                (
                    Some(5),
                    ProblemKind::ParentLevel {
                        level: Level::Community,
                        expected: Level::Street,
                        parent: "C".into(),
                        found: Level::City
                    }
                ),
                (Some(6), ProblemKind::BadEncoding),
            ],
            "S (line 4) names the unreadable D as parent, K2 names the unreadable S2: neither is reported again"
        );
    }

    #[test]
    fn parent_rules() {
        let csv = format!("{HEADER}C,X,city,市,C,1\nD,,district,区,D,1\nE,E,district,区,E,1\nF,C,district,区,F,1\n");
        let got = problems(csv.as_bytes(), &AreaTree::default());
        assert_eq!(
            got,
            vec![
                (Some(2), ProblemKind::CityParent),
                (Some(3), ProblemKind::MissingParent),
                (Some(4), ProblemKind::SelfParent),
            ]
        );
    }

    #[test]
    fn names_and_codes() {
        let long = "长".repeat(65);
        let csv = format!("{HEADER}C,,city,,C,1\nbad code!,C,district,区,D,1\n,C,district,区,D,1\nD,C,district,{long},D,1\n");
        let got = problems(csv.as_bytes(), &AreaTree::default());
        assert_eq!(
            got,
            vec![
                (Some(2), ProblemKind::EmptyName("name_zh")),
                (Some(3), ProblemKind::BadCode("bad code!".into())),
                (Some(4), ProblemKind::EmptyCode),
                (Some(5), ProblemKind::LongName("name_zh")),
            ]
        );
    }

    #[test]
    fn checks_against_existing_areas() {
        let existing = AreaTree::new(ok(&base()).areas);
        // A new community under an existing street, an update, and a conflicting level.
        let csv = format!(
            "{HEADER}K2,S,community,银园社区,Yinyuan,5\nK,S,community,金园社区,Jinyuan,400\n"
        );
        let v = check(csv.as_bytes(), &existing).unwrap();
        assert_eq!((v.inserted, v.updated), (1, 1));
        let csv = format!("{HEADER}K,D,street,金园街道,Jinyuan,400\nC2,,city,别的市,Other,1\n");
        let got = problems(csv.as_bytes(), &existing);
        assert_eq!(
            got,
            vec![
                (
                    Some(2),
                    ProblemKind::LevelChange {
                        code: "K".into(),
                        existing: Level::Community,
                        level: Level::Street
                    }
                ),
                (Some(3), ProblemKind::SecondCity { existing: "C".into() }),
            ]
        );
    }

    #[test]
    fn export_round_trips_through_import() {
        let v = ok(&base());
        let again = ok(&to_csv(&v.areas));
        assert_eq!(v.areas, again.areas);
    }

    #[test]
    fn messages_name_the_line_in_both_languages() {
        use app::core::i18n::Lang;
        let p = Problem { line: Some(7), kind: ProblemKind::BadLevel("province".into()) };
        assert_eq!(
            p.message(Lang::Zh),
            "第 7 行：层级“province”无效，应为 city、district、street 或 community"
        );
        assert!(p.message(Lang::En).starts_with("Line 7: the level \"province\" is invalid"));
    }
}
