//! Sharing a survey inside WeChat: with the city's official account, the page carries
//! the JS-SDK config signed with the (cached) ticket and its CSP lets WeChat's script
//! in; without it, plain meta tags only. One `description` either way.
use super::{link_code, published};
use crate::helpers::{fake_wechat_counted, spawn, spawn_with, TestApp, FAKE_TICKET};
use sha1::{Digest, Sha1};
use std::sync::atomic::Ordering;

const WECHAT_UA: &str = "Mozilla/5.0 (Linux; Android 13; V2199A) AppleWebKit/537.36 \
    (KHTML, like Gecko) Chrome/116.0 Mobile Safari/537.36 XWEB/1160065 MicroMessenger/8.0.47.2560";

/// `GET path` as WeChat's browser: the CSP header and the page.
async fn in_wechat(app: &TestApp, path: &str) -> (String, String) {
    let res = app.client.get(app.url(path)).header("user-agent", WECHAT_UA).send().await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    let csp = res.headers()["content-security-policy"].to_str().unwrap().to_string();
    (csp, res.text().await.unwrap())
}

/// The value after `key:"` in the inline script.
fn js_field<'a>(html: &'a str, key: &str) -> &'a str {
    let start = html.find(&format!("{key}:\"")).unwrap_or_else(|| panic!("{key} in the page"));
    let rest = &html[start + key.len() + 2..];
    &rest[..rest.find('"').unwrap()]
}

fn descriptions(html: &str) -> usize {
    html.matches(r#"<meta name="description""#).count()
}

async fn with_official_account(api: String) -> TestApp {
    spawn_with(true, move |s| {
        s.wechat_appid = Some("wxtest".into());
        s.wechat_secret = Some("s3cret".into());
        s.wechat_api_base = api.clone();
        s.wechat_open_base = api;
    })
    .await
}

#[tokio::test]
async fn with_an_official_account_the_survey_page_in_wechat_carries_a_signed_share_config() {
    let (api, calls) = fake_wechat_counted().await;
    let app = with_official_account(api).await;
    let survey = published(&app.db, false, false).await;
    let code = link_code(&app.db, &survey, "449902002001").await;
    // As WeChat opens a link shared in a chat: its own parameters appended.
    let path = format!("/surveys/{survey}?via={code}&from=singlemessage&isappinstalled=0");
    let (csp, html) = in_wechat(&app, &path).await;

    let script_src = csp.split(';').find(|d| d.trim().starts_with("script-src")).unwrap();
    assert!(script_src.contains("https://res.wx.qq.com"), "{csp}");
    let nonce = script_src.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap();
    assert!(html.contains(&format!(
        r#"<script src="https://res.wx.qq.com/open/js/jweixin-1.6.0.js" defer nonce="{nonce}"></script>"#
    )));
    assert!(html.contains(&format!(r#"<script nonce="{nonce}">document.addEventListener"#)));

    // The signature verifies against the fake ticket, over the URL as opened.
    assert_eq!(js_field(&html, "appId"), "wxtest");
    let nonce_str = js_field(&html, "nonceStr");
    let timestamp = html.split("timestamp:").nth(1).unwrap().split(',').next().unwrap();
    let now = chrono::Utc::now().timestamp();
    assert!((now - timestamp.parse::<i64>().unwrap()).abs() < 60);
    let url = app.url(&path);
    let signed =
        format!("jsapi_ticket={FAKE_TICKET}&noncestr={nonce_str}&timestamp={timestamp}&url={url}");
    assert_eq!(js_field(&html, "signature"), hex::encode(Sha1::digest(signed.as_bytes())));
    assert!(html.contains(r#"jsApiList:["updateAppMessageShareData","updateTimelineShareData"]"#));

    // The card shares the survey in its community, not WeChat's parameters.
    let link = app.url(&format!("/surveys/{survey}?via={code}"));
    assert_eq!(js_field(&html, "link"), link);
    assert_eq!(js_field(&html, "imgUrl"), app.url("/share.png"));
    assert_eq!(js_field(&html, "title"), "平安建设问卷");
    assert!(html.contains(&format!(r#"<meta property="og:url" content="{link}""#)));
    assert!(
        html.contains(&format!(r#"<meta property="og:image" content="{}""#, app.url("/share.png")))
    );
    assert_eq!(descriptions(&html), 1, "the survey's own description only");

    // More pages, one ticket: fetched once, then cached.
    for page in [path.as_str(), "/", "/index", "/surveys", &format!("/surveys/{survey}")] {
        let (csp, html) = in_wechat(&app, page).await;
        assert!(csp.contains("res.wx.qq.com") && html.contains("wx.config("), "{page}");
        assert_eq!(descriptions(&html), 1, "{page}");
    }
    assert_eq!(calls.tokens.load(Ordering::SeqCst), 1);
    assert_eq!(calls.tickets.load(Ordering::SeqCst), 1);

    // Outside WeChat, and on pages without a card, WeChat's script is not let in.
    let res = app.get(&path).await;
    let csp = res.headers()["content-security-policy"].to_str().unwrap().to_string();
    let html = res.text().await.unwrap();
    assert!(!csp.contains("res.wx.qq.com") && !html.contains("res.wx.qq.com"));
    let (csp, html) = in_wechat(&app, "/privacy").await;
    assert!(!csp.contains("res.wx.qq.com") && !html.contains("res.wx.qq.com"));
    assert_eq!(descriptions(&html), 1);
}

#[tokio::test]
async fn without_an_official_account_pages_have_plain_meta_and_one_description() {
    let app = spawn(true).await;
    let survey = published(&app.db, false, false).await;
    for page in [format!("/surveys/{survey}"), "/".into(), "/index".into(), "/me".into()] {
        let (csp, html) = in_wechat(&app, &page).await;
        assert!(!csp.contains("res.wx.qq.com"), "{page}: {csp}");
        assert!(!html.contains("res.wx.qq.com") && !html.contains("wx.config"), "{page}");
        assert_eq!(descriptions(&html), 1, "{page}");
    }
    let (_, html) = in_wechat(&app, &format!("/surveys/{survey}")).await;
    assert!(
        html.contains(r#"<meta name="description" content="平安建设问卷">"#),
        "the survey's own"
    );
    assert!(html.contains(r#"<meta property="og:title" content="平安建设问卷">"#));
    // A survey that is not there still says what the site is, once.
    let (status, html) = app.page("/surveys/nosuchsurvey0000", None).await;
    assert_eq!(status, 404);
    assert_eq!(descriptions(&html), 1);
}

#[tokio::test]
async fn when_wechat_refuses_the_ticket_pages_render_without_it_and_wait_before_asking_again() {
    let (api, calls) = fake_wechat_counted().await;
    let app = spawn_with(true, move |s| {
        s.wechat_appid = Some("wxtest".into());
        s.wechat_secret = Some("a-wrong-secret".into());
        s.wechat_api_base = api.clone();
        s.wechat_open_base = api;
    })
    .await;
    let survey = published(&app.db, false, false).await;
    for _ in 0..3 {
        let (csp, html) = in_wechat(&app, &format!("/surveys/{survey}")).await;
        assert!(!csp.contains("res.wx.qq.com") && !html.contains("res.wx.qq.com"));
        assert!(html.contains("平安建设问卷"), "the survey itself is there");
        assert_eq!(descriptions(&html), 1);
    }
    assert_eq!(calls.tokens.load(Ordering::SeqCst), 1, "one try, then a pause");
    assert_eq!(calls.tickets.load(Ordering::SeqCst), 0);
}
