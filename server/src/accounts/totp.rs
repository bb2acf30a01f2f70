//! Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), the
//! second factor staff may turn on and the city administrator must. The secret is shown
//! once as base32 and as an `otpauth://` QR code for an authenticator app, and stored
//! sealed with the server key, so that a copy of the database alone does not hold it.
use crate::crypto::{random_bytes, Purpose, ServerKey};
use hmac::{Hmac, Mac};
use sha1::Sha1;

pub const STEP: i64 = 30;
const SECRET_LEN: usize = 20;

/// A new random secret.
pub fn new_secret() -> [u8; SECRET_LEN] {
    random_bytes()
}

/// The code for time step `step` (Unix seconds / 30).
pub fn code(secret: &[u8], step: i64) -> u32 {
    let mut mac = <Hmac<Sha1> as Mac>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(&step.to_be_bytes());
    let h = mac.finalize().into_bytes();
    let at = (h[19] & 0x0f) as usize;
    let bin = u32::from_be_bytes([h[at] & 0x7f, h[at + 1], h[at + 2], h[at + 3]]);
    bin % 1_000_000
}

/// The step a typed code belongs to, if it is the code of the current step or of one
/// step either side (clocks drift) and later than `last_used` (a code works once).
pub fn verify(secret: &[u8], typed: &str, now: i64, last_used: i64) -> Option<i64> {
    let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if typed.len() != 6 || !typed.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let current = now.div_euclid(STEP);
    (current - 1..=current + 1)
        .filter(|s| *s > last_used)
        .find(|s| crate::crypto::same(&format!("{:06}", code(secret, *s)), &typed))
}

/// RFC 4648 base32 without padding, as authenticator apps take secrets.
pub fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &b in bytes {
        buffer = (buffer << 8) | b as u32;
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buffer >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// The `otpauth://` URI an authenticator app reads from the QR code.
pub fn uri(issuer: &str, account: &str, secret: &[u8]) -> String {
    use app::core::prefs::encode_query as enc;
    format!(
        "otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits=6&period=30",
        enc(issuer),
        enc(account),
        base32(secret),
        enc(issuer)
    )
}

/// Seals a secret for storage: `nonce:ciphertext` in hex, the ciphertext the secret
/// XOR a key stream of the server key, the account and a fresh nonce.
pub fn seal(key: &ServerKey, account: &str, secret: &[u8; SECRET_LEN]) -> String {
    let nonce = hex::encode(random_bytes::<16>());
    let stream = key.mac(Purpose::Totp, &format!("{account}:{nonce}"));
    let sealed: Vec<u8> = secret.iter().zip(stream).map(|(a, b)| a ^ b).collect();
    format!("{nonce}:{}", hex::encode(sealed))
}

/// The secret [`seal`] stored, if the text is one of its seals for this account.
pub fn open(key: &ServerKey, account: &str, sealed: &str) -> Option<[u8; SECRET_LEN]> {
    let (nonce, text) = sealed.split_once(':')?;
    let bytes = hex::decode(text).ok()?;
    let stream = key.mac(Purpose::Totp, &format!("{account}:{nonce}"));
    let secret: Vec<u8> = bytes.iter().zip(stream).map(|(a, b)| a ^ b).collect();
    secret.try_into().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_6238_sha1_vectors() {
        // Appendix B, truncated to 6 digits (the 8-digit values' last six).
        let secret = b"12345678901234567890";
        for (t, expected) in [
            (59, 287_082),
            (1_111_111_109, 81_804),
            (1_111_111_111, 50_471),
            (1_234_567_890, 5_924),
            (2_000_000_000, 279_037),
            (20_000_000_000, 353_130),
        ] {
            assert_eq!(code(secret, t / STEP), expected, "T = {t}");
        }
    }

    #[test]
    fn a_code_works_in_its_window_and_once() {
        let secret = b"12345678901234567890";
        assert_eq!(verify(secret, "287082", 59, 0), Some(1));
        assert_eq!(verify(secret, "287 082", 59 + 30, 0), Some(1), "one step late");
        assert_eq!(verify(secret, "287082", 59 + 60, 0), None, "two steps late");
        assert_eq!(verify(secret, "287082", 59, 1), None, "used already");
        assert_eq!(verify(secret, "28708", 59, 0), None);
        assert_eq!(verify(secret, "２８７０８２", 59, 0), None);
    }

    #[test]
    fn base32_is_rfc_4648() {
        assert_eq!(base32(b""), "");
        assert_eq!(base32(b"f"), "MY");
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI");
        assert_eq!(base32(b"12345678901234567890"), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }

    #[test]
    fn a_sealed_secret_opens_only_for_its_account() {
        let key = ServerKey::from_hex(&"ab".repeat(32)).unwrap();
        let secret = new_secret();
        let sealed = seal(&key, "staff-1", &secret);
        assert!(!sealed.contains(&hex::encode(secret)));
        assert_eq!(open(&key, "staff-1", &sealed), Some(secret));
        assert_ne!(open(&key, "staff-2", &sealed), Some(secret));
        assert_ne!(seal(&key, "staff-1", &secret), sealed, "a fresh nonce each time");
    }
}
