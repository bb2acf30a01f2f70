//! Server functions and the data they return. Bodies run on the server only and
//! reach storage through [`crate::core::port`]; in the browser they are HTTP stubs.
use crate::core::areas::Area;
#[cfg(feature = "ssr")]
use crate::core::areas::Level;
use crate::core::error::AppResult;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What every page's frame needs: the demo flag and the resident's chosen area.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SiteInfo {
    pub demo: bool,
    pub my_area: Option<Area>,
    /// The chosen area's ancestors below the city (district, street).
    pub my_area_path: Vec<Area>,
}

impl SiteInfo {
    /// "东湖区 · 湖滨街道 · 悦园社区": the chosen area with its district and street.
    pub fn my_area_label(&self, lang: crate::core::i18n::Lang) -> Option<String> {
        let area = self.my_area.as_ref()?;
        let mut names: Vec<&str> = self.my_area_path.iter().map(|a| a.name(lang)).collect();
        names.push(area.name(lang));
        Some(names.join(" · "))
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AreaSummary {
    pub area: Area,
    /// Number of direct children (streets of a district, communities of a street).
    pub children: usize,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct HomeData {
    pub city: Area,
    pub districts: Vec<AreaSummary>,
    pub streets: usize,
    pub communities: usize,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AreaPage {
    pub area: Area,
    pub ancestors: Vec<Area>,
    pub children: Vec<AreaSummary>,
}

/// One entry of the area search: names in the page's language, plus the other
/// language's name so that both can be typed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchItem {
    pub code: String,
    pub name: String,
    pub alt: String,
    /// Where it lies, e.g. "东湖区 · 香湾街道".
    pub context: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PickerData {
    pub districts: Vec<AreaSummary>,
    pub items: Vec<SearchItem>,
}

#[cfg(feature = "ssr")]
fn summaries(tree: &crate::core::areas::AreaTree, areas: Vec<&Area>) -> Vec<AreaSummary> {
    areas
        .into_iter()
        .map(|a| AreaSummary { area: a.clone(), children: tree.children(&a.code).len() })
        .collect()
}

#[server(prefix = "/rpc")]
pub async fn load_site_info() -> AppResult<SiteInfo> {
    let snap = crate::core::port::snapshot().await?;
    let prefs = crate::core::prefs::Prefs::from_request();
    let my_area = prefs.area.as_deref().and_then(|c| snap.tree.get(c)).cloned();
    let my_area_path = match &my_area {
        Some(a) => snap
            .tree
            .ancestors(&a.code)
            .into_iter()
            .filter(|x| x.level != Level::City)
            .cloned()
            .collect(),
        None => Vec::new(),
    };
    Ok(SiteInfo { demo: snap.demo, my_area, my_area_path })
}

#[server(prefix = "/rpc")]
pub async fn load_home() -> AppResult<Option<HomeData>> {
    let snap = crate::core::port::snapshot().await?;
    let tree = &snap.tree;
    let Some(city) = tree.city() else { return Ok(None) };
    Ok(Some(HomeData {
        city: city.clone(),
        districts: summaries(tree, tree.children(&city.code)),
        streets: tree.count(Level::Street),
        communities: tree.count(Level::Community),
    }))
}

#[server(prefix = "/rpc")]
pub async fn load_area_page(code: String) -> AppResult<Option<AreaPage>> {
    let snap = crate::core::port::snapshot().await?;
    let tree = &snap.tree;
    let Some(area) = tree.get(&code) else { return Ok(None) };
    Ok(Some(AreaPage {
        area: area.clone(),
        ancestors: tree.ancestors(&code).into_iter().cloned().collect(),
        children: summaries(tree, tree.children(&code)),
    }))
}

#[server(prefix = "/rpc")]
pub async fn load_picker() -> AppResult<PickerData> {
    let snap = crate::core::port::snapshot().await?;
    let tree = &snap.tree;
    let lang = crate::core::prefs::Prefs::from_request().lang;
    let districts = match tree.city() {
        Some(city) => summaries(tree, tree.children(&city.code)),
        None => Vec::new(),
    };
    let items = tree
        .all()
        .iter()
        .filter(|a| matches!(a.level, Level::Street | Level::Community))
        .map(|a| SearchItem {
            code: a.code.clone(),
            name: a.name(lang).to_string(),
            alt: a.name(lang.other()).to_string(),
            context: tree
                .ancestors(&a.code)
                .iter()
                .filter(|x| x.level != Level::City)
                .map(|x| x.name(lang))
                .collect::<Vec<_>>()
                .join(" · "),
        })
        .collect();
    Ok(PickerData { districts, items })
}
