//! The residents' loaders: the 微实事 tab, a project's page, the proposal form and
//! "我的微实事".
use super::{MyProjects, ProjectFilter, ProjectPage, ProjectsPage, ProposalForm};
use crate::core::error::AppResult;
use leptos::prelude::*;

/// The public projects, filtered; by default those of the viewer's community (or
/// every community for a guest without one).
#[server(prefix = "/rpc", endpoint = "projects")]
pub async fn load_projects(filter: ProjectFilter) -> AppResult<ProjectsPage> {
    use super::shared::{item, projects};
    use super::Choice;
    use crate::core::access::use_viewer;
    use crate::core::areas::Level;
    use crate::core::port::snapshot;
    use crate::projects::model::{ProjectKind, ProjectStatus};
    let snap = snapshot().await?;
    let tree = &snap.tree;
    let lang = crate::core::prefs::request_lang();
    let port = projects()?;
    let viewer = use_viewer();
    let all: Vec<_> = port.list().await?.into_iter().filter(|p| p.status.is_public()).collect();
    let mut communities: Vec<Choice> = Vec::new();
    for p in &all {
        if !communities.iter().any(|c| c.code == p.community_code) {
            communities.push(Choice {
                code: p.community_code.clone(),
                label: tree.label(&p.community_code, lang),
            });
        }
    }
    communities.sort_by(|a, b| a.label.cmp(&b.label));
    // The default is the viewer's community: an explicit "all" is `community=all`.
    let home = viewer.resident.as_ref().and_then(|r| r.community.clone());
    let community = match filter.community.as_str() {
        "" => home.filter(|h| communities.iter().any(|c| &c.code == h)).unwrap_or_default(),
        "all" => String::new(),
        c if tree.get(c).is_some_and(|a| a.level == Level::Community) => c.to_string(),
        _ => String::new(),
    };
    let status = ProjectStatus::parse(&filter.status).filter(|s| s.is_public());
    let kind = ProjectKind::parse(&filter.kind);
    let q = filter.q.trim().chars().take(40).collect::<String>();
    let items = all
        .iter()
        .filter(|p| community.is_empty() || p.community_code == community)
        .filter(|p| status.is_none_or(|s| p.status == s))
        .filter(|p| kind.is_none_or(|k| p.kind == k))
        .filter(|p| q.is_empty() || p.title.contains(&q) || p.description.contains(&q))
        .map(|p| item(p, tree, lang))
        .collect();
    let filter = ProjectFilter {
        community,
        status: status.map(|s| s.as_str().to_string()).unwrap_or_default(),
        kind: kind.map(|k| k.as_str().to_string()).unwrap_or_default(),
        q,
    };
    let now = crate::core::time::now();
    let rounds = port
        .rounds((!filter.community.is_empty()).then_some(filter.community.as_str()))
        .await?
        .iter()
        .filter(|r| r.closes_at > now - 30 * 86_400)
        .map(|r| super::rounds::round_item(r, now))
        .collect();
    Ok(ProjectsPage {
        rounds,
        items,
        communities,
        filter,
        rules: port.rules(),
        signed_in: viewer.resident.is_some(),
    })
}

