//! Share links: one per community of a published survey's area.
use crate::db::Db;
use crate::surveys::error::SurveyError;
use crate::surveys::store::links;
pub use crate::surveys::store::links::Target;
use app::core::ids::ShareCode;

/// The survey and community a share link leads to.
pub async fn follow(db: &Db, code: &str) -> Result<Target, SurveyError> {
    let code = ShareCode::parse(code).map_err(|_| SurveyError::NotFound)?;
    links::find(db, code.as_str()).await?.ok_or(SurveyError::NotFound)
}
