//! Rows of the accounts tables as the app's types.
use app::core::access::{ResidentUser, Role, StaffSetup, StaffUser, Verification, CONSENT_VERSION};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;

pub fn verification(row: &SqliteRow) -> Result<Verification, sqlx::Error> {
    let v: String = row.try_get("verification")?;
    Verification::parse(&v)
        .ok_or_else(|| sqlx::Error::Decode(format!("bad verification {v:?}").into()))
}

pub fn role(s: &str) -> Result<Role, sqlx::Error> {
    Role::parse(s).ok_or_else(|| sqlx::Error::Decode(format!("bad role {s:?}").into()))
}

pub fn resident_user(row: &SqliteRow) -> Result<ResidentUser, sqlx::Error> {
    let consent: Option<String> = row.try_get("consent_version")?;
    Ok(ResidentUser {
        id: row.try_get("id")?,
        phone_tail: row.try_get("phone_tail")?,
        wechat: row.try_get::<Option<String>, _>("openid_hash")?.is_some(),
        community: row.try_get("community_code")?,
        verification: verification(row)?,
        consented: consent.as_deref() == Some(CONSENT_VERSION),
    })
}

/// The columns [`staff_user`] reads, from table alias `st`.
pub const STAFF_COLUMNS: &str = "st.id, st.username, st.display_name, st.role, st.area_code, \
     st.must_change_password, (st.totp_secret IS NOT NULL) AS totp_on";

pub fn staff_user(row: &SqliteRow) -> Result<StaffUser, sqlx::Error> {
    let role = role(&row.try_get::<String, _>("role")?)?;
    let must_change = row.try_get::<i64, _>("must_change_password")? == 1;
    let totp_on = row.try_get::<i64, _>("totp_on")? == 1;
    Ok(StaffUser {
        id: row.try_get("id")?,
        username: row.try_get("username")?,
        display_name: row.try_get("display_name")?,
        role,
        area_code: row.try_get("area_code")?,
        setup: StaffSetup::of(role, must_change, totp_on),
    })
}

pub const RESIDENT_COLUMNS: &str =
    "r.id, r.phone_tail, r.openid_hash, r.community_code, r.verification, r.consent_version";
