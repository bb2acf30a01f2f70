//! What the account pages read.
use crate::accounts::model::{
    AuditEntry, CommunityResidents, ResidentData, StaffRecord, StaffSecurity, TakenPart,
};
use crate::core::access::StaffUser;
use crate::core::port::PortError;
use async_trait::async_trait;

#[async_trait]
pub trait AccountPort: Send + Sync + 'static {
    /// Everything held about one resident.
    async fn resident_data(&self, id: &str) -> Result<Option<ResidentData>, PortError>;
    /// What they took part in, with their named answers, for their data page.
    async fn taken_part(&self, id: &str) -> Result<Vec<TakenPart>, PortError>;
    /// A community's residents (verification queue) and the size of its roll.
    /// (A read of personal data: audited as `me`'s.)
    async fn community_residents(
        &self,
        me: &StaffUser,
        community: &str,
    ) -> Result<CommunityResidents, PortError>;
    /// Residents waiting for a verification decision, counted by community.
    async fn pending_counts(&self) -> Result<Vec<(String, i64)>, PortError>;
    async fn staff_list(&self) -> Result<Vec<StaffRecord>, PortError>;
    /// Audit lines, newest first, below sequence number `before`.
    async fn audit_log(
        &self,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Vec<AuditEntry>, PortError>;
    /// The staff member's own second factor: on, or the key being enrolled.
    async fn staff_security(&self, me: &StaffUser) -> Result<StaffSecurity, PortError>;
}
