import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { NAV_EN, NAV_ZH, shot, waitForWasm, watchConsole } from './helpers';

test('the home page renders in Chinese with the demo notice and bottom navigation', async ({ page }) => {
  const console = watchConsole(page);
  // Home has no island: it loads no wasm and no script of ours.
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (/\.(wasm|js)(\?|$)/.test(r.url())) scripts.push(r.url());
  });
  const res = await page.goto('/');
  expect(res?.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page).toHaveTitle(/同心市/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('同心市');
  await expect(page.getByRole('note')).toContainText('演示数据');
  const nav = page.getByRole('navigation', { name: '主导航' });
  await expect(nav.getByRole('link')).toHaveText(NAV_ZH.map((t) => new RegExp(`^${t}`)));
  await expect(nav.getByRole('link', { name: '指数' })).toHaveAttribute('aria-current', 'page');
  // The city at a glance comes from the seeded demo city.
  await expect(page.getByText('社区（村）').first()).toBeVisible();
  await expect(page.getByRole('link', { name: /东湖区/ })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(scripts).toEqual([]);
  await expect(page.locator('html')).not.toHaveAttribute('data-wasm', 'ready');
  await shot(page, 'home-zh');
  console.check();
});

test('switching to English and back persists across reloads and pages', async ({ page }) => {
  await page.goto('/surveys');
  await page.getByRole('button', { name: /English/ }).click();
  await expect(page).toHaveURL(/\/surveys$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Surveys');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Tongxin City');
  await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link')).toHaveText(NAV_EN);
  await expect(page.getByRole('note')).toContainText('Demo data');
  await shot(page, 'home-en');
  await page.getByRole('button', { name: /中文/ }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('同心市');
});

test('the area picker remembers the chosen community', async ({ page, context }) => {
  await page.goto('/');
  await page.getByRole('main').getByRole('link', { name: '选择我的社区' }).click();
  await expect(page).toHaveURL(/\/areas$/);
  await page.getByRole('link', { name: /东湖区/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('东湖区');
  // Street, then community: take the first of each list.
  const street = page.getByRole('main').locator('.link-list a').first();
  const streetName = (await street.locator('.link-title').textContent())!.trim();
  await street.click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(streetName);
  await expect(page.getByRole('navigation', { name: '所在位置' })).toContainText('东湖区');
  const community = page.getByRole('main').locator('.link-list a').first();
  const communityName = (await community.locator('.link-title').textContent())!.trim();
  await community.click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(communityName);
  await page.getByRole('button', { name: '设为我的社区' }).click();
  await expect(page.getByText('这是您的社区')).toBeVisible();
  await shot(page, 'community');

  // Persists across reloads and in a new tab of the same browser.
  await page.reload();
  await expect(page.getByText('这是您的社区')).toBeVisible();
  const other = await context.newPage();
  await other.goto('/');
  // The top bar names it (home repeats it nowhere else).
  await expect(other.locator('.area-chip')).toContainText(communityName);
  await expect(other.locator('.area-chip')).toContainText(streetName);
  await expect(other.locator('#my-area-h')).toHaveCount(0);
  await other.goto('/me');
  await expect(other.getByRole('main')).toContainText(communityName);
});

test('the bottom navigation works, and the live area search once its wasm has loaded', async ({ page }) => {
  const console = watchConsole(page);
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: '主导航' });
  const expected: [string, RegExp, string][] = [
    ['问卷', /\/surveys$/, '问卷'],
    ['微实事', /\/projects$/, '民生微实事'],
    ['议事', /\/votes$/, '社区议事'],
    ['我的', /\/me$/, '我的'],
    ['指数', /\/$/, '同心市'],
  ];
  for (const [label, url, heading] of expected) {
    await nav.getByRole('link', { name: label }).click();
    await expect(page).toHaveURL(url);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(heading);
    await expect(nav.getByRole('link', { name: label })).toHaveAttribute('aria-current', 'page');
  }
  // The island filters as the resident types, without submitting the form.
  await page.goto('/areas');
  await waitForWasm(page);
  await expect(page.locator('form.search')).toHaveAttribute('data-live', 'true');
  const search = page.getByLabel('搜索街道或社区');
  await search.pressSequentially('金', { delay: 30 });
  await expect(page).toHaveURL(/\/areas$/);
  await expect(page.getByRole('status')).toContainText('找到');
  const first = page.locator('.search-results a').first();
  await expect(first).toContainText('金');
  await search.fill('zzzz');
  await expect(page.getByRole('status')).toContainText('没有找到');
  await search.fill('jin');
  await expect(page.locator('.search-results a').first()).toBeVisible();
  await shot(page, 'area-search');
  console.check();
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('pages are server-rendered and navigation, language and search still work', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('同心市');
    await expect(page.locator('html')).not.toHaveAttribute('data-wasm', 'ready');
    const nav = page.getByRole('navigation', { name: '主导航' });
    await nav.getByRole('link', { name: '微实事' }).click();
    await expect(page).toHaveURL(/\/projects$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('民生微实事');
    await nav.getByRole('link', { name: '指数' }).click();
    await page.getByRole('link', { name: /南湾区/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('南湾区');
    // The language form posts and redirects back.
    await page.getByRole('button', { name: /English/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Nanwan District');
    // The search form submits as a GET.
    await page.goto('/areas');
    await page.getByLabel('Search subdistricts and communities').fill('Town');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/\/areas\?q=Town/);
    await expect(page.getByRole('status')).toContainText('found');
    await expect(page.locator('.search-results a').first()).toContainText('Town');
    await shot(page, 'nojs-search-en');
  });
});

test('an unknown URL gets the 404 page in the current language', async ({ page }) => {
  let res = await page.goto('/no/such/page');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('页面不存在');
  await expect(page.getByRole('link', { name: '返回首页' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible();
  await page.getByRole('button', { name: /English/ }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  res = await page.goto('/no/such/page');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  res = await page.goto('/areas/000000');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('main')).toContainText('000000');
  await shot(page, 'not-found-en');
});

test('keyboard users can skip to the content', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: '跳到主要内容' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
});

test('the methodology page explains the index in plain words', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: '了解平安+指数如何计算' }).click();
  await expect(page).toHaveURL(/\/index\/methodology$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('指数如何计算');
  await expect(page.getByRole('heading', { level: 3 })).toHaveCount(14);
  await expect(page.locator('.indicator')).toHaveCount(28);
  await expect(page.getByRole('heading', { name: /治安指数/ })).toBeVisible();
  await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '指数' })).toHaveAttribute('aria-current', 'page');
  await shot(page, 'methodology-zh');
});

test('长辈模式 turned on from the top bar persists across pages, in both languages, and passes axe', async ({ page, context }) => {
  test.setTimeout(120_000);
  await page.goto('/index');
  const toggle = page.getByRole('button', { name: '长辈模式' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(page).toHaveURL(/\/index$/);
  await expect(page.locator('html')).toHaveClass('elder');
  const violations: string[] = [];
  for (const lang of ['zh-CN', 'en']) {
    await context.addCookies([{ name: 'tx_lang', value: lang, url: test.info().project.use.baseURL! }]);
    for (const path of ['/', '/index', '/index/area/449902002', '/surveys', '/me', '/index/methodology']) {
      await page.goto(path);
      await expect(page.locator('html')).toHaveClass('elder');
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      // Body text at least 18 px; every bottom-bar target at least 48 px tall.
      const body = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
      expect(body).toBeGreaterThanOrEqual(18);
      for (const h of await page.locator('.bottom-nav a').evaluateAll((as) => as.map((a) => a.getBoundingClientRect().height))) {
        expect(h).toBeGreaterThanOrEqual(48);
      }
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      violations.push(...results.violations.map((v) => `${lang} ${path}: ${v.id} (${v.nodes.length}) ${v.help}`));
    }
    await page.goto('/');
    await shot(page, `home-elder-${lang === 'en' ? 'en' : 'zh'}`);
  }
  expect(violations).toEqual([]);
  // Off again from 我的.
  await page.goto('/me');
  await page.locator('form[action="/prefs/elder"] button', { hasText: 'Off' }).click();
  await expect(page.locator('html')).not.toHaveClass('elder');
  await page.goto('/surveys');
  await expect(page.locator('html')).not.toHaveClass('elder');
});
