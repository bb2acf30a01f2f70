import { test, expect, Page, Browser } from '@playwright/test';
import * as fs from 'node:fs';
import { chinaDay, lastCode, shot, signInWithCode, staffSignIn, totp, waitForWasm, watchConsole } from './helpers';

// Accounts at a phone viewport: a resident signs in with a code from the development
// SMS sender, consents, picks a community, sees and exports their data; staff sign in
// and see only their own area. The staff accounts come from start-server.sh.
const COMMUNITY = '449902002001'; // the e2e committee's community, in 枫林街道
const OTHER_COMMUNITY = '449901001001'; // in another district
// The verifying committee's community: no other spec's resident asks to be verified there.
const VERIFIER_COMMUNITY = '449904001001';
// The uploading officer's street, which no other spec reads.
const UPLOAD_STREET = '449904002';
const OUTSIDE_STREET = '449901001';

/** A phone number no other test uses. */
function phoneFor(n: number): string {
  return `1390000${String(1000 + n).slice(-4)}`;
}

test('a resident signs in with a phone code, consents, picks a community and exports their data', async ({ page }) => {
  const console = watchConsole(page);
  const phone = phoneFor(1);
  // Browsing needs no account; "我的" offers the way in.
  await page.goto('/me');
  await expect(page.getByRole('heading', { name: '登录后参与' })).toBeVisible();
  await page.getByRole('link', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(/\/signin\?next=/);
  await shot(page, 'signin-zh');

  // A wrong number is refused in Chinese and sends nothing.
  await page.getByRole('textbox', { name: '手机号' }).fill('12345');
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect(page.getByRole('alert')).toContainText('手机号');

  await signInWithCode(page, phone);
  // First sign-in: the consent notice comes before anything else.
  await expect(page).toHaveURL(/\/me\/consent/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('个人信息保护告知');
  await shot(page, 'consent-zh');
  await page.getByRole('button', { name: '我已阅读并同意' }).click();
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByText(`尾号 ${phone.slice(-4)}`)).toBeVisible();
  await expect(page.locator('body')).not.toContainText(phone);

  // The home community.
  const select = page.getByLabel('选择所在社区');
  await select.selectOption(COMMUNITY);
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '已保存您的社区' })).toBeVisible();
  await expect(page.locator('#community')).toContainText('枫林街道');
  await expect(page.locator('#community .badge')).toHaveText('未认证');
  await shot(page, 'me-signed-in-zh');

  // What we hold, exported as JSON: the tail and the community, never the number.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: '导出我的数据（JSON）' }).click(),
  ]);
  const file = await download.path();
  const text = fs.readFileSync(file!, 'utf8');
  expect(text).not.toContain(phone);
  const data = JSON.parse(text);
  expect(data.account.phone_tail).toBe(phone.slice(-4));
  expect(data.account.community_code).toBe(COMMUNITY);
  expect(data.account.consent_version).toBeTruthy();
  expect(data.account.sessions.length).toBe(1);

  // Signing out ends the session on the server: "我的" is the guest's page again.
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已退出' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '登录后参与' })).toBeVisible();
  console.check();
});

