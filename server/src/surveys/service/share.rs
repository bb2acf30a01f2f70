//! Share links: one per community of a published survey's area.
use crate::db::Db;
use crate::surveys::error::SurveyError;
use crate::surveys::store::links;
use app::core::ids::ShareCode;
pub use app::surveys::port::Link;

/// The survey and community a share link leads to.
pub async fn follow(db: &Db, code: &str) -> Result<Link, SurveyError> {
    let code = ShareCode::parse(code).map_err(|_| SurveyError::NotFound)?;
    links::find(db, code.as_str()).await?.ok_or(SurveyError::NotFound)
}

/// The community a share link of `survey` names, when `code` is one (else none: a
/// form cannot name a community of its own).
pub async fn via(db: &Db, survey: &str, code: &str) -> Result<Option<String>, SurveyError> {
    let Ok(code) = ShareCode::parse(code.trim()) else { return Ok(None) };
    Ok(links::find(db, code.as_str()).await?.filter(|l| l.survey == survey).map(|l| l.community))
}
