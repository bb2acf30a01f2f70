//! WeChat web OAuth for official accounts (公众号网页授权), silent scope
//! `snsapi_base`: the page sends the resident to WeChat's authorize URL with a random
//! `state`; WeChat sends them back with a `code`, which the server exchanges for the
//! resident's `openid` at `sns/oauth2/access_token`. The API base URLs are settings,
//! so that tests run the whole flow against a fake server on loopback.
use serde::Deserialize;

#[derive(Clone, Debug)]
pub struct WechatConfig {
    pub appid: String,
    pub secret: crate::config::Secret,
    /// `https://open.weixin.qq.com` in production.
    pub open_base: String,
    /// `https://api.weixin.qq.com` in production.
    pub api_base: String,
}

/// What the code exchange told us.
#[derive(Debug, PartialEq, Eq)]
pub enum Exchange {
    /// A real resident.
    OpenId(String),
    /// The page was opened in WeChat's snapshot mode (朋友圈快照页): the "openid" is a
    /// placeholder and must not become an identity.
    Snapshot,
    /// WeChat answered with an error (invalid or used code, rate limit …).
    Refused { errcode: i64, errmsg: String },
}

#[derive(Debug, thiserror::Error)]
pub enum WechatError {
    #[error("WeChat API unreachable: {0}")]
    Unreachable(String),
    #[error("WeChat API answered something unreadable: {0}")]
    Unreadable(String),
}

#[derive(Deserialize)]
struct TokenAnswer {
    openid: Option<String>,
    errcode: Option<i64>,
    errmsg: Option<String>,
    is_snapshotuser: Option<i64>,
}

pub struct WechatClient {
    pub config: WechatConfig,
    http: reqwest::Client,
}

use app::core::prefs::encode_query as encode;

impl WechatClient {
    pub fn new(config: WechatConfig) -> Self {
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .unwrap_or_default();
        WechatClient { config, http }
    }

    /// Where to send the resident: WeChat's authorize page, which returns to
    /// `redirect_uri` with `code` and our `state`.
    pub fn authorize_url(&self, redirect_uri: &str, state: &str) -> String {
        format!(
            "{}/connect/oauth2/authorize?appid={}&redirect_uri={}&response_type=code&scope=snsapi_base&state={}#wechat_redirect",
            self.config.open_base.trim_end_matches('/'),
            encode(&self.config.appid),
            encode(redirect_uri),
            encode(state)
        )
    }

    /// Exchanges the code, server to server.
    pub async fn exchange(&self, code: &str) -> Result<Exchange, WechatError> {
        let url = format!(
            "{}/sns/oauth2/access_token?appid={}&secret={}&code={}&grant_type=authorization_code",
            self.config.api_base.trim_end_matches('/'),
            encode(&self.config.appid),
            encode(self.config.secret.expose()),
            encode(code)
        );
        // The URL carries the app secret: errors are told without it.
        let unreachable = |e: reqwest::Error| WechatError::Unreachable(e.without_url().to_string());
        let res = self.http.get(url).send().await.map_err(unreachable)?;
        let body = res.text().await.map_err(unreachable)?;
        parse_answer(&body)
    }
}

pub fn parse_answer(body: &str) -> Result<Exchange, WechatError> {
    let answer: TokenAnswer = serde_json::from_str(body)
        .map_err(|e| WechatError::Unreadable(format!("{e}: {}", truncate(body))))?;
    if let Some(errcode) = answer.errcode.filter(|c| *c != 0) {
        return Ok(Exchange::Refused { errcode, errmsg: answer.errmsg.unwrap_or_default() });
    }
    if answer.is_snapshotuser == Some(1) {
        return Ok(Exchange::Snapshot);
    }
    match answer.openid {
        Some(id) if !id.trim().is_empty() && id.len() <= 128 => Ok(Exchange::OpenId(id)),
        // Such an answer may still carry the resident's access token: not logged.
        _ => Err(WechatError::Unreadable("an answer without openid".into())),
    }
}

fn truncate(s: &str) -> &str {
    let mut end = s.len().min(200);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Is the page opened inside WeChat's in-app browser?
pub fn is_wechat(user_agent: &str) -> bool {
    user_agent.contains("MicroMessenger")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_read_as_documented() {
        assert_eq!(
            parse_answer(r#"{"access_token":"A","expires_in":7200,"refresh_token":"R","openid":"oABC","scope":"snsapi_base"}"#).unwrap(),
            Exchange::OpenId("oABC".into())
        );
        assert_eq!(
            parse_answer(
                r#"{"access_token":"A","openid":"oABC","scope":"snsapi_base","is_snapshotuser":1}"#
            )
            .unwrap(),
            Exchange::Snapshot
        );
        assert_eq!(
            parse_answer(r#"{"errcode":40029,"errmsg":"invalid code"}"#).unwrap(),
            Exchange::Refused { errcode: 40029, errmsg: "invalid code".into() }
        );
        assert!(parse_answer("<html>").is_err());
        assert!(parse_answer(r#"{"scope":"snsapi_base"}"#).is_err());
    }

    #[test]
    fn authorize_url_carries_encoded_parameters() {
        let c = WechatClient::new(WechatConfig {
            appid: "wx123".into(),
            secret: "s".into(),
            open_base: "https://open.weixin.qq.com/".into(),
            api_base: "https://api.weixin.qq.com".into(),
        });
        let url = c.authorize_url("https://tx.example.cn/auth/wechat/callback", "st8");
        assert_eq!(
            url,
            "https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx123&redirect_uri=https%3A%2F%2Ftx.example.cn%2Fauth%2Fwechat%2Fcallback&response_type=code&scope=snsapi_base&state=st8#wechat_redirect"
        );
        assert!(is_wechat("Mozilla/5.0 (Linux; Android 13) MicroMessenger/8.0.47.2560"));
        assert!(!is_wechat("Mozilla/5.0 Chrome/120"));
    }
}
