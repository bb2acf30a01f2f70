//! Static assets. cargo-leptos writes hashed file names (`tongxin.<hash>.wasm`) and
//! lists the hashes in `hash.txt` beside the server binary; hashed files are served
//! with a one-year immutable cache (WeChat caches hard, a new build gets new names).
//! Compressible files are compressed once at start (brotli 11 and gzip 9) and served
//! as stored bytes.
use super::AppState;
use app::AssetPaths;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use std::io::Write;
use std::path::{Path, PathBuf};
use tower_http::services::ServeDir;

pub const OUTPUT_NAME: &str = "tongxin";

/// Which files were built with hashed names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Manifest {
    pub hashed: bool,
    pub paths: AssetPaths,
}

/// Reads cargo-leptos' `hash.txt` from the directory of the running binary.
pub fn manifest() -> Manifest {
    let dir = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    manifest_from(&dir.join("hash.txt"))
}

pub fn manifest_from(path: &Path) -> Manifest {
    let css_hash = std::fs::read_to_string(path).ok().and_then(|text| {
        text.lines().find_map(|line| {
            let (kind, hash) = line.split_once(':')?;
            (kind.trim() == "css").then(|| hash.trim().to_string())
        })
    });
    match css_hash {
        Some(hash) => Manifest {
            hashed: true,
            paths: AssetPaths { css: format!("/pkg/{OUTPUT_NAME}.{hash}.css"), charts: None },
        },
        None => Manifest {
            hashed: false,
            paths: AssetPaths { css: format!("/pkg/{OUTPUT_NAME}.css"), charts: None },
        },
    }
}

const COMPRESSIBLE: [&str; 8] = ["js", "wasm", "css", "svg", "json", "txt", "xml", "webmanifest"];

/// Writes `.br` and `.gz` beside every compressible file over 1 KiB under `root` that
/// lacks an up-to-date one. Returns how many files were compressed.
pub fn precompress(root: &Path) -> std::io::Result<usize> {
    let mut count = 0;
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            let meta = entry.metadata()?;
            if meta.is_dir() {
                stack.push(path);
                continue;
            }
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if !COMPRESSIBLE.contains(&ext) || meta.len() < 1024 {
                continue;
            }
            let modified = meta.modified()?;
            let fresh = |p: &PathBuf| {
                std::fs::metadata(p)
                    .and_then(|m| m.modified())
                    .map(|m| m >= modified)
                    .unwrap_or(false)
            };
            let br = with_suffix(&path, "br");
            let gz = with_suffix(&path, "gz");
            if fresh(&br) && fresh(&gz) {
                continue;
            }
            let data = std::fs::read(&path)?;
            let mut out = Vec::new();
            {
                let params = brotli::enc::BrotliEncoderParams {
                    quality: 11,
                    lgwin: 22,
                    ..Default::default()
                };
                brotli::BrotliCompress(&mut &data[..], &mut out, &params)?;
            }
            write_atomic(&br, &out)?;
            let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            gzip.write_all(&data)?;
            write_atomic(&gz, &gzip.finish()?)?;
            count += 1;
        }
    }
    Ok(count)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".");
    s.push(suffix);
    PathBuf::from(s)
}

fn write_atomic(path: &Path, data: &[u8]) -> std::io::Result<()> {
    let tmp = with_suffix(path, "tmp");
    std::fs::write(&tmp, data)?;
    std::fs::rename(tmp, path)
}

/// The chart runtime (trimmed ECharts and its boot code) that `.ci/build-charts`
/// writes as `js/charts.<content hash>.js` under the site root, if it is there.
pub fn charts_script(site_root: &Path) -> Option<String> {
    let mut found: Vec<String> = std::fs::read_dir(site_root.join("js"))
        .ok()?
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.starts_with("charts.") && n.ends_with(".js"))
        .collect();
    found.sort();
    found.pop().map(|n| format!("/js/{n}"))
}

/// The site root's own files (`favicon.svg`, `robots.txt`, …) served by tower-http,
/// which is far faster than leptos_axum's file handler; anything else falls through to
/// `not_found` (the app's 404 page in the visitor's language).
pub fn site_files<F>(state: &AppState, not_found: F) -> ServeDir<F> {
    ServeDir::new(&state.settings.site_root)
        .precompressed_br()
        .precompressed_gzip()
        .call_fallback_on_method_not_allowed(true)
        .fallback(not_found)
}

pub fn js_service(state: &AppState) -> ServeDir {
    ServeDir::new(state.settings.site_root.join("js")).precompressed_br().precompressed_gzip()
}

pub fn pkg_service(state: &AppState) -> ServeDir {
    ServeDir::new(state.settings.site_root.join("pkg")).precompressed_br().precompressed_gzip()
}

/// Sets `Cache-Control` by kind of response, unless the handler set one.
pub async fn cache_control(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let get = matches!(*req.method(), Method::GET | Method::HEAD);
    let mut res = next.run(req).await;
    if res.headers().contains_key(header::CACHE_CONTROL) {
        return res;
    }
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html"));
    let value = if !get || !res.status().is_success() {
        "no-store"
    } else if path.starts_with("/pkg/") {
        if state.hashed_assets {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        }
    } else if path.starts_with("/js/charts.") {
        // The file name carries its content hash.
        "public, max-age=31536000, immutable"
    } else if html {
        // Pages depend on the resident's cookies (language, area).
        "private, no-cache"
    } else if path.starts_with("/api/") {
        "public, max-age=60"
    } else if path == "/healthz" {
        "no-store"
    } else {
        "public, max-age=86400"
    };
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    if html {
        res.headers_mut().append(header::VARY, HeaderValue::from_static("Cookie"));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_css_hash() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("hash.txt");
        std::fs::write(&file, "js: abc\nwasm: def\ncss: 0123\n").unwrap();
        let m = manifest_from(&file);
        assert!(m.hashed);
        assert_eq!(m.paths.css, "/pkg/tongxin.0123.css");
        let m = manifest_from(&dir.path().join("missing.txt"));
        assert!(!m.hashed);
        assert_eq!(m.paths.css, "/pkg/tongxin.css");
    }

    #[test]
    fn precompresses_once_and_skips_small_or_binary_files() {
        let dir = tempfile::tempdir().unwrap();
        let js = dir.path().join("app.js");
        std::fs::write(&js, "console.log('hello');\n".repeat(200)).unwrap();
        std::fs::write(dir.path().join("tiny.css"), "a{}").unwrap();
        std::fs::write(dir.path().join("logo.png"), vec![0u8; 4096]).unwrap();
        assert_eq!(precompress(dir.path()).unwrap(), 1);
        assert!(dir.path().join("app.js.br").exists() && dir.path().join("app.js.gz").exists());
        assert!(
            !dir.path().join("tiny.css.br").exists() && !dir.path().join("logo.png.br").exists()
        );
        assert_eq!(precompress(dir.path()).unwrap(), 0, "up-to-date files are left alone");
        let mut decoded = Vec::new();
        brotli::BrotliDecompress(
            &mut &std::fs::read(dir.path().join("app.js.br")).unwrap()[..],
            &mut decoded,
        )
        .unwrap();
        assert_eq!(decoded, std::fs::read(&js).unwrap());
    }
}
