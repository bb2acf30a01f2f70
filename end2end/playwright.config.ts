import { defineConfig } from '@playwright/test';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';

// The release server, started on its own port with a fresh database: the demo city
// and the test staff accounts (see start-server.sh). `make test` builds it first.
// Workers load this file again: they inherit the data directory through the
// environment, so tests can read the development SMS outbox the server writes there.
const port = Number(process.env.E2E_PORT ?? 3100);
const dataDir = process.env.E2E_DATA_DIR ?? (process.env.E2E_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-e2e-')));
const root = path.resolve(__dirname, '..');

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  outputDir: './test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // A phone: 360 × 740 CSS pixels, touch, zh-CN.
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `bash ${root}/end2end/start-server.sh`,
    cwd: root,
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      TONGXIN_ADDR: `127.0.0.1:${port}`,
      TONGXIN_DATA_DIR: dataDir,
      TONGXIN_SEED_DEMO: 'true',
      LEPTOS_SITE_ROOT: `${root}/target/site`,
      RUST_LOG: 'warn',
      TONGXIN_STAFF_PASSWORD: 'e2e-staff-password',
      // Every test resident signs in from 127.0.0.1: one client address for all.
      TONGXIN_AUTH__CODES_PER_CLIENT_HOUR: '500',
      // A proposal reaches the residents' council with five supports (the city's default is 10).
      TONGXIN_PROJECTS__SUPPORT_THRESHOLD: '5',
    },
  },
});
