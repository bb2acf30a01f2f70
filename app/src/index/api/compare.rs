//! `/index/compare` (areas side by side), `/index/mine` ("my index") and
//! `/index/methodology`.
use super::{CompareData, MyIndexData};
use crate::core::error::AppResult;
use crate::index::model::Methodology;
use leptos::prelude::*;

#[server(prefix = "/rpc")]
pub async fn load_compare(codes: Vec<String>) -> AppResult<CompareData> {
    use super::{ComparedArea, DistrictOption, MAX_COMPARED};
    use crate::core::areas::Level;
    use crate::core::port::{port, snapshot};
    use crate::index::model::{DimensionScores, Edition};
    use crate::index::port::IndexPort;
    let lang = crate::core::prefs::request_lang();
    let index = port::<dyn IndexPort>()?;
    let snap = snapshot().await?;
    let tree = &snap.tree;
    let options = tree
        .city()
        .map(|city| tree.children(&city.code))
        .unwrap_or_default()
        .into_iter()
        .map(|d| DistrictOption {
            code: d.code.clone(),
            name: d.name(lang).to_string(),
            streets: tree
                .children(&d.code)
                .into_iter()
                .map(|s| (s.code.clone(), s.name(lang).to_string()))
                .collect(),
        })
        .collect();
    let day = index.periods(Edition::Daily).await?.map(|r| r.last);
    let month = index.periods(Edition::Monthly).await?.map(|r| r.last);
    let daily = match &day {
        Some(d) => index.scores(Edition::Daily, d).await?,
        None => None,
    };
    let monthly = match &month {
        Some(mo) => index.scores(Edition::Monthly, mo).await?,
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
    let methodology = index.methodology().await?;
    let radar_chart = match (&methodology, selected.len() >= 2) {
        (Some(m), true) => {
            let series: Vec<(String, &DimensionScores)> =
                selected.iter().map(|s| (s.name.clone(), &s.dimensions)).collect();
            Some(crate::index::charts::radar(lang, m, &series))
        }
        _ => None,
    };
    Ok(CompareData {
        options,
        day,
        month,
        methodology: methodology.map(|m| (*m).clone()),
        selected,
        radar_chart,
    })
}

#[server(prefix = "/rpc")]
pub async fn load_my_index() -> AppResult<Option<MyIndexData>> {
    use super::MyIndexStreet;
    use crate::core::areas::Level;
    use crate::core::port::{port, snapshot};
    use crate::index::model::Edition;
    use crate::index::port::IndexPort;
    use crate::index::rules::ranking::default_weights;
    let lang = crate::core::prefs::request_lang();
    let index = port::<dyn IndexPort>()?;
    let snap = snapshot().await?;
    let Some(m) = index.methodology().await? else { return Ok(None) };
    let Some(range) = index.periods(Edition::Monthly).await? else { return Ok(None) };
    let Some(table) = index.scores(Edition::Monthly, &range.last).await? else { return Ok(None) };
    let tree = &snap.tree;
    let streets = tree
        .all()
        .iter()
        .filter(|a| a.level == Level::Street)
        .filter_map(|a| {
            let row = table.get(&a.code)?;
            let district = a.parent_code.as_deref().and_then(|p| tree.get(p));
            Some(MyIndexStreet {
                code: a.code.clone(),
                name: a.name(lang).to_string(),
                district: district.map(|d| d.name(lang).to_string()).unwrap_or_default(),
                official: row.score,
                dimensions: row.dimensions.clone(),
            })
        })
        .collect();
    Ok(Some(MyIndexData {
        month: range.last,
        dimensions: m
            .dimensions
            .iter()
            .map(|d| (d.code.clone(), lang.pick(&d.name_zh, &d.name_en).to_string()))
            .collect(),
        defaults: default_weights(&m),
        streets,
    }))
}

/// The methodology in force, if one has been adopted.
#[server(prefix = "/rpc")]
pub async fn load_methodology() -> AppResult<Option<Methodology>> {
    use crate::core::port::port;
    use crate::index::port::IndexPort;
    Ok(port::<dyn IndexPort>()?.methodology().await?.map(|m| (*m).clone()))
}
