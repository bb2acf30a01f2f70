import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { shot, watchConsole } from './helpers';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// Budget rounds (预算投票) of the demo city at a phone viewport, checked by axe: the
// 微实事 tab lists them; a closed round shows every project's result with its reason;
// an open one shows its rules and asks a guest to sign in to vote. Voting, changing a
// ballot and the tallies are covered by the integration tests (projects::rounds).
test('the demo rounds: results with reasons, and the ballot of an open round', async ({ browser }) => {
  const context = await browser.newContext({ ...test.info().project.use });
  const page = await context.newPage();
  const console = watchConsole(page);
  await page.goto('/projects?community=all');
  const rounds = page.locator('section[aria-labelledby=rounds-h]');
  await expect(rounds.getByRole('heading', { name: '预算投票' })).toBeVisible();

  await rounds.getByRole('link', { name: '2026年第三季度民生微实事投票' }).click();
  await expect(page.locator('.lead .badge')).toHaveText('已截止');
  await expect(page.getByRole('heading', { name: '投票结果' })).toBeVisible();
  await expect(page.getByText('36 位居民投票')).toBeVisible();
  const results = page.locator('.round-result');
  await expect(results).toHaveCount(2);
  await expect(results.first()).toContainText('获得资助');
  await expect(page.locator('main')).toContainText('计票规则：均等份额法');
  await shot(page, 'round-closed-zh');
  expect((await new AxeBuilder({ page }).withTags(TAGS).analyze()).violations).toEqual([]);

  await page.goto('/projects?community=all');
  await rounds.getByRole('link', { name: '2026年第四季度民生微实事投票' }).click();
  await expect(page.locator('.lead .badge')).toHaveText('投票中');
  await expect(page.getByText('本社区经认证的居民可以投票，每人一票。')).toBeVisible();
  // A guest reads what is on the ballot.
  await expect(page.getByRole('heading', { name: '选票上的项目（2）' })).toBeVisible();
  await expect(page.locator('section[aria-labelledby=on-ballot-h] li')).toHaveText([/中心花园健身器材更新 · 8万元/, /电动自行车集中充电棚 · 12万元/]);
  await expect(page.locator('#ballot').getByRole('link', { name: '登录' })).toHaveAttribute('href', /^\/signin\?next=/);
  await shot(page, 'round-open-zh');
  expect((await new AxeBuilder({ page }).withTags(TAGS).analyze()).violations).toEqual([]);
  console.check();
  await context.close();
});
