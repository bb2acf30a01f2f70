//! Server functions behind the index pages (ranking, an area's page, comparison, "my
//! index") and the data they return, names already in the visitor's language.
use crate::areas::Level;
use crate::index::{Edition, Methodology};
use crate::scores::{DimensionScores, Explanation, IndicatorScore, PeriodRange, SeriesPoint};
use leptos::prelude::*;
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
    Ready(RankingData),
    /// Nothing published for that period; the range there is.
    NoData { period: String, range: Option<PeriodRange> },
    BadPeriod,
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
    pub monthly: Option<(String, Option<f64>, DimensionScores)>,
    pub radar_chart: Option<String>,
    pub indicators: Vec<IndicatorScore>,
    /// Warning days of the last 90, newest first.
    pub warnings: Vec<WarningDay>,
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
    /// (district code, district name, its streets (code, name)).
    pub options: Vec<(String, String, Vec<(String, String)>)>,
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

/// The trend windows a visitor can pick, in periods.
pub const DAILY_WINDOWS: [u32; 3] = [30, 90, 365];
pub const MONTHLY_WINDOWS: [u32; 2] = [12, 24];

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::areas::{Area, AreaTree};
    use crate::backend::{backend, unavailable, Backend};
    use crate::i18n::Lang;
    use crate::scores::{previous_period, ranks, ScoreTable};
    use std::sync::Arc;

    pub async fn table(b: &Arc<dyn Backend>, edition: Edition, period: &str) -> Result<Option<Arc<ScoreTable>>, ServerFnError> {
        b.scores(edition, period).await.map_err(unavailable)
    }

    /// The areas of `level` (within `within`, if given) ranked in `now`, with their
    /// change since `before` and supervision from the two days before.
    pub fn rank_level(
        lang: Lang,
        tree: &AreaTree,
        level: Level,
        now: &ScoreTable,
        before: Option<&ScoreTable>,
        red_before: &[Option<Arc<ScoreTable>>],
    ) -> Vec<RankedArea> {
        let areas: Vec<&Area> = tree.all().iter().filter(|a| a.level == level).collect();
        let score = |t: &ScoreTable, code: &str| t.get(code).and_then(|r| r.score);
        let rank = ranks(areas.iter().map(|a| (a.code.as_str(), score(now, &a.code))));
        let mut out: Vec<RankedArea> = areas
            .iter()
            .filter_map(|a| {
                let row = now.get(&a.code)?;
                let parent = a.parent_code.as_deref().and_then(|p| tree.get(p)).filter(|p| p.level != Level::City);
                let red = |s: Option<f64>| s.is_some_and(|x| x < 70.0);
                let supervised = now.edition == Edition::Daily
                    && red(row.score)
                    && red_before.len() == 2
                    && red_before.iter().all(|t| red(t.as_deref().and_then(|t| score(t, &a.code))));
                Some(RankedArea {
                    code: a.code.clone(),
                    name: a.name(lang).to_string(),
                    parent: parent.map(|p| p.name(lang).to_string()).unwrap_or_default(),
                    parent_code: parent.map(|p| p.code.clone()).unwrap_or_default(),
                    score: row.score,
                    rank: rank.get(a.code.as_str()).copied(),
                    change: row.score.zip(before.and_then(|b| score(b, &a.code))).map(|(x, y)| x - y),
                    warning: row.warning,
                    supervised,
                })
            })
            .collect();
        out.sort_by(|a, b| match (a.rank, b.rank) {
            (Some(x), Some(y)) => x.cmp(&y).then_with(|| a.code.cmp(&b.code)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.code.cmp(&b.code),
        });
        out
    }

    /// The tables a ranking needs: the period, the one before, and (daily) the two
    /// before that for supervision.
    pub async fn tables(
        b: &Arc<dyn Backend>,
        edition: Edition,
        period: &str,
    ) -> Result<Option<(Arc<ScoreTable>, Option<Arc<ScoreTable>>, Vec<Option<Arc<ScoreTable>>>)>, ServerFnError> {
        let Some(now) = table(b, edition, period).await? else { return Ok(None) };
        let p1 = previous_period(edition, period).unwrap_or_default();
        let before = table(b, edition, &p1).await?;
        let mut red = Vec::new();
        if edition == Edition::Daily {
            let p2 = previous_period(edition, &p1).unwrap_or_default();
            red.push(before.clone());
            red.push(table(b, edition, &p2).await?);
        }
        Ok(Some((now, before, red)))
    }

    pub fn lang() -> Lang {
        crate::prefs::Prefs::from_request().lang
    }

    pub fn backend_ref() -> Result<Arc<dyn Backend>, ServerFnError> {
        backend()
    }
}

