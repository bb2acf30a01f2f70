//! Residents' identities: signing in by a proven phone number or openid (never
//! joining two), linking an identity on the resident's explicit request (joining
//! accounts proven to be one person's), and the identities of an account.
use super::sessions::{insert_session, SessionKind};
use crate::accounts::records::ResidentRecords;
use crate::db::{Db, StoreError, Tx};
use app::core::time::now;
use sqlx::{Row, Sqlite};
use std::sync::Arc;

/// A resident identity proven by a code or by WeChat.
#[derive(Clone, Debug)]
pub enum Proof {
    Phone { hash: String, tail: String },
    OpenId { hash: String },
}

impl Proof {
    /// The column that holds this kind of identity, and the identity.
    fn column(&self) -> (&'static str, &String) {
        match self {
            Proof::Phone { hash, .. } => ("phone_hash", hash),
            Proof::OpenId { hash } => ("openid_hash", hash),
        }
    }
}

/// Signs a resident in with a proven phone number or openid and opens a session
/// (`token_hash`): the account that identity belongs to, or a new one. A sign-in never
/// joins identities (that is [`link`], asked for on 我的). The session this browser
/// held before (`previous`, whoever's it was) ends first: one device, one person.
pub async fn sign_in(
    db: &Db,
    proof: &Proof,
    previous: Option<&str>,
    token_hash: &str,
    ttl_secs: i64,
) -> Result<String, StoreError> {
    let mut tx = db.begin_write().await?;
    if let Some(previous) = previous {
        sqlx::query("DELETE FROM sessions WHERE token_hash = ? AND kind = ?")
            .bind(previous)
            .bind(SessionKind::Resident.as_str())
            .execute(&mut *tx)
            .await?;
    }
    let id = match owner(&mut tx, proof).await? {
        Some(owner) => owner,
        None => {
            let id = crate::crypto::random_id();
            sqlx::query("INSERT INTO residents (id, created_at) VALUES (?, ?)")
                .bind(&id)
                .bind(now())
                .execute(&mut *tx)
                .await?;
            attach(&mut tx, &id, proof).await?;
            id
        }
    };
    insert_session(&mut tx, SessionKind::Resident, &id, token_hash, ttl_secs).await?;
    tx.commit().await?;
    Ok(id)
}

/// The account a proven identity belongs to.
async fn owner(tx: &mut Tx, proof: &Proof) -> Result<Option<String>, StoreError> {
    let (column, hash) = proof.column();
    Ok(sqlx::query_scalar(&format!("SELECT id FROM residents WHERE {column} = ?"))
        .bind(hash)
        .fetch_optional(&mut **tx)
        .await?)
}

/// What linking an identity to the signed-in account did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Linked {
    /// The identity is now the account's (or already was); `into` is the account the
    /// resident is signed in to now (another one, when the identity had its own
    /// account and the two were joined).
    Yes { into: String },
    /// The account already has another identity of that kind.
    AlreadyHas,
    /// The identity's own account has a different identity of the other kind: two
    /// people's accounts, never joined.
    Conflict,
}

/// Links a proven identity to account `current` on the resident's explicit request
/// (a code sent to the phone being linked, or WeChat's own sign-in). When the
/// identity already has an account, `current` is folded into it (both are proven to
/// be the same person's) and its sessions move over. Every feature's records hear of
/// the joined identities (`ResidentRecords::joined`), in the same transaction.
pub async fn link(
    db: &Db,
    records: &[Arc<dyn ResidentRecords>],
    current: &str,
    proof: &Proof,
) -> Result<Linked, StoreError> {
    let mut tx = db.begin_write().await?;
    let (column, hash) = proof.column();
    let other = match proof {
        Proof::Phone { .. } => "openid_hash",
        Proof::OpenId { .. } => "phone_hash",
    };
    let mine: Option<(Option<String>, Option<String>)> =
        sqlx::query_as(&format!("SELECT {column}, {other} FROM residents WHERE id = ?"))
            .bind(current)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((my_same, my_other)) = mine else { return Ok(Linked::Conflict) };
    if my_same.as_deref() == Some(hash.as_str()) {
        return Ok(Linked::Yes { into: current.to_string() });
    }
    if my_same.is_some() {
        return Ok(Linked::AlreadyHas);
    }
    let into = match owner(&mut tx, proof).await? {
        None => {
            attach(&mut tx, current, proof).await?;
            current.to_string()
        }
        Some(owner) => {
            let theirs: Option<String> =
                sqlx::query_scalar(&format!("SELECT {other} FROM residents WHERE id = ?"))
                    .bind(&owner)
                    .fetch_one(&mut *tx)
                    .await?;
            if theirs.is_some() && my_other.is_some() && theirs != my_other {
                return Ok(Linked::Conflict);
            }
            merge(&mut tx, current, &owner).await?;
            for r in records {
                r.merge(&mut tx, current, &owner).await?;
            }
            owner
        }
    };
    let ids = identities(&mut *tx, &into).await?;
    for r in records {
        r.joined(&mut tx, &into, &ids).await?;
    }
    tx.commit().await?;
    Ok(Linked::Yes { into })
}

