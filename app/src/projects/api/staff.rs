//! The staff's loaders: the queue of the member's area, one project to review, the
//! city's lists.
use super::{ListsPage, StaffProjectPage, StaffProjects};
use crate::core::error::AppResult;
use leptos::prelude::*;

/// Every project past its draft in the member's area: those waiting for review first.
#[server(prefix = "/staff/rpc", endpoint = "projects")]
pub async fn load_staff_projects() -> AppResult<StaffProjects> {
    use super::shared::{item, projects};
    use crate::core::access::Duty;
    use crate::core::port::snapshot;
    use crate::projects::model::ProjectStatus;
    let me = crate::core::access::staff_viewer()?;
    let snap = snapshot().await?;
    let tree = &snap.tree;
    let lang = crate::core::prefs::request_lang();
    let mut waiting = Vec::new();
    let mut others = Vec::new();
    for p in projects()?.list().await? {
        if !tree.is_within(&p.community_code, &me.area_code) {
            continue;
        }
        match p.status {
            ProjectStatus::Submitted => waiting.push(item(&p, tree, lang)),
            ProjectStatus::Draft => {}
            _ => others.push(item(&p, tree, lang)),
        }
    }
    waiting.reverse(); // the oldest first: first come, first reviewed
    Ok(StaffProjects {
        waiting,
        others,
        reviews: me.has(Duty::ProjectReview),
        edits_lists: me.has(Duty::ProjectLists),
    })
}

/// A project in the member's area (never a draft: that is the author's alone).
#[server(prefix = "/staff/rpc", endpoint = "project")]
pub async fn load_staff_project(id: String) -> AppResult<StaffProjectPage> {
    use super::shared::projects;
    use crate::core::access::{require, Duty};
    use crate::core::error::AppError;
    use crate::core::port::snapshot;
    use crate::projects::model::{ListKind, ProjectStatus};
    let me = crate::core::access::staff_viewer()?;
    let snap = snapshot().await?;
    let tree = &snap.tree;
    let lang = crate::core::prefs::request_lang();
    let port = projects()?;
    let owned = port.project(&id).await?.ok_or(AppError::NotFound)?;
    let author = owned.author;
    let p = owned.project;
    require(tree.is_within(&p.community_code, &me.area_code))?;
    if p.status == ProjectStatus::Draft {
        return Err(AppError::NotFound);
    }
    let lists = port.lists().await?;
    let pick = |k: ListKind| lists.iter().filter(|e| e.list == k).cloned().collect::<Vec<_>>();
    let events = port.events(&id).await?;
    let comments = port
        .comments(&id)
        .await?
        .into_iter()
        .map(|c| super::shared::to_comment(c, None, &author, true, &[]))
        .collect();
    Ok(StaffProjectPage {
        community_label: tree.label(&p.community_code, lang),
        area_labels: super::shared::labels_of(&events, tree, lang),
        events,
        positive: pick(ListKind::Positive),
        negative: pick(ListKind::Negative),
        reviews: me.may(Duty::ProjectReview, &p.community_code, tree),
        rules: port.rules(),
        comments: crate::projects::rules::comments::threads(comments),
        project: p,
    })
}

/// The city's lists: every staff member reads them (committees review against them);
/// the city administrator edits them.
#[server(prefix = "/staff/rpc", endpoint = "project_lists")]
pub async fn load_project_lists() -> AppResult<ListsPage> {
    use super::shared::projects;
    use crate::core::access::Duty;
    use crate::projects::model::ListKind;
    let me = crate::core::access::staff_viewer()?;
    let lists = projects()?.lists().await?;
    let pick = |k: ListKind| lists.iter().filter(|e| e.list == k).cloned().collect::<Vec<_>>();
    Ok(ListsPage {
        positive: pick(ListKind::Positive),
        negative: pick(ListKind::Negative),
        editable: me.has(Duty::ProjectLists),
    })
}

/// A community's council: the projects on its agenda and its past meetings. The
/// community is the committee's own, or `community` for staff above it.
#[server(prefix = "/staff/rpc", endpoint = "council")]
pub async fn load_council(community: String) -> AppResult<super::CouncilPage> {
    use super::shared::{item, projects};
    use crate::core::access::{require, Duty, Role};
    use crate::core::areas::Level;
    use crate::core::error::AppError;
    use crate::core::port::snapshot;
    let me = crate::core::access::staff_viewer()?;
    let snap = snapshot().await?;
    let tree = &snap.tree;
    let lang = crate::core::prefs::request_lang();
    let community = if community.is_empty() && me.role == Role::Committee {
        me.area_code.clone()
    } else {
        community
    };
    let is_community = tree.get(&community).is_some_and(|a| a.level == Level::Community);
    if !is_community {
        return Err(AppError::NotFound);
    }
    require(tree.is_within(&community, &me.area_code))?;
    let port = projects()?;
    let agenda = port
        .list()
        .await?
        .iter()
        .filter(|p| p.community_code == community && p.status.on_agenda())
        .map(|p| item(p, tree, lang))
        .collect();
    Ok(super::CouncilPage {
        community_label: tree.label(&community, lang),
        agenda,
        meetings: port.meetings(&community).await?,
        records: me.may(Duty::ProjectReview, &community, tree),
        today: crate::core::time::china_date(crate::core::time::now()),
        community,
    })
}