#[server(prefix = "/rpc")]
pub async fn load_ranking(edition: Edition, period: Option<String>, district: Option<String>) -> Result<Ranking, ServerFnError> {
    use crate::scores::valid_period;
    let lang = ssr::lang();
    let b = ssr::backend_ref()?;
    let snap = b.snapshot().await.map_err(crate::backend::unavailable)?;
    let range = b.periods(edition).await.map_err(crate::backend::unavailable)?;
    let period = match period.filter(|p| !p.trim().is_empty()) {
        Some(p) if valid_period(edition, p.trim()) => p.trim().to_string(),
        Some(_) => return Ok(Ranking::BadPeriod),
        None => match &range {
            Some(r) => r.last.clone(),
            None => return Ok(Ranking::NoData { period: String::new(), range }),
        },
    };
    let Some((now, before, red)) = ssr::tables(&b, edition, &period).await? else {
        return Ok(Ranking::NoData { period, range });
    };
    let Some(range) = range else { return Ok(Ranking::NoData { period, range: None }) };
    let tree = &snap.tree;
    let streets = ssr::rank_level(lang, tree, Level::Street, &now, before.as_deref(), &red);
    let street_count = streets.len();
    let district = district.filter(|d| tree.get(d).is_some_and(|a| a.level == Level::District));
    let streets = match &district {
        Some(d) => streets.into_iter().filter(|s| &s.parent_code == d).collect(),
        None => streets,
    };
    Ok(Ranking::Ready(RankingData {
        edition,
        period,
        range,
        methodology_version: now.methodology_version.clone(),
        city: ssr::rank_level(lang, tree, Level::City, &now, before.as_deref(), &red).into_iter().next(),
        districts: ssr::rank_level(lang, tree, Level::District, &now, before.as_deref(), &red),
        streets,
        district,
        street_count,
    }))
}

