//! Secrets in logs: whoever reads the server's logs (operators, a log collector) must
//! not learn the WeChat app secret, which would let them act as the city's account.
use crate::accounts::wechat::start_wechat;
use crate::helpers::{location, spawn_with};
use std::io::Write;
use std::sync::{Arc, Mutex};

/// Everything logged on this thread while the test runs (`#[tokio::test]` runs the
/// server's tasks on the test's own thread).
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn read_the_wechat_app_secret_from_the_log_of_a_failed_code_exchange() {
    let logs = Captured::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    // WeChat's API is unreachable: nothing listens on the port.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let app = spawn_with(true, move |s| {
        s.wechat_appid = Some("wxtest".into());
        s.wechat_secret = Some("s3cret-of-the-city".into());
        s.wechat_api_base = format!("http://{closed}");
        s.wechat_open_base = format!("http://{closed}");
    })
    .await;
    let b = app.browser();
    let state = start_wechat(&b).await;
    let res = b.get(&format!("/auth/wechat/callback?code=abc&state={state}")).await;
    assert!(location(&res).starts_with("/signin?error=wechat_retry"), "{}", location(&res));
    let text = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(text.contains("WeChat code exchange failed"), "the failure is logged:\n{text}");
    assert!(!text.contains("s3cret-of-the-city"), "the secret is not:\n{text}");
}

#[tokio::test]
async fn start_a_real_city_without_an_sms_gateway_and_read_sign_in_codes_from_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = tongxin::config::Settings::for_dir(dir.path());
    settings.seed_demo = false;
    settings.sms_outbox = false;
    let refused = tongxin::startup::Application::build(settings.clone()).await.err();
    let message = refused.map(|e| format!("{e:#}")).unwrap_or_default();
    assert!(message.contains("no SMS gateway: set sms_gateway_url"), "{message}");
    settings.sms_gateway_url = Some("https://sms.example.cn/send".into());
    let half = tongxin::startup::Application::build(settings).await.err();
    assert!(half.is_some_and(|e| format!("{e:#}").contains("set together")));
}
