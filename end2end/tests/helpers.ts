import { expect, Page, ConsoleMessage } from '@playwright/test';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Waits until the wasm bundle has loaded and hydrated the islands. */
export async function waitForWasm(page: Page) {
  // The answering page loads its helper at the first interaction: move the pointer.
  await page.mouse.move(3, 3);
  await page.mouse.move(9, 9);
  await expect(page.locator('html')).toHaveAttribute('data-wasm', 'ready');
}

/** Collects console errors and CSP violations; call `.check()` at the end of a test. */
export function watchConsole(page: Page, expected: RegExp[] = []) {
  const errors: string[] = [];
  page.on('console', (msg: ConsoleMessage) => {
    if (msg.type() === 'error' && !expected.some((re) => re.test(msg.text()))) errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  return {
    check() {
      expect(errors, 'console errors').toEqual([]);
    },
  };
}

/** Saves a full-page screenshot under end2end/.screenshots for people to look at. */
export async function shot(page: Page, name: string) {
  const dir = path.join(__dirname, '..', '.screenshots');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** The bottom navigation, in page order. */
/** The date in China (UTC+8) `daysAgo` days before today, `YYYY-MM-DD`: the server's calendar. */
export function chinaDay(daysAgo = 0): string {
  return new Date(Date.now() + 8 * 3_600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

export const NAV_ZH = ['指数', '问卷', '微实事', '议事', '我的'];
export const NAV_EN = ['Index', 'Surveys', 'Projects', 'Votes', 'Me'];

/** The newest sign-in code the development SMS sender wrote for `phone`. */
export function lastCode(phone: string): string {
  const outbox = path.join(process.env.E2E_DATA_DIR!, 'sms-outbox.jsonl');
  const lines = fs.readFileSync(outbox, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const mine = lines.filter((l) => l.phone === phone);
  expect(mine.length, `a code was sent to ${phone}`).toBeGreaterThan(0);
  return mine[mine.length - 1].code;
}

/** The password start-server.sh gives every test staff account. */
export const STAFF_PASSWORD = 'e2e-staff-password';

/** Signs a resident in from the sign-in page; returns when the code form was submitted. */
export async function signInWithCode(page: Page, phone: string) {
  await page.getByRole('textbox', { name: '手机号' }).fill(phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect(page.getByRole('status').filter({ hasText: `尾号 ${phone.slice(-4)}` })).toBeVisible();
  await page.getByLabel('6 位验证码').fill(lastCode(phone));
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

export async function staffSignIn(page: Page, username: string, landing: RegExp = /\/staff$/) {
  await page.goto('/staff/signin');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(landing);
}

/** The code an authenticator app shows now for a base32 key (RFC 6238: SHA-1, 30 s, 6 digits). */
export function totp(key: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of key.replace(/\s+/g, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const secret = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const h = crypto.createHmac('sha1', secret).update(counter).digest();
  const at4 = h[19] & 0x0f;
  return String((h.readUInt32BE(at4) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** On /staff/security: turns the second factor on (started already or not) as one does
 *  with an authenticator app. */
export async function enrolTotp(page: Page) {
  const start = page.locator('form[action="/staff/security/totp/start"] button');
  if (await start.count()) await start.click();
  const key = await page.locator('.totp-key').getAttribute('data-key');
  await page.locator('#totp-code').fill(totp(key!));
  await page.locator('form[action="/staff/security/totp/confirm"] button').click();
  await expect(page).toHaveURL(/notice=totp_enabled/);
}
