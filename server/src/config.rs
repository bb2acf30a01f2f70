//! Configuration in layers (as in zero2prod): built-in defaults, then an optional TOML
//! file (`tongxin.toml`, or the one named by `--config` / `TONGXIN_CONFIG`), then
//! `TONGXIN_*` environment variables, e.g. `TONGXIN_ADDR=0.0.0.0:8080`.
use serde::Deserialize;
use std::{net::SocketAddr, path::PathBuf};

/// A configured secret (a key, a password): readable where it is used, never printed
/// (debug output and logs show `Secret(…)`).
#[derive(Clone, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Secret(s.to_string())
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

#[derive(Clone, Debug, Deserialize)]
pub struct Settings {
    /// Address the web server listens on.
    pub addr: SocketAddr,
    /// Directory for the SQLite database and other state.
    pub data_dir: PathBuf,
    /// Database URL; defaults to `sqlite://<data_dir>/tongxin.db`.
    pub database_url: Option<String>,
    /// cargo-leptos' output: the hashed wasm, JS and CSS under `pkg/`, and `public/`.
    pub site_root: PathBuf,
    /// Load the fictional demo city when the database has no areas yet.
    pub seed_demo: bool,
    /// Months of index history the demo city gets (up to yesterday).
    pub demo_months: u32,
    /// `text` for people, `json` for log collectors.
    pub log_format: String,
    /// Mark cookies `Secure`; turn on when served over HTTPS.
    pub secure_cookies: bool,
    /// The origin browsers use to reach us (e.g. `https://tongxin.example.cn`) when a
    /// proxy rewrites `Host`; state-changing requests from any other origin are refused.
    pub public_origin: Option<String>,
    /// Without `public_origin`: further `host[:port]` names (besides the listening
    /// address's own) that share links and QR codes may be built from
    /// (`TONGXIN_ALLOWED_HOSTS=a.lan:3000,b.lan:3000`).
    #[serde(default)]
    pub allowed_hosts: Vec<String>,
    /// How many reverse proxies of ours stand in front (each appending to
    /// `X-Forwarded-For`): the client address for rate limits is the entry this many
    /// from the right. 0 (default): the peer address; headers are ignored.
    pub proxy_hops: usize,
    /// 64 hex digits keying the stored hashes of phone numbers and openids. Default:
    /// generated on first start into `<data_dir>/secret.key` (keep it with backups).
    pub secret_key: Option<Secret>,
    /// SMS gateway for sign-in codes (JSON POST with a bearer key). Without it, codes
    /// are only logged and written to `<data_dir>/sms-outbox.jsonl` (development).
    pub sms_gateway_url: Option<String>,
    pub sms_gateway_key: Option<Secret>,
    /// Without a gateway, write sign-in codes to `<data_dir>/sms-outbox.jsonl` instead
    /// of sending them (development; the demo does so anyway). Otherwise a missing
    /// gateway stops the start.
    pub sms_outbox: bool,
    /// The city's WeChat official account, for sign-in inside WeChat (optional).
    pub wechat_appid: Option<String>,
    pub wechat_secret: Option<Secret>,
    pub wechat_open_base: String,
    pub wechat_api_base: String,
    /// Sign-in limits.
    #[serde(default)]
    pub auth: AuthLimits,
    /// 民生微实事: the cost caps per kind of project and the supports a proposal needs.
    #[serde(default)]
    pub projects: app::projects::model::ProjectRules,
}

/// Limits on sign-in; the defaults follow common practice for SMS codes.
#[derive(Clone, Debug, Deserialize)]
#[serde(default)]
pub struct AuthLimits {
    /// A code is valid this long.
    pub code_ttl_secs: i64,
    /// Wrong codes allowed per code.
    pub code_attempts: i64,
    /// Wait between two codes to one number.
    pub resend_secs: i64,
    pub codes_per_phone_hour: i64,
    pub codes_per_client_hour: i64,
    /// Wrong answers from one address for one staff username before that address
    /// waits, and the first wait (each later one twice the last, up to 64 times).
    pub staff_failures: i64,
    pub staff_lock_secs: i64,
    /// Wrong answers for one username in an hour, from anywhere, after which only
    /// addresses it has signed in from before may try it.
    pub staff_name_failures_hour: i64,
    pub staff_signins_per_client_hour: i64,
    pub resident_session_days: i64,
    pub staff_session_hours: i64,
    /// A staff session unused this long ends (a workstation left signed in).
    pub staff_idle_minutes: i64,
    /// Survey submissions per client address per minute.
    pub survey_submits_per_client_minute: i64,
    /// Guests' kept answers (drafts) a client address may start in a day.
    pub drafts_per_client_day: i64,
}

