import { createHash } from 'node:crypto';
import { expect, saveScreenshot, test } from '../support/fixtures.mjs';

test('the app shell loads from nginx without console errors', async ({ page }) => {
  const response = await page.goto('/r/instantly');
  expect(response.status()).toBe(200);
  const csp = response.headers()['content-security-policy'];
  expect(csp).toContain("default-src 'self'");
  // The one inline script that runs (the loader that starts the app after the first paint) is
  // the one the CSP allows by hash; any other would be blocked. The library's index is a data
  // block (type="application/json"), which the CSP does not govern.
  const inline = [...(await response.text()).matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter((m) => !/\btype="application\/json"/.test(m[1]))
    .map((m) => m[2])
    .filter(Boolean);
  expect(inline).toHaveLength(1);
  expect(csp).toContain(`'sha256-${createHash('sha256').update(inline[0]).digest('base64')}'`);
  await expect(page.locator('#app')).toBeVisible();
  await expect(page.locator('#prerender')).toHaveCount(0);
  await page.waitForLoadState('networkidle');
  await saveScreenshot(page, 'smoke-home');
});

test('an app route deep link gets the same shell', async ({ page }) => {
  const response = await page.goto('/triage');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('text/html');
  await page.waitForLoadState('networkidle');
});

test('the build is served from its brotli copies, and config.json from none (it is edited in place)', async ({ request }) => {
  const html = await (await request.get('/')).text();
  const boot = html.match(/data-boot="([^"]+)"/)[1];
  const bootJs = await (await request.get(boot)).text();
  const assets = [boot, ...[...bootJs.matchAll(/'(\/[^']+\.(?:js|wasm))'/g)].map((m) => m[1])];
  expect(assets).toHaveLength(3);
  for (const path of [...assets, '/']) {
    const response = await request.get(path, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(response.headers()['content-encoding'], path).toBe('br');
  }
  const config = await request.get('/config.json', { headers: { 'accept-encoding': 'gzip, br' } });
  expect(config.headers()['content-encoding']).toBe('gzip');
});

test('in a browser without paint timing the app still starts, on the load event', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(PerformanceObserver, 'supportedEntryTypes', { get: () => Object.freeze(['navigation', 'resource']) });
  });
  await page.goto('/r/instantly');
  await expect(page.locator('#app')).toBeVisible({ timeout: 2_500 });
  await expect(page.locator('#prerender')).toHaveCount(0);
});
