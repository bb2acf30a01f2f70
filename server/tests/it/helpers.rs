use app::areas::Area;
use std::path::Path;
use tempfile::TempDir;
use tongxin::config::Settings;
use tongxin::startup::Application;
use tongxin::storage::Db;

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub db: Db,
    pub dir: TempDir,
}

/// Starts the application with a fresh database; `demo` seeds the demo city.
pub async fn spawn(demo: bool) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut settings = Settings::for_dir(dir.path());
    settings.seed_demo = demo;
    let app = Application::build(settings).await.expect("app builds");
    let base = format!("http://127.0.0.1:{}", app.port());
    let db = app.db.clone();
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    TestApp { base, client, db, dir }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("request")
    }

    /// A same-origin form post, as a browser sends it from our page.
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
}

/// Opens a database file directly, as another process would.
pub async fn open(dir: &Path) -> Db {
    let db = Db::connect(&format!("sqlite://{}", dir.join("tongxin.db").display())).await.expect("open");
    db.migrate().await.expect("migrate");
    db
}

pub async fn areas(db: &Db) -> Vec<Area> {
    db.areas().await.expect("areas")
}
