//! `/index` (every subdistrict ranked) and the home page's index card.
use super::{HomeIndex, Ranking};
use crate::core::error::AppResult;
use crate::index::model::Edition;
use leptos::prelude::*;

#[server(prefix = "/rpc")]
pub async fn load_ranking(
    edition: Edition,
    period: Option<String>,
    district: Option<String>,
) -> AppResult<Ranking> {
    use super::rank::{rank_level, tables};
    use super::RankingData;
    use crate::core::areas::Level;
    use crate::core::port::{port, snapshot};
    use crate::index::port::IndexPort;
    use crate::index::rules::periods::valid_period;
    let lang = crate::core::prefs::request_lang();
    let index = port::<dyn IndexPort>()?;
    let snap = snapshot().await?;
    let range = index.periods(edition).await?;
    let period = match period.filter(|p| !p.trim().is_empty()) {
        Some(p) if valid_period(edition, p.trim()) => p.trim().to_string(),
        Some(_) => return Ok(Ranking::BadPeriod),
        None => match &range {
            Some(r) => r.last.clone(),
            None => return Ok(Ranking::NoData { period: String::new(), range }),
        },
    };
    let Some(t) = tables(&index, edition, &period).await? else {
        return Ok(Ranking::NoData { period, range });
    };
    let Some(range) = range else { return Ok(Ranking::NoData { period, range: None }) };
    let tree = &snap.tree;
    let streets = rank_level(lang, tree, Level::Street, &t);
    let street_count = streets.len();
    let district = district.filter(|d| tree.get(d).is_some_and(|a| a.level == Level::District));
    let streets = match &district {
        Some(d) => streets.into_iter().filter(|s| &s.parent_code == d).collect(),
        None => streets,
    };
    Ok(Ranking::Ready(Box::new(RankingData {
        edition,
        period,
        range,
        methodology_version: t.now.methodology_version.clone(),
        city: rank_level(lang, tree, Level::City, &t).into_iter().next(),
        districts: rank_level(lang, tree, Level::District, &t),
        streets,
        district,
        street_count,
    })))
}

/// The home page's card: the city on the latest day and the resident's subdistrict.
#[server(prefix = "/rpc")]
pub async fn load_home_index() -> AppResult<Option<HomeIndex>> {
    use super::rank::{rank_level, tables};
    use crate::core::areas::Level;
    use crate::core::port::{port, snapshot};
    use crate::index::port::IndexPort;
    let lang = crate::core::prefs::request_lang();
    let index = port::<dyn IndexPort>()?;
    let snap = snapshot().await?;
    let Some(range) = index.periods(Edition::Daily).await? else { return Ok(None) };
    let Some(t) = tables(&index, Edition::Daily, &range.last).await? else { return Ok(None) };
    let tree = &snap.tree;
    let streets = rank_level(lang, tree, Level::Street, &t);
    // The resident's subdistrict: their area, or the street their community is in.
    let my_street = crate::core::prefs::Prefs::from_request().area.and_then(|code| {
        let a = tree.get(&code)?;
        match a.level {
            Level::Street => Some(a.code.clone()),
            Level::Community => a.parent_code.clone(),
            _ => None,
        }
    });
    Ok(Some(HomeIndex {
        period: range.last,
        city: rank_level(lang, tree, Level::City, &t).into_iter().next(),
        mine: my_street.and_then(|c| streets.iter().find(|s| s.code == c).cloned()),
        street_count: streets.len(),
        warnings: streets.iter().filter(|s| s.warning).count(),
    }))
}
