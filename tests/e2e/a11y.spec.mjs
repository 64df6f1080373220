// Accessibility (axe-core, WCAG 2.1 A/AA) and phone-width layout of the pages
// that exist so far: the runbook (/, /runbook/<id>), live triage, not found.
import { axeViolations } from '../support/a11y.mjs';
import { expect, test } from '../support/fixtures.mjs';
import { LANG_MODES, chooseLanguage, pageWidths, waitForRunbook } from '../support/app.mjs';

const PHONE = { width: 390, height: 844 };

// Waits until every live triage card has its first answer.
async function waitForTriage(page) {
  for (const card of ['signal-vendor', 'signal-health', 'signal-errors']) {
    await expect(page.getByTestId(card).locator('.fetched')).toBeVisible();
  }
  await expect(page.getByTestId('error-chart')).toBeVisible();
}

for (const mode of LANG_MODES) {
  test(`runbook has no axe violations (${mode})`, async ({ page }) => {
    await page.goto('/r/instantly');
    await waitForRunbook(page);
    await chooseLanguage(page, mode);
    expect(await axeViolations(page)).toEqual([]);
  });
}

for (const mode of ['en', 'zh']) {
  test(`live triage has no axe violations (${mode})`, async ({ page }) => {
    await page.goto('/r/instantly');
    await waitForRunbook(page);
    await chooseLanguage(page, mode);
    await page.locator('nav.main-nav a[href$="/triage"]').click();
    await waitForTriage(page);
    expect(await axeViolations(page)).toEqual([]);
  });
}

test('the not-found page has no axe violations', async ({ page }) => {
  await page.goto('/no-such-page');
  await expect(page.locator('#main h1')).toHaveText('Page not found.');
  expect(await axeViolations(page)).toEqual([]);
});

test.describe('on a 390x844 phone', () => {
  test.use({ viewport: PHONE });

  const pages = [
    { path: '/', ready: (page) => expect(page.getByTestId('library-item').first()).toBeVisible() },
    { path: '/r/instantly', ready: waitForRunbook },
    { path: '/runbook/immediate-actions', ready: waitForRunbook },
    { path: '/triage', ready: waitForTriage },
    { path: '/no-such-page', ready: (page) => expect(page.locator('#main h1')).toBeVisible() },
  ];

  test('the runbook has no axe violations on the phone (en)', async ({ page }) => {
    // Narrow columns make code blocks scroll sideways: they must stay reachable.
    await page.goto('/r/instantly');
    await waitForRunbook(page);
    expect(await axeViolations(page)).toEqual([]);
  });

  for (const mode of LANG_MODES) {
    test(`no page scrolls sideways (${mode})`, async ({ page }) => {
      // The choice is stored; set it once, then visit every page with it.
      await page.goto('/r/instantly');
      await waitForRunbook(page);
      await chooseLanguage(page, mode);
      const overflowing = [];
      for (const { path, ready } of pages) {
        await page.goto(path);
        await ready(page);
        await expect(page.locator('input[name="lang"]:checked')).toHaveValue(mode);
        const { scrollWidth, clientWidth } = await pageWidths(page);
        if (scrollWidth > clientWidth) overflowing.push(`${path}: scrollWidth ${scrollWidth} > clientWidth ${clientWidth}`);
      }
      expect(overflowing).toEqual([]);
    });
  }
});
