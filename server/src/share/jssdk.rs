//! WeChat's JS-SDK for official accounts (公众号 JS-SDK): an `access_token` from
//! `cgi-bin/token`, a `jsapi_ticket` from `cgi-bin/ticket/getticket`, both cached until
//! shortly before they expire (WeChat limits how often they may be fetched), and the
//! signature of a page's URL with the ticket. One refresh runs at a time; after a
//! failure the next try waits a minute, and pages render without the config meanwhile.
use crate::accounts::wechat::WechatConfig;
use app::core::prefs::encode_query as encode;
use serde::Deserialize;
use sha1::{Digest, Sha1};
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// Refreshed this long before WeChat says it expires.
const MARGIN: Duration = Duration::from_secs(300);
/// After WeChat failed to answer, pages go without the config this long.
const BACKOFF: Duration = Duration::from_secs(60);
/// A page waits for WeChat at most this long.
const TIMEOUT: Duration = Duration::from_secs(3);

/// WeChat's signature: SHA-1 of the four fields in this order, as hex.
pub fn signature(ticket: &str, nonce: &str, timestamp: i64, url: &str) -> String {
    let text = format!("jsapi_ticket={ticket}&noncestr={nonce}&timestamp={timestamp}&url={url}");
    hex::encode(Sha1::digest(text.as_bytes()))
}

#[derive(Debug, thiserror::Error)]
pub enum TicketError {
    #[error("WeChat API unreachable: {0}")]
    Unreachable(String),
    #[error("WeChat API refused: {errcode} {errmsg}")]
    Refused { errcode: i64, errmsg: String },
    #[error("WeChat API answered something unreadable")]
    Unreadable,
}

#[derive(Deserialize)]
struct Answer {
    access_token: Option<String>,
    ticket: Option<String>,
    expires_in: Option<u64>,
    errcode: Option<i64>,
    errmsg: Option<String>,
}

/// A value and the moment it must be fetched again.
struct Held {
    value: String,
    until: Instant,
}

#[derive(Default)]
struct Cache {
    token: Option<Held>,
    ticket: Option<Held>,
    failed_at: Option<Instant>,
}

pub struct JsSdk {
    config: WechatConfig,
    http: reqwest::Client,
    cache: Mutex<Cache>,
}

impl JsSdk {
    pub fn new(config: WechatConfig) -> Self {
        let http = reqwest::Client::builder().timeout(TIMEOUT).build().unwrap_or_default();
        JsSdk { config, http, cache: Mutex::new(Cache::default()) }
    }

    pub fn appid(&self) -> &str {
        &self.config.appid
    }

    /// The current ticket, fetched (with a token if need be) when none is held.
    /// `None` while WeChat fails, retried after [`BACKOFF`].
    pub async fn ticket(&self) -> Option<String> {
        // Held across the fetch: concurrent pages wait for the one refresh.
        let mut cache = self.cache.lock().await;
        let now = Instant::now();
        if let Some(t) = cache.ticket.as_ref().filter(|t| t.until > now) {
            return Some(t.value.clone());
        }
        if cache.failed_at.is_some_and(|at| now.duration_since(at) < BACKOFF) {
            return None;
        }
        match self.refresh(&mut cache).await {
            Ok(ticket) => {
                cache.failed_at = None;
                Some(ticket)
            }
            Err(e) => {
                tracing::warn!(error = %e, "no JS-SDK ticket from WeChat; pages go without share config for a minute");
                cache.failed_at = Some(now);
                None
            }
        }
    }

    async fn refresh(&self, cache: &mut Cache) -> Result<String, TicketError> {
        let now = Instant::now();
        let token = match cache.token.as_ref().filter(|t| t.until > now) {
            Some(t) => t.value.clone(),
            None => {
                let url = format!(
                    "{}/cgi-bin/token?grant_type=client_credential&appid={}&secret={}",
                    self.base(),
                    encode(&self.config.appid),
                    encode(self.config.secret.expose())
                );
                let answer = self.get(url).await?;
                let held = held(answer.access_token, answer.expires_in, now)?;
                let value = held.value.clone();
                cache.token = Some(held);
                value
            }
        };
        let url = format!(
            "{}/cgi-bin/ticket/getticket?access_token={}&type=jsapi",
            self.base(),
            encode(&token)
        );
        let answer = self.get(url).await;
        if matches!(answer, Err(TicketError::Refused { .. })) {
            // An expired or revoked token: the next try fetches a new one.
            cache.token = None;
        }
        let answer = answer?;
        let held = held(answer.ticket, answer.expires_in, now)?;
        let value = held.value.clone();
        cache.ticket = Some(held);
        Ok(value)
    }

    fn base(&self) -> &str {
        self.config.api_base.trim_end_matches('/')
    }

    async fn get(&self, url: String) -> Result<Answer, TicketError> {
        // The URLs carry the app secret or the token: errors are told without them.
        let unreachable = |e: reqwest::Error| TicketError::Unreachable(e.without_url().to_string());
        let res = self.http.get(url).send().await.map_err(unreachable)?;
        let body = res.text().await.map_err(unreachable)?;
        let answer: Answer = serde_json::from_str(&body).map_err(|_| TicketError::Unreadable)?;
        match answer.errcode.filter(|c| *c != 0) {
            Some(errcode) => {
                Err(TicketError::Refused { errcode, errmsg: answer.errmsg.unwrap_or_default() })
            }
            None => Ok(answer),
        }
    }
}

/// A token or ticket kept until [`MARGIN`] before it expires (WeChat says 7 200 s).
fn held(value: Option<String>, expires_in: Option<u64>, now: Instant) -> Result<Held, TicketError> {
    let value = value.filter(|v| !v.is_empty() && v.len() <= 512).ok_or(TicketError::Unreadable)?;
    let life = Duration::from_secs(expires_in.unwrap_or(7200)).saturating_sub(MARGIN);
    Ok(Held { value, until: now + life })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_matches_wechats_documented_example() {
        // From WeChat's JS-SDK documentation (附录1); note the capital O in "sM4AOVdW".
        assert_eq!(
            signature(
                "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg",
                "Wm3WZYTPz0wzccnW",
                1414587457,
                "http://mp.weixin.qq.com?params=value",
            ),
            "0f9de62fce790f9a083d5c99e95740ceb90c27ed"
        );
    }

    #[test]
    fn tokens_are_kept_until_shortly_before_they_expire() {
        let now = Instant::now();
        let t = held(Some("T".into()), Some(7200), now).unwrap();
        assert_eq!(t.until - now, Duration::from_secs(6900));
        // A life shorter than the margin is not kept at all.
        assert_eq!(held(Some("T".into()), Some(60), now).unwrap().until, now);
        assert!(held(None, Some(7200), now).is_err());
        assert!(held(Some(String::new()), Some(7200), now).is_err());
    }
}
