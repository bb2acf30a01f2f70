//! ECharts options built on the server with charming (typed, serialised to JSON); the
//! browser hands them to the trimmed ECharts build in `public/js/`. Every chart on a
//! page also has a table or sentence with the same figures (see `components::chart`).
use crate::core::i18n::{Lang, Msg};
use crate::index::model::Methodology;
use crate::index::model::{DimensionScores, SeriesPoint};
use crate::index::rules::explain::Explanation;
use charming::component::{Axis, Grid, Legend, RadarAxisName, RadarCoordinate, RadarIndicator};
use charming::datatype::DataPointItem;
use charming::element::{
    AxisType, Color, ItemStyle, LineStyle, MarkLine, MarkLineData, MarkLineVariant, Symbol,
    Tooltip, Trigger,
};
use charming::series::{Bar, Line, Radar};
use charming::Chart;

use crate::ui::chart::{json, round1, BETTER, BRAND, PALETTE, WORSE};

/// The index over time, with the 70-point warning line.
pub fn trend(lang: Lang, points: &[SeriesPoint]) -> String {
    let labels: Vec<String> = points.iter().map(|p| p.period.clone()).collect();
    let values: Vec<Option<f64>> = points.iter().map(|p| p.score.map(round1)).collect();
    let low = values.iter().flatten().fold(100.0f64, |a, b| a.min(*b));
    let min = ((low - 5.0) / 10.0).floor().max(0.0) * 10.0;
    let chart = Chart::new()
        .grid(Grid::new().left(36).right(28).top(16).bottom(28))
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .x_axis(Axis::new().type_(AxisType::Category).data(labels))
        .y_axis(Axis::new().type_(AxisType::Value).min(min.min(60.0)).max(100))
        .series(
            Line::new()
                .name(lang.t(Msg::IndexScore))
                .data(values)
                .show_symbol(points.len() <= 31)
                .connect_nulls(false)
                .line_style(LineStyle::new().width(2).color(BRAND))
                .item_style(ItemStyle::new().color(BRAND))
                .mark_line(
                    MarkLine::new()
                        .silent(true)
                        .symbol(vec![Symbol::None, Symbol::None])
                        .data(vec![MarkLineVariant::Simple(
                            MarkLineData::new().y_axis(70).name(lang.t(Msg::IndexWarnLine)),
                        )])
                        .line_style(
                            LineStyle::new()
                                .color(WORSE)
                                .type_(charming::element::LineStyleType::Dashed),
                        ),
                ),
        );
    json(&chart)
}

/// Each dimension's contribution to the change, better up in blue, worse in red.
pub fn contributions(lang: Lang, m: &Methodology, e: &Explanation) -> String {
    let shown: Vec<&(String, f64)> = e.contributions.iter().rev().collect();
    let names: Vec<String> = shown
        .iter()
        .map(|(c, _)| {
            m.dimension(c)
                .map(|d| lang.pick(&d.name_zh, &d.name_en).to_string())
                .unwrap_or_else(|| c.clone())
        })
        .collect();
    let data: Vec<DataPointItem> = shown
        .iter()
        .map(|(_, v)| {
            DataPointItem::new(round2(*v)).item_style(ItemStyle::new().color(if *v >= 0.0 {
                BETTER
            } else {
                WORSE
            }))
        })
        .collect();
    let chart = Chart::new()
        .grid(Grid::new().left(8).right(16).top(8).bottom(24).contain_label(true))
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .x_axis(Axis::new().type_(AxisType::Value))
        .y_axis(Axis::new().type_(AxisType::Category).data(names))
        .series(Bar::new().name(lang.t(Msg::IndexContribution)).data(data).bar_width("60%"));
    json(&chart)
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Breaks a name between words into lines of at most `width` characters, so that long
/// (English) names do not run off a 360 px screen; names without spaces stay whole.
pub fn wrap(name: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for word in name.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines.join("\n")
}

/// The 14 dimensions of one or more areas on one radar.
pub fn radar(lang: Lang, m: &Methodology, areas: &[(String, &DimensionScores)]) -> String {
    let mut indicators = Vec::new();
    for d in &m.dimensions {
        indicators.push(RadarIndicator::from((
            wrap(lang.pick(&d.name_zh, &d.name_en), 11).as_str(),
            0.0,
            100.0,
        )));
    }
    let names = RadarAxisName::new().font_size(11).color("#4a5361");
    let coord = RadarCoordinate::new()
        .radius("52%")
        .center(vec!["50%", "52%"])
        .name_gap(6)
        .axis_name(names)
        .indicator(indicators);
    let data: Vec<DataPointItem> = areas
        .iter()
        .map(|(name, dims)| {
            let values: Vec<f64> = m
                .dimensions
                .iter()
                .map(|d| dims.get(&d.code).copied().flatten().map(round1).unwrap_or(0.0))
                .collect();
            DataPointItem::new(values).name(name.clone())
        })
        .collect();
    let mut chart = Chart::new()
        .color(PALETTE.iter().map(|c| Color::from(*c)).collect::<Vec<_>>())
        .tooltip(Tooltip::new())
        .radar(coord)
        .series(Radar::new().name(lang.t(Msg::IndexDimensions)).data(data));
    if areas.len() > 1 {
        chart = chart.legend(Legend::new().top(0));
    }
    json(&chart)
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn long_names_wrap_between_words() {
        assert_eq!(wrap("Food and drug safety", 11), "Food and\ndrug safety");
        assert_eq!(wrap("Community co-building", 11), "Community\nco-building");
        assert_eq!(wrap("治安指数", 11), "治安指数");
        assert_eq!(wrap("Civility", 11), "Civility");
    }
}
