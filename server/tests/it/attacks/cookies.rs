//! Session cookies on a site served over HTTPS (`secure_cookies`): an attacker who can
//! answer one plain-HTTP request for the site, or who controls a sibling subdomain,
//! plants a session cookie of their own (session fixation: the victim then answers as
//! the attacker, or the attacker reads what the victim enters).
use crate::helpers::spawn_with;

fn set_cookies(res: &reqwest::Response) -> Vec<String> {
    res.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string()).collect()
}

/// The value of `name` among the `Set-Cookie` headers.
fn value(cookies: &[String], name: &str) -> String {
    let c = cookies
        .iter()
        .find(|c| c.starts_with(&format!("{name}=")))
        .unwrap_or_else(|| panic!("no {name} in {cookies:?}"));
    c[name.len() + 1..].split(';').next().unwrap().to_string()
}

#[tokio::test]
async fn plant_a_plain_session_cookie_on_a_site_served_over_https() {
    let app = spawn_with(true, |s| {
        s.secure_cookies = true;
        s.auth.resend_secs = 0;
    })
    .await;
    let post = |path: &str, cookie: Option<String>, form: &[(&str, &str)]| {
        let mut req = app
            .client
            .post(app.url(path))
            .header("origin", &app.base)
            .header("sec-fetch-site", "same-origin")
            .form(form);
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        req.send()
    };
    let res =
        post("/auth/phone/send", None, &[("phone", "13800138000"), ("next", "/me")]).await.unwrap();
    let cookies = set_cookies(&res);
    assert!(cookies.iter().all(|c| !c.starts_with("tx_otp=")), "{cookies:?}");
    let otp = value(&cookies, "__Host-tx_otp");
    assert!(cookies[0].contains("; Path=/;") && cookies[0].ends_with("; Secure"), "{cookies:?}");
    let code = app.last_code("13800138000");
    let res = post(
        "/auth/phone/verify",
        Some(format!("__Host-tx_otp={otp}")),
        &[("code", &code), ("next", "/me")],
    )
    .await
    .unwrap();
    let cookies = set_cookies(&res);
    let session = value(&cookies, "__Host-tx_sid");
    let me = |cookie: String| {
        let req = app.client.get(app.url("/me")).header("cookie", cookie);
        async move { req.send().await.unwrap().text().await.unwrap() }
    };
    assert!(me(format!("__Host-tx_sid={session}")).await.contains("尾号 8000"));
    // The same token under the plain name, as a plain-HTTP response or a subdomain
    // could set it, signs nobody in.
    assert!(!me(format!("tx_sid={session}")).await.contains("尾号 8000"));
    // Nor is a plain challenge cookie taken for a sign-in.
    let res =
        post("/auth/phone/send", None, &[("phone", "13800138001"), ("next", "/me")]).await.unwrap();
    let otp = value(&set_cookies(&res), "__Host-tx_otp");
    let code = app.last_code("13800138001");
    let res = post("/auth/phone/verify", Some(format!("tx_otp={otp}")), &[("code", &code)])
        .await
        .unwrap();
    assert!(set_cookies(&res).iter().all(|c| !c.contains("tx_sid=")), "no session opened");
}