test('a resident deletes their account and it is gone', async ({ page }) => {
  const phone = phoneFor(2);
  await page.goto('/signin?next=/me');
  await signInWithCode(page, phone);
  await page.getByRole('button', { name: '我已阅读并同意' }).click();
  await expect(page).toHaveURL(/\/me$/);
  // Without the confirmation the browser refuses; with it, the account goes.
  await page.getByRole('button', { name: '注销账户' }).click();
  await expect(page).toHaveURL(/\/me$/);
  await page.getByLabel('我确认注销账户').check();
  await page.getByRole('button', { name: '注销账户' }).click();
  await expect(page.getByRole('status').filter({ hasText: '您的账户已注销' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '登录后参与' })).toBeVisible();
  // Deleting the account does not reset the number's code limits: a new code waits out the
  // pause that began with the last one (the integration tests sign in again afterwards).
  await page.goto('/signin?next=/me');
  await page.getByRole('textbox', { name: '手机号' }).fill(phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect(page.getByRole('alert')).toHaveText(/^验证码刚刚发出，请 \d+ 秒后再试。$/);
});

test('a committee member sees only their community and verifies a resident', async ({ page, browser }) => {
  // The refused roll answers 422 and the refused pages below 403, which Chromium logs
  // as failed resources.
  const console = watchConsole(page, [/status of 403/, /status of 422/]);
  // A resident of the committee's community asks to be verified.
  const resident = await residentAsking(browser, phoneFor(3), '李红', '3 栋 2 单元 201');

  await staffSignIn(page, 'e2e-verifier');
  await expect(page.getByRole('heading', { level: 2, name: '北山社区测试' })).toBeVisible();
  // The to-dos name the community with its one waiting resident.
  const todo = page.locator('section.staff-todo li.todo-verify');
  await expect(todo).toHaveCount(1);
  await expect(todo).toContainText('1 人待认证');
  await expect(page.locator('.bottom-nav')).toHaveCount(0);
  // Only their own community is listed, and only the home tab: no uploads, accounts or log.
  const communities = page.locator('.link-list:not(section.staff-todo .link-list) a[href^="/staff/residents?community="]');
  await expect(communities).toHaveCount(1);
  await expect(communities.first()).toHaveAttribute('href', `/staff/residents?community=${VERIFIER_COMMUNITY}`);
  await expect(todo.getByRole('link')).toHaveAttribute('href', `/staff/residents?community=${VERIFIER_COMMUNITY}`);
  const tabs = page.getByRole('navigation', { name: '工作台导航' }).locator('.tabs').getByRole('link');
  await expect(tabs).toHaveText(['首页', '问卷', '微实事']);
  await shot(page, 'staff-home-committee-zh');

  await todo.getByRole('link').click();
  await expect(page.getByRole('heading', { name: '待认证（1）' })).toBeVisible();
  await expect(page.locator('.queue')).toContainText('李红');
  await expect(page.locator('.queue')).toContainText('3 栋 2 单元 201');
  await shot(page, 'staff-residents-zh');
  await page.getByRole('button', { name: '通过 李红 的认证', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '已处理' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '待认证（0）' })).toBeVisible();

  // Not verifying someone takes a reason, which the resident reads on 我的.
  const refused = await residentAsking(browser, phoneFor(4), '王芳', '9 栋 101');
  await page.reload();
  await expect(page.getByRole('heading', { name: '待认证（1）' })).toBeVisible();
  await page.locator('summary[aria-label="不通过 王芳 的认证"]').click();
  await page.getByLabel('不通过的原因').fill('名册上没有 9 栋 101，请核对单元号后重新申请。');
  await page.getByRole('button', { name: '不通过并告知居民' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已处理' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '待认证（0）' })).toBeVisible();
  await refused.goto('/me');
  await expect(refused.locator('#community .badge')).toHaveText('未通过认证');
  await expect(refused.locator('.reject-reason')).toHaveText('居委会的说明：名册上没有 9 栋 101，请核对单元号后重新申请。');
  await shot(refused, 'me-verification-refused-zh');
  await refused.context().close();

  // The roll uploads in place, with its progress and a line-by-line report.
  await waitForWasm(page);
  const here = page.url();
  const roll = page.locator('.upload-report');
  const file = page.getByLabel('名册 CSV 文件');
  await file.setInputFiles({ name: 'roll.csv', mimeType: 'text/csv', buffer: Buffer.from('phone,label\n12345,\n13900001234,5栋\n13900001234,\n') });
  await page.getByRole('button', { name: '上传名册' }).click();
  await expect(roll.locator('li')).toHaveText([/^第 2 行：/, /^第 4 行：手机号与第 3 行重复/]);
  await file.setInputFiles({ name: 'roll.csv', mimeType: 'text/csv', buffer: Buffer.from('phone,label\n13900001234,5栋\n') });
  await page.getByRole('button', { name: '上传名册' }).click();
  await expect(roll.locator('.alert-ok')).toHaveText('名册已更新：1 个号码，新认证 0 位居民。');
  await expect(page).toHaveURL(here);
  await shot(page, 'staff-roll-uploaded-zh');

  // The resident sees it at once.
  await resident.goto('/me');
  await expect(resident.locator('#community .badge')).toHaveText('已认证');
  await resident.context().close();

  // Everything outside the community is refused.
  for (const path of [`/staff/residents?community=${OTHER_COMMUNITY}`, '/staff/observations', '/staff/accounts', '/staff/audit']) {
    const res = await page.goto(path);
    expect(res!.status(), path).toBe(403);
    await expect(page.getByRole('heading', { name: '无权访问：这不在您负责的区域或职责之内。' })).toBeVisible();
  }
  await shot(page, 'staff-forbidden-zh');
  console.check();
});

async function residentAsking(browser: Browser, phone: string, name: string, address: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/signin?next=/me');
  await signInWithCode(page, phone);
  await page.getByRole('button', { name: '我已阅读并同意' }).click();
  await page.getByLabel('选择所在社区').selectOption(VERIFIER_COMMUNITY);
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.getByLabel('姓名').fill(name);
  await page.getByLabel('楼栋房号').fill(address);
  await page.getByRole('button', { name: '提交认证' }).click();
  await expect(page.getByRole('status').filter({ hasText: '认证申请已提交' })).toBeVisible();
  await expect(page.locator('#community .badge')).toHaveText('认证审核中');
  return page;
}

test('a street officer uploads observations in the browser with progress and a line-by-line report', async ({ page }) => {
  // The refused upload answers 403 (a row lies outside the officer's area), which
  // Chromium logs as a failed resource.
  const console = watchConsole(page, [/status of 403/]);
  await staffSignIn(page, 'e2e-uploader');
  await page.getByRole('link', { name: '指数数据' }).click();
  await expect(page).toHaveURL(/\/staff\/observations$/);
  await waitForWasm(page);
  // A day in a month no other spec reads (their editions are the latest day and month).
  const day = chinaDay(100);

  // A file with a row outside the street and a bad row: refused whole, each line named.
  const bad = `period,area_code,indicator,value\n${day},${UPLOAD_STREET},crime_reports,4\n${day},${OUTSIDE_STREET},crime_reports,1\n${day},${UPLOAD_STREET},nonsense,-1\n`;
  await page.getByLabel('观测数据 CSV 文件').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await page.getByRole('button', { name: '上传并导入' }).click();
  const report = page.locator('.upload-report');
  await expect(report.locator('.alert-error')).toContainText('数据库没有任何改动');
  // Line 3 lies outside the street; line 4 names no indicator and has a negative value.
  await expect(report.locator('li')).toHaveText([/^第 3 行：/, /^第 4 行：/, /^第 4 行：/]);
  await expect(report.locator('li').first()).toContainText(OUTSIDE_STREET);
  await shot(page, 'staff-upload-refused-zh');

  // A good file for the officer's street: applied, the page still in place.
  const good = `period,area_code,indicator,value\n${day},${UPLOAD_STREET},crime_reports,4\n`;
  await page.getByLabel('观测数据 CSV 文件').setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await page.getByRole('button', { name: '上传并导入' }).click();
  // The demo has every indicator for every day: the one row replaces the seeded figure.
  await expect(report.locator('.alert-ok')).toHaveText('已导入 1 条观测数据（新增 0 条，替换 1 条）。');
  await expect(page).toHaveURL(/\/staff\/observations$/);
  await shot(page, 'staff-upload-ok-zh');
  console.check();
});

test('the city administrator sees accounts and the audit log, in English too', async ({ page, context }) => {
  const console = watchConsole(page);
  // The city administrator turns on the second factor before anything else.
  await staffSignIn(page, 'e2e-admin', /\/staff\/security$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('账户安全');
  await expect(page.getByRole('alert')).toHaveText('市级管理员账户必须开启两步验证，开启后才能使用工作台。');
  await page.getByRole('button', { name: '开启两步验证' }).click();
  await expect(page.getByRole('img', { name: '两步验证二维码（内容同下方密钥）' })).toBeVisible();
  await shot(page, 'staff-security-totp-zh');
  const key = await page.locator('.totp-key').getAttribute('data-key');
  await page.getByLabel('6 位动态验证码').fill(totp(key!));
  await page.getByRole('button', { name: '确认开启' }).click();
  await expect(page.getByRole('status').filter({ hasText: '两步验证已开启。' })).toBeVisible();
  await expect(page.locator('#totp')).toContainText('已开启');
  await page.getByRole('link', { name: '首页' }).click();
  await expect(page).toHaveURL(/\/staff$/);
  await page.getByRole('link', { name: '工作人员账户' }).click();
  await expect(page.locator('.queue')).toContainText('e2e-committee');
  await expect(page.locator('.queue')).toContainText('枫林社区测试');
  await shot(page, 'staff-accounts-zh');
  await page.getByRole('link', { name: '操作日志' }).click();
  // Newest first; other tests' staff sign in at the same time.
  const mine = page.locator('.audit-entry[data-action="staff.signin"]').filter({ hasText: 'e2e-admin' });
  await expect(mine.first()).toContainText('登录工作台');
  await shot(page, 'staff-audit-zh');
  await context.addCookies([{ name: 'tx_lang', value: 'en', url: test.info().project.use.baseURL! }]);
  await page.goto('/staff/audit');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit log');
  await expect(mine.first()).toContainText('Signed in');
  await shot(page, 'staff-audit-en');
  console.check();
});
