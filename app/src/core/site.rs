//! Where the site is reached from outside: the origin of share links, QR codes and
//! WeChat's return address.

/// Where the site is reached, for share links: the configured public origin, or
/// this request's host.
#[derive(Clone, Debug, Default)]
pub struct SiteOrigin {
    pub fixed: Option<String>,
    pub https: bool,
}

impl SiteOrigin {
    /// "https://tongxin.example.cn": the fixed origin, else the scheme and `host`.
    pub fn resolve(&self, host: Option<&str>) -> String {
        match &self.fixed {
            Some(o) => o.trim_end_matches('/').to_string(),
            None => format!(
                "{}://{}",
                if self.https { "https" } else { "http" },
                host.unwrap_or("localhost")
            ),
        }
    }
}
