//! Building and running the application (zero2prod's `Application`): tests start the
//! very same thing on port 0 with a fresh database.
use crate::accounts::records::ResidentRecords;
use crate::accounts::service::Identity;
use crate::accounts::{sms, wechat};
use crate::areas::adapter::SiteCache;
use crate::clock::yesterday_in_china;
use crate::config::Settings;
use crate::crypto::ServerKey;
use crate::csv_import::ImportOutcome;
use crate::db::Db;
use crate::index::adapter::IndexCache;
use crate::share::jssdk::JsSdk;
use crate::surveys::limiter::SubmitLimiter;
use crate::surveys::records::SurveyRecords;
use crate::web::{assets, router, AppState};
use anyhow::Context;
use leptos::prelude::LeptosOptions;
use std::sync::Arc;
use tokio::net::TcpListener;

pub struct Application {
    listener: TcpListener,
    router: axum::Router,
    pub db: Db,
}

/// Opens and migrates the database named by the settings, and adopts the shipped
/// methodology when none is in force yet.
pub async fn open_db(settings: &Settings) -> anyhow::Result<Db> {
    let url = settings.database_url();
    let db = Db::connect(&url).await.with_context(|| format!("opening {url}"))?;
    db.migrate().await.context("migrating the database")?;
    crate::index::service::adopt_default(&db).await?;
    Ok(db)
}

/// How sign-in codes leave: the configured gateway, or the development outbox, which
/// only the demo or an explicit `sms_outbox = true` may use: a real city without a
/// gateway does not start (its codes would only reach the log).
fn sms_sender(settings: &Settings) -> anyhow::Result<sms::Sms> {
    match (&settings.sms_gateway_url, &settings.sms_gateway_key) {
        (Some(url), Some(key)) => Ok(Arc::new(sms::HttpSender::new(url.clone(), key.clone()))),
        (None, None) if settings.seed_demo || settings.sms_outbox => {
            let outbox = settings.data_dir.join("sms-outbox.jsonl");
            tracing::warn!(outbox = %outbox.display(), "no SMS gateway configured: sign-in codes are written to the outbox, not sent");
            Ok(Arc::new(sms::DevSender::new(outbox)))
        }
        (None, None) => anyhow::bail!(
            "no SMS gateway: set sms_gateway_url and sms_gateway_key (or, for development only, \
             sms_outbox = true to write sign-in codes to <data_dir>/sms-outbox.jsonl)"
        ),
        _ => anyhow::bail!("sms_gateway_url and sms_gateway_key are set together or not at all"),
    }
}

fn wechat_client(settings: &Settings) -> Option<Arc<wechat::WechatClient>> {
    match (&settings.wechat_appid, &settings.wechat_secret) {
        (Some(appid), Some(secret)) if !appid.is_empty() => {
            Some(Arc::new(wechat::WechatClient::new(wechat::WechatConfig {
                appid: appid.clone(),
                secret: secret.clone(),
                open_base: settings.wechat_open_base.clone(),
                api_base: settings.wechat_api_base.clone(),
            })))
        }
        _ => None,
    }
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        let db = open_db(&settings).await?;
        if settings.seed_demo && crate::areas::store::all(&db).await?.is_empty() {
            match crate::demo::seed(&db, settings.demo_months, yesterday_in_china()).await? {
                ImportOutcome::Applied { inserted, .. } => {
                    tracing::info!(inserted, "demo city 同心市 seeded")
                }
                ImportOutcome::Rejected(p) => anyhow::bail!("demo city rejected: {:?}", p),
            }
        }
        let site_root = settings.site_root.clone();
        match tokio::task::spawn_blocking(move || assets::precompress(&site_root)).await? {
            Ok(n) if n > 0 => tracing::info!(files = n, "static assets precompressed"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "could not precompress static assets"),
        }
        let mut manifest = assets::manifest();
        manifest.paths.charts = assets::charts_script(&settings.site_root);
        let listener = TcpListener::bind(settings.addr)
            .await
            .with_context(|| format!("binding {}", settings.addr))?;
        let leptos = LeptosOptions::builder()
            .output_name(assets::OUTPUT_NAME)
            .site_root(settings.site_root.to_string_lossy().into_owned())
            .site_pkg_dir("pkg")
            .site_addr(listener.local_addr()?)
            .hash_files(manifest.hashed)
            .build();
        let key =
            ServerKey::load(settings.secret_key.as_ref().map(|s| s.expose()), &settings.data_dir)?;
        // Participation recorded before marks existed gets its marks (idempotent).
        crate::surveys::service::lifecycle::mark_participants(&db, &key).await?;
        let records: Vec<Arc<dyn ResidentRecords>> = vec![
            Arc::new(SurveyRecords { key: key.clone() }),
            Arc::new(crate::projects::records::ProjectRecords { key: key.clone() }),
        ];
        let wechat = wechat_client(&settings);
        // The same official account signs pages for sharing.
        let jssdk = wechat.as_ref().map(|w| Arc::new(JsSdk::new(w.config.clone())));
        let identity = Identity {
            key,
            sms: sms_sender(&settings)?,
            wechat,
            limits: settings.auth.clone(),
            records: records.into(),
        };
        if settings.public_origin.is_none() && !settings.addr.ip().is_loopback() {
            tracing::warn!(
                "no public_origin: share links and QR codes point at the first allowed host \
                 (allowed_hosts, else this address); set public_origin for posters"
            );
        }
        let site = Arc::new(SiteCache::new(db.clone()));
        let state = AppState {
            leptos,
            db: db.clone(),
            index: Arc::new(IndexCache::new(db.clone(), site.clone())),
            site,
            assets: manifest.paths,
            hashed_assets: manifest.hashed,
            submit_limiter: Arc::new(SubmitLimiter::new(
                settings.auth.survey_submits_per_client_minute,
            )),
            photos: crate::photos::Photos::new(&settings.data_dir),
            settings: Arc::new(settings),
            identity,
            jssdk,
        };
        Ok(Application { listener, router: router::router(state), db })
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
/// feeds the index). Hourly: recomputes an ended month's edition over all its days
/// (once), and forgets expired sessions, day-old sign-in codes and
/// attempts, and answers kept across sign-in (the retention the privacy notice
/// promises). Sign-in and submission check expiry themselves; this only keeps what is
/// stored to what is needed.
async fn housekeeping(db: Db) {
    use app::surveys::rules::feed::MIN_RESPONSES;
    let mut every_minute = tokio::time::interval(std::time::Duration::from_secs(60));
    let mut minutes = 0u32;
    loop {
        every_minute.tick().await;
        match crate::surveys::service::lifecycle::close_due(&db, MIN_RESPONSES).await {
            Ok(closed) if !closed.is_empty() => {
                tracing::info!(surveys = ?closed, "closed surveys whose time was up")
            }
            Ok(_) => {}
            Err(e) => {
                tracing::warn!(error = %e, "closing due surveys failed; retrying in a minute")
            }
        }
        if minutes.is_multiple_of(60) {
            let purged = async {
                crate::accounts::store::sessions::purge_expired(&db).await?;
                crate::surveys::store::drafts::purge(&db).await
            };
            if let Err(e) = purged.await {
                tracing::warn!(error = %e, "purging expired sessions, codes and kept answers failed; retrying in an hour");
            }
            let today = crate::clock::today_in_china();
            match crate::index::service::settle_last_month(&db, today).await {
                Ok(Some(month)) => {
                    tracing::info!(%month, "monthly edition recomputed over the whole ended month")
                }
                Ok(None) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "settling last month's edition failed; retrying in an hour")
                }
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
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}
