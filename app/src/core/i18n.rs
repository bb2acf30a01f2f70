//! Languages and messages. The strings live in `app/locales/*.toml`; `build.rs`
//! turns them into [`Msg`], so a missing translation is a build error.
use serde::{Deserialize, Serialize};

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

/// The languages the portal speaks. zh-CN is the default (DESIGN.md, "Front end").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// Name of the cookie that remembers the language choice.
pub const LANG_COOKIE: &str = "tx_lang";

impl Lang {
    /// BCP 47 tag, as used in `<html lang>` and in the cookie.
    pub const fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Parses a stored or submitted tag; anything unknown is `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        match tag.trim().to_ascii_lowercase().as_str() {
            "zh-cn" | "zh" | "zh-hans" => Some(Lang::Zh),
            "en" | "en-us" | "en-gb" => Some(Lang::En),
            _ => None,
        }
    }

    /// The other language, for the switch.
    pub const fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// The message in this language.
    ///
    /// In the browser build this is inlined, so that a call with a constant message
    /// folds to that message's two strings: otherwise the whole table of both
    /// languages would sit in the wasm of the few islands that show text.
    #[cfg_attr(feature = "hydrate", inline(always))]
    pub const fn t(self, msg: Msg) -> &'static str {
        match self {
            Lang::Zh => msg.zh(),
            Lang::En => msg.en(),
        }
    }

    /// The message with `{name}` placeholders filled in.
    #[cfg_attr(feature = "hydrate", inline(always))]
    pub fn fmt(self, msg: Msg, args: &[(&str, &str)]) -> String {
        fill(self.t(msg), args)
    }

    /// Picks the zh or en form of a bilingual value (area names and the like).
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::En if !en.is_empty() => en,
            _ => zh,
        }
    }

    /// Formats a whole number the way residents read it (1,234,567 / 1,234,567).
    pub fn number(self, n: i64) -> String {
        let digits = n.unsigned_abs().to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
        if n < 0 {
            out.push('-');
        }
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    }

    /// A large count, short: 264万 / 2.64 M (below ten thousand, written out).
    pub fn compact(self, n: i64) -> String {
        match self {
            Lang::Zh if n >= 10_000 => {
                let wan = n as f64 / 10_000.0;
                if wan >= 100.0 {
                    format!("{wan:.0}万")
                } else {
                    format!("{wan:.1}万")
                }
            }
            Lang::En if n >= 1_000_000 => format!("{:.2} M", n as f64 / 1_000_000.0),
            Lang::En if n >= 10_000 => format!("{:.0} k", n as f64 / 1_000.0),
            _ => self.number(n),
        }
    }

    /// A population in the idiom of each language: 25.3万 / 253,000 is written as
    /// "25.3万人" in Chinese and "253,000 residents" in English.
    pub fn people(self, n: i64) -> String {
        let count = match self {
            Lang::Zh => self.compact(n),
            Lang::En => self.number(n),
        };
        self.fmt(Msg::CommonPeople, &[("count", &count)])
    }
}

/// Replaces each `{name}` in `template` with its value; unknown names stay as written.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                let name = &after[..end];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_and_unknown_is_rejected() {
        for lang in [Lang::Zh, Lang::En] {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn fill_replaces_known_and_keeps_unknown_placeholders() {
        assert_eq!(fill("第 {line} 行：{reason}", &[("line", "3"), ("reason", "x")]), "第 3 行：x");
        assert_eq!(fill("{a} {b}", &[("a", "1")]), "1 {b}");
        assert_eq!(fill("open { brace", &[]), "open { brace");
    }

    #[test]
    fn numbers_and_people_read_naturally() {
        assert_eq!(Lang::En.number(0), "0");
        assert_eq!(Lang::En.number(1_234_567), "1,234,567");
        assert_eq!(Lang::En.number(-1_000), "-1,000");
        assert_eq!(Lang::Zh.people(253_000), "25.3万人");
        assert_eq!(Lang::Zh.people(2_512_000), "251万人");
        assert_eq!(Lang::Zh.people(8_000), "8,000人");
        assert_eq!(Lang::En.people(253_000), "253,000 residents");
        assert_eq!(Lang::Zh.compact(2_637_866), "264万");
        assert_eq!(Lang::En.compact(2_637_866), "2.64 M");
        assert_eq!(Lang::En.compact(63_100), "63 k");
        assert_eq!(Lang::En.compact(9_999), "9,999");
    }

    #[test]
    fn every_message_is_translated_with_the_same_placeholders() {
        // build.rs guarantees both tables have the same keys; here every message of
        // both is checked: none blank, and the same `{placeholders}` in each language.
        fn placeholders(s: &str) -> std::collections::BTreeSet<&str> {
            s.split('{').skip(1).filter_map(|p| p.split_once('}').map(|(name, _)| name)).collect()
        }
        assert!(ALL.len() > 600, "{} messages", ALL.len());
        for msg in ALL {
            assert!(!msg.zh().trim().is_empty() && !msg.en().trim().is_empty(), "{}", msg.key());
            assert_eq!(placeholders(msg.zh()), placeholders(msg.en()), "{}", msg.key());
        }
        // Chinese text is Chinese: every zh message but a few names has a CJK character.
        let cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        let untranslated: Vec<&str> =
            ALL.iter().filter(|m| !cjk(m.zh()) && m.zh() == m.en()).map(|m| m.key()).collect();
        assert!(untranslated.len() < 10, "left in English: {untranslated:?}");
    }
}
