//! The 平安+ index's vocabulary (DESIGN.md, "The 平安+ index"): methodology, editions
//! and grades. Plain data shared by the server (which computes) and the browser (which
//! re-weights for "my index").
use crate::core::i18n::{Lang, Msg};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How often an indicator is observed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Frequency {
    Daily,
    Monthly,
}

/// How an observation becomes a value: `rate` is a count per 10 000 residents per day,
/// `value` is taken as given (a percentage, a ratio).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Rate,
    Value,
}

/// The daily edition uses daily indicators only; the monthly edition uses all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Edition {
    Daily,
    Monthly,
}

impl Edition {
    /// The identifier used in the database, the API and query strings.
    pub const fn as_str(self) -> &'static str {
        match self {
            Edition::Daily => "daily",
            Edition::Monthly => "monthly",
        }
    }

    pub fn includes(self, f: Frequency) -> bool {
        match self {
            Edition::Daily => f == Frequency::Daily,
            Edition::Monthly => true,
        }
    }
}

/// A first-level indicator (一级指标).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dimension {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub weight: f64,
}

/// A second-level indicator (二级指标) with its goalposts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub dimension: String,
    pub frequency: Frequency,
    pub unit: Unit,
    /// The value that scores 100.
    pub best: f64,
    /// The value that scores 0.
    pub worst: f64,
    pub weight: f64,
    /// Where the data comes from, in plain words.
    #[serde(default)]
    pub source_zh: String,
    #[serde(default)]
    pub source_en: String,
}

/// A versioned methodology. Every published score records the version that produced it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Methodology {
    pub version: String,
    pub dimensions: Vec<Dimension>,
    pub indicators: Vec<Indicator>,
}

impl Methodology {
    pub fn dimension(&self, code: &str) -> Option<&Dimension> {
        self.dimensions.iter().find(|d| d.code == code)
    }

    pub fn indicator(&self, code: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.code == code)
    }

    /// Dimensions that take part in an edition: those with at least one indicator of it.
    pub fn dimensions_in(&self, edition: Edition) -> impl Iterator<Item = &Dimension> {
        self.dimensions.iter().filter(move |d| {
            self.indicators.iter().any(|i| i.dimension == d.code && edition.includes(i.frequency))
        })
    }

    /// Checks the rules a methodology must follow; each problem in plain words.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.version.trim().is_empty() {
            out.push("version is empty".to_string());
        }
        let mut seen = std::collections::HashSet::new();
        for d in &self.dimensions {
            if !seen.insert(d.code.as_str()) {
                out.push(format!("dimension {} appears twice", d.code));
            }
            if !(d.weight.is_finite() && d.weight > 0.0) {
                out.push(format!("dimension {}: weight must be > 0", d.code));
            }
            if !self.indicators.iter().any(|i| i.dimension == d.code) {
                out.push(format!("dimension {} has no indicator", d.code));
            }
        }
        for i in &self.indicators {
            if !seen.insert(i.code.as_str()) {
                out.push(format!("code {} appears twice", i.code));
            }
            if self.dimension(&i.dimension).is_none() {
                out.push(format!("indicator {}: unknown dimension {}", i.code, i.dimension));
            }
            if !(i.weight.is_finite() && i.weight > 0.0) {
                out.push(format!("indicator {}: weight must be > 0", i.code));
            }
            if !(i.best.is_finite() && i.worst.is_finite()) || i.best == i.worst {
                out.push(format!("indicator {}: best and worst must be different numbers", i.code));
            }
        }
        out
    }
}

/// The grade of a score, as Zhuhai publishes it. Colour is never the only carrier:
/// every use shows the label too.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Grade {
    Poor,
    Steady,
    Good,
    Excellent,
}

impl Grade {
    pub fn of(score: f64) -> Grade {
        if score >= 90.0 {
            Grade::Excellent
        } else if score >= 80.0 {
            Grade::Good
        } else if score >= 70.0 {
            Grade::Steady
        } else {
            Grade::Poor
        }
    }

    pub const fn label(self) -> Msg {
        match self {
            Grade::Excellent => Msg::GradeExcellent,
            Grade::Good => Msg::GradeGood,
            Grade::Steady => Msg::GradeSteady,
            Grade::Poor => Msg::GradePoor,
        }
    }

    /// CSS class carrying the grade colour (blue, yellow, orange, red).
    pub const fn class(self) -> &'static str {
        match self {
            Grade::Excellent => "grade-excellent",
            Grade::Good => "grade-good",
            Grade::Steady => "grade-steady",
            Grade::Poor => "grade-poor",
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        lang.t(self.label())
    }
}

/// Scores are stored at full precision and shown with one decimal.
pub fn show(score: f64) -> String {
    format!("{score:.1}")
}

/// One area's published score for one period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoreRow {
    pub area_code: String,
    /// `None` when coverage is below one half ("数据不足").
    pub score: Option<f64>,
    pub coverage: f64,
    /// Every dimension of the edition: its score, or `None` without data.
    pub dimensions: BTreeMap<String, Option<f64>>,
    pub warning: bool,
}

impl ScoreRow {
    pub fn grade(&self) -> Option<Grade> {
        self.score.map(Grade::of)
    }
}

/// Every area's scores for one edition and period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoreTable {
    pub edition: Edition,
    /// `YYYY-MM-DD` or `YYYY-MM`.
    pub period: String,
    pub methodology_version: String,
    pub rows: Vec<ScoreRow>,
}

impl ScoreTable {
    pub fn get(&self, code: &str) -> Option<&ScoreRow> {
        self.rows.iter().find(|r| r.area_code == code)
    }
}

