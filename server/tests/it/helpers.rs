use app::core::areas::Area;
use std::path::Path;
use tempfile::TempDir;
use tongxin::config::Settings;
use tongxin::db::Db;
use tongxin::startup::Application;

/// The running application. It is also a browser without cookies (`app.get`,
/// `app.post_form`, `app.client`, `app.base`), through `Deref`.
pub struct TestApp {
    pub anonymous: Browser,
    pub db: Db,
    pub dir: TempDir,
}

/// The longest a test may hold its application. A test still running then names itself
/// on stderr and ends the test process, so that a hang fails at once and says where,
/// instead of stalling the whole run.
const TEST_LIMIT: std::time::Duration = std::time::Duration::from_secs(600);

/// Every request of a test's browsers gives up after this (longer than the server's own
/// deadline, which answers 503 first).
const REQUEST_LIMIT: std::time::Duration = std::time::Duration::from_secs(150);

thread_local! {
    /// The watchdog of the test running on this thread: dropped when the thread ends,
    /// after the test's runtime has shut down (which can hang too), and that stops it.
    static WATCHDOG: std::cell::RefCell<Option<std::sync::mpsc::Sender<()>>> =
        const { std::cell::RefCell::new(None) };
}

/// Starts the watchdog of the test on this thread, once.
fn watch() {
    let name = std::thread::current().name().unwrap_or("main").to_string();
    // With one test thread the harness may run every test on `main`: no limit there.
    if name == "main" || WATCHDOG.with(|w| w.borrow().is_some()) {
        return;
    }
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    std::thread::spawn(move || {
        if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = rx.recv_timeout(TEST_LIMIT) {
            use std::io::Write;
            // Straight to the process's stderr: the test harness captures `eprintln!`.
            let _ = writeln!(
                std::io::stderr(),
                "\n{name} still runs after {} s: ending the test process",
                TEST_LIMIT.as_secs()
            );
            std::process::abort();
        }
    });
    WATCHDOG.with(|w| *w.borrow_mut() = Some(tx));
}

impl std::ops::Deref for TestApp {
    type Target = Browser;
    fn deref(&self) -> &Browser {
        &self.anonymous
    }
}

/// Starts the application with a fresh database; `demo` seeds the demo city.
/// Sign-in limits are relaxed here (no resend pause, generous hourly counts) so that
/// tests can sign many residents in from one address; the tests of those limits use
/// [`spawn_with`] and the configured defaults.
pub async fn spawn(demo: bool) -> TestApp {
    spawn_with(demo, |s| {
        s.auth.resend_secs = 0;
        s.auth.codes_per_phone_hour = 1000;
        s.auth.codes_per_client_hour = 1000;
    })
    .await
}

/// As [`spawn`], with settings adjusted first (limits, WeChat, …).
pub async fn spawn_with(demo: bool, adjust: impl FnOnce(&mut Settings)) -> TestApp {
    watch();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut settings = Settings::for_dir(dir.path());
    settings.seed_demo = demo;
    adjust(&mut settings);
    let app = Application::build(settings).await.expect("app builds");
    let base = format!("http://127.0.0.1:{}", app.port());
    let db = app.db.clone();
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(REQUEST_LIMIT)
        .build()
        .expect("client");
    TestApp { anonymous: Browser { base, client }, db, dir }
}

/// How often the fake WeChat was asked for an access token and for a JS-SDK ticket.
#[derive(Default)]
pub struct WechatCalls {
    pub tokens: std::sync::atomic::AtomicUsize,
    pub tickets: std::sync::atomic::AtomicUsize,
}

/// The JS-SDK ticket the fake WeChat hands out.
pub const FAKE_TICKET: &str = "kgt8ON7yVITDhtdwci0qeT_fake_jsapi_ticket";

/// A fake WeChat API on loopback: `sns/oauth2/access_token` answers by code.
pub async fn fake_wechat() -> String {
    fake_wechat_counted().await.0
}

