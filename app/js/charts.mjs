// The chart runtime: a trimmed ECharts 5 (line, bar, radar, pie; SVG renderer) and the
// code that draws every `[data-chart]` element from the option the server put there
// (built with charming). Loaded only by pages that have charts; the figures are on the
// page as tables or sentences before this runs, and stay for screen readers.
import * as echarts from 'echarts/core';
import { LineChart, BarChart, RadarChart, PieChart } from 'echarts/charts';
import {
  GridComponent, TooltipComponent, LegendComponent, RadarComponent, TitleComponent,
  MarkLineComponent, MarkAreaComponent, AriaComponent, DatasetComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  LineChart, BarChart, RadarChart, PieChart,
  GridComponent, TooltipComponent, LegendComponent, RadarComponent, TitleComponent,
  MarkLineComponent, MarkAreaComponent, AriaComponent, DatasetComponent,
  SVGRenderer,
]);

const reduceMotion = () => window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
const FONT = '-apple-system, BlinkMacSystemFont, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';

function draw(el) {
  if (el.dataset.rendered === 'true') return;
  const option = JSON.parse(el.getAttribute('data-chart'));
  if (reduceMotion()) option.animation = false;
  option.textStyle = Object.assign({ fontFamily: FONT }, option.textStyle || {});
  // Tooltips drawn in SVG rather than as HTML (whose inline styles the CSP refuses).
  if (option.tooltip) option.tooltip.renderMode = 'richText';
  // Show the canvas first so ECharts measures its real size.
  el.classList.add('is-rendered');
  const chart = echarts.init(el, null, { renderer: 'svg' });
  chart.setOption(option);
  el.dataset.rendered = 'true';
  if (typeof ResizeObserver !== 'undefined') {
    new ResizeObserver(() => chart.resize()).observe(el);
  } else {
    window.addEventListener('resize', () => chart.resize());
  }
}

function drawAll() {
  document.querySelectorAll('[data-chart]').forEach((el) => {
    try {
      draw(el);
    } catch (e) {
      // Leave the figures (table or sentence) in view.
      const chart = echarts.getInstanceByDom(el);
      if (chart) chart.dispose();
      el.classList.remove('is-rendered');
      console.error('chart', el.id, e);
    }
  });
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', drawAll);
} else {
  drawAll();
}
