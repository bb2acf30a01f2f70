//! Light pages: a page without an island loads no wasm. Leptos writes the hydration
//! scripts (the module preload, the wasm preload and the loader) into every page's
//! head before the body is rendered; a page whose body has no island — home, the
//! index pages, a street, 我的, the lists — has them taken out here, which spares the
//! resident's phone the ~150 KB wasm module and its start-up. Pages with an island
//! keep them, but not the wasm preload, which would compete with the stylesheet for
//! the phone's bandwidth before the first paint.
use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Largest page read to look for islands (ours are well under 1 MB).
const MAX_PAGE: usize = 8 << 20;

pub async fn light_pages(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    let html = res
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !html || res.headers().contains_key(CONTENT_ENCODING) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_PAGE).await {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "reading a page to lighten it");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let Some(light) = std::str::from_utf8(&bytes).ok().and_then(strip_hydration) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    parts.headers.remove(CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(light))
}

/// The page without its hydration scripts, when it has them and no island; a page
/// with islands loses only the wasm preload (which would compete with the stylesheet
/// and delay the first paint: the loader fetches the wasm once the page is idle).
/// `None` to leave the page as it is.
pub fn strip_hydration(page: &str) -> Option<String> {
    let islands = page.contains("<leptos-island");
    let head_end = page.find("</head>")?;
    let (head, rest) = page.split_at(head_end);
    let mut out = String::with_capacity(page.len());
    let mut at = 0;
    let mut stripped = false;
    while let Some(start) = next_hydration_tag(head, at, islands) {
        let end = match head[start..].starts_with("<script") {
            true => head[start..].find("</script>").map(|i| start + i + "</script>".len()),
            false => head[start..].find('>').map(|i| start + i + 1),
        }?;
        out.push_str(&head[at..start]);
        at = end;
        stripped = true;
    }
    out.push_str(&head[at..]);
    out.push_str(rest);
    stripped.then_some(out)
}

/// Where the next of the hydration tags to drop starts at or after `from`: all three
/// without islands, the wasm preload alone with them.
fn next_hydration_tag(head: &str, from: usize, islands: bool) -> Option<usize> {
    const TAGS: [&str; 3] = [
        "<link rel=\"preload\" href=\"/pkg/",
        "<link rel=\"modulepreload\" href=\"/pkg/",
        "<script type=\"module\"",
    ];
    let tags = if islands { &TAGS[..1] } else { &TAGS[..] };
    tags.iter()
        .filter_map(|t| head[from..].find(t).map(|i| from + i))
        .filter(|&i| !head[i..].starts_with("<script") || is_loader(&head[i..]))
        .min()
}

/// Leptos's island loader (and not some other module script).
fn is_loader(script: &str) -> bool {
    script.find("</script>").is_some_and(|end| script[..end].contains("hydrateIslands"))
}

#[cfg(test)]
mod tests {
    use super::strip_hydration;

    const HEAD: &str = "<head><meta charset=\"utf-8\"><link rel=\"stylesheet\" href=\"/pkg/t.css\">\
        <link rel=\"modulepreload\" href=\"/pkg/t.js\" crossorigin=\"n\">\
        <link rel=\"preload\" href=\"/pkg/t.wasm\" as=\"fetch\" type=\"application/wasm\" crossorigin=\"n\">\
        <script type=\"module\" nonce=\"n\">((root) => { async function hydrateIslands(a, b) {} \
        if (x > 1) {} })(\"\", \"pkg\");</script><!--HEAD--><title>t</title></head>";

    #[test]
    fn a_page_without_islands_loses_its_hydration_scripts_and_nothing_else() {
        let page = format!("<!DOCTYPE html><html>{HEAD}<body><p>指数</p></body></html>");
        let light = strip_hydration(&page).expect("stripped");
        assert_eq!(
            light,
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\
             <link rel=\"stylesheet\" href=\"/pkg/t.css\"><!--HEAD--><title>t</title></head>\
             <body><p>指数</p></body></html>"
        );
    }

    #[test]
    fn a_page_with_an_island_keeps_them_but_the_wasm_preload() {
        let body = "<body><leptos-island data-component=\"A\"></leptos-island></body></html>";
        let page = format!("<html>{HEAD}{body}");
        let light = strip_hydration(&page).expect("the preload goes");
        assert!(!light.contains("application/wasm") && !light.contains("t.wasm"));
        assert!(light.contains("<link rel=\"modulepreload\" href=\"/pkg/t.js\""));
        assert!(light.contains("hydrateIslands") && light.ends_with(body));
        assert_eq!(strip_hydration(&light), None, "nothing more to take");
    }

    #[test]
    fn other_scripts_and_pages_without_a_loader_are_left_alone() {
        let page = "<html><head><script type=\"module\" nonce=\"n\">wx.config({})</script></head><body></body></html>";
        assert_eq!(strip_hydration(page), None);
        // A body mentioning the tags is not touched (only the head is looked at).
        let page = format!("<html>{HEAD}<body><code>&lt;script type=\"module\"</code> <script type=\"module\">hydrateIslands</script></body></html>");
        let light = strip_hydration(&page).unwrap();
        assert!(light.contains("<body><code>&lt;script type=\"module\"</code> <script type=\"module\">hydrateIslands</script></body>"));
        assert!(!light[..light.find("<body>").unwrap()].contains("modulepreload"));
    }
}
