//! Server functions behind the index pages (ranking, an area's page, comparison, "my
//! index", the methodology) and the data they return, names already in the visitor's
//! language. One file per page's loader.
use crate::core::areas::Level;
use crate::index::model::{DimensionScores, IndicatorScore, PeriodRange, SeriesPoint};
use crate::index::model::{Edition, Methodology};
use crate::index::rules::explain::Explanation;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An area in a ranking.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RankedArea {
    pub code: String,
    pub name: String,
    /// The district of a street ("" for districts and the city).
    pub parent: String,
    pub parent_code: String,
    pub score: Option<f64>,
    pub rank: Option<u32>,
    /// Since the previous day or month; `None` when either has no score.
    pub change: Option<f64>,
    pub warning: bool,
    /// Three red days in a row (挂牌督办).
    pub supervised: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RankingData {
    pub edition: Edition,
    pub period: String,
    pub range: PeriodRange,
    pub methodology_version: String,
    pub city: Option<RankedArea>,
    pub districts: Vec<RankedArea>,
    /// Every street (or the filtered district's), best first.
    pub streets: Vec<RankedArea>,
    pub district: Option<String>,
    /// How many streets the whole city has (the rank's "of").
    pub street_count: usize,
}

/// What a ranking request can find.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Ranking {
    Ready(Box<RankingData>),
    /// Nothing published for that period; the range there is.
    NoData {
        period: String,
        range: Option<PeriodRange>,
    },
    BadPeriod,
}

/// Why a street is on warning on a day (step 8 of the method): the rules it met.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WarningWhy {
    pub score: Option<f64>,
    pub below_70: bool,
    /// The mean of the 28 days before, when the day is 10 or more points below it.
    pub drop_from: Option<f64>,
    /// Dimensions below 60: (code, score).
    pub weak: Vec<(String, f64)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WarningDay {
    pub period: String,
    pub score: Option<f64>,
    pub supervised: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AreaIndexData {
    pub code: String,
    pub name: String,
    pub level: Level,
    /// "东湖区 · 湖滨街道" above the name.
    pub path: Vec<(String, String)>,
    pub edition: Edition,
    pub period: String,
    pub range: PeriodRange,
    pub methodology: Methodology,
    pub current: Option<RankedArea>,
    /// Areas of the same level (the rank's "of").
    pub peers: usize,
    pub coverage: f64,
    pub dimensions: DimensionScores,
    pub previous_period: String,
    pub explanation: Option<Explanation>,
    pub explanation_chart: Option<String>,
    pub window: u32,
    pub trend: Vec<SeriesPoint>,
    pub trend_chart: String,
    /// The latest complete month's 14 dimensions.
    pub monthly: Option<MonthScores>,
    pub radar_chart: Option<String>,
    pub indicators: Vec<IndicatorScore>,
    /// Warning days of the last 90, newest first.
    pub warnings: Vec<WarningDay>,
    /// Why the area is on warning in the page's period.
    pub warning_why: Option<WarningWhy>,
    /// A district's streets or the city's districts, ranked.
    pub children: Vec<RankedArea>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComparedArea {
    pub code: String,
    pub name: String,
    pub daily: Option<f64>,
    pub monthly: Option<f64>,
    pub dimensions: DimensionScores,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompareData {
    pub options: Vec<DistrictOption>,
    pub day: Option<String>,
    pub month: Option<String>,
    pub methodology: Option<Methodology>,
    pub selected: Vec<ComparedArea>,
    pub radar_chart: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyIndexStreet {
    pub code: String,
    pub name: String,
    pub district: String,
    pub official: Option<f64>,
    pub dimensions: DimensionScores,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyIndexData {
    pub month: String,
    /// (code, name) in methodology order.
    pub dimensions: Vec<(String, String)>,
    pub defaults: BTreeMap<String, f64>,
    pub streets: Vec<MyIndexStreet>,
}

/// An area's scores in one month (the radar's data).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MonthScores {
    pub month: String,
    pub score: Option<f64>,
    pub dimensions: DimensionScores,
}

/// A district and its streets (code, name), as comparison offers them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DistrictOption {
    pub code: String,
    pub name: String,
    pub streets: Vec<(String, String)>,
}

/// The trend windows a visitor can pick, in periods.
pub const DAILY_WINDOWS: [u32; 3] = [30, 90, 365];
pub const MONTHLY_WINDOWS: [u32; 2] = [12, 24];

/// The home page's index card: the city today and the resident's own subdistrict.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HomeIndex {
    pub period: String,
    pub city: Option<RankedArea>,
    pub mine: Option<RankedArea>,
    pub street_count: usize,
    pub warnings: usize,
}

/// Up to this many areas side by side (a phone's width).
pub const MAX_COMPARED: usize = 4;

mod area;
mod compare;
#[cfg(feature = "ssr")]
mod rank;
mod ranking;
mod upload;

pub use area::load_area_index;
pub use compare::{load_compare, load_methodology, load_my_index};
pub use ranking::{load_home_index, load_ranking};
pub use upload::load_observations_page;
