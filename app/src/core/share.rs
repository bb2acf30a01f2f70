//! Sharing inside WeChat: the JS-SDK signature a page needs (its port, implemented by the
//! server over a cached `jsapi_ticket`), the inline script that hands WeChat the share
//! card, and the Content-Security-Policy that lets WeChat's script in only then.

use serde::{Deserialize, Serialize};

/// WeChat's JS-SDK, the one third-party script a page may load.
pub const WX_SCRIPT: &str = "https://res.wx.qq.com/open/js/jweixin-1.6.0.js";
const WX_ORIGIN: &str = "https://res.wx.qq.com";

/// The share picture (square PNG, public/), made by us.
pub const SHARE_IMAGE: &str = "/share.png";

/// What `wx.config` needs: the account's appid and a signature over the page's URL.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WxConfig {
    pub app_id: String,
    pub timestamp: i64,
    pub nonce_str: String,
    pub signature: String,
}

/// What the share card says (all absolute URLs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareText {
    pub title: String,
    pub description: String,
    pub link: String,
    pub image: String,
}

/// The JS-SDK signature for a page, from the server. `None` when no official account
/// is configured or WeChat could not be reached: the page then simply has no config.
#[cfg(feature = "ssr")]
#[async_trait::async_trait]
pub trait SharePort: Send + Sync + 'static {
    /// `url` is the page's full public URL without its `#fragment`.
    async fn wx_config(&self, url: &str) -> Option<WxConfig>;
}

/// The Content-Security-Policy of pages: only our own scripts, plus the inline ones
/// that carry this response's nonce; WeChat's JS-SDK only on pages that configure it.
pub fn page_csp(nonce: &str, wechat: bool) -> String {
    let wx = if wechat { format!(" {WX_ORIGIN}") } else { String::new() };
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'{wx}; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// A JavaScript string literal that stays inside its `<script>`: quotes, backslashes,
/// line breaks and `<`, `>`, `&` are escaped, so `</script>` in a survey's title is text.
pub fn js_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '<' | '>' | '&' | '\'' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The inline script: configures the JS-SDK once it has loaded (it is deferred) and
/// gives both share targets (chats and 朋友圈) the card.
pub fn wx_script(config: &WxConfig, share: &ShareText) -> String {
    let card = format!(
        "{{title:{},desc:{},link:{},imgUrl:{}}}",
        js_string(&share.title),
        js_string(&share.description),
        js_string(&share.link),
        js_string(&share.image)
    );
    format!(
        "document.addEventListener(\"DOMContentLoaded\",function(){{if(!window.wx)return;\
         wx.config({{debug:false,appId:{},timestamp:{},nonceStr:{},signature:{},\
         jsApiList:[\"updateAppMessageShareData\",\"updateTimelineShareData\"]}});\
         wx.ready(function(){{var c={card};wx.updateAppMessageShareData(c);\
         wx.updateTimelineShareData({{title:c.title,link:c.link,imgUrl:c.imgUrl}});}});}});",
        js_string(&config.app_id),
        config.timestamp,
        js_string(&config.nonce_str),
        js_string(&config.signature),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wechats_script_is_allowed_only_when_asked() {
        assert!(!page_csp("n0nce", false).contains("res.wx.qq.com"));
        let csp = page_csp("n0nce", true);
        let script_src = csp.split(';').find(|d| d.trim().starts_with("script-src")).unwrap();
        assert!(script_src.contains("'nonce-n0nce'") && script_src.ends_with(WX_ORIGIN));
    }

    #[test]
    fn markup_in_a_share_card_stays_inside_the_string() {
        let config = WxConfig {
            app_id: "wx1".into(),
            timestamp: 1_414_587_457,
            nonce_str: "abc".into(),
            signature: "f00".into(),
        };
        let share = ShareText {
            title: "</script><script>alert(1)</script>".into(),
            description: "line\nbreak \"quoted\" \\ 'single'\u{2028}".into(),
            link: "https://tx.example.cn/surveys/1?via=ab&x=1".into(),
            image: "https://tx.example.cn/share.png".into(),
        };
        let js = wx_script(&config, &share);
        assert!(!js.contains('<') && !js.contains('\n') && !js.contains('\u{2028}'));
        assert!(js.contains(
            r#"title:"\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e""#
        ));
        assert!(js.contains(r#"desc:"line\u000abreak \"quoted\" \\ \u0027single\u0027\u2028""#));
        assert!(js.contains(r#"link:"https://tx.example.cn/surveys/1?via=ab\u0026x=1""#));
        assert!(js.contains(r#"appId:"wx1",timestamp:1414587457,nonceStr:"abc",signature:"f00""#));
    }
}
