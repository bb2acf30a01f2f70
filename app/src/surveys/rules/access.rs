//! Which staff may do what with a survey: the owner's area manages it (the city's
//! monthly survey: the city administrator only); anyone whose area overlaps it sees the
//! overlap.
use crate::core::access::{Role, StaffUser};
use crate::core::areas::AreaTree;
use crate::surveys::model::{Survey, SurveyKind};

/// May `me` edit, publish and close this survey?
pub fn manages(me: &StaffUser, s: &Survey, tree: &AreaTree) -> bool {
    match s.kind {
        SurveyKind::CityMonthly => me.role == Role::CityAdmin,
        SurveyKind::Community => tree.is_within(&s.area_code, &me.area_code),
    }
}

/// The part of the survey's area that `me` may see results and links for: the
/// smaller of the two areas when one contains the other, else nothing.
pub fn scope(me: &StaffUser, s: &Survey, tree: &AreaTree) -> Option<String> {
    if tree.get(&s.area_code).is_none() || tree.get(&me.area_code).is_none() {
        None
    } else if tree.is_within(&s.area_code, &me.area_code) {
        Some(s.area_code.clone())
    } else if tree.is_within(&me.area_code, &s.area_code) {
        Some(me.area_code.clone())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::areas::Level;
    use crate::core::fixtures::{area, staff};
    use crate::surveys::model::SurveyStatus;

    fn survey(kind: SurveyKind, area: &str) -> Survey {
        Survey {
            id: "x".into(),
            kind,
            month: None,
            area_code: area.into(),
            title: "t".into(),
            intro: String::new(),
            questions: Vec::new(),
            anonymous: false,
            verified_only: false,
            editable: false,
            opens_at: 0,
            closes_at: 1,
            status: SurveyStatus::Draft,
        }
    }

    #[test]
    fn the_owner_area_manages_and_overlapping_areas_see_their_overlap() {
        let tree = AreaTree::new(vec![
            area("c", None, Level::City),
            area("d", Some("c"), Level::District),
            area("s1", Some("d"), Level::Street),
            area("s2", Some("d"), Level::Street),
            area("m1", Some("s1"), Level::Community),
        ]);
        let street = survey(SurveyKind::Community, "s1");
        let district = staff(Role::DistrictOfficer, "d");
        let committee = staff(Role::Committee, "m1");
        let other = staff(Role::StreetOfficer, "s2");
        assert!(manages(&district, &street, &tree));
        assert!(!manages(&committee, &street, &tree), "a committee does not manage its street's");
        assert_eq!(scope(&committee, &street, &tree).as_deref(), Some("m1"));
        assert_eq!(scope(&district, &street, &tree).as_deref(), Some("s1"));
        assert_eq!(scope(&other, &street, &tree), None);
        let monthly = survey(SurveyKind::CityMonthly, "c");
        assert!(manages(&staff(Role::CityAdmin, "c"), &monthly, &tree));
        assert!(!manages(&district, &monthly, &tree), "the monthly survey is the city's");
        assert_eq!(scope(&district, &monthly, &tree).as_deref(), Some("d"));
        assert_eq!(scope(&district, &survey(SurveyKind::Community, "gone"), &tree), None);
    }
}
