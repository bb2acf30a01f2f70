use super::*;
use crate::core::fixtures::{area, staff};

#[test]
fn rights_cover_the_subtree_only() {
    let tree = AreaTree::new(vec![
        area("c", None, Level::City),
        area("d1", Some("c"), Level::District),
        area("d2", Some("c"), Level::District),
        area("s1", Some("d1"), Level::Street),
        area("s2", Some("d2"), Level::Street),
        area("m1", Some("s1"), Level::Community),
        area("m2", Some("s2"), Level::Community),
    ]);
    let committee = staff(Role::Committee, "m1");
    assert!(committee.may(Duty::Residents, "m1", &tree));
    assert!(!committee.may(Duty::Residents, "m2", &tree));
    assert!(!committee.may(Duty::Observations, "m1", &tree));
    assert!(!committee.may(Duty::Audit, "m1", &tree));
    let street = staff(Role::StreetOfficer, "s1");
    assert!(street.may(Duty::Residents, "m1", &tree));
    assert!(!street.may(Duty::Residents, "s1", &tree), "residents belong to communities");
    assert!(!street.may(Duty::Residents, "m2", &tree));
    assert!(street.may(Duty::Observations, "s1", &tree));
    assert!(!street.may(Duty::Observations, "s2", &tree));
    let district = staff(Role::DistrictOfficer, "d2");
    assert!(district.may(Duty::Observations, "s2", &tree));
    assert!(!district.may(Duty::Observations, "s1", &tree));
    assert!(!district.may(Duty::StaffAccounts, "d2", &tree));
    let admin = staff(Role::CityAdmin, "c");
    for a in ["c", "d1", "s2", "m1"] {
        assert!(admin.may(Duty::Residents, a, &tree) || a != "m1");
        assert!(admin.may(Duty::StaffAccounts, a, &tree));
    }
    assert!(!admin.may(Duty::Residents, "nowhere", &tree), "unknown areas are nobody's");
    // Proposals are reviewed by their own community's committee; the lists are the city's.
    assert!(committee.may(Duty::ProjectReview, "m1", &tree));
    assert!(!committee.may(Duty::ProjectReview, "m2", &tree));
    assert!(!street.may(Duty::ProjectReview, "m1", &tree));
    assert!(!admin.may(Duty::ProjectReview, "m1", &tree));
    assert!(admin.may(Duty::ProjectLists, "c", &tree));
    assert!(!committee.may(Duty::ProjectLists, "m1", &tree));
    assert!(!committee.has(Duty::ProjectLists) && committee.has(Duty::ProjectReview));
}

#[test]
fn activities_can_require_consent_a_community_inside_their_area_and_verification() {
    let tree = AreaTree::new(vec![
        area("c", None, Level::City),
        area("d1", Some("c"), Level::District),
        area("s1", Some("d1"), Level::Street),
        area("s2", Some("d1"), Level::Street),
        area("m1", Some("s1"), Level::Community),
        area("m2", Some("s2"), Level::Community),
    ]);
    let mut r = ResidentUser {
        id: "r".into(),
        phone_tail: Some("8000".into()),
        wechat: false,
        community: None,
        verification: Verification::None,
        consented: false,
    };
    let street = Audience { area: "s1".into(), verified_only: false };
    let verified = Audience { area: "m1".into(), verified_only: true };
    assert_eq!(r.may_take_part(&street, &tree), Err(NotEligible::Consent));
    r.consented = true;
    assert_eq!(r.may_take_part(&street, &tree), Err(NotEligible::Community));
    r.community = Some("m2".into());
    assert_eq!(r.may_take_part(&street, &tree), Err(NotEligible::OutsideArea));
    assert_eq!(
        r.may_take_part(&Audience { area: "d1".into(), verified_only: false }, &tree),
        Ok(())
    );
    r.community = Some("m1".into());
    assert_eq!(r.may_take_part(&street, &tree), Ok(()));
    assert_eq!(r.may_take_part(&verified, &tree), Err(NotEligible::Verification));
    r.verification = Verification::Pending;
    assert_eq!(r.may_take_part(&verified, &tree), Err(NotEligible::Verification));
    r.verification = Verification::Verified;
    assert_eq!(r.may_take_part(&verified, &tree), Ok(()));
    r.community = Some("gone".into());
    assert_eq!(
        r.may_take_part(&street, &tree),
        Err(NotEligible::OutsideArea),
        "unknown communities are outside"
    );
}
