// Playwright fixtures for the app's browser tests.
//   import { test, expect } from '../support/fixtures.mjs';
//   test('...', async ({ page, stack, consoleErrors }) => { ... });
// `stack` (see stack.mjs) starts once per worker and is reset before each
// test, so a test may stop services or switch modes freely. `baseURL` points
// at its nginx. `consoleErrors` collects console errors and uncaught page
// errors; every test fails if any were logged, unless it calls
// consoleErrors.allow(/pattern/) for the ones it provokes on purpose.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { SCREENSHOTS_DIR } from './paths.mjs';
import { startStack } from './stack.mjs';

export const test = base.extend({
  stackOptions: [{ id: 'e2e' }, { option: true, scope: 'worker' }],

  stack: [
    async ({ stackOptions }, use) => {
      const stack = await startStack(stackOptions);
      await use(stack);
      await stack.stop();
    },
    { scope: 'worker', timeout: 60_000 },
  ],

  baseURL: async ({ stack }, use) => {
    await stack.reset();
    await use(stack.baseURL);
  },

  consoleErrors: [
    async ({ page }, use) => {
      const errors = [];
      const allowed = [];
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        const where = message.location().url;
        errors.push(`console: ${message.text()}${where ? ` (${where})` : ''}`);
      });
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      const tracker = {
        get all() {
          return [...errors];
        },
        get unexpected() {
          return errors.filter((text) => !allowed.some((pattern) => pattern.test(text)));
        },
        allow(pattern) {
          allowed.push(pattern);
        },
      };
      await use(tracker);
      expect(tracker.unexpected, 'console errors logged during the test').toEqual([]);
    },
    { auto: true },
  ],
});

// Saves a named screenshot to tests/artifacts/screenshots/<name>.png. Runbook
// sections off screen are not painted (content-visibility: auto) until a reader
// scrolls near them; a full-page shot shows them as the reader would find them.
export async function saveScreenshot(page, name, options = {}) {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const path = join(SCREENSHOTS_DIR, `${name}.png`);
  await page.evaluate(() => document.querySelectorAll('.section-pair').forEach((s) => { s.style.contentVisibility = 'visible'; }));
  await page.screenshot({ path, fullPage: true, ...options });
  return path;
}

export { expect };
