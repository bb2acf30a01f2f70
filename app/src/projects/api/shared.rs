//! What 民生微实事's loaders share on the server.
use super::ProjectItem;
use crate::core::areas::AreaTree;
use crate::core::error::AppError;
use crate::core::i18n::Lang;
use crate::core::port::port;
use crate::projects::model::{Actor, Event, ListEntry, Project};
use crate::projects::port::ProjectPort;
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
