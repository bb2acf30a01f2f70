//! Staff authorisation, once for every feature: the policy is `app::core::access`
//! (`StaffUser::has`, `StaffUser::may`); this adds the refusal, logged because it is
//! either a bug or a probe. Each feature's error converts [`Forbidden`] into its own.
use app::core::access::{Duty, StaffUser};
use app::core::areas::AreaTree;

/// A staff action outside the member's role or area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("outside the member's role or area")]
pub struct Forbidden;

/// Does `me`'s role carry `duty` at all (wherever the area)? Checked before a form is
/// even read, so a refused post learns nothing about its fields.
pub fn require(me: &StaffUser, duty: Duty) -> Result<(), Forbidden> {
    if me.has(duty) {
        Ok(())
    } else {
        tracing::warn!(staff = %me.username, ?duty, "staff action outside their role refused");
        Err(Forbidden)
    }
}

/// May `me` do `duty` on `area`?
pub fn authorise(me: &StaffUser, duty: Duty, area: &str, tree: &AreaTree) -> Result<(), Forbidden> {
    if me.may(duty, area, tree) {
        Ok(())
    } else {
        tracing::warn!(staff = %me.username, ?duty, area, "staff action outside their rights refused");
        Err(Forbidden)
    }
}
