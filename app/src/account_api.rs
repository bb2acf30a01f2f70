//! Server functions behind the account pages ("我的", sign-in, the staff pages).
//! Each one authorises from the request's session before reading anything: a
//! resident reads only their own data, staff only their own area's.
use crate::accounts::{AuditEntry, CommunityResidents, ResidentData, StaffRecord};
use crate::areas::Area;
use crate::auth::StaffUser;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The answer of a guarded loader: the data, or why not (the response is then 403).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Access<T> {
    Granted(T),
    /// Nobody is signed in (as staff, for staff pages).
    SignIn,
    /// Signed in, but this is outside the account's rights.
    Forbidden,
}

#[cfg(feature = "ssr")]
pub(crate) fn refuse<T>(why: Access<T>) -> Access<T> {
    crate::components::set_status(403);
    why
}

/// A community and where it lies, for choosing a home community.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StreetGroup {
    /// "香湾街道 · 东湖区".
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

#[cfg(feature = "ssr")]
pub(crate) fn path_label(tree: &crate::areas::AreaTree, code: &str, lang: crate::i18n::Lang) -> Option<String> {
    use crate::areas::Level;
    let area = tree.get(code)?;
    let mut names: Vec<&str> = tree.ancestors(code).into_iter().filter(|a| a.level != Level::City).map(|a| a.name(lang)).collect();
    names.push(area.name(lang));
    Some(names.join(" · "))
}

/// The signed-in resident's own data; `None` for a guest.
#[server(prefix = "/rpc", endpoint = "me")]
pub async fn load_me() -> Result<Option<MeData>, ServerFnError> {
    use crate::areas::Level;
    let Some(me) = crate::auth::use_viewer().resident else { return Ok(None) };
    let backend = crate::backend::backend()?;
    let Some(data) = backend.resident_data(&me.id).await.map_err(crate::backend::unavailable)? else {
        return Ok(None);
    };
    let snap = crate::backend::snapshot().await?;
    let tree = &snap.tree;
    let prefs = crate::prefs::Prefs::from_request();
    let lang = prefs.lang;
    let groups = tree
        .all()
        .iter()
        .filter(|a| a.level == Level::Street)
        .map(|street| StreetGroup {
            label: path_label(tree, &street.code, lang).unwrap_or_default(),
            communities: tree.children(&street.code).into_iter().cloned().collect(),
        })
        .filter(|g| !g.communities.is_empty())
        .collect();
    let suggested = prefs.area.filter(|c| tree.get(c).is_some_and(|a| a.level == Level::Community));
    Ok(Some(MeData {
        community_label: data.community_code.as_deref().and_then(|c| path_label(tree, c, lang)),
        data,
        groups,
        suggested,
    }))
}

/// What the staff home page shows.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StaffHome {
    pub me: StaffUser,
    pub area_label: String,
    /// Communities inside the member's area, by street.
    pub groups: Vec<StreetGroup>,
}

#[cfg(feature = "ssr")]
pub(crate) fn staff_or_refuse<T>() -> Result<StaffUser, Access<T>> {
    crate::auth::use_viewer().staff.ok_or_else(|| refuse(Access::SignIn))
}

