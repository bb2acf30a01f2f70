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

async function chartsRendered(page: Page, n: number) {
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
  await expect(page.getByRole('heading', { name: /全市指数/ })).toContainText(day);
  const rows = page.locator('#ranking .rank-row');
  await expect(rows).toHaveCount(25);
  // Ranks follow the API's order; every row shows a grade in words, not colour alone.
  const api = await (await request.get(`/api/v1/index/daily?date=${day}`)).json();
  await expect(rows.first()).toHaveAttribute('data-code', api.areas[0].area_code);
  await expect(rows.last()).toHaveAttribute('data-code', api.areas[24].area_code);
  for (const row of await rows.all()) {
    await expect(row.locator('.grade-label')).toHaveText(/优秀|良好|平稳|较差|数据不足/);
  }
  await expect(page.locator('#ranking')).toContainText(/比前一天(上升|下降)|与前一天持平/);
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
  await expect(page.getByRole('heading', { name: /全市指数/ })).toContainText(red);
  const fenglin = page.locator(`#ranking .rank-row[data-code="${FENGLIN}"]`);
  await expect(fenglin.locator('.flag-supervised')).toHaveText('挂牌督办');
  await expect(fenglin.locator('.grade-label')).toHaveText('较差');
  // The previous-day link steps back one day.
  await page.getByRole('link', { name: /前一天/ }).click();
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
  await page.goto(`/index/area/${FENGLIN}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('枫林街道');
  await expect(page.locator('.index-hero .grade-large .grade-score')).toHaveText(/^\d+\.\d$/);
  // The sentence names the change and its main reasons.
  await expect(page.locator('#why-sentence')).toContainText(/枫林街道比 \d{4}-\d\d-\d\d (上升|下降) \d+\.\d 分，主要因为|持平/);
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
    await page.goto('/index');
    await expect(page.locator('#ranking .rank-row')).toHaveCount(25);
    await expect(page.locator('#ranking .grade-score').first()).toHaveText(/^\d+\.\d$/);
    await page.goto(`/index/area/${FENGLIN}`);
    await expect(page.locator('.index-hero .grade-score')).toHaveText(/^\d+\.\d$/);
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

test('the pages work in English', async ({ page, context }) => {
  await context.addCookies([{ name: 'tx_lang', value: 'en', url: test.info().project.use.baseURL! }]);
  await page.goto(`/index/area/${FENGLIN}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fenglin Subdistrict');
  await expect(page.locator('#why-sentence')).toContainText(/Fenglin Subdistrict is (up|down|unchanged)/);
  await chartsRendered(page, 3);
  await shot(page, 'index-street-en');
  await page.goto('/index');
  await expect(page.locator('#ranking .grade-label').first()).toHaveText(/Excellent|Good|Steady|Poor/);
  await shot(page, 'index-ranking-en');
});
