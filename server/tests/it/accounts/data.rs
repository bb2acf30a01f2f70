//! `/me/data`: a resident's data as a page to read on the phone (dates in words,
//! labels in their language), with the JSON download beside it.
use crate::helpers::spawn;
use crate::surveys::{neighbour, published};

/// Today in China, in words: "2026年11月30日" and "30 Nov 2026".
fn today_in_words() -> (String, String) {
    let today = (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive();
    (today.format("%Y年%-m月%-d日").to_string(), today.format("%-d %b %Y").to_string())
}

#[tokio::test]
async fn the_data_page_shows_the_residents_data_in_words_and_links_to_the_json() {
    let app = spawn(true).await;
    let named = published(&app.db, false, false).await;
    let anonymous = published(&app.db, true, false).await;
    let me = neighbour(&app, "13800138123").await;
    let res =
        me.post_form("/me/verification", &[("name", "李小梅"), ("address", "3栋2单元201")]).await;
    assert_eq!(res.status(), 303);
    let form = [("safe", "4"), ("issue", "light"), ("note", "<b>路灯</b>坏了")];
    for survey in [&named, &anonymous] {
        let res = me.post_form(&format!("/surveys/{survey}/answer"), &form).await;
        assert!(crate::helpers::location(&res).contains("notice=submitted"), "{survey}");
    }

    let (zh_today, en_today) = today_in_words();
    let res = me.get("/me/data").await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains(r#"<h1 class="page-title">我的数据</h1>"#));
    assert!(
        html.contains(r#"href="/me/export" download="tongxin-my-data.json""#),
        "the JSON beside it"
    );
    assert!(html.contains("在浏览器打开"), "what to do when WeChat will not download");
    for fact in [
        format!("<dt>注册时间</dt><dd>{zh_today}</dd>"),
        "<dt>手机号</dt><dd>尾号 8123（完整号码不保存）</dd>".into(),
        "<dt>微信</dt><dd>未绑定</dd>".into(),
        "<dt>社区认证</dt><dd>认证审核中</dd>".into(),
        "<dt>姓名</dt><dd>李小梅</dd>".into(),
        format!(
            "<dt>个人信息保护告知</dt><dd>{zh_today}同意（版本 {}）</dd>",
            app::core::access::CONSENT_VERSION
        ),
    ] {
        assert!(html.contains(&fact), "{fact}");
    }
    assert!(html.contains("<dt>所在社区</dt><dd>") && html.contains("社区</dd>"));
    assert!(
        html.contains(&format!("<dt>登录时间</dt><dd>{zh_today} ")),
        "sessions with their times"
    );
    assert!(!html.contains("13800138123"), "no number on the page");
    // The named survey's answers in words; the anonymous one's are not the resident's.
    assert!(html.contains(&format!(r#"<h3><a href="/surveys/{named}">平安建设问卷</a></h3>"#)));
    assert!(html.contains("<dt>您觉得所在社区安全吗？</dt><dd>4</dd>"));
    assert!(html.contains("<dt>最关心的问题</dt><dd>路灯</dd>"), "the option's label, not its id");
    assert!(html.contains("<dd>&lt;b&gt;路灯&lt;/b&gt;坏了</dd>"), "free text stays text");
    assert!(html.contains(&format!(
        r#"<h3><a href="/surveys/{anonymous}">平安建设问卷</a></h3><p class="hint">匿名问卷"#
    )));

    let res = me.post_form("/prefs/lang", &[("lang", "en"), ("next", "/me/data")]).await;
    assert_eq!(res.status(), 303);
    let html = me.get("/me/data").await.text().await.unwrap();
    assert!(html.contains(&format!("<dt>Registered</dt><dd>{en_today}</dd>")), "{en_today}");
    assert!(html
        .contains("<dt>Phone number</dt><dd>ending in 8123 (the full number is not stored)</dd>"));
    assert!(html.contains("Download as JSON"));

    // "我的" links to the page and keeps the download.
    me.post_form("/prefs/lang", &[("lang", "zh-CN"), ("next", "/me")]).await;
    let html = me.get("/me").await.text().await.unwrap();
    assert!(html.contains(r#"<a href="/me/data" class="button">查看我的数据</a>"#));
    assert!(html.contains(r#"href="/me/export""#));
    // A guest is asked to sign in, and sees nobody's data.
    let (status, html) = app.page("/me/data", None).await;
    assert_eq!(status, 200);
    assert!(
        html.contains(r#"href="/signin?next=/me/data""#) && !html.contains("<dt>注册时间</dt>")
    );
}