#[server(prefix = "/staff/rpc", endpoint = "home")]
pub async fn load_staff_home() -> Result<Access<StaffHome>, ServerFnError> {
    use crate::areas::Level;
    let me = match staff_or_refuse() {
        Ok(m) => m,
        Err(a) => return Ok(a),
    };
    let snap = crate::backend::snapshot().await?;
    let tree = &snap.tree;
    let lang = crate::prefs::Prefs::from_request().lang;
    let mut streets = tree.descendants(&me.area_code, Level::Street);
    if tree.get(&me.area_code).is_some_and(|a| a.level == Level::Street) {
        streets.push(tree.get(&me.area_code).expect("checked"));
    }
    let mut groups: Vec<StreetGroup> = streets
        .into_iter()
        .map(|street| StreetGroup {
            label: path_label(tree, &street.code, lang).unwrap_or_default(),
            communities: tree.children(&street.code).into_iter().cloned().collect(),
        })
        .collect();
    if let Some(c) = tree.get(&me.area_code).filter(|a| a.level == Level::Community) {
        groups.push(StreetGroup { label: path_label(tree, &c.code, lang).unwrap_or_default(), communities: vec![c.clone()] });
    }
    groups.sort_by(|a, b| a.label.cmp(&b.label));
    Ok(Access::Granted(StaffHome { area_label: path_label(tree, &me.area_code, lang).unwrap_or_default(), me, groups }))
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CommunityStaffPage {
    pub community: Area,
    pub label: String,
    pub residents: CommunityResidents,
}

/// A community's residents and roll, for staff whose area contains it.
#[server(prefix = "/staff/rpc", endpoint = "community")]
pub async fn load_community_residents(community: String) -> Result<Access<CommunityStaffPage>, ServerFnError> {
    let me = match staff_or_refuse() {
        Ok(m) => m,
        Err(a) => return Ok(a),
    };
    let snap = crate::backend::snapshot().await?;
    if !me.may(crate::auth::Duty::Residents, &community, &snap.tree) {
        return Ok(refuse(Access::Forbidden));
    }
    let lang = crate::prefs::Prefs::from_request().lang;
    let area = snap.tree.get(&community).cloned().ok_or_else(|| ServerFnError::new("checked"))?;
    let residents = crate::backend::backend()?.community_residents(&community).await.map_err(crate::backend::unavailable)?;
    Ok(Access::Granted(CommunityStaffPage { label: path_label(&snap.tree, &community, lang).unwrap_or_default(), community: area, residents }))
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AccountsPage {
    pub staff: Vec<StaffRecord>,
    /// Every area, for binding a new account ("code — path").
    pub areas: Vec<(String, String, crate::areas::Level)>,
    pub me_id: String,
}

#[server(prefix = "/staff/rpc", endpoint = "accounts")]
pub async fn load_staff_accounts() -> Result<Access<AccountsPage>, ServerFnError> {
    let me = match staff_or_refuse() {
        Ok(m) => m,
        Err(a) => return Ok(a),
    };
    if !me.has(crate::auth::Duty::StaffAccounts) {
        return Ok(refuse(Access::Forbidden));
    }
    let snap = crate::backend::snapshot().await?;
    let lang = crate::prefs::Prefs::from_request().lang;
    let staff = crate::backend::backend()?.staff_list().await.map_err(crate::backend::unavailable)?;
    let areas = snap
        .tree
        .all()
        .iter()
        .filter(|a| snap.tree.is_within(&a.code, &me.area_code))
        .map(|a| (a.code.clone(), path_label(&snap.tree, &a.code, lang).unwrap_or_default(), a.level))
        .collect();
    Ok(Access::Granted(AccountsPage { staff, areas, me_id: me.id }))
}

/// Audit lines per page.
pub const AUDIT_PAGE: i64 = 50;

#[server(prefix = "/staff/rpc", endpoint = "audit")]
pub async fn load_audit(before: Option<i64>) -> Result<Access<Vec<AuditEntry>>, ServerFnError> {
    let me = match staff_or_refuse() {
        Ok(m) => m,
        Err(a) => return Ok(a),
    };
    if !me.has(crate::auth::Duty::Audit) {
        return Ok(refuse(Access::Forbidden));
    }
    let entries = crate::backend::backend()?.audit_log(before, AUDIT_PAGE).await.map_err(crate::backend::unavailable)?;
    Ok(Access::Granted(entries))
}

/// The observations upload page: who may upload, and for which streets.
#[server(prefix = "/staff/rpc", endpoint = "observations")]
pub async fn load_observations_page() -> Result<Access<String>, ServerFnError> {
    let me = match staff_or_refuse() {
        Ok(m) => m,
        Err(a) => return Ok(a),
    };
    if !me.has(crate::auth::Duty::Observations) {
        return Ok(refuse(Access::Forbidden));
    }
    let snap = crate::backend::snapshot().await?;
    let lang = crate::prefs::Prefs::from_request().lang;
    Ok(Access::Granted(path_label(&snap.tree, &me.area_code, lang).unwrap_or_default()))
}
