//! The app's [`AccountPort`]: what the account pages read.
use super::store::{residents, staff};
use crate::audit;
use crate::db::Db;
use app::accounts::model::{AuditEntry, CommunityResidents, ResidentData, StaffRecord};
use app::accounts::port::AccountPort;
use app::core::port::PortError;
use async_trait::async_trait;

pub struct AccountReader(pub Db);

#[async_trait]
impl AccountPort for AccountReader {
    async fn resident_data(&self, id: &str) -> Result<Option<ResidentData>, PortError> {
        residents::data(&self.0, id).await.map_err(PortError::from)
    }

    async fn community_residents(&self, community: &str) -> Result<CommunityResidents, PortError> {
        residents::community_residents(&self.0, community).await.map_err(PortError::from)
    }

    async fn staff_list(&self) -> Result<Vec<StaffRecord>, PortError> {
        staff::list(&self.0).await.map_err(PortError::from)
    }

    async fn audit_log(
        &self,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Vec<AuditEntry>, PortError> {
        audit::store::page(&self.0, before, limit).await.map_err(PortError::from)
    }
}
