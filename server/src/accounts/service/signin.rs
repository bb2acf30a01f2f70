//! Signing in and out: residents by SMS code or WeChat (staff: `staff_security`).
use super::Identity;
use crate::accounts::error::AccountError;
use crate::accounts::store::codes::{self, OtpLimits};
pub use crate::accounts::store::codes::{OtpFailure, OtpRefusal};
use crate::accounts::store::identities;
pub use crate::accounts::store::identities::{Linked, Proof};
use crate::accounts::store::residents;
use crate::accounts::store::sessions;
pub use crate::accounts::store::sessions::SessionKind;
use crate::crypto::{self, Purpose};
use crate::db::Db;
use app::core::access::{Viewer, CONSENT_VERSION};
use app::core::i18n::Lang;
use app::core::ids::Phone;

/// The outcome of asking for a sign-in code.
pub enum CodeSent {
    /// Sent; the challenge's id goes into the browser's cookie.
    Sent {
        challenge: String,
    },
    Refused(OtpRefusal),
    /// The SMS gateway failed; nothing counts against the limits.
    NotSent,
}

pub async fn send_code(
    db: &Db,
    id: &Identity,
    phone: &Phone,
    client: &str,
    lang: Lang,
) -> Result<CodeSent, AccountError> {
    let challenge = crypto::random_id();
    let code = crypto::random_code();
    let code_hash = id.key.hash(Purpose::Code, &format!("{challenge}:{code}"));
    let phone_hash = id.key.hash(Purpose::Phone, phone.digits());
    let client_hash = id.key.hash(Purpose::Client, client);
    let limits = OtpLimits {
        ttl_secs: id.limits.code_ttl_secs,
        resend_secs: id.limits.resend_secs,
        per_phone_hour: id.limits.codes_per_phone_hour,
        per_client_hour: id.limits.codes_per_client_hour,
    };
    let issued =
        codes::issue(db, &challenge, (&phone_hash, phone.tail()), &client_hash, &code_hash, limits)
            .await?;
    if let Err(refusal) = issued {
        return Ok(CodeSent::Refused(refusal));
    }
    if let Err(e) = id.sms.send(phone.digits(), &code, lang).await {
        tracing::error!(error = %e, "sign-in code not sent");
        // The resident hears the code was not sent either way; an unsent code left
        // behind only counts towards the resend pause.
        if let Err(e) = codes::withdraw(db, &challenge).await {
            tracing::warn!(error = %e, "unsent sign-in code not withdrawn");
        }
        return Ok(CodeSent::NotSent);
    }
    Ok(CodeSent::Sent { challenge })
}

/// Checks a code against its challenge; on success the phone is proven.
pub async fn check_code(
    db: &Db,
    id: &Identity,
    challenge: &str,
    code: &str,
) -> Result<Result<Proof, OtpFailure>, AccountError> {
    let expected = id.key.hash(Purpose::Code, &format!("{challenge}:{code}"));
    let checked = codes::check(
        db,
        challenge,
        |stored| crypto::same(stored, &expected),
        id.limits.code_attempts,
    )
    .await?;
    Ok(checked.map(|p| Proof::Phone { hash: p.phone_hash, tail: p.tail }))
}

/// A resident's new session.
pub struct SignedIn {
    pub token: String,
    /// Has accepted the consent notice in force (else it is the next page).
    pub consented: bool,
}

/// Signs a resident in with a proof and opens a session, ending the session this
/// browser held before (`previous`, a token hash): whoever was signed in here is
/// signed out first, and nothing of theirs passes to the newcomer.
pub async fn sign_in(
    db: &Db,
    id: &Identity,
    proof: &Proof,
    previous: Option<&str>,
) -> Result<SignedIn, AccountError> {
    let (token, hash) = crypto::new_token();
    let ttl = id.limits.resident_session_days * 86_400;
    let resident = identities::sign_in(db, proof, previous, &hash, ttl).await?;
    // The session exists by now: a failed read only means the consent page comes next.
    let consent = match residents::data(db, &resident).await {
        Ok(data) => data.and_then(|d| d.consent_version),
        Err(e) => {
            tracing::warn!(error = %e, "consent not read after sign-in");
            None
        }
    };
    Ok(SignedIn { token, consented: consent.as_deref() == Some(CONSENT_VERSION) })
}

/// Ends one session.
pub async fn sign_out(db: &Db, token_hash: Option<String>) -> Result<(), AccountError> {
    if let Some(hash) = token_hash {
        sessions::end(db, &hash).await?;
    }
    Ok(())
}

/// Ends every session of a resident or staff member (all their devices).
pub async fn sign_out_everywhere(db: &Db, kind: SessionKind, id: &str) -> Result<(), AccountError> {
    sessions::end_all(db, kind, id).await?;
    Ok(())
}

/// Who holds these session tokens (hashes): the request's resident and staff member.
pub async fn viewer(
    db: &Db,
    id: &Identity,
    resident_token: Option<&str>,
    staff_token: Option<&str>,
) -> Result<Viewer, AccountError> {
    let idle = id.limits.staff_idle_minutes * 60;
    let (viewer, last_seen) = sessions::viewer(db, resident_token, staff_token, idle).await?;
    // A staff session's last use, kept to the minute, off the request's path: a page
    // never waits for the writer to be read.
    if let (Some(seen), Some(hash)) = (last_seen, staff_token) {
        if seen < app::core::time::now() - 60 {
            let (db, hash) = (db.clone(), hash.to_string());
            tokio::spawn(async move {
                if let Err(e) = sessions::touch(&db, &hash).await {
                    tracing::warn!(error = %e, "recording a staff session's last use failed");
                }
            });
        }
    }
    Ok(viewer)
}

/// Links a proven identity to the signed-in resident's account, on their request.
pub async fn link(
    db: &Db,
    id: &Identity,
    resident: &str,
    proof: &Proof,
) -> Result<Linked, AccountError> {
    Ok(identities::link(db, &id.records, resident, proof).await?)
}

/// The keyed hashes of a resident's identities, for a page's read.
pub async fn identities_of(db: &Db, resident: &str) -> Result<Vec<String>, crate::db::StoreError> {
    identities::identities(db.reader(), resident).await
}

/// The keyed hashes of a resident's identities, read inside a transaction (another
/// feature's, which must see them as they are when it commits).
pub async fn identities_in(
    tx: &mut crate::db::Tx,
    resident: &str,
) -> Result<Vec<String>, crate::db::StoreError> {
    identities::identities(&mut **tx, resident).await
}
