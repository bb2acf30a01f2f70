//! Headers on every response and the refusal of cross-site state changes.
use crate::helpers::spawn;

#[tokio::test]
async fn pages_carry_a_nonce_csp_that_changes_per_response() {
    let app = spawn(true).await;
    let csp = |res: &reqwest::Response| {
        res.headers()["content-security-policy"].to_str().unwrap().to_string()
    };
    // /areas has an island (the live search), so it loads the wasm.
    let a = app.get("/areas").await;
    let b = app.get("/areas").await;
    let (csp_a, csp_b) = (csp(&a), csp(&b));
    assert!(csp_a.contains("script-src 'self' 'nonce-"), "{csp_a}");
    assert!(csp_a.contains("frame-ancestors 'none'"));
    assert_ne!(csp_a, csp_b, "a fresh nonce per response");
    let nonce = csp_a.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap().to_string();
    let html = a.text().await.unwrap();
    assert!(
        html.contains(&format!(r#"<script type="module" nonce="{nonce}">"#)),
        "the hydration script carries it"
    );
    for header in ["x-content-type-options", "referrer-policy", "x-frame-options"] {
        assert!(b.headers().contains_key(header), "{header}");
    }
}

/// Pages without an island carry no hydration script, module or wasm preload; pages
/// with one keep the module preload and the loader.
#[tokio::test]
async fn pages_without_islands_load_no_wasm() {
    let app = spawn(true).await;
    for path in ["/", "/index", "/index/area/449902002", "/surveys", "/me", "/privacy"] {
        let (status, html) = app.anonymous.page(path, None).await;
        assert_eq!(status, 200, "{path}");
        assert!(!html.contains("<leptos-island"), "{path} has no island");
        for tag in ["modulepreload", "application/wasm", "hydrateIslands", ".wasm"] {
            assert!(!html.contains(tag), "{path} still has {tag}");
        }
        assert!(html.contains("</head>") && html.contains("</body>"), "{path} is whole");
    }
    let (_, html) = app.anonymous.page("/areas", None).await;
    assert!(html.contains("<leptos-island"));
    for tag in ["modulepreload", "hydrateIslands"] {
        assert!(html.contains(tag), "/areas lacks {tag}");
    }
    assert!(!html.contains("application/wasm"), "the wasm is fetched by the loader, not preloaded");
}

#[tokio::test]
async fn api_and_static_responses_get_a_locked_down_csp() {
    let app = spawn(true).await;
    let res = app.get("/api/v1/areas").await;
    assert_eq!(
        res.headers()["content-security-policy"],
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
    );
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
}

#[tokio::test]
async fn cross_site_posts_are_refused_before_they_change_anything() {
    let app = spawn(true).await;
    let cases: [(&str, &str); 3] =
        [("origin", "http://evil.example"), ("origin", "null"), ("sec-fetch-site", "cross-site")];
    for (header, value) in cases {
        let res = app
            .client
            .post(app.url("/prefs/lang"))
            .header(header, value)
            .form(&[("lang", "en"), ("next", "/")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "{header}: {value}");
        assert!(res.headers().get("set-cookie").is_none());
        assert!(res.text().await.unwrap().contains("请求来源无法验证"));
    }
    // Server functions are behind the same check.
    let res = app
        .client
        .post(app.url("/rpc/anything"))
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
}

#[tokio::test]
async fn responses_are_compressed_when_asked() {
    let app = spawn(true).await;
    // Dynamic responses: gzip (fast), also when brotli is offered first.
    let encoding = |accept: &'static str| {
        let req = app.client.get(app.url("/api/v1/areas")).header("accept-encoding", accept);
        async move {
            let res = req.send().await.unwrap();
            res.headers().get("content-encoding").map(|v| v.to_str().unwrap().to_string())
        }
    };
    assert_eq!(encoding("br, gzip").await.as_deref(), Some("gzip"));
    assert_eq!(encoding("gzip").await.as_deref(), Some("gzip"));
    assert_eq!(encoding("identity").await, None);
}

#[tokio::test]
async fn hsts_is_sent_only_when_served_over_https() {
    let plain = crate::helpers::spawn(false).await;
    let res = plain.get("/healthz").await;
    assert!(res.headers().get("strict-transport-security").is_none());
    let https = crate::helpers::spawn_with(false, |s| s.secure_cookies = true).await;
    let res = https.get("/").await;
    assert_eq!(res.headers()["strict-transport-security"], "max-age=31536000");
}
