import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { Page } from '@playwright/test';
import { enrolTotp, lastCode } from './helpers';

// WCAG 2.1 AA checks by axe-core on every page the shell has, in both languages.
const pages = ['/', '/index', '/index?edition=monthly', '/index/area/449902002', '/index/area/449902', '/index/area/449900?edition=monthly', '/index/compare?a=449902002&a=449901001', '/index/mine', '/index/methodology', '/areas', '/areas/449901', '/areas/449901001', '/surveys', '/projects', '/projects?community=all&status=council', '/projects/new', '/votes', '/me', '/signin', '/signin?step=code&to=8000', '/privacy', '/staff/signin', '/staff', '/nope'];

async function axe(page: Page, path: string, lang: string) {
  await page.goto(path);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map(v => `${path}: ${v.id} (${v.nodes.length}) ${v.help}`);
}

// Pages behind a sign-in: a resident's (consent, 我的 with a community) and every
// staff page as the city administrator, who sees them all.
for (const lang of ['zh-CN', 'en']) {
  test(`signed-in pages have no axe violations (${lang})`, async ({ page, context }) => {
    test.setTimeout(120_000);
    const phone = lang === 'en' ? '13900009001' : '13900009002';
    await page.goto('/signin?next=/me');
    await page.getByRole('textbox', { name: '手机号' }).fill(phone);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByLabel('6 位验证码').fill(lastCode(phone));
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect(page).toHaveURL(/\/me\/consent/);
    const violations: string[] = [];
    await context.addCookies([{ name: 'tx_lang', value: lang, url: test.info().project.use.baseURL! }]);
    violations.push(...await axe(page, '/me/consent?next=/me', lang));
    await page.getByRole('button', { name: lang === 'en' ? 'I have read it and agree' : '我已阅读并同意' }).click();
    await page.getByLabel(lang === 'en' ? 'Choose your community' : '选择所在社区').selectOption('449902002001');
    await page.locator('#community button[type=submit]').click();
    await expect(page.locator('#verification')).toBeVisible();
    violations.push(...await axe(page, '/me', lang));
    // 民生微实事 as a resident: the proposal form, my projects, a project of the demo city.
    violations.push(...await axe(page, '/projects/new', lang));
    violations.push(...await axe(page, '/me/projects', lang));
    await page.goto('/projects?community=all&status=rejected');
    const project = await page.locator('.project-card a').first().getAttribute('href');
    violations.push(...await axe(page, project!, lang));

    // An administrator of its own (the tests run in parallel): first the security page
    // that asks for the second factor, then, with it on, every staff page.
    await page.goto('/staff/signin');
    await page.locator('#username').fill(lang === 'en' ? 'e2e-a11y-en' : 'e2e-a11y-zh');
    await page.locator('#password').fill('e2e-staff-password');
    await page.locator('form[action="/staff/signin"] button[type=submit]').click();
    await expect(page).toHaveURL(/\/staff\/security$/);
    violations.push(...await axe(page, '/staff/security', lang));
    await page.locator('form[action="/staff/security/totp/start"] button').click();
    violations.push(...await axe(page, '/staff/security?step=scan', lang));
    await enrolTotp(page);
    for (const path of ['/staff', '/staff/security', '/staff/residents?community=449902002001', '/staff/observations', '/staff/accounts', '/staff/audit', '/staff/projects', '/staff/projects/lists', '/staff/projects/council?community=449902002001', `/staff${project}`]) {
      violations.push(...await axe(page, path, lang));
    }
    expect(violations).toEqual([]);
  });
}

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
