import { test, expect, request, Page, APIRequestContext } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import * as fs from 'node:fs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { lastCode, shot, signInWithCode, staffSignIn, waitForWasm, watchConsole } from './helpers';

// The monthly-survey machinery at a phone viewport, in order: a committee member
// builds a consultation with every question type and a condition, publishes it and
// downloads its QR code; a resident opens the share link in WeChat, is interrupted
// (reload) and continues, signs in only at submission and submits once; a browser
// without JavaScript answers too; the results show the answers.
const COMMUNITY = '449902002001'; // the e2e committee's community
const WECHAT_UA =
  'Mozilla/5.0 (Linux; Android 13; V2148A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) ' +
  'Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F35) ' +
  'WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';
const KINDS = ['单选', '多选', '5 分量表', '0–10 打分', '数字', '简短文字', '较长文字'];

/** WCAG 2.1 AA, as in a11y.spec.ts. */
async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

let surveyPath = ''; // /surveys/<id>
let staffPath = ''; // /staff/surveys/<id>
let shareUrl = '';

test.describe.configure({ mode: 'serial' });

test('a committee member creates a survey with every question type and a condition, publishes it and downloads its QR code', async ({ page }) => {
  test.setTimeout(90_000);
  const console = watchConsole(page);
  await staffSignIn(page, 'e2e-committee');
  await page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '问卷' }).click();
  await page.getByLabel('标题').fill('枫林社区加装电梯意见征询');
  await expect(page.getByLabel('面向区域')).toHaveValue(COMMUNITY);
  await page.getByRole('button', { name: '创建草稿' }).click();
  await expect(page.getByRole('status').filter({ hasText: '草稿已创建' })).toBeVisible();
  staffPath = new URL(page.url()).pathname;
  expect(staffPath).toMatch(/^\/staff\/surveys\/[0-9a-f]{32}$/);

  // A draft without questions cannot be published: the problem is named.
  await page.getByRole('button', { name: '发布', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: '还不能发布' })).toBeVisible();
  await expect(page.locator('#definition-problems')).toContainText('至少需要一道题');

  for (const [i, kind] of KINDS.entries()) {
    await page.getByRole('button', { name: kind, exact: true }).click();
    await expect(page.locator('.q-edit')).toHaveCount(i + 1);
  }
  await page.locator('#intro').fill('小区 3 栋、5 栋居民提出加装电梯。请说说您的意见，结果将在居民议事会上公布。');
  await page.locator('#f0-title').fill('您是否同意本楼加装电梯？');
  await page.locator('#f0-options').fill('同意\n不同意\n无所谓');
  await page.locator('#f1-title').fill('您担心的是哪些方面？');
  await page.locator('#f1-options').fill('费用分摊\n施工噪音\n采光\n其他');
  await page.locator('#f1-max').fill('2');
  await page.locator('#f2-title').fill('您对现在上下楼的便利程度满意吗？');
  await page.locator('#f3-title').fill('您对社区这次征询工作打几分？');
  await page.locator('#f4-title').fill('您家有几位 60 岁以上的老人？');
  await page.locator('#f4-nmax').fill('10');
  await page.locator('#f5-title').fill('您住在哪一栋？');
  await page.locator('#f6-title').fill('其他意见和建议');
  await page.locator('#f6-required').uncheck();
  // Question 2 shows only when question 1 is answered 不同意: pick the question,
  // save, then tick the answer.
  await page.locator('#f1-cond').selectOption('q1');
  await page.getByRole('button', { name: '保存草稿' }).last().click();
  await page.locator('#edit-q2').getByLabel('不同意').check();
  await page.getByRole('button', { name: '保存草稿' }).last().click();
  await expect(page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
  await expect(page.locator('#definition-problems')).toHaveCount(0);

  // The phone preview shows the questions as residents will see them.
  const preview = page.locator('#preview .phone-frame');
  await expect(preview.locator('fieldset')).toHaveCount(7);
  await expect(preview).toContainText('您是否同意本楼加装电梯？');
  await expect(preview).toContainText('（第 1 题选“不同意”时回答）');
  await shot(page, 'staff-survey-editor-zh');
  await axe(page);

  // Publishing asks first: without the box ticked the draft is saved, not published.
  await page.getByRole('button', { name: '发布', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: '已保存，尚未发布' })).toBeVisible();
  await expect(page.locator('#editor')).toHaveCount(1);
  await page.getByLabel(/我已预览，确认发布/).check();
  await page.getByRole('button', { name: '发布', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '已发布' })).toBeVisible();
  // Published questions are frozen: the editor is gone.
  await expect(page.locator('#editor')).toHaveCount(0);
  shareUrl = await page.locator('#share-url').inputValue();
  expect(shareUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/s\/[2-9a-z]{10}$/);

  // The QR code downloads as SVG and PNG, and the PNG reads back as the share link.
  const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载二维码（SVG，海报用）' }).click()]);
  const svgText = fs.readFileSync((await svg.path())!, 'utf8');
  expect(svgText).toContain('<svg');
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载二维码（PNG）' }).click()]);
  const image = PNG.sync.read(fs.readFileSync((await png.path())!));
  const decoded = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
  expect(decoded?.data).toBe(shareUrl);
  await shot(page, 'staff-survey-share-zh');
  console.check();
});

