//! Rows of the accounts tables as the app's types.
use app::core::access::{ResidentUser, Role, StaffUser, Verification, CONSENT_VERSION};
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

pub fn staff_user(row: &SqliteRow) -> Result<StaffUser, sqlx::Error> {
    Ok(StaffUser {
        id: row.try_get("id")?,
        username: row.try_get("username")?,
        display_name: row.try_get("display_name")?,
        role: role(&row.try_get::<String, _>("role")?)?,
        area_code: row.try_get("area_code")?,
    })
}

pub const RESIDENT_COLUMNS: &str =
    "r.id, r.phone_tail, r.openid_hash, r.community_code, r.verification, r.consent_version";
