//! The results charts of surveys (ECharts options built with charming on the server).
use crate::ui::chart::{json, BRAND};
use charming::component::{Axis, Grid};
use charming::element::{AxisType, ItemStyle, Tooltip, Trigger};
use charming::series::Bar;
use charming::Chart;

/// Answers per option (or scale point), as horizontal bars in the order asked.
pub fn counts(items: &[(String, u32)]) -> String {
    let labels: Vec<String> = items.iter().rev().map(|(l, _)| l.clone()).collect();
    let values: Vec<i64> = items.iter().rev().map(|(_, n)| *n as i64).collect();
    let chart = Chart::new()
        .grid(Grid::new().left(8).right(36).top(8).bottom(8).contain_label(true))
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .x_axis(Axis::new().type_(AxisType::Value).min_interval(1))
        .y_axis(Axis::new().type_(AxisType::Category).data(labels))
        .series(
            Bar::new().data(values).bar_width(18).item_style(ItemStyle::new().color(BRAND)).label(
                charming::element::Label::new()
                    .show(true)
                    .position(charming::element::LabelPosition::Right),
            ),
        );
    json(&chart)
}