impl Default for AuthLimits {
    fn default() -> Self {
        AuthLimits {
            code_ttl_secs: 300,
            code_attempts: 5,
            resend_secs: 60,
            codes_per_phone_hour: 5,
            codes_per_client_hour: 20,
            staff_failures: 5,
            staff_lock_secs: 15 * 60,
            staff_name_failures_hour: 30,
            staff_signins_per_client_hour: 30,
            resident_session_days: 30,
            staff_session_hours: 12,
            staff_idle_minutes: 120,
            survey_submits_per_client_minute: 120,
            drafts_per_client_day: 200,
        }
    }
}

impl Settings {
    /// Loads settings; `file` overrides the default `tongxin.toml` lookup.
    pub fn load(file: Option<&std::path::Path>) -> Result<Settings, config::ConfigError> {
        let file = file
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("TONGXIN_CONFIG").map(PathBuf::from));
        let site_root = std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into());
        let mut builder = config::Config::builder()
            .set_default("addr", "127.0.0.1:3000")?
            .set_default("data_dir", "data")?
            .set_default("site_root", site_root)?
            .set_default("seed_demo", true)?
            .set_default("demo_months", 12)?
            .set_default("log_format", "text")?
            .set_default("secure_cookies", false)?
            .set_default("proxy_hops", 0)?
            .set_default("sms_outbox", false)?
            .set_default("wechat_open_base", "https://open.weixin.qq.com")?
            .set_default("wechat_api_base", "https://api.weixin.qq.com")?;
        builder = match file {
            Some(path) => builder.add_source(config::File::from(path).required(true)),
            None => builder.add_source(config::File::with_name("tongxin").required(false)),
        };
        builder
            .add_source(
                config::Environment::with_prefix("TONGXIN")
                    .prefix_separator("_")
                    .separator("__")
                    .try_parsing(true)
                    .list_separator(",")
                    .with_list_parse_key("allowed_hosts"),
            )
            .build()?
            .try_deserialize()
    }

    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!("sqlite://{}", self.data_dir.join("tongxin.db").display()),
        }
    }

    /// Settings for tests and tools: everything under `dir`, on a free port.
    pub fn for_dir(dir: &std::path::Path) -> Settings {
        Settings {
            addr: "127.0.0.1:0".parse().expect("valid address"),
            data_dir: dir.to_path_buf(),
            database_url: None,
            site_root: dir.join("site"),
            seed_demo: false,
            demo_months: 2,
            log_format: "text".into(),
            secure_cookies: false,
            public_origin: None,
            allowed_hosts: Vec::new(),
            proxy_hops: 0,
            secret_key: None,
            sms_gateway_url: None,
            sms_gateway_key: None,
            sms_outbox: true,
            wechat_appid: None,
            wechat_secret: None,
            wechat_open_base: "https://open.weixin.qq.com".into(),
            wechat_api_base: "https://api.weixin.qq.com".into(),
            auth: AuthLimits::default(),
            projects: app::projects::model::ProjectRules::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Defaults, then the file, then the environment. (The only test that touches
    /// TONGXIN_* variables, so it cannot race another.)
    #[test]
    fn file_then_environment_override_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("tongxin.toml");
        std::fs::write(
            &file,
            "addr = \"0.0.0.0:8080\"\ndata_dir = \"/var/lib/tongxin\"\nseed_demo = false\n",
        )
        .unwrap();
        std::env::set_var("TONGXIN_DATA_DIR", "/srv/tongxin");
        std::env::set_var("TONGXIN_SECURE_COOKIES", "true");
        let s = Settings::load(Some(&file)).unwrap();
        std::env::remove_var("TONGXIN_DATA_DIR");
        std::env::remove_var("TONGXIN_SECURE_COOKIES");
        assert_eq!(s.addr, "0.0.0.0:8080".parse().unwrap());
        assert_eq!(s.data_dir, PathBuf::from("/srv/tongxin"));
        assert!(!s.seed_demo);
        assert!(s.secure_cookies);
        assert_eq!(s.log_format, "text");
        assert_eq!(s.database_url(), "sqlite:///srv/tongxin/tongxin.db");
        assert!(
            Settings::load(Some(&dir.path().join("missing.toml"))).is_err(),
            "a named file must exist"
        );
        let mut s = s;
        s.wechat_secret = Some("s3cret".into());
        assert!(!format!("{s:?}").contains("s3cret"), "secrets are never printed");
    }
}
