import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

// WCAG 2.1 AA checks by axe-core on every page the shell has, in both languages.
const pages = ['/', '/index', '/index?edition=monthly', '/index/area/449902002', '/index/area/449902', '/index/area/449900?edition=monthly', '/index/compare?a=449902002&a=449901001', '/index/mine', '/index/methodology', '/areas', '/areas/449901', '/areas/449901001', '/surveys', '/projects', '/votes', '/me', '/nope'];

for (const lang of ['zh-CN', 'en']) {
  test(`pages have no axe violations (${lang})`, async ({ page, context }) => {
    test.setTimeout(180_000);
    await context.addCookies([{ name: 'tx_lang', value: lang, url: test.info().project.use.baseURL! }]);
    for (const path of pages) {
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const summary = results.violations.map(v => `${path}: ${v.id} (${v.nodes.length}) ${v.help}`);
      expect(summary).toEqual([]);
    }
  });
}