#[server(prefix = "/rpc")]
pub async fn load_area_index(
    code: String,
    edition: Edition,
    period: Option<String>,
    window: Option<u32>,
) -> Result<Option<AreaIndexData>, ServerFnError> {
    use crate::scores::{explain, periods_back, previous_period, valid_period};
    let lang = ssr::lang();
    let b = ssr::backend_ref()?;
    let snap = b.snapshot().await.map_err(crate::backend::unavailable)?;
    let tree = &snap.tree;
    let Some(area) = tree.get(&code).filter(|a| a.level != Level::Community) else { return Ok(None) };
    let Some(m) = snap.methodology.clone() else { return Ok(None) };
    let Some(range) = b.periods(edition).await.map_err(crate::backend::unavailable)? else { return Ok(None) };
    let period = period.filter(|p| valid_period(edition, p) && *p <= range.last && *p >= range.first).unwrap_or(range.last.clone());
    let Some((now, before, red)) = ssr::tables(&b, edition, &period).await? else { return Ok(None) };
    let level_rank = ssr::rank_level(lang, tree, area.level, &now, before.as_deref(), &red);
    let peers = level_rank.len();
    let current = level_rank.into_iter().find(|r| r.code == area.code);
    let row = now.get(&area.code);
    let dimensions = row.map(|r| r.dimensions.clone()).unwrap_or_default();
    let previous_period = previous_period(edition, &period).unwrap_or_default();
    let explanation = match (row, before.as_deref().and_then(|t| t.get(&area.code))) {
        (Some(a), Some(p)) => explain(&m, (p.score, &p.dimensions), (a.score, &a.dimensions)),
        _ => None,
    };
    let explanation_chart = explanation.as_ref().map(|e| crate::charts::contributions(lang, &m, e));
    let windows: &[u32] = if edition == Edition::Daily { &DAILY_WINDOWS } else { &MONTHLY_WINDOWS };
    let window = window.filter(|w| windows.contains(w)).unwrap_or(windows[0]);
    let from = periods_back(edition, &period, window - 1);
    let trend = b.series(&area.code, edition, &from, &period).await.map_err(crate::backend::unavailable)?;
    let trend_chart = crate::charts::trend(lang, &trend);
    // The radar: the latest complete month.
    let monthly = match b.periods(Edition::Monthly).await.map_err(crate::backend::unavailable)? {
        Some(r) => ssr::table(&b, Edition::Monthly, &r.last)
            .await?
            .and_then(|t| t.get(&area.code).map(|row| (r.last.clone(), row.score, row.dimensions.clone()))),
        None => None,
    };
    let radar_chart = monthly.as_ref().map(|(_, _, dims)| crate::charts::radar(lang, &m, &[(area.name(lang).to_string(), dims)]));
    let indicators = if area.level == Level::Street {
        b.indicators(&area.code, edition, &period).await.map_err(crate::backend::unavailable)?
    } else {
        Vec::new()
    };
    // Warning history: the last 90 days of the daily edition.
    let last_day = match edition {
        Edition::Daily => period.clone(),
        Edition::Monthly => b.periods(Edition::Daily).await.map_err(crate::backend::unavailable)?.map(|r| r.last).unwrap_or_default(),
    };
    let history = if last_day.is_empty() {
        Vec::new()
    } else {
        b.series(&area.code, Edition::Daily, &periods_back(Edition::Daily, &last_day, 91), &last_day)
            .await
            .map_err(crate::backend::unavailable)?
    };
    let mut warnings = Vec::new();
    for (i, p) in history.iter().enumerate().skip(2) {
        if !p.warning {
            continue;
        }
        let red = |x: &SeriesPoint| x.score.is_some_and(|s| s < 70.0);
        let supervised = red(p) && red(&history[i - 1]) && red(&history[i - 2]);
        warnings.push(WarningDay { period: p.period.clone(), score: p.score, supervised });
    }
    warnings.reverse();
    let child_level = match area.level {
        Level::City => Some(Level::District),
        Level::District => Some(Level::Street),
        _ => None,
    };
    let children = match child_level {
        Some(l) => ssr::rank_level(lang, tree, l, &now, before.as_deref(), &red)
            .into_iter()
            .filter(|r| tree.is_within(&r.code, &area.code))
            .collect(),
        None => Vec::new(),
    };
    let path = tree
        .ancestors(&area.code)
        .into_iter()
        .map(|a| (a.code.clone(), a.name(lang).to_string()))
        .collect();
    Ok(Some(AreaIndexData {
        code: area.code.clone(),
        name: area.name(lang).to_string(),
        level: area.level,
        path,
        edition,
        period,
        range,
        coverage: row.map(|r| r.coverage).unwrap_or(0.0),
        methodology: m,
        current,
        peers,
        dimensions,
        previous_period,
        explanation,
        explanation_chart,
        window,
        trend,
        trend_chart,
        monthly,
        radar_chart,
        indicators,
        warnings,
        children,
    }))
}

/// Up to this many areas side by side (a phone's width).
pub const MAX_COMPARED: usize = 4;

#[server(prefix = "/rpc")]
pub async fn load_compare(codes: Vec<String>) -> Result<CompareData, ServerFnError> {
    let lang = ssr::lang();
    let b = ssr::backend_ref()?;
    let snap = b.snapshot().await.map_err(crate::backend::unavailable)?;
    let tree = &snap.tree;
    let options = match tree.city() {
        Some(city) => tree
            .children(&city.code)
            .into_iter()
            .map(|d| {
                let streets = tree.children(&d.code).into_iter().map(|s| (s.code.clone(), s.name(lang).to_string())).collect();
                (d.code.clone(), d.name(lang).to_string(), streets)
            })
            .collect(),
        None => Vec::new(),
    };
    let day = b.periods(Edition::Daily).await.map_err(crate::backend::unavailable)?.map(|r| r.last);
    let month = b.periods(Edition::Monthly).await.map_err(crate::backend::unavailable)?.map(|r| r.last);
    let daily = match &day {
        Some(d) => ssr::table(&b, Edition::Daily, d).await?,
        None => None,
    };
    let monthly = match &month {
        Some(mo) => ssr::table(&b, Edition::Monthly, mo).await?,
        None => None,
    };
    let mut seen = std::collections::HashSet::new();
    let selected: Vec<ComparedArea> = codes
        .iter()
        .filter(|c| seen.insert(c.as_str()))
        .filter_map(|c| tree.get(c).filter(|a| a.level != Level::Community))
        .take(MAX_COMPARED)
        .map(|a| {
            let mrow = monthly.as_deref().and_then(|t| t.get(&a.code));
            ComparedArea {
                code: a.code.clone(),
                name: a.name(lang).to_string(),
                daily: daily.as_deref().and_then(|t| t.get(&a.code)).and_then(|r| r.score),
                monthly: mrow.and_then(|r| r.score),
                dimensions: mrow.map(|r| r.dimensions.clone()).unwrap_or_default(),
            }
        })
        .collect();
    let radar_chart = match (&snap.methodology, selected.len() >= 2) {
        (Some(m), true) => {
            let series: Vec<(String, &DimensionScores)> = selected.iter().map(|s| (s.name.clone(), &s.dimensions)).collect();
            Some(crate::charts::radar(lang, m, &series))
        }
        _ => None,
    };
    Ok(CompareData { options, day, month, methodology: snap.methodology.clone(), selected, radar_chart })
}

