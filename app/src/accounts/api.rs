//! Server functions behind the account pages ("我的", the staff pages). Each one
//! authorises from the request's session before reading anything: a resident reads
//! only their own data, staff only their own area's.
use crate::accounts::model::{AuditEntry, CommunityResidents, ResidentData, StaffRecord};
use crate::core::access::StaffUser;
use crate::core::areas::{Area, Level};
use crate::core::error::AppResult;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Communities grouped by their street, for choosing one.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StreetGroup {
    /// "东湖区 · 香湾街道".
    pub label: String,
    pub communities: Vec<Area>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MeData {
    pub data: ResidentData,
    /// The home community with its district and street, as one label.
    pub community_label: Option<String>,
    pub groups: Vec<StreetGroup>,
    /// The community chosen in the area picker, offered first.
    pub suggested: Option<String>,
}

/// What the staff home page shows.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StaffHome {
    pub me: StaffUser,
    pub area_label: String,
    /// Communities inside the member's area, by street.
    pub groups: Vec<StreetGroup>,
    /// Communities of the area with residents waiting for verification, most first.
    pub to_verify: Vec<Waiting>,
}

/// A community's residents waiting for a verification decision.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Waiting {
    pub community: String,
    /// "枫林街道 · 恒园社区".
    pub label: String,
    pub count: i64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CommunityStaffPage {
    pub community: Area,
    pub label: String,
    pub residents: CommunityResidents,
}

/// An area a new staff account may be bound to.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AreaChoice {
    pub code: String,
    /// "东湖区 · 湖滨街道".
    pub label: String,
    pub level: Level,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AccountsPage {
    pub staff: Vec<StaffRecord>,
    pub areas: Vec<AreaChoice>,
    pub me_id: String,
}

/// Audit lines per page.
pub const AUDIT_PAGE: i64 = 50;

#[cfg(feature = "ssr")]
pub use ssr::street_groups;

#[cfg(feature = "ssr")]
mod ssr {
    use super::StreetGroup;
    use crate::core::areas::{Area, AreaTree};
    use crate::core::i18n::Lang;

    /// Each street's communities, labelled with the street's path.
    pub fn street_groups<'a>(
        tree: &AreaTree,
        streets: impl IntoIterator<Item = &'a Area>,
        lang: Lang,
    ) -> Vec<StreetGroup> {
        streets
            .into_iter()
            .map(|street| StreetGroup {
                label: tree.path_label(&street.code, lang).unwrap_or_default(),
                communities: tree.children(&street.code).into_iter().cloned().collect(),
            })
            .collect()
    }
}

/// The signed-in resident's own data; `None` for a guest.
#[server(prefix = "/rpc", endpoint = "me")]
pub async fn load_me() -> AppResult<Option<MeData>> {
    use crate::accounts::port::AccountPort;
    use crate::core::port::{port, snapshot};
    let Some(me) = crate::core::access::use_viewer().resident else { return Ok(None) };
    let Some(data) = port::<dyn AccountPort>()?.resident_data(&me.id).await? else {
        return Ok(None);
    };
    let snap = snapshot().await?;
    let tree = &snap.tree;
    let prefs = crate::core::prefs::Prefs::from_request();
    let lang = prefs.lang;
    let streets = tree.all().iter().filter(|a| a.level == Level::Street);
    let suggested = prefs.area.filter(|c| tree.get(c).is_some_and(|a| a.level == Level::Community));
    Ok(Some(MeData {
        community_label: data.community_code.as_deref().and_then(|c| tree.path_label(c, lang)),
        data,
        groups: ssr::street_groups(tree, streets, lang)
            .into_iter()
            .filter(|g| !g.communities.is_empty())
            .collect(),
        suggested,
    }))
}

