//! The fictional 同心市 (Tongxin City) of DESIGN.md: about 2.5 million residents in five
//! districts and zones, 25 streets and towns, about 250 communities and villages.
//! Generated from a seed with our own SplitMix64, so the same seed gives the same city
//! on every machine and every version of every dependency.
use super::random::SplitMix64;
use app::core::areas::{Area, Level};
use std::collections::HashSet;

/// The seed the demo uses; change it and the communities change.
pub const DEMO_SEED: u64 = 0x7458_2026;

pub const CITY_CODE: &str = "449900";

/// (code suffix, zh, en, streets: (zh, pinyin, is_town))
type DistrictSpec =
    (&'static str, &'static str, &'static str, &'static [(&'static str, &'static str, bool)]);

const DISTRICTS: [DistrictSpec; 5] = [
    (
        "01",
        "东湖区",
        "Donghu District",
        &[
            ("湖滨", "Hubin", false),
            ("翠园", "Cuiyuan", false),
            ("东门", "Dongmen", false),
            ("梅林", "Meilin", false),
            ("青石", "Qingshi", false),
            ("桂花", "Guihua", false),
        ],
    ),
    (
        "02",
        "西岭区",
        "Xiling District",
        &[
            ("西岭", "Xiling", false),
            ("枫林", "Fenglin", false),
            ("云山", "Yunshan", false),
            ("石桥", "Shiqiao", true),
            ("白沙", "Baisha", true),
        ],
    ),
    (
        "03",
        "南湾区",
        "Nanwan District",
        &[
            ("南湾", "Nanwan", false),
            ("海滨", "Haibin", false),
            ("渔港", "Yugang", false),
            ("金沙", "Jinsha", false),
            ("红树林", "Hongshulin", false),
        ],
    ),
    (
        "04",
        "北山区",
        "Beishan District",
        &[
            ("北山", "Beishan", false),
            ("松涛", "Songtao", false),
            ("茶园", "Chayuan", false),
            ("龙泉", "Longquan", true),
            ("柳溪", "Liuxi", true),
        ],
    ),
    (
        "05",
        "同心高新区",
        "Tongxin Hi-tech Zone",
        &[
            ("科创", "Kechuang", false),
            ("星湾", "Xingwan", false),
            ("智谷", "Zhigu", false),
            ("鹭岛", "Ludao", false),
        ],
    ),
];

/// First characters of community names, with pinyin.
const HEADS: [(&str, &str); 48] = [
    ("金", "Jin"),
    ("银", "Yin"),
    ("福", "Fu"),
    ("安", "An"),
    ("康", "Kang"),
    ("和", "He"),
    ("平", "Ping"),
    ("新", "Xin"),
    ("华", "Hua"),
    ("兴", "Xing"),
    ("荣", "Rong"),
    ("瑞", "Rui"),
    ("祥", "Xiang"),
    ("景", "Jing"),
    ("明", "Ming"),
    ("春", "Chun"),
    ("海", "Hai"),
    ("山", "Shan"),
    ("泉", "Quan"),
    ("松", "Song"),
    ("竹", "Zhu"),
    ("梅", "Mei"),
    ("兰", "Lan"),
    ("桃", "Tao"),
    ("桂", "Gui"),
    ("莲", "Lian"),
    ("凤", "Feng"),
    ("龙", "Long"),
    ("鹤", "He"),
    ("燕", "Yan"),
    ("云", "Yun"),
    ("霞", "Xia"),
    ("星", "Xing"),
    ("月", "Yue"),
    ("阳", "Yang"),
    ("晨", "Chen"),
    ("永", "Yong"),
    ("丰", "Feng"),
    ("盛", "Sheng"),
    ("昌", "Chang"),
    ("泰", "Tai"),
    ("宁", "Ning"),
    ("嘉", "Jia"),
    ("润", "Run"),
    ("翠", "Cui"),
    ("锦", "Jin"),
    ("悦", "Yue"),
    ("恒", "Heng"),
];

/// Second characters of community names (urban ones), with pinyin.
const TAILS: [(&str, &str); 24] = [
    ("园", "yuan"),
    ("苑", "yuan"),
    ("湾", "wan"),
    ("港", "gang"),
    ("湖", "hu"),
    ("岭", "ling"),
    ("塘", "tang"),
    ("洲", "zhou"),
    ("沙", "sha"),
    ("林", "lin"),
    ("桥", "qiao"),
    ("坊", "fang"),
    ("里", "li"),
    ("庭", "ting"),
    ("岗", "gang"),
    ("城", "cheng"),
    ("景", "jing"),
    ("华", "hua"),
    ("荟", "hui"),
    ("都", "du"),
    ("汇", "hui"),
    ("峰", "feng"),
    ("溪", "xi"),
    ("滨", "bin"),
];

