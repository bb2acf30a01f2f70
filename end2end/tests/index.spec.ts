import { test, expect, Page, APIRequestContext } from '@playwright/test';
import { shot, waitForWasm, watchConsole } from './helpers';

// The demo city: 25 subdistricts, a year of generated observations up to yesterday;
// 枫林街道 (449902002) has three red days 9–7 days before the last day.
const FENGLIN = '449902002';

async function latestDay(request: APIRequestContext): Promise<string> {
  const body = await (await request.get('/api/v1/index/daily?level=city')).json();
  return body.period;
}

function daysBefore(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

/** One decimal as the server prints it (Rust's `{:.1}`: exact ties go to the even digit). */
/** "2026-11-29" as the pages write it: "2026年11月29日". */
function zhDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function fixed1(x: number): string {
  const tenfold = x * 10;
  if (Number.isInteger(x * 20) && !Number.isInteger(tenfold)) {
    const down = Math.floor(tenfold);
    return ((down % 2 === 0 ? down : down + 1) / 10).toFixed(1);
  }
  return x.toFixed(1);
}

const GRADES_ZH: Record<string, string> = { excellent: '优秀', good: '良好', steady: '平稳', poor: '较差' };
const GRADES_EN: Record<string, string> = { excellent: 'Excellent', good: 'Good', steady: 'Steady', poor: 'Poor' };

/** The change line a ranking row shows, from the API's unrounded scores of two days. */
function changeText(today: number | null, before: number | null): string {
  if (today === null || before === null) return '无可比数据';
  const c = today - before;
  if (c >= 0.05) return `▲ 比前一天上升 ${fixed1(c)}`;
  if (c <= -0.05) return `▼ 比前一天下降 ${fixed1(-c)}`;
  return '与前一天持平';
}

async function scoreOf(request: APIRequestContext, code: string, day: string): Promise<number> {
  const body = await (await request.get(`/api/v1/index/daily?date=${day}`)).json();
  return body.areas.find((a: any) => a.area_code === code).score;
}

async function chartsRendered(page: Page, n: number) {
  // The chart runtime loads once the reader scrolls and a chart is in view.
  await page.mouse.wheel(0, 200);
  await page.locator('figure.chart').first().scrollIntoViewIfNeeded();
  await expect(page.locator('.chart-canvas.is-rendered')).toHaveCount(n);
  for (const chart of await page.locator('.chart-canvas.is-rendered').all()) {
    await expect(chart.locator('svg').first()).toBeVisible();
  }
}

test('the ranking lists every subdistrict with grades, filters by district and goes back in time', async ({ page, request }) => {
  const console = watchConsole(page);
  const day = await latestDay(request);
  await page.goto('/index');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('平安+指数');
  await expect(page.getByRole('heading', { name: /全市指数/ })).toContainText(zhDate(day));
  const rows = page.locator('#ranking .rank-row');
  await expect(rows).toHaveCount(25);
  // Ranks follow the API's order; each row shows its own score, its grade in words (not
  // colour alone) and its change on the day before, as the API's figures give them.
  const api = await (await request.get(`/api/v1/index/daily?date=${day}`)).json();
  const before = await (await request.get(`/api/v1/index/daily?date=${daysBefore(day, 1)}`)).json();
  const prior = new Map(before.areas.map((a: any) => [a.area_code, a.score]));
  for (const [i, a] of api.areas.entries()) {
    const row = rows.nth(i);
    await expect(row, a.area_code).toHaveAttribute('data-code', a.area_code);
    await expect(row.locator('.grade-score')).toHaveText(fixed1(a.score));
    await expect(row.locator('.grade-label')).toHaveText(GRADES_ZH[a.grade]);
    await expect(row.locator('.change')).toHaveText(changeText(a.score, (prior.get(a.area_code) ?? null) as number | null));
  }
  await shot(page, 'index-ranking-zh');

  // District filter: 西岭区 has five.
  await page.getByLabel('区', { exact: true }).selectOption({ label: '西岭区' });
  await page.getByRole('button', { name: '查看' }).last().click();
  await expect(page).toHaveURL(/district=449902/);
  await expect(rows).toHaveCount(5);
  await expect(page.getByRole('heading', { name: /街道排名 · 西岭区/ })).toBeVisible();

  // A past date, through the date field: the supervised street shows the flag.
  const red = daysBefore(day, 7);
  await page.goto('/index');
  await page.getByLabel('日期').fill(red);
  await page.getByRole('button', { name: '查看' }).first().click();
  await expect(page).toHaveURL(new RegExp(`date=${red}`));
  await expect(page.getByRole('heading', { name: /全市指数/ })).toContainText(zhDate(red));
  const fenglin = page.locator(`#ranking .rank-row[data-code="${FENGLIN}"]`);
  await expect(fenglin.locator('.flag-supervised')).toHaveText('挂牌督办');
  await expect(fenglin.locator('.grade-label')).toHaveText('较差');
  // The previous-day link steps back one day.
  await page.locator('.pager a[rel="prev"]').click();
  await expect(page).toHaveURL(new RegExp(`date=${daysBefore(day, 8)}`));
  // The monthly edition.
  await page.getByRole('link', { name: '月指数' }).click();
  await expect(page.getByRole('link', { name: '月指数' })).toHaveAttribute('aria-current', 'page');
  await expect(rows).toHaveCount(25);
  console.check();
});

test('a street page draws its charts and keeps their figures in tables', async ({ page, request }) => {
  const console = watchConsole(page);
  const day = await latestDay(request);
  const [today, before] = await Promise.all([scoreOf(request, FENGLIN, day), scoreOf(request, FENGLIN, daysBefore(day, 1))]);
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (/\.(wasm|js)(\?|$)/.test(r.url())) scripts.push(r.url());
  });
  await page.goto(`/index/area/${FENGLIN}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('枫林街道');
  // No island, so no wasm; the chart runtime waits until the reader scrolls.
  await page.waitForLoadState('networkidle');
  expect(scripts).toEqual([]);
  await expect(page.locator('.index-hero .grade-large .grade-score')).toHaveText(fixed1(today));
  // The sentence names the change, its direction and size as the API's scores give them.
  const c = today - before;
  const prev = daysBefore(day, 1);
  await expect(page.locator('#why-sentence')).toHaveText(
    Math.abs(c) < 0.05 ? `枫林街道与 ${prev} 持平。` : new RegExp(`^枫林街道比 ${prev} ${c > 0 ? '上升' : '下降'} ${fixed1(Math.abs(c))} 分，主要因为.+。$`),
  );
  // A warning says why: each rule of step 6 the day met, with the API's figures.
  const api = await (await request.get(`/api/v1/index/daily?date=${day}&level=street`)).json();
  const row = api.areas.find((a: any) => a.area_code === FENGLIN);
  const why = page.locator('#why-warning');
  if (row.warning) {
    await page.locator('.index-hero').getByRole('link', { name: /为什么/ }).click();
    await expect(page).toHaveURL(/#why-warning$/);
    const weak = Object.entries(row.dimensions as Record<string, number | null>).filter(([, v]) => v !== null && v < 60);
    if (row.score < 70) await expect(why).toContainText(`指数 ${fixed1(row.score)}，低于 70 分。`);
    for (const [, v] of weak) await expect(why).toContainText(`得分 ${fixed1(v as number)}，低于 60 分。`);
    await expect(why.locator('li')).not.toHaveCount(0);
  } else {
    await expect(why).toHaveCount(0);
  }
  // Three charts: why, trend, radar — drawn as SVG by the trimmed ECharts.
  await chartsRendered(page, 3);
  // The trend's figures: 30 rows, the newest first, in the fallback table.
  await expect(page.locator('#trend-table tbody tr')).toHaveCount(30);
  await expect(page.locator('#trend-table tbody tr').first().locator('th')).toHaveText(day);
  await page.getByText('图表数据').click();
  await expect(page.locator('#trend-table')).toBeVisible();
  // The indicator table: the 14 daily figures of that day.
  await expect(page.locator('#indicator-table tbody tr')).toHaveCount(14);
  // Its warning history holds the supervised days.
  await expect(page.locator('.warning-list')).toContainText(daysBefore(day, 7));
  await expect(page.locator('.warning-list .flag-supervised').first()).toHaveText('挂牌督办');
  await shot(page, 'index-street-zh');

  // 90 days, then the monthly edition with 12 months.
  await page.getByRole('link', { name: '90 天' }).click();
  await expect(page.locator('#trend-table tbody tr')).toHaveCount(90);
  await chartsRendered(page, 3);
  await page.getByRole('link', { name: '月指数' }).click();
  await expect(page.locator('#trend-table tbody tr')).toHaveCount(12);
  await expect(page.locator('#indicator-table tbody tr')).toHaveCount(28);
  await chartsRendered(page, 3);
  console.check();
});

test('two subdistricts and a district compared side by side', async ({ page }) => {
  const console = watchConsole(page);
  await page.goto('/index/compare');
  await page.getByRole('checkbox', { name: '枫林街道' }).check();
  await page.getByRole('checkbox', { name: '湖滨街道' }).check();
  await page.getByRole('checkbox', { name: '南湾区', exact: true }).check();
  await page.getByRole('button', { name: '对比' }).click();
  await expect(page).toHaveURL(/a=449902002/);
  const table = page.locator('#compare-table');
  await expect(table.locator('thead th')).toHaveText(['维度', '湖滨街道', '枫林街道', '南湾区']);
  // Daily, monthly and the 14 areas.
  await expect(table.locator('tbody tr')).toHaveCount(16);
  await chartsRendered(page, 1);
  await shot(page, 'index-compare-zh');
  // One is not a comparison.
  await page.goto('/index/compare?a=449902002');
  await expect(page.getByRole('alert')).toHaveText('请至少选择两个。');
  console.check();
});

test('my index re-ranks the subdistricts in the browser as the weights change', async ({ page, request }) => {
  const console = watchConsole(page);
  const monthly = await (await request.get('/api/v1/index/monthly')).json();
  const best = (dim: string) =>
    [...monthly.areas].sort((a: any, b: any) => b.dimensions[dim] - a.dimensions[dim] || a.area_code.localeCompare(b.area_code))[0].area_code;
  await page.goto('/index/mine');
  await waitForWasm(page);
  await expect(page.locator('form.my-index-form')).toHaveAttribute('data-live', 'true');
  const sliders = page.locator('input[type=range]');
  await expect(sliders).toHaveCount(14);
  // Only 生态安全 matters: the best in ecological safety comes first.
  for (const s of await sliders.all()) await s.fill('0');
  await page.getByLabel('生态安全').fill('10');
  await expect(page.locator('#my-ranking .rank-row').first()).toHaveAttribute('data-code', best('ecological_safety'));
  // Only 社会保障: another order, without a reload.
  await page.getByLabel('生态安全').fill('0');
  await page.getByLabel('社会保障').fill('10');
  await expect(page.locator('#my-ranking .rank-row').first()).toHaveAttribute('data-code', best('social_protection'));
  await expect(page.getByRole('status')).toContainText('排名已更新');
  expect(page.url()).toMatch(/\/index\/mine$/);
  await shot(page, 'index-mine-zh');
  console.check();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('scores, tables and forms all work', async ({ page, request }) => {
    const day = await latestDay(request);
    const api = await (await request.get(`/api/v1/index/daily?date=${day}`)).json();
    await page.goto('/index');
    await expect(page.locator('#ranking .rank-row')).toHaveCount(25);
    const first = page.locator('#ranking .rank-row').first();
    await expect(first).toHaveAttribute('data-code', api.areas[0].area_code);
    await expect(first.locator('.grade-score')).toHaveText(fixed1(api.areas[0].score));
    await page.goto(`/index/area/${FENGLIN}`);
    await expect(page.locator('.index-hero .grade-score')).toHaveText(fixed1(await scoreOf(request, FENGLIN, day)));
    // No chart without scripts; their figures are there instead.
    await expect(page.locator('.chart-canvas.is-rendered')).toHaveCount(0);
    await expect(page.locator('#why-chart ~ .chart-data table')).toBeVisible();
    await expect(page.locator('#radar-chart ~ .chart-data table tbody tr')).toHaveCount(14);
    await expect(page.locator('#trend-table tbody tr').first().locator('th')).toHaveText(day);
    // My index through the form: the server ranks by the submitted weights.
    const monthly = await (await request.get('/api/v1/index/monthly')).json();
    const best = [...monthly.areas].sort((a: any, b: any) => b.dimensions.civility - a.dimensions.civility || a.area_code.localeCompare(b.area_code))[0].area_code;
    const zeros = monthly.areas[0] ? Object.keys(monthly.areas[0].dimensions).map((d: string) => `w_${d}=${d === 'civility' ? 10 : 0}`).join('&') : '';
    await page.goto(`/index/mine?${zeros}`);
    await expect(page.locator('#my-ranking .rank-row').first()).toHaveAttribute('data-code', best);
    await shot(page, 'index-street-nojs');
  });
});

test('the pages work in English', async ({ page, context, request }) => {
  await context.addCookies([{ name: 'tx_lang', value: 'en', url: test.info().project.use.baseURL! }]);
  const day = await latestDay(request);
  const prev = daysBefore(day, 1);
  const c = (await scoreOf(request, FENGLIN, day)) - (await scoreOf(request, FENGLIN, prev));
  await page.goto(`/index/area/${FENGLIN}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fenglin Subdistrict');
  await expect(page.locator('#why-sentence')).toHaveText(
    Math.abs(c) < 0.05
      ? `Fenglin Subdistrict is unchanged on ${prev}.`
      : new RegExp(`^Fenglin Subdistrict is ${c > 0 ? 'up' : 'down'} ${fixed1(Math.abs(c))} points on ${prev}, mostly ${c > 0 ? 'thanks to' : 'because of'} .+\\.$`),
  );
  await chartsRendered(page, 3);
  await shot(page, 'index-street-en');
  const api = await (await request.get(`/api/v1/index/daily?date=${day}`)).json();
  await page.goto('/index');
  await expect(page.locator('#ranking .grade-label').first()).toHaveText(GRADES_EN[api.areas[0].grade]);
  await shot(page, 'index-ranking-en');
});
