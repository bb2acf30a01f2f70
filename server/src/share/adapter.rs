//! The app's [`SharePort`]: signs a page's URL with the cached JS-SDK ticket.
use super::jssdk::{signature, JsSdk};
use app::core::share::{SharePort, WxConfig};
use async_trait::async_trait;
use std::sync::Arc;

/// `None` when no official account is configured.
pub struct ShareSigner(pub Option<Arc<JsSdk>>);

#[async_trait]
impl SharePort for ShareSigner {
    async fn wx_config(&self, url: &str) -> Option<WxConfig> {
        let sdk = self.0.as_ref()?;
        let ticket = sdk.ticket().await?;
        let nonce_str = hex::encode(crate::crypto::random_bytes::<8>());
        let timestamp = chrono::Utc::now().timestamp();
        // WeChat signs the URL without its fragment.
        let url = url.split('#').next().unwrap_or(url);
        Some(WxConfig {
            app_id: sdk.appid().to_string(),
            signature: signature(&ticket, &nonce_str, timestamp, url),
            timestamp,
            nonce_str,
        })
    }
}
