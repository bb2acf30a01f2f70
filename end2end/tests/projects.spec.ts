import { test, expect, Page, Browser } from '@playwright/test';
import { shot, signInWithCode, staffSignIn, waitForWasm, watchConsole } from './helpers';

// 民生微实事 at a phone viewport: a resident proposes with a photo (taken with a GPS
// position), the committee sends it back, the resident edits it, the committee accepts
// it, five verified neighbours support it (one comments, another reports the comment,
// the committee hides it with a public reason), it goes to the residents' council, and
// the committee records the council sending it to the ballot. The
// community (南湾街道 华溪社区) and its committee belong to this spec alone; its roll
// verifies the residents as they choose their community. start-server.sh sets the
// support threshold to 5.
const COMMUNITY = '449903001002';
const COMMITTEE = 'e2e-projects';

function phoneFor(n: number): string {
  return `1370000${String(1000 + n).slice(-4)}`;
}

/** A JPEG photo as a phone writes it: a picture, then an EXIF block with a GPS position. */
async function photoWithGps(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 800;
    c.height = 600;
    const g = c.getContext('2d')!;
    const sky = g.createLinearGradient(0, 0, 0, 600);
    sky.addColorStop(0, '#9cc7f0');
    sky.addColorStop(1, '#e8f1e4');
    g.fillStyle = sky;
    g.fillRect(0, 0, 800, 600);
    g.fillStyle = '#b9a98f';
    g.fillRect(0, 380, 800, 220);
    g.fillStyle = '#6b8f5e';
    for (let x = 40; x < 800; x += 160) g.fillRect(x, 300, 60, 90);
    return c.toDataURL('image/jpeg', 0.9);
  });
  const jpeg = Buffer.from(dataUrl.split(',')[1], 'base64');
  // TIFF (little-endian): one entry, the GPS directory, with latitude 22° 32′ N.
  const t: number[] = [0x49, 0x49, 0x2a, 0, 8, 0, 0, 0, 1, 0];
  const gpsAt = 8 + 2 + 12 + 4;
  const u32 = (v: number) => [v & 255, (v >> 8) & 255, (v >> 16) & 255, (v >> 24) & 255];
  t.push(0x25, 0x88, 4, 0, 1, 0, 0, 0, ...u32(gpsAt), 0, 0, 0, 0);
  t.push(2, 0, 1, 0, 2, 0, 2, 0, 0, 0, 0x4e, 0, 0, 0);
  t.push(2, 0, 5, 0, 3, 0, 0, 0, ...u32(gpsAt + 2 + 24 + 4), 0, 0, 0, 0);
  for (const v of [22, 1, 32, 1, 0, 1]) t.push(...u32(v));
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1]), Buffer.from([0, 0]), Buffer.from('Exif\0\0', 'binary'), Buffer.from(t)]);
  app1.writeUInt16BE(app1.length - 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
}

/** A resident on the roll of COMMUNITY: signed in, consented, at home (and so verified). */
async function neighbour(browser: Browser, n: number): Promise<Page> {
  const context = await browser.newContext({ ...test.info().project.use });
  const page = await context.newPage();
  await page.goto('/signin?next=/me');
  await signInWithCode(page, phoneFor(n));
  await page.getByRole('button', { name: '我已阅读并同意' }).click();
  await page.getByLabel('选择所在社区').selectOption(COMMUNITY);
  await page.locator('#community button[type=submit]').click();
  await expect(page.locator('#community .badge')).toHaveText('已认证');
  return page;
}