/// A project's page: public projects for everyone, the others for their author only.
#[server(prefix = "/rpc", endpoint = "project")]
pub async fn load_project(id: String) -> AppResult<ProjectPage> {
    use super::shared::{entry_label, projects};
    use super::{CommentState, SupportState};
    use crate::core::access::{use_viewer, Audience};
    use crate::core::error::AppError;
    use crate::core::port::snapshot;
    let snap = snapshot().await?;
    let lang = crate::core::prefs::request_lang();
    let port = projects()?;
    let me = use_viewer().resident;
    let owned = port.project(&id).await?.ok_or(AppError::NotFound)?;
    let is_author = me.as_ref().is_some_and(|m| m.id == owned.author);
    let owned_author = owned.author;
    let p = owned.project;
    if !p.status.is_public() && !is_author {
        return Err(AppError::NotFound);
    }
    let events: Vec<_> =
        port.events(&id).await?.into_iter().filter(|e| is_author || e.kind.is_public()).collect();
    let area_labels = super::shared::labels_of(&events, &snap.tree, lang);
    let audience = Audience { area: p.community_code.clone(), verified_only: true };
    let support = match &me {
        _ if p.status != crate::projects::model::ProjectStatus::Accepted => SupportState::Closed,
        None => SupportState::Guest,
        Some(_) if is_author => SupportState::Author,
        Some(m) => match m.may_take_part(&audience, &snap.tree) {
            Err(crate::core::access::NotEligible::OutsideArea) => SupportState::OtherCommunity,
            Err(why) => SupportState::NotEligible(why),
            Ok(()) if port.has_supported(&id, &m.id).await? => SupportState::Given,
            Ok(()) => SupportState::Open,
        },
    };
    let lists = port.lists().await?;
    let meetings = port
        .meetings(&p.community_code)
        .await?
        .into_iter()
        .filter(|m| m.outcomes.iter().any(|o| o.project == id))
        .collect();
    let viewer_id = me.as_ref().map(|m| m.id.as_str());
    let reported = match viewer_id {
        Some(v) => port.reported_by(&id, v).await?,
        None => Vec::new(),
    };
    let comments = port
        .comments(&id)
        .await?
        .into_iter()
        .map(|c| super::shared::to_comment(c, viewer_id, &owned_author, false, &reported))
        .collect();
    let commenting = match &me {
        _ if !crate::projects::rules::comments::open_for_comments(p.status) => CommentState::Closed,
        None => CommentState::Guest,
        Some(m) if !m.consented => CommentState::Consent,
        Some(_) => CommentState::Open,
    };
    Ok(ProjectPage {
        community_label: snap.tree.label(&p.community_code, lang),
        category_label: entry_label(&lists, p.category.as_deref(), lang),
        project: p,
        events,
        area_labels,
        is_author,
        support,
        rules: port.rules(),
        comments: crate::projects::rules::comments::threads(comments),
        commenting,
        meetings,
    })
}

/// The proposal form: new (`id` empty) or an existing draft of the viewer's.
#[server(prefix = "/rpc", endpoint = "proposal_form")]
pub async fn load_proposal_form(id: String) -> AppResult<ProposalForm> {
    use super::shared::projects;
    use super::Blocked;
    use crate::core::access::{use_viewer, Audience};
    use crate::core::port::snapshot;
    let snap = snapshot().await?;
    let lang = crate::core::prefs::request_lang();
    let port = projects()?;
    let rules = port.rules();
    let Some(me) = use_viewer().resident else {
        return Ok(ProposalForm {
            project: None,
            rules,
            community_label: None,
            blocked: Some(Blocked::Guest),
        });
    };
    let community_label = me.community.as_ref().map(|c| snap.tree.label(c, lang));
    let mut form = ProposalForm { project: None, rules, community_label, blocked: None };
    if !id.is_empty() {
        match port.project(&id).await? {
            Some(o) if o.author == me.id => {
                if !o.project.status.editable() {
                    form.blocked = Some(Blocked::NotEditable);
                }
                form.community_label = Some(snap.tree.label(&o.project.community_code, lang));
                form.project = Some(o.project);
            }
            _ => form.blocked = Some(Blocked::NotYours),
        }
        return Ok(form);
    }
    // A new proposal is for the resident's own community (no verification needed to
    // propose: the committee reviews every proposal).
    let area = me.community.clone().unwrap_or_default();
    let audience = Audience { area, verified_only: false };
    if let Err(why) = me.may_take_part(&audience, &snap.tree) {
        form.blocked = Some(Blocked::NotEligible(why));
    }
    Ok(form)
}

/// The signed-in resident's proposals and supports (`None` for a guest).
#[server(prefix = "/rpc", endpoint = "my_projects")]
pub async fn load_my_projects() -> AppResult<Option<MyProjects>> {
    use super::shared::{item, projects};
    use crate::core::port::snapshot;
    let Some(me) = crate::core::access::use_viewer().resident else { return Ok(None) };
    let snap = snapshot().await?;
    let lang = crate::core::prefs::request_lang();
    let port = projects()?;
    let proposals =
        port.by_author(&me.id).await?.iter().map(|p| item(p, &snap.tree, lang)).collect();
    let ids = port.supported_by(&me.id).await?;
    let supported = port
        .list()
        .await?
        .iter()
        .filter(|p| ids.contains(&p.id) && p.status.is_public())
        .map(|p| item(p, &snap.tree, lang))
        .collect();
    Ok(Some(MyProjects { proposals, supported }))
}
