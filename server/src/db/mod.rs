//! The database: connection pools, write transactions, migrations and [`StoreError`].
//! SQLite by default (one file, WAL, foreign keys, busy timeout, full sync); reads go
//! through a pool, writes through a single connection that takes the write lock up front
//! (`BEGIN IMMEDIATE`), so concurrent writers queue instead of failing with "database is
//! locked". Each feature's `store.rs` speaks SQL through this handle; nothing above a
//! store sees sqlx.
pub mod meta;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Sqlite, Transaction};
use std::{str::FromStr, time::Duration};

/// The one error of the storage layer.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlx(sqlx::Error),
    /// A unique constraint refused the write; names the constraint's columns
    /// (`surveys.month`), so that callers can name the field.
    #[error("already taken: {0}")]
    Taken(String),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is unreadable: {0}")]
    Corrupt(String),
    #[error("unsupported database URL {0:?}: this version runs on SQLite (sqlite://PATH)")]
    Unsupported(String),
}

impl From<sqlx::Error> for StoreError {
    /// Unique violations become [`StoreError::Taken`], here and nowhere else.
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::Database(d) if d.is_unique_violation() => {
                // SQLite: "UNIQUE constraint failed: surveys.month".
                let what = d.message().rsplit(": ").next().unwrap_or("").to_string();
                StoreError::Taken(what)
            }
            _ => StoreError::Sqlx(e),
        }
    }
}

impl StoreError {
    /// A stored value that does not decode.
    pub fn corrupt(what: &str, e: impl std::fmt::Display) -> Self {
        StoreError::Corrupt(format!("{what}: {e}"))
    }
}

/// A write transaction.
pub type Tx = Transaction<'static, Sqlite>;

/// Handle to the database: a read pool and a one-connection write pool.
#[derive(Clone, Debug)]
pub struct Db {
    read: SqlitePool,
    write: SqlitePool,
}

impl Db {
    /// Opens (creating if missing) the database at `url`.
    pub async fn connect(url: &str) -> Result<Db, StoreError> {
        if !url.starts_with("sqlite:") {
            return Err(StoreError::Unsupported(url.to_string()));
        }
        if let Some(path) =
            url.strip_prefix("sqlite://").and_then(|p| std::path::Path::new(p).parent())
        {
            if !path.as_os_str().is_empty() {
                let _ = std::fs::create_dir_all(path);
            }
        }
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            // An acknowledged write survives power loss (DESIGN.md, "Storage").
            .synchronous(SqliteSynchronous::Full);
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options.clone())
            .await?;
        let read = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options.read_only(true))
            .await?;
        Ok(Db { read, write })
    }

    /// Applies the embedded migrations (idempotent).
    pub async fn migrate(&self) -> Result<(), StoreError> {
        sqlx::migrate!("./migrations").run(&self.write).await?;
        Ok(())
    }

    pub fn reader(&self) -> &SqlitePool {
        &self.read
    }

    /// Starts a write transaction holding SQLite's write lock from its first statement.
    pub async fn begin_write(&self) -> Result<Tx, StoreError> {
        Ok(self.write.begin_with("BEGIN IMMEDIATE").await?)
    }

    /// Commits a write transaction (services end theirs here, never seeing sqlx).
    pub async fn commit(tx: Tx) -> Result<(), StoreError> {
        Ok(tx.commit().await?)
    }

    /// Rolls a write transaction back: nothing it did stays.
    pub async fn rollback(tx: Tx) -> Result<(), StoreError> {
        Ok(tx.rollback().await?)
    }

    /// Is the database answering?
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.read).await?;
        Ok(())
    }

    /// Writes a consistent copy of the database to `path` (SQLite's `VACUUM INTO`).
    pub async fn backup(&self, path: &std::path::Path) -> Result<(), StoreError> {
        sqlx::query("VACUUM INTO ?")
            .bind(path.to_string_lossy().into_owned())
            .execute(&self.write)
            .await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.write.close().await;
        self.read.close().await;
    }
}

/// What the pages' ports see of a storage failure: its text, for the log.
impl From<StoreError> for app::core::port::PortError {
    fn from(e: StoreError) -> Self {
        app::core::port::PortError(e.to_string())
    }
}
