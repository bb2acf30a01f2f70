//! Identifiers and codes that validate once, on construction, so that nothing
//! downstream re-checks a string: a phone number, an area code, a survey id, a share
//! link's code. Each parses from what a request carries and refuses anything else.
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a string is not a valid identifier of its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not a valid {0}")]
pub struct Invalid(pub &'static str);

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident, $what:literal, $check:expr) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn parse(s: &str) -> Result<Self, Invalid> {
                let check: fn(&str) -> bool = $check;
                if check(s) {
                    Ok(Self(s.to_string()))
                } else {
                    Err(Invalid($what))
                }
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        /// Deserialises through [`Self::parse`], so a path or form with a malformed
        /// value is refused before a handler runs.
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Self::parse(s.trim()).map_err(serde::de::Error::custom)
            }
        }
    };
}

string_id!(
    /// An area's code: a short ASCII identifier (letters, digits, `-`, `_`).
    AreaCode,
    "area code",
    |s| !s.is_empty()
        && s.len() <= 32
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
);

string_id!(
    /// A record id: 32 lowercase hex digits (128 random bits).
    RecordId,
    "id",
    |s| s.len() == 32 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
);

string_id!(
    /// A share link's code: 10 characters of an alphabet without look-alikes.
    ShareCode,
    "share code",
    |s| s.len() == 10 && s.bytes().all(|b| SHARE_ALPHABET.contains(&b))
);

string_id!(
    /// A cookie's secret token (session, draft): 64 hex digits (256 random bits).
    Token,
    "token",
    |s| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
);

/// The characters of share codes: no 0/o, 1/l/i.
pub const SHARE_ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";

/// A mainland mobile number, as its 11 digits.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Phone(String);

impl Phone {
    /// 11 digits starting 13–19. Spaces, dashes, parentheses and a +86 or 0086 prefix
    /// are accepted and dropped.
    pub fn parse(input: &str) -> Result<Phone, Invalid> {
        let digits: String =
            input.chars().filter(|c| !matches!(c, ' ' | '-' | '\u{3000}' | '(' | ')')).collect();
        let digits =
            digits.strip_prefix("+86").or_else(|| digits.strip_prefix("0086")).unwrap_or(&digits);
        let b = digits.as_bytes();
        let ok = b.len() == 11
            && b.iter().all(u8::is_ascii_digit)
            && b[0] == b'1'
            && (b'3'..=b'9').contains(&b[1]);
        if ok {
            Ok(Phone(digits.to_string()))
        } else {
            Err(Invalid("mobile number"))
        }
    }

    pub fn digits(&self) -> &str {
        &self.0
    }

    /// The last four digits: all that is kept in clear.
    pub fn tail(&self) -> &str {
        &self.0[7..]
    }
}

/// Never prints the number (logs and debug output hold only the tail).
impl fmt::Debug for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Phone(…{})", self.tail())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_are_normalised_or_refused() {
        let p = |s: &str| Phone::parse(s).ok().map(|p| p.digits().to_string());
        assert_eq!(p("138 0013 8000").as_deref(), Some("13800138000"));
        assert_eq!(p("+86 139-1234-5678").as_deref(), Some("13912345678"));
        assert_eq!(p("008619912345678").as_deref(), Some("19912345678"));
        assert_eq!(p("12012345678"), None, "no 12x mobile prefix");
        assert_eq!(p("1380013800"), None, "10 digits");
        assert_eq!(p("138001380001"), None, "12 digits");
        assert_eq!(p("1380013800a"), None);
        assert_eq!(p("１３８００１３８０００"), None, "full-width digits are not ASCII");
        assert_eq!(p(""), None);
        let phone = Phone::parse("13800138000").unwrap();
        assert_eq!(phone.tail(), "8000");
        assert_eq!(format!("{phone:?}"), "Phone(…8000)", "debug output hides the number");
    }

    #[test]
    fn codes_and_ids_keep_their_shape() {
        assert!(AreaCode::parse("449901001001").is_ok());
        assert!(AreaCode::parse("<script>").is_err());
        assert!(AreaCode::parse("").is_err());
        assert!(RecordId::parse("0123456789abcdef0123456789abcdef").is_ok());
        assert!(RecordId::parse("0123456789ABCDEF0123456789ABCDEF").is_err());
        assert!(ShareCode::parse("a2b3c4d5e6").is_ok());
        assert!(ShareCode::parse("a2b3c4d5e1").is_err(), "1 is not in the alphabet");
        let id: RecordId = serde_json::from_str("\"0123456789abcdef0123456789abcdef\"").unwrap();
        assert_eq!(id.as_str().len(), 32);
        assert!(serde_json::from_str::<RecordId>("\"../etc\"").is_err());
        assert!(Token::parse(&"ab".repeat(32)).is_ok());
        assert!(Token::parse(&"ab".repeat(31)).is_err());
        assert!(Token::parse(&"zz".repeat(32)).is_err());
    }
}
