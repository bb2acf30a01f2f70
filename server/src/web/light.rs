//! Light pages: a page without an island loads no wasm. Leptos writes the hydration
//! scripts (the module preload, the wasm preload and the loader) into every page's
//! head before the body is rendered; a page whose body has no island — home, the
//! index pages, a street, 我的, the lists — has them taken out here, which spares the
//! resident's phone the ~150 KB wasm module and its start-up. Pages with an island
//! keep them, but not the wasm preload, which would compete with the stylesheet for
//! the phone's bandwidth before the first paint. Pages whose islands only help once
//! the resident acts (the answering page's helper: the form works and shows what it
//! must without it) load the wasm at the first touch, scroll or key instead.
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

/// Islands that only help once the resident acts: their pages load the wasm at the
/// first interaction.
const PASSIVE: [&str; 2] = ["SurveyDraft", "ForgetSurveyDraft"];

/// What a page keeps of its hydration scripts.
#[derive(Clone, Copy, PartialEq)]
enum Keep {
    /// No island: nothing.
    Nothing,
    /// Only passive islands: the loader, run at the first interaction.
    OnInteraction,
    /// The module preload and the loader (it fetches the wasm once the page is idle).
    Loader,
}

/// Whether every island of the page is one of [`PASSIVE`].
fn all_passive(page: &str) -> bool {
    const MARK: &str = "<leptos-island data-component=\"";
    page.match_indices(MARK).all(|(i, _)| {
        let name = &page[i + MARK.len()..];
        let name = &name[..name.find('"').unwrap_or(0)];
        let name = name.rsplit_once('_').map_or(name, |(n, _)| n);
        PASSIVE.contains(&name)
    })
}

/// The loader's script, run at the first touch, scroll, key or pointer move.
fn on_interaction(script: &str) -> Option<String> {
    let open = script.find('>')? + 1;
    let close = script.rfind("</script>")?;
    Some(format!(
        "{}{{let done=0;const evs=['scroll','wheel','touchstart','pointerdown','keydown','mousemove'];\
const go=()=>{{if(done)return;done=1;evs.forEach(e=>removeEventListener(e,go,true));{}}};\
evs.forEach(e=>addEventListener(e,go,{{capture:true,passive:true}}));}}</script>",
        &script[..open],
        &script[open..close]
    ))
}

/// The page without its hydration scripts, when it has them and no island; a page
/// with islands loses the wasm preload (which would compete with the stylesheet and
/// delay the first paint: the loader fetches the wasm once the page is idle), and a
/// page with passive islands only also the module preload, its loader waiting for
/// the first interaction. `None` to leave the page as it is.
pub fn strip_hydration(page: &str) -> Option<String> {
    let keep = match page.contains("<leptos-island") {
        false => Keep::Nothing,
        true if all_passive(page) => Keep::OnInteraction,
        true => Keep::Loader,
    };
    let head_end = page.find("</head>")?;
    let (head, rest) = page.split_at(head_end);
    let mut out = String::with_capacity(page.len());
    let mut at = 0;
    let mut stripped = false;
    while let Some(start) = next_hydration_tag(head, at, keep) {
        let script = head[start..].starts_with("<script");
        let end = match script {
            true => head[start..].find("</script>").map(|i| start + i + "</script>".len()),
            false => head[start..].find('>').map(|i| start + i + 1),
        }?;
        out.push_str(&head[at..start]);
        if script && keep == Keep::OnInteraction {
            out.push_str(&on_interaction(&head[start..end])?);
        }
        at = end;
        stripped = true;
    }
    out.push_str(&head[at..]);
    out.push_str(rest);
    stripped.then_some(out)
}

/// Where the next of the hydration tags to take (or, for the loader of a page of
/// passive islands, to rewrite) starts at or after `from`: all three without islands
/// or with passive ones only, the wasm preload alone with others.
fn next_hydration_tag(head: &str, from: usize, keep: Keep) -> Option<usize> {
    const TAGS: [&str; 3] = [
        "<link rel=\"preload\" href=\"/pkg/",
        "<link rel=\"modulepreload\" href=\"/pkg/",
        "<script type=\"module\"",
    ];
    let tags = if keep == Keep::Loader { &TAGS[..1] } else { &TAGS[..] };
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
    fn a_page_of_passive_islands_runs_its_loader_at_the_first_interaction() {
        let body = "<body><leptos-island data-component=\"SurveyDraft_123\"></leptos-island></body></html>";
        let page = format!("<html>{HEAD}{body}");
        let light = strip_hydration(&page).expect("rewritten");
        assert!(!light.contains("t.wasm") && !light.contains("modulepreload"));
        let script = &light[light.find("<script").unwrap()..light.find("</script>").unwrap()];
        assert!(script.starts_with("<script type=\"module\" nonce=\"n\">{let done=0;"), "{script}");
        assert!(script.contains("const go=()=>{if(done)return;done=1;"));
        assert!(script.contains("hydrateIslands") && script.contains("addEventListener(e,go,"));
        assert!(light.ends_with(body));
        // One island that needs to be ready at once keeps the loader as it is.
        let mixed = format!(
            "<html>{HEAD}<body><leptos-island data-component=\"SurveyDraft_1\"></leptos-island>\
             <leptos-island data-component=\"CopyLink_2\"></leptos-island></body></html>"
        );
        let light = strip_hydration(&mixed).unwrap();
        assert!(light.contains("modulepreload") && !light.contains("let done=0"));
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