/// A point of an area's time series.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeriesPoint {
    pub period: String,
    pub methodology_version: String,
    pub score: Option<f64>,
    pub coverage: f64,
    pub dimensions: BTreeMap<String, Option<f64>>,
    pub warning: bool,
}

/// An indicator's observation for a street and period, as scored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorScore {
    pub code: String,
    /// What was reported: the period's count, or the value.
    pub observed: f64,
    /// Step 1's value (per 10 000 residents per day for rates).
    pub value: f64,
    pub score: f64,
}

/// The first and last period with published scores.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodRange {
    pub first: String,
    pub last: String,
}

/// Dimension scores by code (`None`: no data).
pub type DimensionScores = BTreeMap<String, Option<f64>>;

/// One observation: a count (rate indicators) or a value, for a street and a period.
#[derive(Clone, Debug, PartialEq)]
pub struct Observation {
    pub period: Period,
    pub area_code: String,
    pub indicator: String,
    pub value: f64,
}

/// A day (daily indicators) or a month (monthly indicators).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    Day(NaiveDate),
    /// Held as the first day of the month.
    Month(NaiveDate),
}

impl Period {
    /// `YYYY-MM-DD` or `YYYY-MM`, exactly.
    pub fn parse(s: &str) -> Option<Period> {
        let s = s.trim();
        let digits_at = |idx: &[usize]| {
            idx.iter().all(|&i| s.as_bytes().get(i).is_some_and(u8::is_ascii_digit))
        };
        match s.len() {
            10 if digits_at(&[0, 1, 2, 3, 5, 6, 8, 9]) => {
                NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().map(Period::Day)
            }
            7 if digits_at(&[0, 1, 2, 3, 5, 6]) => {
                NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").ok().map(Period::Month)
            }
            _ => None,
        }
    }

    pub fn frequency(self) -> Frequency {
        match self {
            Period::Day(_) => Frequency::Daily,
            Period::Month(_) => Frequency::Monthly,
        }
    }

    /// The month a period falls in.
    pub fn month(self) -> Period {
        match self {
            Period::Day(d) | Period::Month(d) => Period::Month(d.with_day(1).unwrap_or(d)),
        }
    }

    /// Days a count of the period is divided by to make a daily rate (DESIGN, scoring
    /// step 1): a day is one; a month that has ended (or is yet to come) has its days;
    /// the month in progress — `today`, in China, falls in it — has the days up to its
    /// latest day with data (`latest`), or up to today when it has none yet.
    pub fn rate_days(self, today: NaiveDate, latest: Option<NaiveDate>) -> u32 {
        match self {
            Period::Day(_) => 1,
            Period::Month(first) if Period::Day(today).month() == self => {
                let upto = latest.filter(|d| Period::Day(*d).month() == self).unwrap_or(today);
                (upto - first).num_days() as u32 + 1
            }
            Period::Month(_) => self.days(),
        }
    }

    /// Days the period spans.
    pub fn days(self) -> u32 {
        match self {
            Period::Day(_) => 1,
            Period::Month(d) => {
                let next = if d.month() == 12 {
                    NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
                };
                next.map(|n| (n - d).num_days() as u32).unwrap_or(30)
            }
        }
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Period::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            Period::Month(d) => write!(f, "{}", d.format("%Y-%m")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grade_boundaries_follow_zhuhai() {
        assert_eq!(Grade::of(100.0), Grade::Excellent);
        assert_eq!(Grade::of(90.0), Grade::Excellent);
        assert_eq!(Grade::of(89.999), Grade::Good);
        assert_eq!(Grade::of(80.0), Grade::Good);
        assert_eq!(Grade::of(79.99), Grade::Steady);
        assert_eq!(Grade::of(70.0), Grade::Steady);
        assert_eq!(Grade::of(69.99), Grade::Poor);
        assert_eq!(Grade::of(0.0), Grade::Poor);
        assert_eq!(Grade::Excellent.name(Lang::Zh), "优秀");
        assert_eq!(Grade::Poor.name(Lang::En), "Poor");
    }

    #[test]
    fn a_month_in_progress_counts_the_days_up_to_its_latest_data() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let nov = Period::parse("2026-11").unwrap();
        // Ended months count all their days, whatever data they have.
        assert_eq!(nov.rate_days(d("2026-12-01"), Some(d("2026-11-20"))), 30);
        assert_eq!(Period::parse("2024-02").unwrap().rate_days(d("2026-11-30"), None), 29);
        // In progress: up to the latest day with data, else up to today.
        assert_eq!(nov.rate_days(d("2026-11-30"), Some(d("2026-11-29"))), 29);
        assert_eq!(nov.rate_days(d("2026-11-30"), Some(d("2026-11-01"))), 1);
        assert_eq!(nov.rate_days(d("2026-11-07"), None), 7);
        // A latest day outside the month is not its data.
        assert_eq!(nov.rate_days(d("2026-11-07"), Some(d("2026-10-31"))), 7);
        // A month to come (data dated ahead) has its whole length; a day is one.
        assert_eq!(Period::parse("2026-12").unwrap().rate_days(d("2026-11-30"), None), 31);
        assert_eq!(Period::parse("2026-11-05").unwrap().rate_days(d("2026-11-30"), None), 1);
    }

    #[test]
    fn show_rounds_to_one_decimal() {
        assert_eq!(show(87.449), "87.4");
        assert_eq!(show(87.45001), "87.5");
        assert_eq!(show(100.0), "100.0");
    }
}
