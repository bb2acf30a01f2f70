//! The demo's incidents: a few days on which a street's (or every street's) counts jump,
//! so that warnings, a 挂牌督办 run and "why did it change" have something to show.

/// An incident: on `day`, in `street` (or every street), an indicator's rate multiplied.
#[derive(Clone, Debug, PartialEq)]
pub struct Incident {
    pub street: Option<&'static str>,
    /// Days before the last generated day.
    pub days_before_last: i64,
    pub indicator: &'static str,
    pub factor: f64,
}

/// The demo's incidents, placed relative to the last day so that recent history always
/// has something to explain.
pub const INCIDENTS: &[Incident] = &[
    // 枫林街道: a burglary and fraud ring, three red days → listed for supervision.
    Incident {
        street: Some("449902002"),
        days_before_last: 9,
        indicator: "crime_reports",
        factor: 7.0,
    },
    Incident {
        street: Some("449902002"),
        days_before_last: 9,
        indicator: "telecom_fraud",
        factor: 9.0,
    },
    Incident {
        street: Some("449902002"),
        days_before_last: 9,
        indicator: "repeat_complaints",
        factor: 6.0,
    },
    Incident {
        street: Some("449902002"),
        days_before_last: 8,
        indicator: "crime_reports",
        factor: 8.0,
    },
    Incident {
        street: Some("449902002"),
        days_before_last: 8,
        indicator: "telecom_fraud",
        factor: 9.0,
    },
    Incident {
        street: Some("449902002"),
        days_before_last: 8,
        indicator: "hotline_12345",
        factor: 2.5,
    },
    Incident {
        street: Some("449902002"),
        days_before_last: 8,
        indicator: "repeat_complaints",
        factor: 6.0,
    },
    Incident {
        street: Some("449902002"),
        days_before_last: 7,
        indicator: "crime_reports",
        factor: 6.0,
    },
    Incident {
        street: Some("449902002"),
        days_before_last: 7,
        indicator: "telecom_fraud",
        factor: 8.0,
    },
    Incident {
        street: Some("449902002"),
        days_before_last: 7,
        indicator: "repeat_complaints",
        factor: 6.0,
    },
    // A typhoon: fallen trees and flooding across the city.
    Incident { street: None, days_before_last: 45, indicator: "city_incidents", factor: 3.5 },
    Incident { street: None, days_before_last: 45, indicator: "hotline_12345", factor: 2.2 },
    Incident { street: None, days_before_last: 45, indicator: "traffic_accidents", factor: 2.0 },
    // 海滨街道: a food-poisoning cluster after a banquet.
    Incident {
        street: Some("449903002"),
        days_before_last: 20,
        indicator: "food_complaints",
        factor: 12.0,
    },
    // 石桥镇: a workshop fire.
    Incident {
        street: Some("449902004"),
        days_before_last: 60,
        indicator: "fire_alarms",
        factor: 25.0,
    },
    Incident {
        street: Some("449902004"),
        days_before_last: 60,
        indicator: "fire_hazards",
        factor: 5.0,
    },
    // 渔港街道, the last day: a pile-up on the coast road.
    Incident {
        street: Some("449903003"),
        days_before_last: 0,
        indicator: "traffic_accidents",
        factor: 9.0,
    },
    Incident {
        street: Some("449903003"),
        days_before_last: 0,
        indicator: "traffic_violations",
        factor: 3.0,
    },
];

pub fn incident(street: &str, indicator: &str, days_before_last: i64) -> f64 {
    INCIDENTS
        .iter()
        .filter(|i| i.days_before_last == days_before_last && i.indicator == indicator)
        .filter(|i| i.street.is_none_or(|s| s == street))
        .map(|i| i.factor)
        .product()
}
