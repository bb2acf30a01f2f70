//! Sending sign-in codes. The [`SmsSender`] trait has two implementations: the
//! development sender, which logs the code and appends it to `sms-outbox.jsonl` in
//! the data directory (where tests and developers read it), and the HTTP gateway
//! sender for production, configured by URL and key.
use app::core::i18n::Lang;
use async_trait::async_trait;
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum SmsError {
    #[error("SMS gateway unreachable: {0}")]
    Unreachable(String),
    #[error("SMS gateway refused the message: HTTP {0}")]
    Refused(u16),
    #[error("writing the development outbox: {0}")]
    Outbox(#[from] std::io::Error),
}

#[async_trait]
pub trait SmsSender: Send + Sync + 'static {
    /// Sends `code` to `phone` (11 digits) in the resident's language.
    async fn send(&self, phone: &str, code: &str, lang: Lang) -> Result<(), SmsError>;
}

pub type Sms = Arc<dyn SmsSender>;

/// The text residents receive.
pub fn message(code: &str, lang: Lang) -> String {
    lang.fmt(app::core::i18n::Msg::SigninSmsText, &[("code", code)])
}

/// Development and tests: no message leaves the machine.
pub struct DevSender {
    pub outbox: PathBuf,
    lock: tokio::sync::Mutex<()>,
}

impl DevSender {
    pub fn new(outbox: PathBuf) -> Self {
        DevSender { outbox, lock: tokio::sync::Mutex::new(()) }
    }
}

#[derive(Serialize)]
struct OutboxLine<'a> {
    phone: &'a str,
    code: &'a str,
    text: String,
    at: i64,
}

#[async_trait]
impl SmsSender for DevSender {
    async fn send(&self, phone: &str, code: &str, lang: Lang) -> Result<(), SmsError> {
        use tokio::io::AsyncWriteExt;
        tracing::warn!(
            phone_tail = &phone[phone.len().saturating_sub(4)..],
            code,
            "development SMS sender: code not sent, written to the outbox"
        );
        let line = OutboxLine {
            phone,
            code,
            text: message(code, lang),
            at: chrono::Utc::now().timestamp(),
        };
        let mut text = serde_json::to_string(&line).unwrap_or_default();
        text.push('\n');
        let _guard = self.lock.lock().await;
        let mut f =
            tokio::fs::OpenOptions::new().create(true).append(true).open(&self.outbox).await?;
        f.write_all(text.as_bytes()).await?;
        // tokio's File hands writes to a blocking thread: wait for it, so the line is
        // in the file before the resident is told a code was sent.
        f.flush().await?;
        Ok(())
    }
}

/// Production: POSTs `{"phone", "code", "text"}` as JSON to the gateway with the key
/// as a bearer token; any 2xx answer counts as sent.
pub struct HttpSender {
    url: String,
    key: crate::config::Secret,
    client: reqwest::Client,
}

impl HttpSender {
    pub fn new(url: String, key: crate::config::Secret) -> Self {
        let client = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .unwrap_or_default();
        HttpSender { url, key, client }
    }
}

#[derive(Serialize)]
struct GatewayMessage<'a> {
    phone: &'a str,
    code: &'a str,
    text: String,
}

#[async_trait]
impl SmsSender for HttpSender {
    async fn send(&self, phone: &str, code: &str, lang: Lang) -> Result<(), SmsError> {
        let res = self
            .client
            .post(&self.url)
            .bearer_auth(self.key.expose())
            .json(&GatewayMessage { phone, code, text: message(code, lang) })
            .send()
            .await
            .map_err(|e| SmsError::Unreachable(e.without_url().to_string()))?;
        if res.status().is_success() {
            Ok(())
        } else {
            Err(SmsError::Refused(res.status().as_u16()))
        }
    }
}
