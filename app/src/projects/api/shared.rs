//! What 民生微实事's loaders share on the server.
use super::ProjectItem;
use crate::core::areas::AreaTree;
use crate::core::error::AppError;
use crate::core::i18n::Lang;
use crate::core::port::port;
use crate::projects::model::Comment;
use crate::projects::model::{Actor, Event, ListEntry, Project};
use crate::projects::port::{ProjectPort, StoredComment};
use std::sync::Arc;

pub fn projects() -> Result<Arc<dyn ProjectPort>, AppError> {
    port::<dyn ProjectPort>()
}

pub fn item(p: &Project, tree: &AreaTree, lang: Lang) -> ProjectItem {
    ProjectItem {
        id: p.id.clone(),
        title: p.title.clone(),
        kind: p.kind,
        cost: p.cost,
        status: p.status,
        community_label: tree.label(&p.community_code, lang),
        supports: p.supports,
        photo: p.photos.first().cloned(),
        updated_at: p.updated_at,
    }
}

/// The label of a list entry by id, in `lang`.
pub fn entry_label(lists: &[ListEntry], id: Option<&str>, lang: Lang) -> Option<String> {
    let id = id?;
    lists.iter().find(|e| e.id == id).map(|e| e.label(lang).to_string())
}

/// The labels of the areas the staff steps of `events` name.
pub fn labels_of(events: &[Event], tree: &AreaTree, lang: Lang) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for e in events {
        if let Actor::Staff { area, .. } = &e.actor {
            if !out.iter().any(|(c, _)| c == area) {
                out.push((area.clone(), tree.label(area, lang)));
            }
        }
    }
    out
}

/// A stored comment as `viewer` sees it: its text unless hidden (its own author still
/// reads it), whether it is the proposer's or the viewer's, and, for staff, the reports.
pub fn to_comment(
    c: StoredComment,
    viewer: Option<&str>,
    proposer: &str,
    staff: bool,
    reported: &[String],
) -> Comment {
    let mine = viewer.is_some_and(|v| v == c.author);
    let shown = c.hidden.is_none() || mine || staff;
    Comment {
        reported: reported.contains(&c.id),
        id: c.id,
        parent: c.parent,
        body: shown.then_some(c.body),
        at: c.at,
        by_proposer: !proposer.is_empty() && c.author == proposer,
        mine,
        hidden: c.hidden,
        reports: if staff { c.reports } else { 0 },
    }
}
