//! The default methodology ships as data (`server/methodology/default.toml`).
use app::index::model::Methodology;

const DEFAULT: &str = include_str!("../../methodology/default.toml");

/// Parses a methodology file and checks its rules.
pub fn parse(text: &str) -> Result<Methodology, Vec<String>> {
    let m: Methodology = toml::from_str(text).map_err(|e| vec![e.to_string()])?;
    let problems = m.problems();
    if problems.is_empty() {
        Ok(m)
    } else {
        Err(problems)
    }
}

/// The methodology Tongxin ships with: Zhuhai's 14 dimensions and 28 indicators.
pub fn default_methodology() -> Methodology {
    parse(DEFAULT).expect("the shipped methodology is valid (tested)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::index::model::{Edition, Frequency};
    use app::index::rules::scoring::score_street;
    use std::collections::BTreeMap;

    fn obs(pairs: &[(&str, f64)]) -> BTreeMap<String, f64> {
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    #[test]
    fn the_default_has_zhuhais_shape() {
        let m = default_methodology();
        assert_eq!(m.dimensions.len(), 14);
        assert_eq!(m.indicators.len(), 28);
        for d in &m.dimensions {
            assert_eq!(
                m.indicators.iter().filter(|i| i.dimension == d.code).count(),
                2,
                "{}",
                d.code
            );
        }
        assert_eq!(m.dimensions_in(Edition::Daily).count(), 7);
        assert_eq!(m.dimensions_in(Edition::Monthly).count(), 14);
        let daily: Vec<_> = m.dimensions_in(Edition::Daily).map(|d| d.name_zh.as_str()).collect();
        for name in
            ["治安指数", "交通安全", "消防安全", "城市管理", "市民诉求", "食药安全", "消费评价"]
        {
            assert!(daily.contains(&name), "{name}");
        }
        assert!(m
            .indicators
            .iter()
            .any(|i| i.name_zh == "市民打分" && i.frequency == Frequency::Monthly));
        assert!(m.indicators.iter().all(|i| !i.source_zh.is_empty() && !i.source_en.is_empty()));
    }

    #[test]
    fn broken_methodologies_are_refused_with_reasons() {
        let mut m = default_methodology();
        m.indicators[0].worst = m.indicators[0].best;
        m.indicators[1].dimension = "nowhere".into();
        m.dimensions[2].weight = 0.0;
        let problems = m.problems();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(parse("version = 1").is_err());
    }

    #[test]
    fn the_default_methodology_scores_a_typical_street_in_the_eighties_or_nineties() {
        let m = default_methodology();
        // Counts a street of 80 000 might see on an ordinary day.
        let day = obs(&[
            ("crime_reports", 2.0),
            ("telecom_fraud", 0.0),
            ("traffic_accidents", 1.0),
            ("traffic_violations", 4.0),
            ("fire_alarms", 0.0),
            ("fire_hazards", 1.0),
            ("city_incidents", 8.0),
            ("illegal_construction", 0.0),
            ("hotline_12345", 14.0),
            ("repeat_complaints", 1.0),
            ("food_complaints", 1.0),
            ("drug_complaints", 0.0),
            ("consumer_complaints", 2.0),
            ("price_complaints", 0.0),
        ]);
        let s = score_street(&m, Edition::Daily, 80_000, 1, &day);
        let i = s.index.unwrap();
        assert!((80.0..=97.0).contains(&i), "{i}");
        assert_eq!(s.coverage, 1.0);
    }
}
