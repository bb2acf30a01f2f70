//! One person, one voice, for every activity that counts people (a survey, a
//! proposal's supports; later a budget round's and a vote's ballots).
//!
//! A person is known by their identities: the keyed hashes of their phone number and
//! of their WeChat openid. Taking part leaves a *mark* per identity:
//! HMAC(server key, activity, identity). A mark names no account, so deleting the
//! account, signing in again, or joining two accounts does not make a new person;
//! joining identities (linking a phone to a WeChat account) marks the new identity
//! wherever the account has taken part. Marks live until the activity closes and are
//! purged then. Without the server key a dump cannot tell whose a mark is, and a mark
//! never says which answer or ballot was theirs.
pub mod store;

use crate::crypto::{Purpose, ServerKey};

/// An activity people take part in once.
#[derive(Clone, Copy, Debug)]
pub enum Activity<'a> {
    Survey(&'a str),
    /// Supporting (附议) a 民生微实事 proposal.
    Project(&'a str),
    /// A ballot in a 民生微实事 budget round.
    Round(&'a str),
}

impl Activity<'_> {
    /// The activity's key in `participation_marks`.
    pub fn key(&self) -> String {
        match self {
            Activity::Survey(id) => format!("survey:{id}"),
            Activity::Project(id) => format!("project:{id}"),
            Activity::Round(id) => format!("round:{id}"),
        }
    }
}

/// The marks of a person's identities in an activity.
pub fn marks(key: &ServerKey, activity: Activity<'_>, identities: &[String]) -> Vec<String> {
    let a = activity.key();
    identities.iter().map(|i| key.hash(Purpose::Mark, &format!("{a}\0{i}"))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_differ_by_activity_and_identity_and_hide_both() {
        let key = ServerKey::from_hex(&"11".repeat(32)).unwrap();
        let ids = vec!["phone-hash".to_string(), "openid-hash".to_string()];
        let a = marks(&key, Activity::Survey("s1"), &ids);
        let b = marks(&key, Activity::Survey("s2"), &ids);
        assert_eq!(a.len(), 2);
        assert_ne!(a[0], a[1]);
        assert_ne!(a[0], b[0], "the same person's marks cannot be followed across surveys");
        assert!(a.iter().all(|m| !m.contains("phone-hash") && m.len() == 64));
        let other_key = ServerKey::from_hex(&"22".repeat(32)).unwrap();
        assert_ne!(a, marks(&other_key, Activity::Survey("s1"), &ids));
    }
}