test('a resident opens the share link in WeChat, reloads midway, and goes from 提交 to the thanks page in two screens, once', async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ userAgent: WECHAT_UA });
  const page = await context.newPage();
  const console = watchConsole(page);
  await page.goto(shareUrl);
  // The link names its own code, never a community (a community in the URL would tell whose
  // answer came in).
  const code = new URL(shareUrl).pathname.split('/').pop();
  await expect(page).toHaveURL(new RegExp(`/surveys/[0-9a-f]{32}\\?via=${code}$`));
  surveyPath = new URL(page.url()).pathname;
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('枫林社区加装电梯意见征询');
  await expect(page.locator('meta[property="og:description"]')).toHaveAttribute('content', /加装电梯/);
  await expect(page.locator('.survey-facts')).toContainText('分享');

  // Question 2 waits for its condition and the numbers run on without a gap, before the
  // page's helper has loaded (it loads at the first interaction) and after.
  const number = (q: string) => page.locator(`#q-${q} .q-number`);
  for (const helper of [false, true]) {
    if (helper) await waitForWasm(page);
    await expect(page.locator('#q-q2')).toBeHidden();
    await expect(number('q3')).toHaveText('2.', { useInnerText: true });
    await expect(number('q7')).toHaveText('6.', { useInnerText: true });
    await expect(page.locator('#survey-progress-text')).toHaveText('已答 0 / 6 题');
  }
  await page.locator('#q-q1').getByLabel('不同意').check();
  await expect(page.locator('#q-q2')).toBeVisible();
  await expect(number('q2')).toHaveText('2.', { useInnerText: true });
  await expect(number('q3')).toHaveText('3.', { useInnerText: true });
  await expect(page.locator('#q-q2 .q-cond')).toHaveText('（第 1 题选“不同意”时回答）', { useInnerText: true });
  await page.locator('#q-q2').getByLabel('施工噪音').check();
  await page.locator('#q-q3').getByLabel('2', { exact: true }).check();
  await expect(page.locator('#survey-progress-text')).toHaveText('已答 3 / 7 题');
  await shot(page, 'survey-answering-zh');

  // Interrupted: the page reloads; the answers come back from the device.
  await page.reload();
  await waitForWasm(page);
  await expect(page.locator('[data-restored]')).toBeVisible();
  await expect(page.locator('#q-q1').getByLabel('不同意')).toBeChecked();
  await expect(page.locator('#q-q2').getByLabel('施工噪音')).toBeChecked();
  await expect(page.locator('#q-q3').getByLabel('2', { exact: true })).toBeChecked();
  await page.locator('#q-q4').getByLabel('8', { exact: true }).check();
  await page.locator('#q-q5-input').fill('2');
  await page.locator('#q-q6-input').fill('5 栋');
  await page.locator('#q-q7-input').fill('希望费用按楼层分摊，施工避开午休时间。');
  await expect(page.locator('#survey-progress-text')).toHaveText('已答 7 / 7 题');
  await axe(page);

  // The same form open in a second tab, for the double submission below.
  const second = await context.newPage();
  await second.goto(page.url());
  await waitForWasm(second);
  await expect(second.locator('#q-q1').getByLabel('不同意')).toBeChecked();

  // From 提交 to the thanks page in two screens: the answers are kept, the number and its
  // code go on one screen with the share link's community, then the thanks page.
  const screens = countScreens(page);
  await page.getByRole('button', { name: '提交', exact: true }).click();
  await confirmWithCode(page, '13900002001', true);
  await expect(page.getByRole('heading', { name: '感谢参与！您的回答已保存。' })).toBeVisible();
  expect(screens()).toEqual([`${surveyPath}/confirm`, surveyPath]);
  await waitForWasm(page);
  await shot(page, 'survey-thanks-zh');

  await second.getByRole('button', { name: '提交', exact: true }).click();
  await expect(second.getByRole('heading', { name: '您已经提交过这份问卷' })).toBeVisible();
  await page.goto(surveyPath);
  await expect(page.locator('#survey-form')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: '您已经提交过这份问卷' })).toBeVisible();
  // The answers kept on the device were dropped after submission.
  expect(await page.evaluate((p) => localStorage.getItem(`tongxin.survey.${p.split('/').pop()}`), surveyPath)).toBeNull();
  console.check();
  await context.close();
});

