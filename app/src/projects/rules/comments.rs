//! Deliberation on a project: what a comment may say, where it may go, and the
//! order a page shows them in (each comment followed by its replies).
use super::proposal::{Fault, FAULTS};
use crate::projects::model::{Comment, ProjectStatus, MAX_COMMENT, MAX_REASON};

fn find(code: &str) -> Fault {
    FAULTS.iter().copied().find(|f| f.code == code).unwrap_or(FAULTS[0])
}

fn text(s: &str, max: usize) -> Option<String> {
    let s = s.trim().replace("\r\n", "\n");
    let n = s.chars().count();
    let clean = s.chars().all(|c| !c.is_control() || c == '\n');
    ((2..=max).contains(&n) && clean).then_some(s)
}

/// Is the project open for comments (public and not yet decided by a vote)?
pub const fn open_for_comments(status: ProjectStatus) -> bool {
    matches!(status, ProjectStatus::Accepted | ProjectStatus::Council)
}

/// A comment's text: 2 to [`MAX_COMMENT`] characters, line breaks allowed.
pub fn read_comment(body: &str) -> Result<String, Fault> {
    text(body, MAX_COMMENT).ok_or(find("comment_body"))
}

/// The committee's public reason for hiding a comment.
pub fn read_hide_reason(reason: &str) -> Result<String, Fault> {
    text(reason, MAX_REASON).ok_or(find("hide_reason"))
}

/// What a reply's parent is: itself a reply or not, hidden or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parent {
    pub is_reply: bool,
    pub hidden: bool,
}

/// May a reply go under `parent` (found on the same project, or not)? Only under a
/// comment that is itself no reply (one level of replies) and is not hidden.
pub fn may_reply(parent: Option<Parent>) -> Result<(), Fault> {
    match parent {
        Some(Parent { is_reply: false, hidden: false }) => Ok(()),
        _ => Err(find("comment_parent")),
    }
}

/// Top-level comments in time order, each with its replies in time order (comments
/// of the same second keep the order they come in: the order they were stored).
pub fn threads(mut all: Vec<Comment>) -> Vec<(Comment, Vec<Comment>)> {
    all.sort_by_key(|c| c.at);
    let (tops, replies): (Vec<_>, Vec<_>) = all.into_iter().partition(|c| c.parent.is_none());
    tops.into_iter()
        .map(|t| {
            let mine =
                replies.iter().filter(|r| r.parent.as_deref() == Some(&t.id)).cloned().collect();
            (t, mine)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: &str, parent: Option<&str>, at: i64) -> Comment {
        Comment {
            id: id.into(),
            parent: parent.map(Into::into),
            body: Some("好".repeat(3)),
            at,
            by_proposer: false,
            mine: false,
            hidden: None,
            reports: 0,
            reported: false,
        }
    }

    #[test]
    fn comments_are_short_clean_text_and_replies_go_one_level_deep() {
        assert_eq!(
            read_comment("  支持！\r\n希望尽快落实。 "),
            Ok("支持！\n希望尽快落实。".into())
        );
        assert_eq!(read_comment("好").map_err(|f| f.code), Err("comment_body"));
        assert_eq!(
            read_comment(&"长".repeat(MAX_COMMENT + 1)).map_err(|f| f.code),
            Err("comment_body")
        );
        assert_eq!(read_comment("bell\u{7}").map_err(|f| f.code), Err("comment_body"));
        assert_eq!(read_hide_reason("").map_err(|f| f.code), Err("hide_reason"));
        let top = Parent { is_reply: false, hidden: false };
        assert_eq!(may_reply(Some(top)), Ok(()));
        let reply = Parent { is_reply: true, ..top };
        assert_eq!(may_reply(Some(reply)).map_err(|f| f.code), Err("comment_parent"));
        let hidden = Parent { hidden: true, ..top };
        assert_eq!(may_reply(Some(hidden)).map_err(|f| f.code), Err("comment_parent"));
        assert_eq!(may_reply(None).map_err(|f| f.code), Err("comment_parent"));
        assert!(
            open_for_comments(ProjectStatus::Accepted)
                && !open_for_comments(ProjectStatus::Rejected)
        );
    }

    #[test]
    fn threads_put_replies_under_their_comment_in_time_order() {
        let t = threads(vec![
            c("r2", Some("a"), 5),
            c("b", None, 2),
            c("a", None, 1),
            c("r1", Some("a"), 3),
        ]);
        let shape: Vec<(&str, Vec<&str>)> = t
            .iter()
            .map(|(c, r)| (c.id.as_str(), r.iter().map(|x| x.id.as_str()).collect()))
            .collect();
        assert_eq!(shape, vec![("a", vec!["r1", "r2"]), ("b", vec![])]);
    }
}
