//! The app's [`SurveyPort`]: what the survey pages read.
use super::store::{drafts, links, responses, surveys};
use crate::crypto::token_hash;
use crate::db::Db;
use app::core::access::StaffUser;
use app::core::port::PortError;
use app::surveys::model::{Answers, Survey};
use app::surveys::port::{Link, Listed, NamedResponse, Response, SurveyPort};
use async_trait::async_trait;

pub struct SurveyReader(pub Db);

#[async_trait]
impl SurveyPort for SurveyReader {
    async fn survey(&self, id: &str) -> Result<Option<Survey>, PortError> {
        surveys::get(self.0.reader(), id).await.map_err(PortError::from)
    }

    async fn list(&self) -> Result<Vec<Listed>, PortError> {
        surveys::list(&self.0).await.map_err(PortError::from)
    }

    async fn answered(&self, survey: &str, resident: &str) -> Result<bool, PortError> {
        responses::answered(self.0.reader(), survey, resident).await.map_err(PortError::from)
    }

    async fn taken_by(&self, resident: &str) -> Result<Vec<String>, PortError> {
        responses::taken_by(&self.0, resident).await.map_err(PortError::from)
    }

    async fn own_answers(
        &self,
        survey: &str,
        resident: &str,
    ) -> Result<Option<Answers>, PortError> {
        responses::own(&self.0, survey, resident).await.map_err(PortError::from)
    }

    /// The page holds the cookie's token; the store keys kept answers by its hash.
    async fn draft(
        &self,
        token: &str,
        survey: &str,
    ) -> Result<Option<Vec<(String, String)>>, PortError> {
        drafts::get(&self.0, &token_hash(token), survey).await.map_err(PortError::from)
    }

    async fn responses(&self, survey: &str) -> Result<Vec<Response>, PortError> {
        responses::all(&self.0, survey).await.map_err(PortError::from)
    }

    async fn named_responses(
        &self,
        me: &StaffUser,
        survey: &str,
    ) -> Result<Vec<NamedResponse>, PortError> {
        responses::named(&self.0, me, survey).await.map_err(PortError::from)
    }

    async fn links(&self, survey: &str) -> Result<Vec<Link>, PortError> {
        links::of_survey(&self.0, survey).await.map_err(PortError::from)
    }

    async fn link(&self, code: &str) -> Result<Option<Link>, PortError> {
        links::find(&self.0, code).await.map_err(PortError::from)
    }
}
