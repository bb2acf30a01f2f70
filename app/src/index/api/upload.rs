//! `/staff/observations`: the page from which staff upload index observations.
use crate::core::error::AppResult;
use leptos::prelude::*;

/// The observations upload page: the label of the area the member may upload for.
#[server(prefix = "/staff/rpc", endpoint = "observations")]
pub async fn load_observations_page() -> AppResult<String> {
    use crate::core::access::{require, staff_viewer, Duty};
    let me = staff_viewer()?;
    require(me.has(Duty::Observations))?;
    let snap = crate::core::port::snapshot().await?;
    let lang = crate::core::prefs::request_lang();
    Ok(snap.tree.path_label(&me.area_code, lang).unwrap_or_default())
}
