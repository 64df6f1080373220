import { expect, saveScreenshot, test } from '../support/fixtures.mjs';

test('the app shell loads from nginx without console errors', async ({ page }) => {
  const response = await page.goto('/');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-security-policy']).toContain("default-src 'self'");
  await page.waitForLoadState('networkidle');
  await saveScreenshot(page, 'smoke-home');
});

test('an app route deep link gets the same shell', async ({ page }) => {
  const response = await page.goto('/triage');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('text/html');
  await page.waitForLoadState('networkidle');
});
