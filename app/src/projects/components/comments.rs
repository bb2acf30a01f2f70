//! A project's deliberation: comments with one level of replies, each as plain form
//! posts. Residents read who wrote what only as "提议居民" or "我"; a hidden comment
//! shows the committee's public reason in its place (its author still reads it).
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::encode_query;
use crate::core::time::china_time;
use crate::projects::api::{CommentState, Threads};
use crate::projects::model::{Comment, MAX_COMMENT, MAX_REASON};
use leptos::prelude::*;

/// How a comment is signed: the proposer, the viewer, or a resident.
fn who(lang: Lang, c: &Comment) -> String {
    let mut parts = vec![lang
        .t(if c.mine {
            Msg::ProjectCommentMine
        } else if c.by_proposer {
            Msg::ProjectActorAuthor
        } else {
            Msg::ProjectCommentResident
        })
        .to_string()];
    parts.push(china_time(c.at));
    parts.join(" · ")
}

/// The comment form (a reply when `parent` is given).
fn form(lang: Lang, project: &str, parent: Option<&str>) -> impl IntoView {
    let id = format!("comment-{}", parent.unwrap_or("new"));
    let label = lang.t(if parent.is_some() {
        Msg::ProjectCommentReplyLabel
    } else {
        Msg::ProjectCommentLabel
    });
    view! {
        <form class="form comment-form" method="post" action=format!("/projects/{project}/comments")>
            {parent.map(|p| view! { <input type="hidden" name="parent" value=p.to_string()/> })}
            <div class="form-field">
                <label for=id.clone()>{label}</label>
                <textarea id=id name="body" rows="3" required minlength="2" maxlength=MAX_COMMENT.to_string()></textarea>
            </div>
            <button type="submit" class="button button-secondary">{lang.t(Msg::ProjectCommentSend)}</button>
        </form>
    }
}

/// One comment: its text (or why it was hidden), who and when, and what the viewer may do.
fn item(lang: Lang, project: &str, c: &Comment, staff: bool, can_act: bool) -> impl IntoView {
    let hidden = c.hidden.clone().map(|r| lang.fmt(Msg::ProjectCommentHidden, &[("reason", &r)]));
    let report = (can_act && !c.mine && c.hidden.is_none()).then(|| {
        if c.reported {
            view! { <p class="hint">{lang.t(Msg::ProjectCommentReported)}</p> }.into_any()
        } else {
            view! {
                <form method="post" action=format!("/projects/{project}/comments/{}/report", c.id)>
                    <button type="submit" class="link-button">{lang.t(Msg::ProjectCommentReport)}</button>
                </form>
            }
            .into_any()
        }
    });
    let hide = (staff && c.hidden.is_none()).then(|| {
        let fid = format!("hide-{}", c.id);
        view! {
            <details class="reject">
                <summary class="button button-secondary">{lang.t(Msg::StaffCommentHide)}</summary>
                <form class="form" method="post" action=format!("/staff/projects/{project}/comments/{}/hide", c.id)>
                    <div class="form-field">
                        <label for=fid.clone()>{lang.t(Msg::StaffCommentHideReason)}</label>
                        <textarea id=fid name="reason" rows="2" required minlength="2" maxlength=MAX_REASON.to_string()></textarea>
                    </div>
                    <button type="submit" class="button">{lang.t(Msg::StaffCommentHideSend)}</button>
                </form>
            </details>
        }
    });
    view! {
        <p class="comment-who hint">{who(lang, c)}
            {(staff && c.reports > 0).then(|| view! { " · "<span class="badge badge-soon">{lang.fmt(Msg::StaffCommentReports, &[("n", &c.reports.to_string())])}</span> })}
        </p>
        {hidden.map(|h| view! { <p class="comment-hidden">{h}</p> })}
        {c.body.clone().map(|b| view! { <p class="prose comment-body">{b}</p> })}
        {report}
        {hide}
    }
}

/// The comments section of a project page (residents) or of the review page (staff).
#[component]
pub fn Comments(
    lang: Lang,
    project: String,
    threads: Threads,
    state: CommentState,
    #[prop(optional)] staff: bool,
) -> impl IntoView {
    let can_act = state == CommentState::Open;
    let n: usize = threads.iter().map(|(_, r)| 1 + r.len()).sum();
    let list = threads
        .into_iter()
        .map(|(top, replies)| {
            let reply_form = (can_act && top.hidden.is_none()).then(|| view! {
                <details class="reply">
                    <summary>{lang.t(Msg::ProjectCommentReply)}</summary>
                    {form(lang, &project, Some(&top.id))}
                </details>
            });
            let replies = replies
                .iter()
                .map(|r| view! { <li class="comment comment-reply">{item(lang, &project, r, staff, can_act)}</li> })
                .collect_view();
            view! {
                <li class="comment">
                    {item(lang, &project, &top, staff, can_act)}
                    <ul class="comment-replies">{replies}</ul>
                    {reply_form}
                </li>
            }
        })
        .collect_view();
    let here = encode_query(&format!("/projects/{project}#comments"));
    let footer = match state {
        CommentState::Open => form(lang, &project, None).into_any(),
        CommentState::Guest => view! {
            <p>{lang.t(Msg::ProjectCommentGuest)}" "<a href=format!("/signin?next={here}")>{lang.t(Msg::SigninTitle)}</a></p>
        }
        .into_any(),
        CommentState::Consent => view! {
            <p><a href=format!("/me/consent?next={here}")>{lang.t(Msg::ProjectCommentConsent)}</a></p>
        }
        .into_any(),
        CommentState::Closed => (!staff).then(|| view! { <p class="hint">{lang.t(Msg::ProjectCommentClosed)}</p> }).into_any(),
    };
    view! {
        <section class="card" id="comments" aria-labelledby="comments-h">
            <h2 id="comments-h">{lang.fmt(Msg::ProjectCommentsTitle, &[("n", &n.to_string())])}</h2>
            {(n == 0).then(|| view! { <p class="hint">{lang.t(Msg::ProjectCommentsNone)}</p> })}
            <ul class="comments">{list}</ul>
            {footer}
        </section>
    }
}
