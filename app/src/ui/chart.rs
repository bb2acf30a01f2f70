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

/// Loads the chart runtime; put once on pages that have charts.
#[component]
pub fn ChartScript() -> impl IntoView {
    let src = use_context::<AssetPaths>().and_then(|a| a.charts);
    src.map(|src| view! { <script src=src defer></script> })
}
