//! Compiles `locales/*.toml` into a `Msg` enum with one variant per key.
//!
//! Every string the UI shows lives in the locale files; a key missing from either
//! language, or a typo in a key used in code, fails the build instead of showing a
//! raw key to a resident. Keys are TOML tables flattened with `_` and turned into
//! CamelCase (`nav.index` -> `Msg::NavIndex`).
use std::{collections::BTreeMap, env, fs, path::Path};

fn flatten(prefix: &str, value: &toml::Value, out: &mut BTreeMap<String, String>, file: &str) {
    match value {
        toml::Value::Table(table) => {
            for (k, v) in table {
                let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                flatten(&key, v, out, file);
            }
        }
        toml::Value::String(s) => {
            out.insert(prefix.to_string(), s.clone());
        }
        other => panic!("{file}: key `{prefix}` must be a string, found {other:?}"),
    }
}

fn load(path: &Path) -> BTreeMap<String, String> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let value: toml::Value =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = BTreeMap::new();
    flatten("", &value, &mut out, &path.display().to_string());
    out
}

fn variant(key: &str) -> String {
    key.split(['.', '_', '-'])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut c = p.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

fn main() {
    println!("cargo:rerun-if-changed=locales");
    let zh = load(Path::new("locales/zh-CN.toml"));
    let en = load(Path::new("locales/en.toml"));
    let missing_en: Vec<_> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
    let missing_zh: Vec<_> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
    if !missing_en.is_empty() || !missing_zh.is_empty() {
        panic!("locale keys differ: missing in en.toml {missing_en:?}; missing in zh-CN.toml {missing_zh:?}");
    }
    let mut code = String::from(
        "/// Every user-facing message, generated from `app/locales/*.toml` by `build.rs`.\n\
         #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]\npub enum Msg {\n",
    );
    for key in zh.keys() {
        code.push_str(&format!("    /// `{key}`\n    {},\n", variant(key)));
    }
    code.push_str("}\n\nimpl Msg {\n    /// The message in Simplified Chinese.\n    #[cfg_attr(feature = \"hydrate\", inline(always))]\n    pub const fn zh(self) -> &'static str {\n        match self {\n");
    for (key, text) in &zh {
        code.push_str(&format!("            Msg::{} => {:?},\n", variant(key), text));
    }
    code.push_str("        }\n    }\n\n    /// The message in English.\n    #[cfg_attr(feature = \"hydrate\", inline(always))]\n    pub const fn en(self) -> &'static str {\n        match self {\n");
    for (key, text) in &en {
        code.push_str(&format!("            Msg::{} => {:?},\n", variant(key), text));
    }
    code.push_str("        }\n    }\n\n    /// The key as written in the locale files.\n    pub const fn key(self) -> &'static str {\n        match self {\n");
    for key in zh.keys() {
        code.push_str(&format!("            Msg::{} => {:?},\n", variant(key), key));
    }
    code.push_str("        }\n    }\n}\n");
    code.push_str("\n/// Every message, for the tests of the tables.\n#[cfg(test)]\npub const ALL: &[Msg] = &[\n");
    for key in zh.keys() {
        code.push_str(&format!("    Msg::{},\n", variant(key)));
    }
    code.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("messages.rs");
    fs::write(out, code).unwrap();
}
