// Browser tests: Debian's Chromium (Playwright cannot download its own here),
// one worker (2 cores), services from tests/support/stack.mjs.
//   npx playwright test -c tests/playwright.config.mjs
// RUNBOOK_DIST chooses the build under test (default: <repo>/dist).
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/browser.mjs';
import { ARTIFACTS_DIR, TMP_DIR } from './support/paths.mjs';

// Chromium leaves temporary folders behind: keep them inside the project and
// clear them when a run starts (in the runner process, not in its workers).
if (process.env.TEST_WORKER_INDEX === undefined) rmSync(TMP_DIR, { recursive: true, force: true });
mkdirSync(TMP_DIR, { recursive: true });
process.env.TMPDIR = TMP_DIR;

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.mjs',
  outputDir: join(ARTIFACTS_DIR, 'test-results'),
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: 'list',
  forbidOnly: !!process.env.CI,
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    screenshot: 'only-on-failure',
    trace: 'off',
    locale: 'en-US',
    timezoneId: 'UTC',
  },
});
