//! The few cryptographic operations the server needs, each from a RustCrypto crate:
//! keyed hashes (HMAC-SHA256) for phone numbers, openids, client addresses and
//! one-time codes; random tokens; argon2id password hashes.
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use hmac::{Hmac, Mac};
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};
use std::path::Path;

/// The server secret: keys every stored hash, so that a copy of the database alone
/// cannot be searched for a phone number.
#[derive(Clone)]
pub struct ServerKey([u8; 32]);

impl std::fmt::Debug for ServerKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ServerKey(…)")
    }
}

/// What a keyed hash is of; the purpose is part of the hashed input, so equal
/// strings of different kinds never share a hash.
#[derive(Clone, Copy, Debug)]
pub enum Purpose {
    Phone,
    OpenId,
    Client,
    Code,
    /// A person's mark in an activity (`participation`).
    Mark,
    /// The key stream sealing a staff member's TOTP secret.
    Totp,
}

impl Purpose {
    fn tag(self) -> &'static [u8] {
        match self {
            Purpose::Phone => b"phone\0",
            Purpose::OpenId => b"openid\0",
            Purpose::Client => b"client\0",
            Purpose::Code => b"code\0",
            Purpose::Mark => b"mark\0",
            Purpose::Totp => b"totp\0",
        }
    }
}

impl ServerKey {
    /// The configured secret (64 hex digits), or the one kept in `data_dir/secret.key`,
    /// created with mode 0600 on first start.
    pub fn load(configured: Option<&str>, data_dir: &Path) -> anyhow::Result<ServerKey> {
        if let Some(hex_key) = configured {
            return ServerKey::from_hex(hex_key.trim())
                .ok_or_else(|| anyhow::anyhow!("secret_key must be 64 hexadecimal digits"));
        }
        let path = data_dir.join("secret.key");
        if let Ok(text) = std::fs::read_to_string(&path) {
            return ServerKey::from_hex(text.trim())
                .ok_or_else(|| anyhow::anyhow!("{} is not 64 hexadecimal digits", path.display()));
        }
        std::fs::create_dir_all(data_dir)?;
        let mut key = [0u8; 32];
        OsRng.fill_bytes(&mut key);
        let text = hex::encode(key);
        write_private(&path, &text)?;
        tracing::info!(path = %path.display(), "server secret created");
        Ok(ServerKey(key))
    }

    pub fn from_hex(s: &str) -> Option<ServerKey> {
        let bytes = hex::decode(s).ok()?;
        Some(ServerKey(bytes.try_into().ok()?))
    }

    /// HMAC-SHA256 of `value` for `purpose`, as hex.
    pub fn hash(&self, purpose: Purpose, value: &str) -> String {
        hex::encode(self.mac(purpose, value))
    }

    /// HMAC-SHA256 of `value` for `purpose`, as bytes (a key stream, for sealing).
    pub fn mac(&self, purpose: Purpose, value: &str) -> [u8; 32] {
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(purpose.tag());
        mac.update(value.as_bytes());
        mac.finalize().into_bytes().into()
    }
}

/// Shuffles `items` uniformly (Fisher–Yates over the OS's random numbers), so that
/// their order says nothing about how they were stored.
pub fn shuffle<T>(items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = (OsRng.next_u64() % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}

/// A random identifier or token: 32 bytes, URL-safe.
pub fn random_token() -> String {
    let mut b = [0u8; 32];
    OsRng.fill_bytes(&mut b);
    hex::encode(b)
}

/// `N` random bytes from the operating system.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    OsRng.fill_bytes(&mut b);
    b
}

/// A shorter random id for rows (16 bytes).
pub fn random_id() -> String {
    let mut b = [0u8; 16];
    OsRng.fill_bytes(&mut b);
    hex::encode(b)
}

/// A six-digit one-time code, uniform over 000000–999999.
pub fn random_code() -> String {
    loop {
        let n = OsRng.next_u32();
        // Reject the top sliver so that every code is equally likely.
        if n < u32::MAX - (u32::MAX % 1_000_000) {
            return format!("{:06}", n % 1_000_000);
        }
    }
}

/// A new session token and the hash to store for it.
pub fn new_token() -> (String, String) {
    let token = random_token();
    let hash = token_hash(&token);
    (token, hash)
}

/// The stored form of a session token (the cookie holds the token itself).
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Compares two strings in time independent of where they differ.
pub fn same(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// An argon2id hash (PHC string) of a password.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing password: {e}"))
}

pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
        .unwrap_or(false)
}

/// A hash to verify against when the username is unknown, so that both answers
/// take as long.
pub fn dummy_password_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password("not a password of anyone").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyed_hashes_depend_on_key_and_purpose() {
        let a = ServerKey([1; 32]);
        let b = ServerKey([2; 32]);
        assert_eq!(a.hash(Purpose::Phone, "13800138000"), a.hash(Purpose::Phone, "13800138000"));
        assert_ne!(a.hash(Purpose::Phone, "13800138000"), b.hash(Purpose::Phone, "13800138000"));
        assert_ne!(a.hash(Purpose::Phone, "13800138000"), a.hash(Purpose::OpenId, "13800138000"));
        assert!(!a.hash(Purpose::Phone, "13800138000").contains("13800138000"));
    }

    #[test]
    fn the_secret_is_created_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let s1 = ServerKey::load(None, dir.path()).unwrap();
        let s2 = ServerKey::load(None, dir.path()).unwrap();
        assert_eq!(s1.hash(Purpose::Phone, "x"), s2.hash(Purpose::Phone, "x"));
        assert!(ServerKey::load(Some("abc"), dir.path()).is_err());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode =
                std::fs::metadata(dir.path().join("secret.key")).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn codes_are_six_digits_and_vary() {
        let codes: std::collections::HashSet<String> = (0..200).map(|_| random_code()).collect();
        assert!(codes.iter().all(|c| c.len() == 6 && c.bytes().all(|b| b.is_ascii_digit())));
        assert!(codes.len() > 190);
    }

    #[test]
    fn passwords_verify_only_themselves() {
        let h = hash_password("correct horse").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("correct horse", &h));
        assert!(!verify_password("correct hors", &h));
        assert!(!verify_password("x", "not a phc string"));
        assert!(same("abc", "abc") && !same("abc", "abd") && !same("abc", "abcd"));
    }
}