#[server(prefix = "/rpc")]
pub async fn load_my_index() -> Result<Option<MyIndexData>, ServerFnError> {
    let lang = ssr::lang();
    let b = ssr::backend_ref()?;
    let snap = b.snapshot().await.map_err(crate::backend::unavailable)?;
    let Some(m) = snap.methodology.as_ref() else { return Ok(None) };
    let Some(range) = b.periods(Edition::Monthly).await.map_err(crate::backend::unavailable)? else { return Ok(None) };
    let Some(table) = ssr::table(&b, Edition::Monthly, &range.last).await? else { return Ok(None) };
    let tree = &snap.tree;
    let streets = tree
        .all()
        .iter()
        .filter(|a| a.level == Level::Street)
        .filter_map(|a| {
            let row = table.get(&a.code)?;
            let district = a.parent_code.as_deref().and_then(|p| tree.get(p)).map(|d| d.name(lang).to_string()).unwrap_or_default();
            Some(MyIndexStreet {
                code: a.code.clone(),
                name: a.name(lang).to_string(),
                district,
                official: row.score,
                dimensions: row.dimensions.clone(),
            })
        })
        .collect();
    Ok(Some(MyIndexData {
        month: range.last,
        dimensions: m.dimensions.iter().map(|d| (d.code.clone(), lang.pick(&d.name_zh, &d.name_en).to_string())).collect(),
        defaults: crate::scores::default_weights(m),
        streets,
    }))
}

/// The home page's index card: the city today and the resident's own subdistrict.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HomeIndex {
    pub period: String,
    pub city: Option<RankedArea>,
    pub mine: Option<RankedArea>,
    pub street_count: usize,
    pub warnings: usize,
}

#[server(prefix = "/rpc")]
pub async fn load_home_index() -> Result<Option<HomeIndex>, ServerFnError> {
    let lang = ssr::lang();
    let b = ssr::backend_ref()?;
    let snap = b.snapshot().await.map_err(crate::backend::unavailable)?;
    let Some(range) = b.periods(Edition::Daily).await.map_err(crate::backend::unavailable)? else { return Ok(None) };
    let Some((now, before, red)) = ssr::tables(&b, Edition::Daily, &range.last).await? else { return Ok(None) };
    let tree = &snap.tree;
    let streets = ssr::rank_level(lang, tree, Level::Street, &now, before.as_deref(), &red);
    // The resident's subdistrict: their area, or the street their community is in.
    let my_street = crate::prefs::Prefs::from_request().area.and_then(|code| {
        let a = tree.get(&code)?;
        match a.level {
            Level::Street => Some(a.code.clone()),
            Level::Community => a.parent_code.clone(),
            _ => None,
        }
    });
    Ok(Some(HomeIndex {
        period: range.last,
        city: ssr::rank_level(lang, tree, Level::City, &now, before.as_deref(), &red).into_iter().next(),
        mine: my_street.and_then(|c| streets.iter().find(|s| s.code == c).cloned()),
        street_count: streets.len(),
        warnings: streets.iter().filter(|s| s.warning).count(),
    }))
}
