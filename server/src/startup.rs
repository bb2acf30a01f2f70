//! Building and running the application (zero2prod's `Application`): tests start the
//! very same thing on port 0 with a fresh database.
use crate::backend::StoreBackend;
use crate::config::Settings;
use crate::domain::index::methodology::default_methodology;
use crate::domain::{area_import, demo_city, demo_observations};
use crate::http::{self, assets, AppState};
use crate::storage::{areas::ImportOutcome, Db};
use anyhow::Context;
use leptos::prelude::LeptosOptions;
use std::sync::Arc;
use tokio::net::TcpListener;

pub struct Application {
    listener: TcpListener,
    router: axum::Router,
    pub db: Db,
    pub backend: Arc<StoreBackend>,
}

/// Opens and migrates the database named by the settings.
/// Opens and migrates the database named by the settings, and adopts the shipped
/// methodology when none is in force yet.
pub async fn open_db(settings: &Settings) -> anyhow::Result<Db> {
    let url = settings.database_url();
    let db = Db::connect(&url).await.with_context(|| format!("opening {url}"))?;
    db.migrate().await.context("migrating the database")?;
    if db.methodology_in_force().await?.is_none() {
        let m = default_methodology();
        db.adopt_methodology(&m, &now_iso8601()).await?;
        tracing::info!(version = %m.version, "default methodology adopted");
    }
    Ok(db)
}

/// The current time as ISO-8601 UTC, to the second.
pub fn now_iso8601() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Yesterday in China (UTC+8): the latest day a daily index can be published for.
pub fn yesterday_in_china() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive() - chrono::Duration::days(1)
}

/// Loads the demo city and `months` months of index observations up to `last_day`.
/// Refuses (changes nothing) if the city conflicts with stored areas.
pub async fn seed_demo(db: &Db, months: u32, last_day: chrono::NaiveDate) -> anyhow::Result<ImportOutcome> {
    let areas = demo_city::demo_areas(demo_city::DEMO_SEED);
    let outcome = db.import_area_rows(area_import::raw_rows(&areas), true).await?;
    if matches!(outcome, ImportOutcome::Rejected(_)) || months == 0 {
        return Ok(outcome);
    }
    let Some(m) = db.methodology_in_force().await? else { anyhow::bail!("no methodology in force") };
    let tree = app::areas::AreaTree::new(db.areas().await?);
    let observations = demo_observations::demo_observations(&tree, &m, demo_city::DEMO_SEED, last_day, months);
    db.import_observations(&observations, &|_| {}).await?;
    tracing::info!(rows = observations.len(), %last_day, "demo observations seeded");
    Ok(outcome)
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        let db = open_db(&settings).await?;
        if settings.seed_demo && db.areas().await?.is_empty() {
            match seed_demo(&db, settings.demo_months, yesterday_in_china()).await? {
                ImportOutcome::Applied { inserted, .. } => tracing::info!(inserted, "demo city 同心市 seeded"),
                ImportOutcome::Rejected(p) => anyhow::bail!("demo city rejected: {:?}", p),
            }
        }
        let site_root = settings.site_root.clone();
        let compressed = tokio::task::spawn_blocking(move || assets::precompress(&site_root)).await?;
        match compressed {
            Ok(n) if n > 0 => tracing::info!(files = n, "static assets precompressed"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "could not precompress static assets"),
        }
        let mut manifest = assets::manifest();
        manifest.paths.charts = assets::charts_script(&settings.site_root);
        let listener = TcpListener::bind(settings.addr).await.with_context(|| format!("binding {}", settings.addr))?;
        let leptos = LeptosOptions::builder()
            .output_name(assets::OUTPUT_NAME)
            .site_root(settings.site_root.to_string_lossy().into_owned())
            .site_pkg_dir("pkg")
            .site_addr(listener.local_addr()?)
            .hash_files(manifest.hashed)
            .build();
        let backend = Arc::new(StoreBackend::new(db.clone()));
        let secret = crate::auth::crypto::Secret::load(settings.secret_key.as_deref(), &settings.data_dir)?;
        let sms: crate::auth::sms::Sms = match (&settings.sms_gateway_url, &settings.sms_gateway_key) {
            (Some(url), Some(key)) => Arc::new(crate::auth::sms::HttpSender::new(url.clone(), key.clone())),
            _ => {
                let outbox = settings.data_dir.join("sms-outbox.jsonl");
                tracing::warn!(outbox = %outbox.display(), "no SMS gateway configured: sign-in codes are written to the outbox, not sent");
                Arc::new(crate::auth::sms::DevSender::new(outbox))
            }
        };
        let wechat = match (&settings.wechat_appid, &settings.wechat_secret) {
            (Some(appid), Some(secret)) if !appid.is_empty() => Some(Arc::new(crate::auth::wechat::WechatClient::new(
                crate::auth::wechat::WechatConfig {
                    appid: appid.clone(),
                    secret: secret.clone(),
                    open_base: settings.wechat_open_base.clone(),
                    api_base: settings.wechat_api_base.clone(),
                },
            ))),
            _ => None,
        };
        let state = AppState {
            leptos,
            db: db.clone(),
            backend: backend.clone(),
            assets: manifest.paths,
            hashed_assets: manifest.hashed,
            submit_limiter: Arc::new(http::surveys::SubmitLimiter::new(settings.auth.survey_submits_per_client_minute)),
            settings: Arc::new(settings),
            secret,
            sms,
            wechat,
        };
        Ok(Application { listener, router: http::router(state), db, backend })
    }

    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let service = self.router.into_make_service_with_connect_info::<std::net::SocketAddr>();
        let housekeeping = tokio::spawn(housekeeping(self.db.clone()));
        axum::serve(self.listener, service).with_graceful_shutdown(shutdown_signal()).await?;
        housekeeping.abort();
        self.db.close().await;
        Ok(())
    }
}

/// Every minute: closes surveys whose time is up (closing the city's monthly survey
/// feeds the index). Hourly: forgets expired sessions, day-old sign-in codes and
/// attempts, and answers kept across sign-in (the retention the privacy notice
/// promises). Sign-in and submission check expiry themselves; this only keeps what is
/// stored to what is needed.
async fn housekeeping(db: Db) {
    let mut every_minute = tokio::time::interval(std::time::Duration::from_secs(60));
    let mut minutes = 0u32;
    loop {
        every_minute.tick().await;
        match db.survey_close_due(crate::domain::survey_feed::MIN_RESPONSES).await {
            Ok(closed) if !closed.is_empty() => tracing::info!(surveys = ?closed, "closed surveys whose time was up"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "closing due surveys failed; retrying in a minute"),
        }
        if minutes % 60 == 0 {
            if let Err(e) = db.purge_expired().await {
                tracing::warn!(error = %e, "purging expired sessions and codes failed; retrying in an hour");
            }
        }
        minutes = minutes.wrapping_add(1);
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}