test('without JavaScript the form posts, names each problem, and submits', async ({ browser }) => {
  test.setTimeout(60_000);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(shareUrl);
  // Without scripts every question shows, with its condition in words.
  await expect(page.locator('#q-q2')).toBeVisible();
  await expect(page.locator('#q-q2')).toContainText('（第 1 题选“不同意”时回答）');
  await page.locator('#q-q1').getByLabel('同意', { exact: true }).check();
  await page.locator('#q-q2').getByLabel('采光').check(); // hidden by the condition: dropped
  await page.locator('#q-q5-input').fill('2.5');
  await page.locator('#q-q6-input').fill('3 栋');
  await page.getByRole('button', { name: '提交', exact: true }).click();
  // Problems come back named, with the answers given so far.
  const problems = page.locator('#problems');
  // Without scripts every question shows, so the numbers count them all.
  await expect(problems).toContainText('第 3 题“您对现在上下楼的便利程度满意吗？”：请作答。', { useInnerText: true });
  await expect(problems).toContainText('第 4 题“您对社区这次征询工作打几分？”：请作答。', { useInnerText: true });
  await expect(problems).toContainText('第 5 题“您家有几位 60 岁以上的老人？”：请填写整数。', { useInnerText: true });
  await expect(page.locator('#q-q3 .q-number')).toHaveText('3.', { useInnerText: true });
  await expect(page.locator('#q-q6-input')).toHaveValue('3 栋');
  await shot(page, 'survey-problems-nojs-zh');
  await page.locator('#q-q3').getByLabel('5', { exact: true }).check();
  await page.locator('#q-q4').getByLabel('9', { exact: true }).check();
  await page.locator('#q-q5-input').fill('1');
  const screens = countScreens(page);
  await page.getByRole('button', { name: '提交', exact: true }).click();
  await confirmWithCode(page, '13900002002');
  await expect(page.getByRole('heading', { name: '感谢参与！您的回答已保存。' })).toBeVisible();
  expect(screens()).toEqual([`${surveyPath}/confirm`, surveyPath]);
  await context.close();
});