/// [`fake_wechat`], also serving the JS-SDK's `cgi-bin/token` and
/// `cgi-bin/ticket/getticket` (counted).
pub async fn fake_wechat_counted() -> (String, std::sync::Arc<WechatCalls>) {
    use axum::{extract::Query, routing::get, Json, Router};
    use serde_json::Value;
    use std::collections::HashMap;
    use std::sync::{atomic::Ordering, Arc};
    async fn token(Query(q): Query<HashMap<String, String>>) -> Json<Value> {
        assert_eq!(q.get("appid").map(String::as_str), Some("wxtest"));
        assert_eq!(q.get("secret").map(String::as_str), Some("s3cret"));
        assert_eq!(q.get("grant_type").map(String::as_str), Some("authorization_code"));
        Json(match q.get("code").map(String::as_str) {
            Some("good") => {
                serde_json::json!({"access_token": "AT", "expires_in": 7200, "refresh_token": "RT", "openid": "oWx_resident_1", "scope": "snsapi_base"})
            }
            Some("good2") => {
                serde_json::json!({"access_token": "AT", "expires_in": 7200, "refresh_token": "RT", "openid": "oWx_resident_2", "scope": "snsapi_base"})
            }
            Some("snap") => {
                serde_json::json!({"access_token": "AT", "openid": "oSnapshot", "scope": "snsapi_base", "is_snapshotuser": 1})
            }
            _ => serde_json::json!({"errcode": 40029, "errmsg": "invalid code"}),
        })
    }
    let calls = Arc::new(WechatCalls::default());
    let (c1, c2) = (calls.clone(), calls.clone());
    let app_token = move |Query(q): Query<HashMap<String, String>>| {
        let calls = c1.clone();
        async move {
            calls.tokens.fetch_add(1, Ordering::SeqCst);
            let ok = q.get("grant_type").map(String::as_str) == Some("client_credential")
                && q.get("appid").map(String::as_str) == Some("wxtest")
                && q.get("secret").map(String::as_str) == Some("s3cret");
            Json(if ok {
                serde_json::json!({"access_token": "APP_TOKEN", "expires_in": 7200})
            } else {
                serde_json::json!({"errcode": 40125, "errmsg": "invalid appsecret"})
            })
        }
    };
    let ticket = move |Query(q): Query<HashMap<String, String>>| {
        let calls = c2.clone();
        async move {
            calls.tickets.fetch_add(1, Ordering::SeqCst);
            let ok = q.get("access_token").map(String::as_str) == Some("APP_TOKEN")
                && q.get("type").map(String::as_str) == Some("jsapi");
            Json(if ok {
                serde_json::json!({"errcode": 0, "errmsg": "ok", "ticket": FAKE_TICKET, "expires_in": 7200})
            } else {
                serde_json::json!({"errcode": 40001, "errmsg": "invalid credential"})
            })
        }
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let router = Router::new()
        .route("/sns/oauth2/access_token", get(token))
        .route("/cgi-bin/token", get(app_token))
        .route("/cgi-bin/ticket/getticket", get(ticket));
    tokio::spawn(async move { axum::serve(listener, router).await });
    (base, calls)
}

/// The application with WeChat sign-in configured against [`fake_wechat`].
pub async fn spawn_wechat() -> TestApp {
    let api = fake_wechat().await;
    spawn_with(true, move |s| {
        s.auth.resend_secs = 0;
        s.auth.codes_per_phone_hour = 1000;
        s.wechat_appid = Some("wxtest".into());
        s.wechat_secret = Some("s3cret".into());
        s.wechat_api_base = api.clone();
        s.wechat_open_base = api;
    })
    .await
}

/// A browser (cookie jar unless it is the app's anonymous one), no redirects followed,
/// same-origin headers on posts.
pub struct Browser {
    pub base: String,
    pub client: reqwest::Client,
}

impl TestApp {
    pub fn browser(&self) -> Browser {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_store(true)
            .timeout(REQUEST_LIMIT)
            .build()
            .expect("client");
        Browser { base: self.base.clone(), client }
    }

    /// The last sign-in code the development sender wrote for `phone`.
    pub fn last_code(&self, phone: &str) -> String {
        let text =
            std::fs::read_to_string(self.dir.path().join("sms-outbox.jsonl")).expect("outbox");
        text.lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .rfind(|v| v["phone"] == phone)
            .and_then(|v| v["code"].as_str().map(str::to_string))
            .unwrap_or_else(|| panic!("no code for {phone} in the outbox:\n{text}"))
    }

    /// Signs a new browser in with a phone number and accepts the consent notice.
    pub async fn resident(&self, phone: &str) -> Browser {
        let b = self.browser();
        b.sign_in_phone(self, phone).await;
        let res = b.post_form("/me/consent", &[("accept", "yes"), ("next", "/me")]).await;
        assert_eq!(res.status(), 303);
        b
    }

    /// Creates a staff account directly in the database.
    pub async fn add_staff(&self, username: &str, role: app::core::access::Role, area: &str) {
        let phc = tongxin::crypto::hash_password(&format!("{username}-password")).unwrap();
        let new = tongxin::accounts::store::staff::NewStaff {
            username,
            display_name: username,
            password_hash: &phc,
            role,
            area_code: area,
            created_by: None,
        };
        tongxin::accounts::store::staff::add(&self.db, new, "test")
            .await
            .unwrap()
            .expect("username free");
    }

    /// Closes a survey as `staff` (who must manage it); whether it closed.
    pub async fn staff_close(&self, staff: &Browser, survey: &str) -> bool {
        let res =
            staff.post_form(&format!("/staff/surveys/{survey}/close"), &[("confirm", "yes")]).await;
        location(&res).contains("notice=survey_closed_ok")
    }

    /// A browser signed in as staff member `username` (password `<username>-password`),
    /// with the authenticator code when their second factor is on. A city
    /// administrator without one turns it on first, as the gate requires.
    pub async fn staff(&self, username: &str) -> Browser {
        let b = self.browser();
        let password = format!("{username}-password");
        let code = self.totp_now(username).await.unwrap_or_default();
        let res = b
            .post_form(
                "/staff/signin",
                &[
                    ("username", username),
                    ("password", &password),
                    ("totp", &code),
                    ("next", "/staff"),
                ],
            )
            .await;
        assert_eq!(res.headers()["location"], "/staff", "{username} signs in");
        let role: String = sqlx::query_scalar("SELECT role FROM staff WHERE username = ?")
            .bind(username)
            .fetch_one(self.db.reader())
            .await
            .unwrap();
        if role == "city_admin" && code.is_empty() {
            self.enrol_totp(&b, username).await;
        }
        b
    }

    /// The server key, as the application loaded it from the data directory.
    pub fn key(&self) -> tongxin::crypto::ServerKey {
        tongxin::crypto::ServerKey::load(None, self.dir.path()).expect("server key")
    }

    /// An unused authenticator code of `username`'s second factor, if it is on.
    pub async fn totp_now(&self, username: &str) -> Option<String> {
        let (id, sealed, last): (String, Option<String>, i64) =
            sqlx::query_as("SELECT id, totp_secret, totp_last_step FROM staff WHERE username = ?")
                .bind(username)
                .fetch_optional(self.db.reader())
                .await
                .unwrap()?;
        let secret = tongxin::accounts::totp::open(&self.key(), &id, &sealed?)?;
        let step = (chrono::Utc::now().timestamp() / 30 - 1).max(last + 1);
        Some(format!("{:06}", tongxin::accounts::totp::code(&secret, step)))
    }

    /// Turns the second factor on for the signed-in `username`, as they would with an
    /// authenticator app.
    pub async fn enrol_totp(&self, b: &Browser, username: &str) {
        let res = b.post_form("/staff/security/totp/start", &[]).await;
        assert_eq!(location(&res), "/staff/security?step=scan#totp");
        let (id, sealed): (String, String) =
            sqlx::query_as("SELECT id, totp_pending FROM staff WHERE username = ?")
                .bind(username)
                .fetch_one(self.db.reader())
                .await
                .unwrap();
        let secret = tongxin::accounts::totp::open(&self.key(), &id, &sealed).unwrap();
        let code = tongxin::accounts::totp::code(&secret, chrono::Utc::now().timestamp() / 30 - 1);
        let res =
            b.post_form("/staff/security/totp/confirm", &[("code", &format!("{code:06}"))]).await;
        assert_eq!(location(&res), "/staff/security?notice=totp_enabled#totp");
    }
}

impl Browser {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("request")
    }

    /// A same-origin form post, as a browser sends it from our page.
    /// `GET path` read as JSON (a `serde_json::Value` or any type it deserialises to).
    pub async fn json<T: serde::de::DeserializeOwned>(&self, path: &str) -> T {
        self.get(path).await.json().await.expect("JSON")
    }

    /// `GET path` with the language cookie when `lang` is given: status and body.
    pub async fn page(&self, path: &str, lang: Option<&str>) -> (u16, String) {
        let mut req = self.client.get(self.url(path));
        if let Some(lang) = lang {
            req = req.header("cookie", format!("tx_lang={lang}"));
        }
        let res = req.send().await.expect("request");
        (res.status().as_u16(), res.text().await.expect("body"))
    }

    pub async fn post_form(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .header("origin", &self.base)
            .header("sec-fetch-site", "same-origin")
            .form(form)
            .send()
            .await
            .expect("request")
    }

    /// Posts a multipart upload of `file` (named `name`) with text fields.
    pub async fn upload(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        name: &str,
        file: &str,
        accept_json: bool,
    ) -> reqwest::Response {
        let mut form = reqwest::multipart::Form::new();
        for (k, v) in fields {
            form = form.text(k.to_string(), v.to_string());
        }
        form = form.part(
            "file",
            reqwest::multipart::Part::bytes(file.as_bytes().to_vec()).file_name(name.to_string()),
        );
        let mut req = self
            .client
            .post(self.url(path))
            .header("origin", &self.base)
            .header("sec-fetch-site", "same-origin");
        if accept_json {
            req = req.header("accept", "application/json");
        }
        req.multipart(form).send().await.expect("request")
    }

    /// Asks for a code and signs in with it; returns where the resident was sent.
    pub async fn sign_in_phone(&self, app: &TestApp, phone: &str) -> String {
        let res = self.post_form("/auth/phone/send", &[("phone", phone), ("next", "/me")]).await;
        assert_eq!(res.status(), 303);
        let loc = res.headers()["location"].to_str().unwrap().to_string();
        assert!(loc.starts_with("/signin?step=code"), "{loc}");
        let code = app.last_code(phone);
        let res = self.post_form("/auth/phone/verify", &[("code", &code), ("next", "/me")]).await;
        assert_eq!(res.status(), 303);
        res.headers()["location"].to_str().unwrap().to_string()
    }
}

/// Opens a database file directly, as another process would.
pub async fn open(dir: &Path) -> Db {
    let db =
        Db::connect(&format!("sqlite://{}", dir.join("tongxin.db").display())).await.expect("open");
    db.migrate().await.expect("migrate");
    db
}

pub async fn areas(db: &Db) -> Vec<Area> {
    tongxin::areas::store::all(db).await.expect("areas")
}

/// Where a redirect sends the browser ("" when it does not redirect).
pub fn location(res: &reqwest::Response) -> String {
    res.headers().get("location").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default()
}

/// A page's text as a reader gets it: the markup taken out, so that a sentence
/// with a span inside ("第 <span>3</span> 题") reads whole.
pub fn words(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}
