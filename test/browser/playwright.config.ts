import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * The browser suite: Debian's Chromium (Playwright's own download cannot work here) against the
 * built API on a fresh embedded database, seeded with the demo as `npm start` seeds it.
 */
const PORT = Number(process.env.CASCADE_BROWSER_PORT ?? 3917);
const baseURL = `http://127.0.0.1:${PORT}`;
const dataDir = mkdtempSync(join(tmpdir(), 'cascade-browser-'));
const root = join(import.meta.dirname, '../..');

export default defineConfig({
  testDir: '.',
  testMatch: '*.browser.ts',
  outputDir: join(root, 'test-results'),
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI
    ? [['list'], ['json', { outputFile: process.env.CASCADE_PLAYWRIGHT_JSON }]]
    : 'list',
  use: {
    baseURL,
    headless: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-gpu',
        '--no-sandbox',
      ],
    },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: 'node dist/apps/api/src/main.js',
    cwd: root,
    url: `${baseURL}/health/ready`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(PORT),
      CASCADE_DATA_DIR: dataDir,
      DATABASE_URL: '',
    },
  },
});
