//! Test fixtures shared by the crate's unit tests: areas and staff members.
use crate::core::access::{Role, StaffUser};
use crate::core::areas::{Area, Level};

/// An area named by its code, of 3 000 residents.
pub fn area(code: &str, parent: Option<&str>, level: Level) -> Area {
    Area {
        code: code.into(),
        parent_code: parent.map(Into::into),
        level,
        name_zh: code.into(),
        name_en: code.into(),
        population: 3000,
    }
}

pub fn staff(role: Role, area: &str) -> StaffUser {
    StaffUser {
        id: "s".into(),
        username: "u".into(),
        display_name: "d".into(),
        role,
        area_code: area.into(),
        setup: crate::core::access::StaffSetup::Ready,
    }
}
