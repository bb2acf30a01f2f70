//! Accounts over HTTP: residents (phone code, WeChat, "我的") and staff (sign-in,
//! residents, the authorisation matrix).
mod data;
pub mod matrix;
mod me;
mod phone;
mod residents;
mod staff_signin;
pub mod wechat;
use crate::helpers::{location, TestApp};

pub const PHONE: &str = "13800138000";

pub async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(app.db.reader()).await.unwrap()
}

pub async fn scalar(app: &TestApp, sql: &str) -> String {
    sqlx::query_scalar(sql).fetch_one(app.db.reader()).await.unwrap()
}

/// Everything a staff action could change, as one string.
pub async fn state(app: &TestApp) -> String {
    let parts = [
        "SELECT COALESCE(group_concat(id || ':' || verification || ':' || COALESCE(verified_by, ''), ','), '') FROM (SELECT * FROM residents ORDER BY id)",
        "SELECT COALESCE(group_concat(username || ':' || active, ','), '') FROM (SELECT * FROM staff ORDER BY username)",
        "SELECT COUNT(*) || '' FROM resident_roll",
        "SELECT COUNT(*) || ':' || COALESCE(SUM(value), 0) FROM observations",
        "SELECT COUNT(*) || '' FROM audit_log WHERE action NOT LIKE 'staff.signin%'",
    ];
    let mut out = Vec::new();
    for sql in parts {
        out.push(scalar(app, sql).await);
    }
    out.join(" | ")
}

pub struct Areas {
    pub city: String,
    pub d1: String,
    pub s1: String,
    pub c1: String,
    pub s2: String,
    pub c2: String,
}

pub async fn areas(app: &TestApp) -> Areas {
    let q = |sql: &'static str| async move { scalar(app, sql).await };
    let d1 = q("SELECT code FROM areas WHERE level = 'district' ORDER BY code LIMIT 1").await;
    let s1: String =
        sqlx::query_scalar("SELECT code FROM areas WHERE parent_code = ? ORDER BY code LIMIT 1")
            .bind(&d1)
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    let c1: String =
        sqlx::query_scalar("SELECT code FROM areas WHERE parent_code = ? ORDER BY code LIMIT 1")
            .bind(&s1)
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    let d2: String = sqlx::query_scalar(
        "SELECT code FROM areas WHERE level = 'district' AND code <> ? ORDER BY code DESC LIMIT 1",
    )
    .bind(&d1)
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    let s2: String =
        sqlx::query_scalar("SELECT code FROM areas WHERE parent_code = ? ORDER BY code LIMIT 1")
            .bind(&d2)
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    let c2: String =
        sqlx::query_scalar("SELECT code FROM areas WHERE parent_code = ? ORDER BY code LIMIT 1")
            .bind(&s2)
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    Areas { city: q("SELECT code FROM areas WHERE level = 'city'").await, d1, s1, c1, s2, c2 }
}

/// Another connection to the same file, for tests that age rows.
pub async fn leak_writer(app: &TestApp) -> sqlx::SqlitePool {
    sqlx::SqlitePool::connect(&format!("sqlite://{}", app.dir.path().join("tongxin.db").display()))
        .await
        .unwrap()
}
