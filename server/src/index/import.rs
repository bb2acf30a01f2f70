//! Validation of an observations CSV (`period,area_code,indicator,value`), as for areas:
//! the whole file is checked first, every bad line reported, and the rows are applied
//! only when there is no problem at all.
use crate::csv_import::{at, parse_csv, verdict, Parsed, Problem, ProblemKind};
use app::core::areas::{AreaTree, Level};
use app::index::model::{Frequency, Methodology, Observation, Unit};
use app::index::rules::periods::Period;
use std::collections::HashMap;

pub const COLUMNS: [&str; 4] = ["period", "area_code", "indicator", "value"];
/// Most rows in one file: a year of every indicator for 250 streets (about 40 MB).
pub const MAX_ROWS: usize = 1_000_000;

pub fn parse(bytes: &[u8]) -> Result<Parsed, Vec<Problem>> {
    parse_csv(bytes, &COLUMNS, MAX_ROWS)
}

/// Checks every row against the area map and the methodology in force; with a
/// `scope`, every street must also lie inside that area (a staff member's).
pub fn validate(
    parsed: Parsed,
    areas: &AreaTree,
    m: &Methodology,
    scope: Option<&str>,
) -> Result<Vec<Observation>, Vec<Problem>> {
    use ProblemKind::*;
    let Parsed { rows, mut problems, .. } = parsed;
    if rows.is_empty() && problems.is_empty() {
        return Err(vec![Problem { line: None, kind: EmptyFile }]);
    }
    let mut seen: HashMap<(Period, String, String), u64> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let line = row.line;
        let before = problems.len();
        let mut f = row.fields.into_iter();
        let mut next = || f.next().unwrap_or_default();
        let (period_text, area, indicator, value_text) = (next(), next(), next(), next());
        let period = Period::parse(&period_text);
        if period.is_none() {
            problems.push(at(line, BadPeriod(period_text.clone())));
        }
        match areas.get(&area) {
            None => problems.push(at(line, UnknownArea(area.clone()))),
            Some(a) if a.level != Level::Street => {
                problems.push(at(line, NotAStreet { code: area.clone(), level: a.level }))
            }
            Some(_) if scope.is_some_and(|s| !areas.is_within(&area, s)) => problems.push(at(
                line,
                OutsideArea { code: area.clone(), scope: scope.unwrap_or_default().to_string() },
            )),
            Some(_) => {}
        }
        let ind = m.indicator(&indicator);
        match (ind, period) {
            (None, _) => problems.push(at(
                line,
                UnknownIndicator { code: indicator.clone(), version: m.version.clone() },
            )),
            (Some(i), Some(p)) if p.frequency() != i.frequency => problems.push(at(
                line,
                PeriodShape {
                    indicator: indicator.clone(),
                    daily: i.frequency == Frequency::Daily,
                },
            )),
            _ => {}
        }
        let value = value_text.parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0);
        match (value, ind.map(|i| i.unit)) {
            (Some(v), Some(Unit::Rate)) if v.fract() != 0.0 => {
                problems.push(at(line, BadCount(value_text.clone())))
            }
            (None, Some(Unit::Rate)) => problems.push(at(line, BadCount(value_text.clone()))),
            (None, _) => problems.push(at(line, BadValue(value_text.clone()))),
            _ => {}
        }
        if let Some(p) = period {
            let key = (p, area.clone(), indicator.clone());
            match seen.get(&key) {
                Some(&first) => problems.push(at(line, DuplicateRow { first })),
                None => {
                    seen.insert(key, line);
                }
            }
        }
        if problems.len() == before {
            if let (Some(period), Some(value)) = (period, value) {
                out.push(Observation { period, area_code: area, indicator, value });
            }
        }
    }
    verdict(out, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::methodology::default_methodology;
    use app::core::areas::Area;
    use app::core::i18n::Lang;

    const HEADER: &str = "period,area_code,indicator,value\n";

    fn areas() -> AreaTree {
        let a = |code: &str, parent: Option<&str>, level| Area {
            code: code.into(),
            parent_code: parent.map(Into::into),
            level,
            name_zh: code.into(),
            name_en: code.into(),
            population: 1000,
        };
        AreaTree::new(vec![
            a("C", None, Level::City),
            a("D", Some("C"), Level::District),
            a("S", Some("D"), Level::Street),
            a("K", Some("S"), Level::Community),
        ])
    }

    fn check(csv: &str) -> Result<Vec<Observation>, Vec<(Option<u64>, ProblemKind)>> {
        validate(
            parse(csv.as_bytes())
                .map_err(|p| p.into_iter().map(|p| (p.line, p.kind)).collect::<Vec<_>>())?,
            &areas(),
            &default_methodology(),
            None,
        )
        .map_err(|p| p.into_iter().map(|p| (p.line, p.kind)).collect())
    }

    #[test]
    fn periods_parse_strictly_and_know_their_length() {
        assert_eq!(Period::parse("2026-02-28").unwrap().to_string(), "2026-02-28");
        assert_eq!(Period::parse("2026-02").unwrap().days(), 28);
        assert_eq!(Period::parse("2024-02").unwrap().days(), 29);
        assert_eq!(Period::parse("2026-12").unwrap().days(), 31);
        assert_eq!(Period::parse("2026-11-22").unwrap().month(), Period::parse("2026-11").unwrap());
        for bad in
            ["2026-02-30", "2026-13", "26-01-01", "2026/01/01", "2026-1-1", "", "2026-01-01T00:00"]
        {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_valid_file() {
        let obs = check(&format!(
            "{HEADER}2026-11-01,S,crime_reports,3\n2026-11,S,mediation_success,96.5\n"
        ))
        .unwrap();
        assert_eq!(obs.len(), 2);
        assert_eq!(obs[1].value, 96.5);
        assert_eq!(obs[1].period, Period::parse("2026-11").unwrap());
    }

    #[test]
    fn every_bad_line_is_reported() {
        let csv = format!(
            "{HEADER}2026-11-01,S,crime_reports,3\n\
             2026-11-31,S,crime_reports,1\n\
             2026-11-02,X,crime_reports,1\n\
             2026-11-02,K,crime_reports,1\n\
             2026-11-02,S,nonsense,1\n\
             2026-11,S,crime_reports,1\n\
             2026-11-02,S,mediation_success,90\n\
             2026-11-02,S,crime_reports,-1\n\
             2026-11-02,S,telecom_fraud,1.5\n\
             2026-11,S,air_quality,abc\n\
             2026-11-01,S,crime_reports,4\n"
        );
        let got = check(&csv).unwrap_err();
        let version = default_methodology().version;
        assert_eq!(
            got,
            vec![
                (Some(3), ProblemKind::BadPeriod("2026-11-31".into())),
                (Some(4), ProblemKind::UnknownArea("X".into())),
                (Some(5), ProblemKind::NotAStreet { code: "K".into(), level: Level::Community }),
                (Some(6), ProblemKind::UnknownIndicator { code: "nonsense".into(), version }),
                (
                    Some(7),
                    ProblemKind::PeriodShape { indicator: "crime_reports".into(), daily: true }
                ),
                (
                    Some(8),
                    ProblemKind::PeriodShape {
                        indicator: "mediation_success".into(),
                        daily: false
                    }
                ),
                (Some(9), ProblemKind::BadCount("-1".into())),
                (Some(10), ProblemKind::BadCount("1.5".into())),
                (Some(11), ProblemKind::BadValue("abc".into())),
                (Some(12), ProblemKind::DuplicateRow { first: 2 }),
            ]
        );
    }

    #[test]
    fn messages_in_both_languages() {
        let p = Problem {
            line: Some(7),
            kind: ProblemKind::PeriodShape { indicator: "crime_reports".into(), daily: true },
        };
        assert_eq!(
            p.message(Lang::Zh),
            "第 7 行：指标“crime_reports”每日更新，时期应写成 YYYY-MM-DD"
        );
        assert_eq!(
            p.message(Lang::En),
            "Line 7: the indicator \"crime_reports\" is updated daily, so its period is written YYYY-MM-DD"
        );
    }
}