/// Second characters of village names, with pinyin.
const VILLAGE_TAILS: [(&str, &str); 10] = [
    ("田", "tian"),
    ("坑", "keng"),
    ("塘", "tang"),
    ("村", "cun"),
    ("围", "wei"),
    ("岗", "gang"),
    ("湾", "wan"),
    ("屋", "wu"),
    ("坪", "ping"),
    ("圳", "zhen"),
];

/// The demo city's areas, parents before children, populations adding up.
pub fn demo_areas(seed: u64) -> Vec<Area> {
    let mut rng = SplitMix64::new(seed);
    let mut used: HashSet<String> = HashSet::new();
    let mut districts = Vec::new();
    let mut streets = Vec::new();
    let mut communities = Vec::new();

    for (dsuffix, dzh, den, street_specs) in DISTRICTS {
        let dcode = format!("4499{dsuffix}");
        let mut dpop = 0;
        for (si, (szh, spy, town)) in street_specs.iter().enumerate() {
            let scode = format!("{dcode}{:03}", si + 1);
            let n = rng.range(8, 12);
            let mut spop = 0;
            for ci in 0..n {
                let village = *town && rng.unit() < 0.6;
                let (zh, en) = loop {
                    let (h, hp) = rng.pick(&HEADS);
                    let (t, tp) = if village { rng.pick(&VILLAGE_TAILS) } else { rng.pick(&TAILS) };
                    let zh = if village { format!("{h}{t}村") } else { format!("{h}{t}社区") };
                    if used.insert(zh.clone()) {
                        let kind = if village { "Village" } else { "Community" };
                        break (zh, format!("{hp}{tp} {kind}"));
                    }
                };
                // Villages are smaller than urban communities.
                let pop =
                    if village { rng.range(1_800, 6_000) } else { rng.range(4_500, 18_000) } as i64;
                spop += pop;
                communities.push(Area {
                    code: format!("{scode}{:03}", ci + 1),
                    parent_code: Some(scode.clone()),
                    level: Level::Community,
                    name_zh: zh,
                    name_en: en,
                    population: pop,
                });
            }
            dpop += spop;
            let (zh, en) = if *town {
                (format!("{szh}镇"), format!("{spy} Town"))
            } else {
                (format!("{szh}街道"), format!("{spy} Subdistrict"))
            };
            streets.push(Area {
                code: scode,
                parent_code: Some(dcode.clone()),
                level: Level::Street,
                name_zh: zh,
                name_en: en,
                population: spop,
            });
        }
        districts.push(Area {
            code: dcode,
            parent_code: Some(CITY_CODE.to_string()),
            level: Level::District,
            name_zh: dzh.to_string(),
            name_en: den.to_string(),
            population: dpop,
        });
    }
    let city = Area {
        code: CITY_CODE.to_string(),
        parent_code: None,
        level: Level::City,
        name_zh: "同心市".into(),
        name_en: "Tongxin City".into(),
        population: districts.iter().map(|d| d.population).sum(),
    };
    let mut all = vec![city];
    all.extend(districts);
    all.extend(streets);
    all.extend(communities);
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::areas::import::{raw_rows, validate};
    use app::core::areas::AreaTree;

    #[test]
    fn same_seed_same_city_other_seed_other_names() {
        assert_eq!(demo_areas(DEMO_SEED), demo_areas(DEMO_SEED));
        assert_ne!(demo_areas(DEMO_SEED), demo_areas(DEMO_SEED + 1));
    }

    #[test]
    fn shape_matches_the_design() {
        let areas = demo_areas(DEMO_SEED);
        let tree = AreaTree::new(areas.clone());
        assert_eq!(tree.count(Level::City), 1);
        assert_eq!(tree.count(Level::District), 5);
        assert_eq!(tree.count(Level::Street), 25);
        let communities = tree.count(Level::Community);
        assert!((200..=300).contains(&communities), "{communities}");
        let pop = tree.city().unwrap().population;
        assert!((2_000_000..=3_000_000).contains(&pop), "{pop}");
        // Every parent's population is the sum of its children's.
        for a in tree.all().iter().filter(|a| a.level != Level::Community) {
            let sum: i64 = tree.children(&a.code).iter().map(|c| c.population).sum();
            assert_eq!(a.population, sum, "{}", a.code);
        }
        // Names are unique and bilingual.
        let names: HashSet<_> = areas.iter().map(|a| &a.name_zh).collect();
        assert_eq!(names.len(), areas.len());
        assert!(areas.iter().all(|a| !a.name_en.is_empty() && a.name_en.is_ascii()));
    }

    #[test]
    fn the_demo_city_passes_the_import_rules() {
        let areas = demo_areas(DEMO_SEED);
        let v = validate(raw_rows(&areas), &AreaTree::default()).expect("demo city is valid");
        assert_eq!(v.inserted, areas.len());
    }
}
