//! Guests filling the disk, and bodies of any size: what a guest posts is kept only as
//! far as a real answer could be (per question, per draft, per address), and every
//! request body has a limit answered with 413 in the requester's language.
use crate::helpers::{spawn, spawn_with, TestApp};
use crate::surveys::published;

async fn drafts(app: &TestApp) -> (i64, i64) {
    sqlx::query_as("SELECT COUNT(*), COALESCE(SUM(LENGTH(form)), 0) FROM survey_drafts")
        .fetch_one(app.db.reader())
        .await
        .unwrap()
}

/// A post without cookies, as a script sends it (each one a new browser).
async fn guest_post(app: &TestApp, survey: &str, form: &[(&str, &str)]) -> reqwest::Response {
    app.post_form(&format!("/surveys/{survey}/answer"), form).await
}

#[tokio::test]
async fn keep_megabytes_as_a_guest_draft_in_a_short_answer_and_in_made_up_fields() {
    let app = spawn(true).await;
    let survey = published(&app.db, false, false).await;
    let big = "长".repeat(100_000); // 900 KB percent-encoded, under the body limit
    let res = guest_post(&app, &survey, &[("safe", "4"), ("note", &big)]).await;
    assert_eq!(res.status(), 303);
    let half = &big[..big.len() / 2];
    let res = guest_post(&app, &survey, &[("safe", "4"), ("issue", half), ("made_up", half)]).await;
    assert_eq!(res.status(), 303);
    let (n, bytes) = drafts(&app).await;
    assert_eq!(n, 2, "the valid answers are kept for each guest");
    // A short answer keeps one character over its limit (so the page can say it is too
    // long), a single choice an option's length, and made-up fields nothing.
    assert!(bytes < 1024, "not much more than an answer could be ({bytes} bytes kept)");
    let forms: Vec<String> = sqlx::query_scalar("SELECT form FROM survey_drafts")
        .fetch_all(app.db.reader())
        .await
        .unwrap();
    assert!(forms.iter().any(|f| f.contains(&format!("\"{}\"", "长".repeat(101)))), "{forms:?}");
    assert!(forms.iter().all(|f| !f.contains("made_up")), "{forms:?}");
}

#[tokio::test]
async fn fill_the_disk_with_cookie_less_guest_posts_from_one_address() {
    let app = spawn_with(true, |s| s.auth.drafts_per_client_day = 5).await;
    let survey = published(&app.db, false, false).await;
    let note = "楼道灯坏了".repeat(20);
    for _ in 0..12 {
        let res = guest_post(&app, &survey, &[("safe", "4"), ("note", &note)]).await;
        assert_eq!(res.status(), 303);
    }
    assert_eq!(drafts(&app).await.0, 5, "an address starts at most its day's drafts");
    // A guest whose answers are kept still updates them.
    let app2 = spawn_with(true, |s| s.auth.drafts_per_client_day = 1).await;
    let survey2 = published(&app2.db, false, false).await;
    let b2 = app2.browser();
    for safe in ["2", "3"] {
        let res = b2.post_form(&format!("/surveys/{survey2}/answer"), &[("safe", safe)]).await;
        assert_eq!(res.status(), 303);
    }
    let form: String = sqlx::query_scalar("SELECT form FROM survey_drafts")
        .fetch_one(app2.db.reader())
        .await
        .unwrap();
    assert_eq!(form, r#"[["safe","3"]]"#);
}

/// Posts a form of just over a megabyte to `path`: with its length declared, or sent
/// in chunks without one (as a stream is), written by hand on a socket.
async fn oversized(app: &TestApp, path: &str, declared: bool, lang: &str) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let body = format!("note={}", "a".repeat(1024 * 1024 + 1));
    let host = app.base.trim_start_matches("http://");
    let mut head = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nOrigin: {}\r\nAccept-Language: {lang}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n",
        app.base
    );
    let mut wire = Vec::new();
    if declared {
        head += &format!("Content-Length: {}\r\n\r\n", body.len());
        wire.extend_from_slice(head.as_bytes());
        wire.extend_from_slice(body.as_bytes());
    } else {
        head += "Transfer-Encoding: chunked\r\n\r\n";
        wire.extend_from_slice(head.as_bytes());
        for chunk in body.as_bytes().chunks(64 * 1024) {
            wire.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
            wire.extend_from_slice(chunk);
            wire.extend_from_slice(b"\r\n");
        }
        wire.extend_from_slice(b"0\r\n\r\n");
    }
    let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
    // The server may answer and close before reading all of it.
    let _ = stream.write_all(&wire).await;
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    let answer = String::from_utf8_lossy(&answer).to_string();
    let status = answer.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, answer)
}

#[tokio::test]
async fn send_bodies_over_a_megabyte_to_forms_server_functions_and_the_api() {
    let app = spawn(true).await;
    let survey = published(&app.db, false, false).await;
    let answer = format!("/surveys/{survey}/answer");
    for (path, declared) in [
        (answer.as_str(), true),
        (answer.as_str(), false),
        ("/rpc/survey", true),
        ("/rpc/survey", false),
        ("/staff/rpc/home", true),
        ("/auth/phone/send", false),
        ("/api/v1/areas", true),
    ] {
        let (status, text) = oversized(&app, path, declared, "zh-CN").await;
        assert_eq!(status, 413, "{path} (declared length: {declared}): {text:.300}");
        assert!(text.contains("提交的内容太大（上限 1 MB），没有保存任何内容。"), "{path}: {text}");
    }
    let (_, text) = oversized(&app, "/rpc/survey", true, "en").await;
    assert!(text.contains("What was sent is too large (at most 1 MB)"), "{text:.300}");
    assert_eq!(drafts(&app).await.0, 0, "nothing was kept");
}
