//! The area map: city → district → street → community (DESIGN.md, "Areas").
//! Plain data shared by the server and the browser.
use crate::core::i18n::{Lang, Msg};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Where an area sits in the hierarchy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    City,
    District,
    Street,
    Community,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::City, Level::District, Level::Street, Level::Community];

    /// The identifier used in CSV files, the database and the API.
    pub const fn as_str(self) -> &'static str {
        match self {
            Level::City => "city",
            Level::District => "district",
            Level::Street => "street",
            Level::Community => "community",
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == s.trim())
    }

    /// The level an area of this level must belong to; `None` for the city.
    pub const fn parent(self) -> Option<Level> {
        match self {
            Level::City => None,
            Level::District => Some(Level::City),
            Level::Street => Some(Level::District),
            Level::Community => Some(Level::Street),
        }
    }

    pub const fn child(self) -> Option<Level> {
        match self {
            Level::City => Some(Level::District),
            Level::District => Some(Level::Street),
            Level::Street => Some(Level::Community),
            Level::Community => None,
        }
    }

    pub const fn name(self) -> Msg {
        match self {
            Level::City => Msg::LevelCity,
            Level::District => Msg::LevelDistrict,
            Level::Street => Msg::LevelStreet,
            Level::Community => Msg::LevelCommunity,
        }
    }

    pub const fn plural(self) -> Msg {
        match self {
            Level::City => Msg::LevelCity,
            Level::District => Msg::LevelPluralDistrict,
            Level::Street => Msg::LevelPluralStreet,
            Level::Community => Msg::LevelPluralCommunity,
        }
    }
}

/// One area, as stored and as served by `/api/v1/areas`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Area {
    pub code: String,
    pub parent_code: Option<String>,
    pub level: Level,
    pub name_zh: String,
    pub name_en: String,
    pub population: i64,
}

impl Area {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_zh, &self.name_en)
    }
}

/// All areas with their links resolved, for navigation and aggregation.
#[derive(Clone, Debug, Default)]
pub struct AreaTree {
    areas: Vec<Area>,
    by_code: HashMap<String, usize>,
    children: Vec<Vec<usize>>,
    roots: Vec<usize>,
}

impl AreaTree {
    /// Builds the tree; areas whose parent is missing are treated as roots, children
    /// keep the order of `areas` (the store sorts by code).
    pub fn new(areas: Vec<Area>) -> Self {
        let by_code: HashMap<String, usize> =
            areas.iter().enumerate().map(|(i, a)| (a.code.clone(), i)).collect();
        let mut children = vec![Vec::new(); areas.len()];
        let mut roots = Vec::new();
        for (i, a) in areas.iter().enumerate() {
            match a.parent_code.as_ref().and_then(|p| by_code.get(p)) {
                Some(&p) => children[p].push(i),
                None => roots.push(i),
            }
        }
        AreaTree { areas, by_code, children, roots }
    }

    pub fn len(&self) -> usize {
        self.areas.len()
    }

    pub fn is_empty(&self) -> bool {
        self.areas.is_empty()
    }

    pub fn all(&self) -> &[Area] {
        &self.areas
    }

    pub fn get(&self, code: &str) -> Option<&Area> {
        self.by_code.get(code).map(|&i| &self.areas[i])
    }

    /// The city (the first root of level city), if the map has one.
    pub fn city(&self) -> Option<&Area> {
        self.roots.iter().map(|&i| &self.areas[i]).find(|a| a.level == Level::City)
    }

    pub fn children(&self, code: &str) -> Vec<&Area> {
        match self.by_code.get(code) {
            Some(&i) => self.children[i].iter().map(|&c| &self.areas[c]).collect(),
            None => Vec::new(),
        }
    }

    /// The chain from the root down to the area's parent (not including the area).
    pub fn ancestors(&self, code: &str) -> Vec<&Area> {
        let mut chain = Vec::new();
        let mut current = self.get(code).and_then(|a| a.parent_code.as_deref());
        while let Some(c) = current {
            match self.get(c) {
                Some(a) if chain.len() < Level::ALL.len() => {
                    chain.push(a);
                    current = a.parent_code.as_deref();
                }
                _ => break,
            }
        }
        chain.reverse();
        chain
    }

    /// True when `code` is an area of the map and is `ancestor` or lies below it (an
    /// unknown code is within nothing, not even itself).
    pub fn is_within(&self, code: &str, ancestor: &str) -> bool {
        self.get(code).is_some()
            && (code == ancestor || self.ancestors(code).iter().any(|a| a.code == ancestor))
    }

    pub fn count(&self, level: Level) -> usize {
        self.areas.iter().filter(|a| a.level == level).count()
    }

    /// "东湖区 · 湖滨街道 · 悦园社区": the area with its district and street (the city
    /// left out); `None` for an unknown code.
    pub fn path_label(&self, code: &str, lang: Lang) -> Option<String> {
        let area = self.get(code)?;
        let mut names: Vec<&str> = self
            .ancestors(code)
            .into_iter()
            .filter(|a| a.level != Level::City)
            .map(|a| a.name(lang))
            .collect();
        names.push(area.name(lang));
        Some(names.join(" · "))
    }

    /// As [`AreaTree::path_label`], with the city by its own name and an unknown code
    /// as itself.
    pub fn label(&self, code: &str, lang: Lang) -> String {
        match self.get(code) {
            Some(a) if a.level == Level::City => a.name(lang).to_string(),
            _ => self.path_label(code, lang).unwrap_or_else(|| code.to_string()),
        }
    }

    /// Areas below `code` (at any depth) of the given level.
    pub fn descendants(&self, code: &str, level: Level) -> Vec<&Area> {
        let mut out = Vec::new();
        let mut stack: Vec<usize> = self.by_code.get(code).map(|&i| vec![i]).unwrap_or_default();
        while let Some(i) = stack.pop() {
            for &c in self.children[i].iter().rev() {
                if self.areas[c].level == level {
                    out.push(&self.areas[c]);
                }
                stack.push(c);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::fixtures::area;

    fn tree() -> AreaTree {
        AreaTree::new(vec![
            area("C", None, Level::City),
            area("D1", Some("C"), Level::District),
            area("D2", Some("C"), Level::District),
            area("S1", Some("D1"), Level::Street),
            area("K1", Some("S1"), Level::Community),
            area("K2", Some("S1"), Level::Community),
        ])
    }

    #[test]
    fn levels_parse_and_chain() {
        for l in Level::ALL {
            assert_eq!(Level::parse(l.as_str()), Some(l));
            if let Some(c) = l.child() {
                assert_eq!(c.parent(), Some(l));
            }
        }
        assert_eq!(Level::parse("province"), None);
    }

    #[test]
    fn tree_navigation() {
        let t = tree();
        assert_eq!(t.city().unwrap().code, "C");
        let kids: Vec<_> = t.children("C").iter().map(|a| a.code.as_str()).collect();
        assert_eq!(kids, ["D1", "D2"]);
        let chain: Vec<_> = t.ancestors("K2").iter().map(|a| a.code.as_str()).collect();
        assert_eq!(chain, ["C", "D1", "S1"]);
        assert!(t.is_within("K1", "D1"));
        assert!(!t.is_within("K1", "D2"));
        assert!(t.is_within("D2", "D2"));
        assert!(!t.is_within("NOPE", "NOPE"), "an unknown code is within nothing");
        assert_eq!(t.descendants("C", Level::Community).len(), 2);
        assert_eq!(t.count(Level::District), 2);
        assert!(t.children("nope").is_empty());
    }
}