test('a proposal with a photo goes through review and supports to the residents\' council', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const console = watchConsole(page);

  // The committee's roll: the author and five neighbours.
  await staffSignIn(page, COMMITTEE);
  await page.goto(`/staff/residents?community=${COMMUNITY}`);
  await waitForWasm(page);
  const roll = ['phone,label', ...[1, 2, 3, 4, 5, 6].map((n) => `${phoneFor(n)},${n}栋`)].join('\n');
  await page.getByLabel('名册 CSV 文件').setInputFiles({ name: 'roll.csv', mimeType: 'text/csv', buffer: Buffer.from(roll) });
  await page.getByRole('button', { name: '上传名册' }).click();
  await expect(page.locator('.upload-report .alert-ok')).toContainText('6 个号码');

  // The author proposes: the tab first, then the form (sign-in on the way).
  const author = await neighbour(browser, 1);
  await author.goto('/projects');
  await author.getByRole('link', { name: '我要提议' }).click();
  await expect(author).toHaveURL(/\/projects\/new$/);
  await expect(author.getByText(/^提议将提交给：.*南湾街道 · 华溪社区$/)).toBeVisible();
  await author.getByLabel('项目名称').fill('华溪社区楼下小广场改造');
  await author.getByLabel('项目内容').fill('3 栋楼下空地长期堆放杂物。建议清理后铺装透水砖，设置座椅 6 组，方便老人和孩子休息。');
  await author.getByLabel(/^工程类/).check();
  await author.getByLabel('预算（元）').fill('180000');
  await author.getByLabel('地点').fill('3 栋与 5 栋之间的空地');
  await author.getByRole('button', { name: '保存草稿' }).click();
  await expect(author).toHaveURL(/\/projects\/[0-9a-f]{32}\/edit\?notice=project_saved/);
  const id = author.url().match(/projects\/([0-9a-f]{32})/)![1];

  // A photo with a GPS position: stored without it.
  await author.getByLabel('添加照片').setInputFiles({ name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: await photoWithGps(author) });
  await author.getByRole('button', { name: '上传照片' }).click();
  await expect(author.getByRole('status')).toHaveText('照片已添加，拍摄时间和位置信息已去除。');
  const src = await author.locator('.photo-edit img').first().getAttribute('src');
  const stored = await (await author.request.get(src!.replace('-s.jpg', '.jpg'))).body();
  expect(stored.includes(Buffer.from('Exif'))).toBe(false);
  await shot(author, 'project-draft-zh');
  await author.getByRole('button', { name: '提交社区审核' }).click();
  await expect(author.getByRole('status')).toHaveText('已提交社区审核。');

  // The committee sends it back with a reason.
  await page.goto('/staff/projects');
  await expect(page.getByRole('heading', { name: '待审核（1）' })).toBeVisible();
  await page.getByRole('link', { name: /华溪社区楼下小广场改造/ }).click();
  await page.getByLabel('退回修改').check();
  await page.getByLabel('审核意见').fill('请补充预算明细：铺装、座椅各多少钱。');
  await page.getByRole('button', { name: '保存审核结果' }).click();
  await expect(page.getByRole('status')).toHaveText('审核结果已保存，并记入项目进程。');

  // The author reads why, edits and sends it again.
  await author.goto(`/projects/${id}`);
  await expect(author.locator('blockquote.reason')).toHaveText('请补充预算明细：铺装、座椅各多少钱。');
  await author.getByRole('link', { name: '修改提议' }).click();
  await author.getByLabel('项目内容').fill('3 栋楼下空地长期堆放杂物。建议清理后铺装透水砖 300 平方米（约 12 万元），设置座椅 6 组（约 6 万元）。');
  await author.getByRole('button', { name: '提交社区审核' }).click();
  await expect(author.getByRole('status')).toHaveText('已提交社区审核。');

  // Accepted under a positive-list category.
  await page.goto(`/staff/projects/${id}`);
  await page.getByLabel('通过，开始征集附议').check();
  await page.getByLabel('正面清单类别（通过时必选）').selectOption({ label: '社区环境美化提升' });
  await shot(page, 'project-review-zh');
  await page.getByRole('button', { name: '保存审核结果' }).click();
  await expect(page.getByRole('status')).toHaveText('审核结果已保存，并记入项目进程。');

  // Five neighbours support it; the fifth sends it to the council.
  for (const n of [2, 3, 4, 5, 6]) {
    const p = await neighbour(browser, n);
    await p.goto('/projects');
    await p.getByRole('link', { name: /华溪社区楼下小广场改造/ }).click();
    await p.getByRole('button', { name: '我附议' }).click();
    await expect(p.getByRole('status')).toHaveText(n < 6 ? '感谢附议！' : '感谢附议！项目已达到附议人数，将提交居民议事会。');
    if (n === 2) {
      await p.goto(`/projects/${id}`);
      await expect(p.getByText('您已附议')).toBeVisible();
      // Deliberation: a comment, with the neighbour's phone number in it.
      await p.getByLabel('发表意见').fill('支持！有事可以打我电话 13912345678。');
      await p.getByRole('button', { name: '发布' }).click();
      await expect(p.getByRole('status')).toHaveText('意见已发布。');
    }
    if (n === 3) {
      // Another neighbour reports it.
      await p.goto(`/projects/${id}#comments`);
      await p.locator('.comment').first().getByRole('button', { name: '举报' }).click();
      await expect(p.getByRole('status')).toHaveText('已收到您的举报，社区居委会将处理。');
    }
    await p.context().close();
  }

  // The committee hides the reported comment with a public reason.
  await page.goto(`/staff/projects/${id}`);
  const reported = page.locator('.comment').first();
  await expect(reported).toContainText('1 人举报');
  await reported.getByText('隐藏', { exact: true }).click();
  await reported.getByLabel('隐藏原因（会公开显示）').fill('含有个人电话号码，已隐藏。');
  await reported.getByRole('button', { name: '隐藏这条意见' }).click();
  await expect(page.getByRole('status')).toHaveText('意见已隐藏，原因已公开显示。');

  // Everyone sees the public timeline: who (a role and a community), when, why — no name.
  const guest = await browser.newContext({ ...test.info().project.use });
  const g = await guest.newPage();
  await g.goto(`/projects/${id}`);
  await expect(g.locator('.lead .badge')).toHaveText('待议事会');
  await expect(g.locator('.timeline-step')).toHaveText([/审核通过，开始征集附议.*社区居委会（.*南湾街道 · 华溪社区）/s, /附议达到人数，提交居民议事会.*平台/s]);
  await expect(g.locator('body')).not.toContainText('请补充预算明细');
  await expect(g.locator('body')).not.toContainText(phoneFor(1).slice(-4));
  await expect(g.getByText('已有 5 人附议，需要 5 人')).toBeVisible();
  await expect(g.getByText('附议已达到人数，项目将提交居民议事会讨论。')).toBeVisible();
  await expect(g.locator('.comment-hidden')).toHaveText('这条意见已被社区居委会隐藏。原因：含有个人电话号码，已隐藏。');
  await expect(g.locator('body')).not.toContainText('13912345678');
  await shot(g, 'project-public-zh');
  await guest.close();

  // The committee records the residents' council: the project goes to the ballot.
  await page.goto('/staff/projects');
  await page.getByRole('link', { name: '记录议事会' }).click();
  await expect(page.getByRole('heading', { name: '议程：待议事会讨论的项目（1）' })).toBeVisible();
  await page.getByLabel('参会人数').fill('21');
  await page.getByLabel('会议纪要').fill('到会居民代表 21 人。小广场改造项目经讨论，举手表决 19 票同意列入投票。');
  await page.locator('.council-outcome').getByLabel('列入投票').check();
  await shot(page, 'project-council-zh');
  await page.getByRole('button', { name: '保存议事会记录' }).click();
  await expect(page.getByRole('status')).toHaveText('议事会记录已保存，各项目进程已更新。');
  await author.goto(`/projects/${id}`);
  await expect(author.locator('.lead .badge')).toHaveText('待投票');
  await expect(author.locator('.meeting')).toContainText('21 人参加');
  await expect(author.locator('.timeline-step').last()).toContainText('居民议事会：列入投票');

  await author.goto('/me/projects');
  await expect(author.getByRole('heading', { name: '我的提议（1）' })).toBeVisible();
  await author.context().close();
  console.check();
});

test('the projects tab filters by community, status and kind without scripts', async ({ browser }) => {
  const context = await browser.newContext({ ...test.info().project.use, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/projects?community=all');
  const cards = page.locator('.project-card');
  const all = await cards.count();
  expect(all).toBeGreaterThanOrEqual(6);
  await page.getByLabel('状态').selectOption({ label: '未通过' });
  await page.getByRole('button', { name: '筛选' }).click();
  await expect(page).toHaveURL(/status=rejected/);
  await expect(cards).toHaveCount(1);
  await expect(cards).toContainText('小区楼道声控灯更换');
  await cards.first().click();
  await expect(page.getByRole('heading', { name: '未通过审核的原因' })).toBeVisible();
  await expect(page.locator('main')).toContainText('属于负面清单：应由物业服务企业或产权单位承担的维修养护。');
  await page.goto('/projects?community=all&kind=service&q=' + encodeURIComponent('助餐'));
  await expect(cards).toHaveCount(1);
  await shot(page, 'projects-filtered-zh');
  await context.close();
});
