//! `/index/area/CODE`: a subdistrict's, district's or the city's page.
use super::AreaIndexData;
use crate::core::error::AppResult;
use crate::index::model::Edition;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod parts {
    use super::super::rank::Tables;
    use super::super::{MonthScores, WarningDay, WarningWhy};
    use crate::core::areas::Area;
    use crate::core::error::AppError;
    use crate::index::model::ScoreRow;
    use crate::index::model::{Edition, Methodology};
    use crate::index::port::IndexPort;
    use crate::index::rules::explain::{explain, Explanation};
    use crate::index::rules::periods::periods_back;
    use crate::index::rules::scoring::{escalated, warning, StreetScore};
    use std::sync::Arc;

    /// Step 9 between the period and the one before, when both have a score.
    pub fn explanation(m: &Methodology, t: &Tables, code: &str) -> Option<Explanation> {
        let (now, before) = (t.now.get(code)?, t.before.as_deref()?.get(code)?);
        explain(m, (before.score, &before.dimensions), (now.score, &now.dimensions))
    }

    /// The latest complete month's scores (the radar shows its 14 dimensions).
    pub async fn latest_month(
        index: &Arc<dyn IndexPort>,
        code: &str,
    ) -> Result<Option<MonthScores>, AppError> {
        let Some(range) = index.periods(Edition::Monthly).await? else { return Ok(None) };
        let table = index.scores(Edition::Monthly, &range.last).await?;
        Ok(table.and_then(|t| {
            t.get(code).map(|row| MonthScores {
                month: range.last.clone(),
                score: row.score,
                dimensions: row.dimensions.clone(),
            })
        }))
    }

    /// The rules an area's period met, when it is on warning: the same step 8 that
    /// set the flag, over the same 28 days before a day (a month has no trailing mean).
    pub async fn warning_why(
        index: &Arc<dyn IndexPort>,
        code: &str,
        edition: Edition,
        period: &str,
        row: &ScoreRow,
    ) -> Result<Option<WarningWhy>, AppError> {
        if !row.warning {
            return Ok(None);
        }
        let trailing: Vec<f64> = match edition {
            Edition::Daily => index
                .series(code, Edition::Daily, &periods_back(Edition::Daily, period, 28), period)
                .await?
                .iter()
                .filter(|p| p.period.as_str() < period)
                .filter_map(|p| p.score)
                .collect(),
            Edition::Monthly => Vec::new(),
        };
        let today = StreetScore {
            index: row.score,
            coverage: row.coverage,
            dimensions: row.dimensions.clone(),
            indicators: Default::default(),
        };
        let w = warning(&today, &trailing);
        let weak = w
            .weak_dimensions
            .iter()
            .filter_map(|c| Some((c.clone(), row.dimensions.get(c).copied().flatten()?)))
            .collect();
        Ok(Some(WarningWhy {
            score: row.score,
            below_70: w.below_70,
            drop_from: w.drop_from,
            weak,
        }))
    }

    /// Warning days of the 90 before the daily edition's `last_day`, newest first,
    /// each marked when it was the third red day in a row.
    pub async fn warning_days(
        index: &Arc<dyn IndexPort>,
        area: &Area,
        edition: Edition,
        period: &str,
    ) -> Result<Vec<WarningDay>, AppError> {
        let last_day = match edition {
            Edition::Daily => Some(period.to_string()),
            Edition::Monthly => index.periods(Edition::Daily).await?.map(|r| r.last),
        };
        let Some(last_day) = last_day else { return Ok(Vec::new()) };
        let from = periods_back(Edition::Daily, &last_day, 91);
        let history = index.series(&area.code, Edition::Daily, &from, &last_day).await?;
        let mut warnings: Vec<WarningDay> = history
            .iter()
            .enumerate()
            .skip(2)
            .filter(|(_, p)| p.warning)
            .map(|(i, p)| {
                let run: Vec<Option<f64>> = history[i - 2..=i].iter().map(|x| x.score).collect();
                WarningDay { period: p.period.clone(), score: p.score, supervised: escalated(&run) }
            })
            .collect();
        warnings.reverse();
        Ok(warnings)
    }
}

#[server(prefix = "/rpc")]
pub async fn load_area_index(
    code: String,
    edition: Edition,
    period: Option<String>,
    window: Option<u32>,
) -> AppResult<Option<AreaIndexData>> {
    use super::rank::{rank_level, tables};
    use super::{DAILY_WINDOWS, MONTHLY_WINDOWS};
    use crate::core::areas::Level;
    use crate::core::port::{port, snapshot};
    use crate::index::charts;
    use crate::index::port::IndexPort;
    use crate::index::rules::periods::{periods_back, previous_period, valid_period};
    let lang = crate::core::prefs::request_lang();
    let index = port::<dyn IndexPort>()?;
    let snap = snapshot().await?;
    let tree = &snap.tree;
    let Some(area) = tree.get(&code).filter(|a| a.level != Level::Community) else {
        return Ok(None);
    };
    let Some(m) = index.methodology().await? else { return Ok(None) };
    let Some(range) = index.periods(edition).await? else { return Ok(None) };
    let period = period
        .filter(|p| valid_period(edition, p) && *p <= range.last && *p >= range.first)
        .unwrap_or(range.last.clone());
    let Some(t) = tables(&index, edition, &period).await? else { return Ok(None) };
    let level_rank = rank_level(lang, tree, area.level, &t);
    let peers = level_rank.len();
    let current = level_rank.into_iter().find(|r| r.code == area.code);
    let row = t.now.get(&area.code);
    let explanation = parts::explanation(&m, &t, &area.code);
    let windows: &[u32] = if edition == Edition::Daily { &DAILY_WINDOWS } else { &MONTHLY_WINDOWS };
    let window = window.filter(|w| windows.contains(w)).unwrap_or(windows[0]);
    let from = periods_back(edition, &period, window - 1);
    let trend = index.series(&area.code, edition, &from, &period).await?;
    let monthly = parts::latest_month(&index, &area.code).await?;
    let name = area.name(lang).to_string();
    let indicators = match area.level {
        Level::Street => index.indicators(&area.code, edition, &period).await?,
        _ => Vec::new(),
    };
    let children = match area.level.child().filter(|l| *l != Level::Community) {
        Some(l) => rank_level(lang, tree, l, &t)
            .into_iter()
            .filter(|r| tree.is_within(&r.code, &area.code))
            .collect(),
        None => Vec::new(),
    };
    let warning_why = match row {
        Some(row) => parts::warning_why(&index, &area.code, edition, &period, row).await?,
        None => None,
    };
    Ok(Some(AreaIndexData {
        warning_why,
        code: area.code.clone(),
        level: area.level,
        path: tree
            .ancestors(&area.code)
            .into_iter()
            .map(|a| (a.code.clone(), a.name(lang).to_string()))
            .collect(),
        edition,
        previous_period: previous_period(edition, &period).unwrap_or_default(),
        warnings: parts::warning_days(&index, area, edition, &period).await?,
        period,
        range,
        coverage: row.map(|r| r.coverage).unwrap_or(0.0),
        dimensions: row.map(|r| r.dimensions.clone()).unwrap_or_default(),
        current,
        peers,
        explanation_chart: explanation.as_ref().map(|e| charts::contributions(lang, &m, e)),
        explanation,
        window,
        trend_chart: charts::trend(lang, &trend),
        trend,
        radar_chart: monthly
            .as_ref()
            .map(|s| charts::radar(lang, &m, &[(name.clone(), &s.dimensions)])),
        monthly,
        indicators,
        children,
        name,
        methodology: (*m).clone(),
    }))
}
