//! Where the site is reached from outside: the origin of share links, QR codes and
//! WeChat's return address.

/// Where the site is reached, for share links: the configured public origin, else
/// this request's host when it is one of the allowed hosts, else the first of them.
/// A `Host` header alone never decides where a poster's QR code points.
#[derive(Clone, Debug, Default)]
pub struct SiteOrigin {
    pub fixed: Option<String>,
    pub https: bool,
    /// `host[:port]` values a link may be built from (the listening address's own
    /// names, and configured `allowed_hosts`); the first is the fallback.
    pub allowed: Vec<String>,
}

impl SiteOrigin {
    /// "https://tongxin.example.cn": the fixed origin, else the scheme and a host.
    pub fn resolve(&self, host: Option<&str>) -> String {
        if let Some(o) = &self.fixed {
            return o.trim_end_matches('/').to_string();
        }
        let host = host
            .and_then(|h| self.allowed.iter().find(|a| a.eq_ignore_ascii_case(h.trim())))
            .or(self.allowed.first())
            .map(String::as_str)
            .unwrap_or("localhost");
        format!("{}://{host}", if self.https { "https" } else { "http" })
    }
}

/// "https://tongxin.example.cn" for the request being served (the configured origin,
/// else its allowed host); empty outside the server.
pub fn request_origin() -> String {
    #[cfg(feature = "ssr")]
    {
        use leptos::prelude::use_context;
        let host = use_context::<http::request::Parts>().and_then(|p| {
            p.headers.get(http::header::HOST).and_then(|v| v.to_str().ok()).map(str::to_string)
        });
        use_context::<SiteOrigin>().unwrap_or_default().resolve(host.as_deref())
    }
    #[cfg(not(feature = "ssr"))]
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_built_from_allowed_hosts_only() {
        let site = SiteOrigin {
            fixed: None,
            https: false,
            allowed: vec!["127.0.0.1:3000".into(), "tongxin.lan:3000".into()],
        };
        // The allowed spelling, not the header's.
        assert_eq!(site.resolve(Some("TONGXIN.lan:3000")), "http://tongxin.lan:3000");
        assert_eq!(site.resolve(Some("evil.example")), "http://127.0.0.1:3000");
        assert_eq!(site.resolve(None), "http://127.0.0.1:3000");
        let fixed = SiteOrigin { fixed: Some("https://tx.example.cn/".into()), ..site };
        assert_eq!(fixed.resolve(Some("evil.example")), "https://tx.example.cn");
    }
}
