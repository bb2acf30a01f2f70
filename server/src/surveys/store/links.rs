//! Share links: one short code per survey and community, printed on posters as QR codes.
use crate::db::{Db, StoreError, Tx};
use app::core::ids::SHARE_ALPHABET;
use app::surveys::port::Link;
use sqlx::Row;

/// A share link's code: 10 characters of an alphabet without look-alikes (about 50
/// bits), short enough to read off a poster.
fn new_code() -> String {
    // Bytes of 248 and above are dropped so that every character is equally likely.
    let limit = (256 / SHARE_ALPHABET.len() * SHARE_ALPHABET.len()) as u8;
    let mut code = String::with_capacity(10);
    while code.len() < 10 {
        for b in crate::crypto::random_bytes::<16>() {
            if b < limit && code.len() < 10 {
                code.push(SHARE_ALPHABET[b as usize % SHARE_ALPHABET.len()] as char);
            }
        }
    }
    code
}

/// Adds a link for `community`.
pub async fn add(tx: &mut Tx, survey_id: &str, community: &str) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO survey_links (code, survey_id, community_code) VALUES (?, ?, ?)")
        .bind(new_code())
        .bind(survey_id)
        .bind(community)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// A survey's links, by community.
pub async fn of_survey(db: &Db, survey_id: &str) -> Result<Vec<Link>, StoreError> {
    let rows = sqlx::query(
        "SELECT survey_id, community_code, code FROM survey_links WHERE survey_id = ? \
         ORDER BY community_code",
    )
    .bind(survey_id)
    .fetch_all(db.reader())
    .await?;
    rows.iter().map(link_from).collect()
}

/// The link with this code.
pub async fn find(db: &Db, code: &str) -> Result<Option<Link>, StoreError> {
    let row =
        sqlx::query("SELECT survey_id, community_code, code FROM survey_links WHERE code = ?")
            .bind(code)
            .fetch_optional(db.reader())
            .await?;
    row.as_ref().map(link_from).transpose()
}

fn link_from(r: &sqlx::sqlite::SqliteRow) -> Result<Link, StoreError> {
    Ok(Link {
        survey: r.try_get("survey_id")?,
        community: r.try_get("community_code")?,
        code: r.try_get("code")?,
    })
}