test('home invites a resident of the community to the open consultation, then marks it 已参与', async ({ browser }) => {
  test.setTimeout(60_000);
  const context = await browser.newContext({ userAgent: WECHAT_UA });
  const page = await context.newPage();
  const phone = '13900002101';
  await page.goto('/signin?next=/me');
  await signInWithCode(page, phone);
  await page.getByRole('button', { name: '我已阅读并同意' }).click();
  await page.getByLabel('选择所在社区').selectOption(COMMUNITY);
  await page.locator('#community button[type=submit]').click();
  await expect(page.locator('#verification')).toBeVisible();

  // Home: the consultation waits for them, with its deadline and the time left; the 问卷
  // tab counts it.
  await page.goto('/');
  const card = page.locator('section.card-open');
  await expect(card.getByRole('heading', { name: '等您参与' })).toBeVisible();
  const line = card.locator('li', { hasText: '枫林社区加装电梯意见征询' });
  await expect(line).toContainText(/截止 · 还剩\d+(天|小时|分钟)/);
  await expect(line).not.toContainText('已参与');
  const tab = page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: /^问卷/ });
  const before = Number(await tab.locator('.nav-count').textContent());
  expect(before).toBeGreaterThan(0);
  await shot(page, 'home-open-zh');

  // They answer from home.
  await line.getByRole('link').click();
  await page.locator('#q-q1').getByLabel('同意', { exact: true }).check();
  await page.locator('#q-q3').getByLabel('4', { exact: true }).check();
  await page.locator('#q-q4').getByLabel('7', { exact: true }).check();
  await page.locator('#q-q5-input').fill('0');
  await page.locator('#q-q6-input').fill('3 栋');
  await page.getByRole('button', { name: '提交', exact: true }).click();
  await expect(page.getByRole('heading', { name: '感谢参与！您的回答已保存。' })).toBeVisible();

  // Home now marks it 已参与 and the tab counts one fewer; 我的 lists it.
  await page.goto('/');
  await expect(card.locator('li', { hasText: '枫林社区加装电梯意见征询' })).toContainText('已参与');
  if (before > 1) await expect(tab.locator('.nav-count')).toHaveText(String(before - 1));
  else await expect(tab.locator('.nav-count')).toHaveCount(0);
  await shot(page, 'home-taken-part-zh');
  await page.goto('/me');
  const history = page.locator('#history');
  await expect(history.getByRole('link', { name: '枫林社区加装电梯意见征询' })).toHaveAttribute('href', surveyPath);
  await expect(history).toContainText('截止后公布结果');
  await context.close();
});

/** The screens a page shows from now on: the paths of its main frame's navigations, a
 *  reload of the same screen (its code step) counted once. */
function countScreens(page: Page): () => string[] {
  const paths: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame()) return;
    const path = new URL(frame.url()).pathname;
    if (paths[paths.length - 1] !== path) paths.push(path);
  });
  return () => paths;
}

/** The confirmation screen: says the answers are kept, has the share link's community
 *  chosen, takes the number, then the code that appears once it is sent. */
async function confirmWithCode(page: Page, phone: string, checkA11y = false) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('您的答案已保存，验证手机号后即可提交');
  await expect(page.getByLabel('您所在的社区')).toHaveValue(COMMUNITY);
  await expect(page.getByRole('link', { name: '《个人信息保护告知》' })).toHaveAttribute('href', '/privacy');
  await shot(page, 'survey-confirm-zh');
  if (checkA11y) await axe(page);
  await page.getByRole('textbox', { name: '手机号' }).fill(phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect(page.getByRole('status')).toContainText(`尾号 ${phone.slice(-4)}`);
  await page.getByLabel('6 位验证码').fill(lastCode(phone));
  await shot(page, 'survey-confirm-code-zh');
  await page.getByRole('button', { name: '验证并提交' }).click();
}

/** A resident of the community, signed in, consented and at home, through HTTP alone. */
async function residentApi(baseURL: string, phone: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL });
  await api.post('/auth/phone/send', { form: { phone, next: '/me' } });
  expect((await api.post('/auth/phone/verify', { form: { code: lastCode(phone), next: '/me' } })).ok()).toBeTruthy();
  await api.post('/me/consent', { form: { accept: 'yes', next: '/me' } });
  await api.post('/me/community', { form: { community: COMMUNITY } });
  return api;
}