#[server(prefix = "/staff/rpc", endpoint = "home")]
pub async fn load_staff_home() -> AppResult<StaffHome> {
    use crate::accounts::port::AccountPort;
    use crate::core::access::Duty;
    let me = crate::core::access::staff_viewer()?;
    let snap = crate::core::port::snapshot().await?;
    let tree = &snap.tree;
    let lang = crate::core::prefs::request_lang();
    let mine = tree.get(&me.area_code);
    let mut streets = tree.descendants(&me.area_code, Level::Street);
    streets.extend(mine.filter(|a| a.level == Level::Street));
    let mut groups = ssr::street_groups(tree, streets, lang);
    if let Some(c) = mine.filter(|a| a.level == Level::Community) {
        groups.push(StreetGroup {
            label: tree.path_label(&c.code, lang).unwrap_or_default(),
            communities: vec![c.clone()],
        });
    }
    groups.sort_by(|a, b| a.label.cmp(&b.label));
    let mut to_verify: Vec<Waiting> = crate::core::port::port::<dyn AccountPort>()?
        .pending_counts()
        .await?
        .into_iter()
        .filter(|(c, _)| me.may(Duty::Residents, c, tree))
        .map(|(community, count)| Waiting { label: tree.label(&community, lang), community, count })
        .collect();
    to_verify.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    Ok(StaffHome {
        area_label: tree.path_label(&me.area_code, lang).unwrap_or_default(),
        me,
        groups,
        to_verify,
    })
}

/// A community's residents and roll, for staff whose area contains it.
#[server(prefix = "/staff/rpc", endpoint = "community")]
pub async fn load_community_residents(community: String) -> AppResult<CommunityStaffPage> {
    use crate::accounts::port::AccountPort;
    use crate::core::access::{require, staff_viewer, Duty};
    use crate::core::port::{port, snapshot};
    let me = staff_viewer()?;
    let snap = snapshot().await?;
    require(me.may(Duty::Residents, &community, &snap.tree))?;
    let lang = crate::core::prefs::request_lang();
    let Some(area) = snap.tree.get(&community).cloned() else {
        return Err(crate::core::error::AppError::NotFound.refused());
    };
    let residents = port::<dyn AccountPort>()?.community_residents(&me, &community).await?;
    Ok(CommunityStaffPage {
        label: snap.tree.path_label(&community, lang).unwrap_or_default(),
        community: area,
        residents,
    })
}

#[server(prefix = "/staff/rpc", endpoint = "accounts")]
pub async fn load_staff_accounts() -> AppResult<AccountsPage> {
    use crate::accounts::port::AccountPort;
    use crate::core::access::{require, staff_viewer, Duty};
    use crate::core::port::{port, snapshot};
    let me = staff_viewer()?;
    require(me.has(Duty::StaffAccounts))?;
    let snap = snapshot().await?;
    let lang = crate::core::prefs::request_lang();
    let staff = port::<dyn AccountPort>()?.staff_list().await?;
    let areas = snap
        .tree
        .all()
        .iter()
        .filter(|a| snap.tree.is_within(&a.code, &me.area_code))
        .map(|a| AreaChoice {
            code: a.code.clone(),
            label: snap.tree.path_label(&a.code, lang).unwrap_or_default(),
            level: a.level,
        })
        .collect();
    Ok(AccountsPage { staff, areas, me_id: me.id })
}

#[server(prefix = "/staff/rpc", endpoint = "audit")]
pub async fn load_audit(before: Option<i64>) -> AppResult<Vec<AuditEntry>> {
    use crate::accounts::port::AccountPort;
    use crate::core::access::{require, staff_viewer, Duty};
    let me = staff_viewer()?;
    require(me.has(Duty::Audit))?;
    Ok(crate::core::port::port::<dyn AccountPort>()?.audit_log(before, AUDIT_PAGE).await?)
}

#[server(prefix = "/staff/rpc", endpoint = "security")]
pub async fn load_staff_security() -> AppResult<crate::accounts::model::StaffSecurity> {
    use crate::accounts::port::AccountPort;
    let me = crate::core::access::staff_viewer()?;
    Ok(crate::core::port::port::<dyn AccountPort>()?.staff_security(&me).await?)
}
