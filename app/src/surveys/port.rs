//! What the survey pages read.
use crate::core::port::PortError;
use crate::surveys::model::{Answers, Survey};
use async_trait::async_trait;

/// One survey response as results read it (never with its resident).
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    pub community: Option<String>,
    pub street: Option<String>,
    /// The community whose share link brought the answer, when one did.
    pub via: Option<String>,
    pub answers: Answers,
}

/// A named survey's response with who gave it, as the committee sees it: what the
/// resident told the committee to be recognised, and the end of their number.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NamedResponse {
    pub community: Option<String>,
    pub name: Option<String>,
    pub address: Option<String>,
    pub phone_tail: Option<String>,
    pub verified: bool,
    pub answers: Answers,
}

/// A survey with its number of responses.
#[derive(Clone, Debug, PartialEq)]
pub struct Listed {
    pub survey: Survey,
    pub responses: i64,
}

/// A share link: the survey and community it is for, and its code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub survey: String,
    pub community: String,
    pub code: String,
}

#[async_trait]
pub trait SurveyPort: Send + Sync + 'static {
    async fn survey(&self, id: &str) -> Result<Option<Survey>, PortError>;
    /// Every survey with its number of responses, newest first.
    async fn list(&self) -> Result<Vec<Listed>, PortError>;
    async fn answered(&self, survey: &str, resident: &str) -> Result<bool, PortError>;
    /// The ids of every survey the resident has taken part in.
    async fn taken_by(&self, resident: &str) -> Result<Vec<String>, PortError>;
    async fn own_answers(&self, survey: &str, resident: &str)
        -> Result<Option<Answers>, PortError>;
    /// Answers a browser posted before signing in, by its draft cookie's token.
    async fn draft(
        &self,
        token: &str,
        survey: &str,
    ) -> Result<Option<Vec<(String, String)>>, PortError>;
    async fn responses(&self, survey: &str) -> Result<Vec<Response>, PortError>;
    /// A named survey's responses with their residents (a read of personal data,
    /// audited as `me`'s); none for an anonymous survey.
    async fn named_responses(
        &self,
        me: &crate::core::access::StaffUser,
        survey: &str,
    ) -> Result<Vec<NamedResponse>, PortError>;
    async fn links(&self, survey: &str) -> Result<Vec<Link>, PortError>;
    /// The link with this code.
    async fn link(&self, code: &str) -> Result<Option<Link>, PortError>;
}