/// The keyed hashes of an account's identities (phone, openid), from the pool or
/// inside a transaction.
pub async fn identities<'e, E: sqlx::Executor<'e, Database = Sqlite>>(
    exec: E,
    id: &str,
) -> Result<Vec<String>, StoreError> {
    let row: Option<(Option<String>, Option<String>)> =
        sqlx::query_as("SELECT phone_hash, openid_hash FROM residents WHERE id = ?")
            .bind(id)
            .fetch_optional(exec)
            .await?;
    Ok(row.map(|(p, o)| p.into_iter().chain(o).collect()).unwrap_or_default())
}

/// Attaches a proven phone or openid to an account.
async fn attach(tx: &mut Tx, id: &str, proof: &Proof) -> Result<(), StoreError> {
    match proof {
        Proof::Phone { hash, tail } => {
            sqlx::query("UPDATE residents SET phone_hash = ?, phone_tail = ? WHERE id = ?")
                .bind(hash)
                .bind(tail)
                .bind(id)
                .execute(&mut **tx)
                .await?;
        }
        Proof::OpenId { hash } => {
            sqlx::query("UPDATE residents SET openid_hash = ? WHERE id = ?")
                .bind(hash)
                .bind(id)
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(())
}

/// Folds account `from` into account `into`: `into` keeps what it has and gains what
/// only `from` had (the other sign-in method, community, verification, consent);
/// `from`'s sessions move over and `from` is deleted. Every table that refers to a
/// resident must be carried over here.
async fn merge(tx: &mut Tx, from: &str, into: &str) -> Result<(), StoreError> {
    let row = sqlx::query(
        "SELECT phone_hash, phone_tail, openid_hash, community_code, verification, verified_by, verified_at, \
         claim_name, claim_address, consent_version, consent_at FROM residents WHERE id = ?",
    )
    .bind(from)
    .fetch_one(&mut **tx)
    .await?;
    sqlx::query("UPDATE residents SET phone_hash = NULL, openid_hash = NULL WHERE id = ?")
        .bind(from)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "UPDATE residents SET \
           phone_hash = COALESCE(phone_hash, ?), phone_tail = COALESCE(phone_tail, ?), openid_hash = COALESCE(openid_hash, ?), \
           consent_version = COALESCE(consent_version, ?), consent_at = COALESCE(consent_at, ?) WHERE id = ?",
    )
    .bind(row.try_get::<Option<String>, _>("phone_hash")?)
    .bind(row.try_get::<Option<String>, _>("phone_tail")?)
    .bind(row.try_get::<Option<String>, _>("openid_hash")?)
    .bind(row.try_get::<Option<String>, _>("consent_version")?)
    .bind(row.try_get::<Option<i64>, _>("consent_at")?)
    .bind(into)
    .execute(&mut **tx)
    .await?;
    // The community choice and its verification travel together.
    sqlx::query(
        "UPDATE residents SET community_code = ?, verification = ?, verified_by = ?, verified_at = ?, claim_name = ?, claim_address = ? \
         WHERE id = ? AND community_code IS NULL",
    )
    .bind(row.try_get::<Option<String>, _>("community_code")?)
    .bind(row.try_get::<String, _>("verification")?)
    .bind(row.try_get::<Option<String>, _>("verified_by")?)
    .bind(row.try_get::<Option<i64>, _>("verified_at")?)
    .bind(row.try_get::<Option<String>, _>("claim_name")?)
    .bind(row.try_get::<Option<String>, _>("claim_address")?)
    .bind(into)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE sessions SET subject_id = ? WHERE kind = ? AND subject_id = ?")
        .bind(into)
        .bind(SessionKind::Resident.as_str())
        .bind(from)
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM residents WHERE id = ?").bind(from).execute(&mut **tx).await?;
    Ok(())
}
