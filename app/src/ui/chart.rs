//! Charts: the frame a chart is drawn in (with its figures as a table or sentence
//! beside it, for screen readers and before scripts load), the script that draws them,
//! and what the server-side option builders share.
use crate::AssetPaths;
use leptos::prelude::*;

/// The brand colour, and the colours of better and worse.
#[cfg(feature = "ssr")]
pub const BRAND: &str = "#0d6b62";
#[cfg(feature = "ssr")]
pub const BETTER: &str = "#1565c0";
#[cfg(feature = "ssr")]
pub const WORSE: &str = "#c62828";
/// Series colours of charts with several areas.
#[cfg(feature = "ssr")]
pub const PALETTE: [&str; 4] = ["#0d6b62", "#1565c0", "#2e7d32", "#6a1b9a"];

/// The ECharts option of a chart, as the page carries it.
#[cfg(feature = "ssr")]
pub fn json(chart: &charming::Chart) -> String {
    serde_json::to_string(chart).unwrap_or_default()
}

/// One decimal, as figures are shown.
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// A chart: the ECharts option (built on the server) in `data-chart`, drawn by the
/// chart script once it loads; `children` is the same information as a table or
/// sentence, shown before (and without) scripts and read by screen readers.
#[component]
pub fn ChartFigure(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    #[prop(into)] option: String,
    #[prop(optional)] tall: bool,
    children: Children,
) -> impl IntoView {
    let class = if tall { "chart-canvas chart-tall" } else { "chart-canvas" };
    view! {
        <figure class="chart" aria-labelledby=format!("{id}-cap")>
            <div class=class id=id.clone() data-chart=option aria-hidden="true"></div>
            <figcaption id=format!("{id}-cap") class="chart-caption">{label}</figcaption>
            <div class="chart-data">{children()}</div>
        </figure>
    }
}

/// Loads the chart runtime once the reader engages with the page (scrolls, touches,
/// types or moves the pointer) and a chart is in view; put once on pages that have
/// charts. Until then (and without scripts) each chart's figures stand as its table or
/// sentence, so the page paints and answers at once, and a resident who only glances
/// at their street's score never downloads the runtime (about 160 KB) or waits for it.
#[component]
pub fn ChartScript() -> impl IntoView {
    let src = use_context::<AssetPaths>().and_then(|a| a.charts);
    let nonce = leptos::nonce::use_nonce();
    src.map(|src| view! { <script nonce=nonce inner_html=loader(&src)></script> })
}

/// The inline loader: after the first interaction it watches each chart's figure (the
/// canvas itself is hidden until drawn) and adds the runtime's script the first time
/// one intersects the viewport (at once where IntersectionObserver is missing).
fn loader(src: &str) -> String {
    let src = crate::core::share::js_string(src);
    format!(
        "(function(){{var d=document,w=window,done=0,seen=0;\
var evs=['scroll','wheel','touchstart','pointerdown','keydown','mousemove'];\
function go(){{if(done)return;done=1;\
var e=d.createElement('script');e.src={src};d.head.appendChild(e);}}\
function watch(){{if(seen)return;seen=1;\
for(var k=0;k<evs.length;k++)w.removeEventListener(evs[k],watch,true);\
var c=d.querySelectorAll('[data-chart]');if(!c.length)return;\
if(!('IntersectionObserver' in w)){{go();return;}}\
var o=new IntersectionObserver(function(es){{for(var i=0;i<es.length;i++)\
if(es[i].isIntersecting){{o.disconnect();go();return;}}}});\
for(var i=0;i<c.length;i++)o.observe(c[i].parentNode);}}\
for(var k=0;k<evs.length;k++)w.addEventListener(evs[k],watch,{{capture:true,passive:true}});}})();"
    )
}
