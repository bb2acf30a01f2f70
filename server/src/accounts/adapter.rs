//! The app's [`AccountPort`]: what the account pages read.
use super::records::ResidentRecords;
use super::store::{residents, staff, staff_auth};
use crate::audit;
use crate::db::Db;
use app::accounts::model::{
    AuditEntry, CommunityResidents, ResidentData, StaffRecord, StaffSecurity, TakenPart,
};
use app::accounts::port::AccountPort;
use app::core::access::{Role, StaffUser};
use app::core::port::PortError;
use async_trait::async_trait;
use std::sync::Arc;

/// The database, the key that opens a second factor's secret being enrolled, and what
/// the features keep about residents.
pub struct AccountReader(pub Db, pub crate::crypto::ServerKey, pub Arc<[Arc<dyn ResidentRecords>]>);

#[async_trait]
impl AccountPort for AccountReader {
    async fn resident_data(&self, id: &str) -> Result<Option<ResidentData>, PortError> {
        residents::data(&self.0, id).await.map_err(PortError::from)
    }

    async fn taken_part(&self, id: &str) -> Result<Vec<TakenPart>, PortError> {
        let mut all = Vec::new();
        for r in self.2.iter() {
            all.extend(r.taken_part(&self.0, id).await.map_err(PortError::from)?);
        }
        Ok(all)
    }

    async fn community_residents(
        &self,
        me: &StaffUser,
        community: &str,
    ) -> Result<CommunityResidents, PortError> {
        residents::community_residents(&self.0, me, community).await.map_err(PortError::from)
    }

    async fn pending_counts(&self) -> Result<Vec<(String, i64)>, PortError> {
        residents::pending_counts(&self.0).await.map_err(PortError::from)
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

    async fn staff_security(&self, me: &StaffUser) -> Result<StaffSecurity, PortError> {
        let secrets = staff_auth::secrets(&self.0, &me.id).await.map_err(PortError::from)?;
        let totp_on = secrets.as_ref().is_some_and(|s| s.totp_secret.is_some());
        let pending_key = match secrets.and_then(|s| s.totp_pending).filter(|_| !totp_on) {
            Some(sealed) => crate::accounts::totp::open(&self.1, &me.id, &sealed)
                .map(|k| crate::accounts::totp::base32(&k)),
            None => None,
        };
        Ok(StaffSecurity {
            setup: me.setup,
            totp_required: me.role == Role::CityAdmin,
            totp_on,
            pending_key,
        })
    }
}