test('the results show the answers, hide small groups, export for the committee and go public once closed', async ({ page, baseURL }) => {
  test.setTimeout(90_000);
  const console = watchConsole(page);
  // Two more residents answer (5 in all with the one home invited: the least that may
  // be shown).
  for (const n of [3, 4]) {
    const api = await residentApi(baseURL!, `1390000200${n}`);
    const res = await api.post(`${surveyPath}/answer`, {
      form: { q1: 'o4', q2: 'o6', q3: '3', q4: '7', q5: '0', q6: `${n} 栋` },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(303);
    expect(res.headers()['location']).toContain('notice=submitted');
    await api.dispose();
  }

  // The committee's workspace lists the open consultation with its responses.
  await staffSignIn(page, 'e2e-committee');
  const todo = page.locator('section.staff-todo');
  await expect(todo.getByRole('heading', { name: '待办' })).toBeVisible();
  const card = todo.locator('.survey-card').filter({ hasText: '枫林社区加装电梯意见征询' });
  await expect(card).toContainText('5 份回答');
  await expect(page.locator('.bottom-nav')).toHaveCount(0);
  await shot(page, 'staff-home-zh');
  await axe(page);
  await card.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`${staffPath}$`));
  await expect(page.locator('#response-count')).toHaveText('5');
  await page.getByRole('link', { name: '结果', exact: true }).click();
  await expect(page.locator('.big-number')).toHaveText('5 份回答');
  const q1 = page.locator('.result-q').filter({ hasText: '1. 您是否同意本楼加装电梯？' });
  await expect(q1.getByRole('row', { name: /^不同意/ })).toContainText('3');
  await expect(q1.getByRole('row', { name: /^同意/ })).toContainText('2');
  // A named consultation: the committee sees question 2's 3 answers (the under-5 rule
  // is for anonymous surveys) and each respondent with their answers.
  const q2 = page.locator('.result-q').filter({ hasText: '2. 您担心的是哪些方面？' });
  await expect(q2).not.toContainText('不显示');
  await expect(q2.locator('table')).toHaveCount(1);
  const respondents = page.locator('#respondents .respondent');
  await expect(respondents).toHaveCount(5);
  await expect(page.locator('#respondents')).toContainText('回答人（5）');
  const four = respondents.filter({ hasText: '尾号 2004' });
  await expect(four).toContainText('1. 您是否同意本楼加装电梯？');
  await expect(four).toContainText('4 栋');
  // The written answers of the area are listed for the committee.
  await expect(page.locator('.result-q').filter({ hasText: '6. 您住在哪一栋？' })).toContainText('5 栋');
  // The results page has no island, hence no wasm; its charts draw when seen.
  await page.mouse.wheel(0, 200);
  await page.locator('#chart-q1').locator('xpath=..').scrollIntoViewIfNeeded();
  await expect(page.locator('#chart-q1 canvas, #chart-q1 svg').first()).toBeVisible();
  await expect(page.locator('html')).not.toHaveAttribute('data-wasm', 'ready');
  await shot(page, 'staff-survey-results-zh');
  await axe(page);

  // The CSV: the community's answers, with no resident and no time.
  const csv = await page.request.get(`${staffPath}/export.csv`);
  expect(csv.status()).toBe(200);
  const text = (await csv.text()).replace(/^\uFEFF/, '');
  const lines = text.trim().split('\n');
  expect(lines).toHaveLength(6);
  expect(lines[0]).toContain('1. 您是否同意本楼加装电梯？');
  expect(text).toContain('施工噪音');
  expect(text).not.toMatch(/1390000|\d{4}-\d{2}-\d{2}/);

  // Public results only once closed.
  const before = await page.request.get(`${surveyPath}/results`);
  expect(before.status()).toBe(404);
  await page.goto(staffPath);
  await page.getByLabel('我确认现在结束这份问卷').check();
  await page.getByRole('button', { name: '结束问卷' }).click();
  await expect(page.getByRole('status').filter({ hasText: '问卷已结束' })).toBeVisible();
  await page.goto(`${surveyPath}/results`);
  await expect(page.locator('.big-number')).toHaveText('5 份回答');
  // Written answers are never public, nor who answered; small groups stay withheld.
  await expect(page.locator('.result-q').filter({ hasText: '6. 您住在哪一栋？' })).toContainText('文字回答不公开');
  await expect(page.locator('.result-q').filter({ hasText: '2. 您担心的是哪些方面？' })).toContainText('作答少于 5 人，不显示。');
  await expect(page.locator('#respondents')).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText('尾号');
  await expect(page.locator('body')).not.toContainText('3 栋');
  await shot(page, 'survey-results-public-zh');
  await axe(page);
  console.check();
});
