// Issue "foundation": the runbook page in English, Chinese and side by side,
// served by nginx (deploy/nginx.conf) from the build under test.
import { expect, saveScreenshot, test } from '../support/fixtures.mjs';
import {
  LANG_MODES, LANG_TAG, SECTIONS, SECTION_IDS, SEVERITIES, appSections, chooseLanguage, expectLanguage, pageWidths,
  waitForRunbook,
} from '../support/app.mjs';

const DESKTOP = { width: 1280, height: 800 };
const MOBILE = { width: 390, height: 844 };

// Every section's id, column languages and headings, in page order.
function sectionSummary(page, root = '#app') {
  return page.evaluate((rootSelector) => [...document.querySelectorAll(`${rootSelector} section[data-section]`)].map((s) => ({
    id: s.dataset.section,
    columns: [...s.querySelectorAll(':scope > .md')].map((m) => ({
      lang: m.getAttribute('lang'),
      title: m.querySelector('h2')?.textContent.trim(),
    })),
  })), root);
}

// The severity section's cards in one language: [level, definition, response, examples].
function severityCards(page, lang) {
  return page.locator(`#section-severity-levels > .md[lang="${LANG_TAG[lang]}"] .severity-card`).evaluateAll((cards) =>
    cards.map((c) => [c.querySelector('h3').textContent, ...[...c.querySelectorAll('dd')].map((dd) => dd.textContent)]));
}

const expectedSeverities = (lang) => SEVERITIES.map((s) => [s.level, s.definition[lang], s.response[lang], s.examples[lang]]);

function expectedSummary(mode) {
  const langs = mode === 'both' ? ['en', 'zh'] : [mode];
  return SECTIONS.map((s) => ({ id: s.id, columns: langs.map((l) => ({ lang: LANG_TAG[l], title: s[l] })) }));
}

test('the content has the 14 runbook sections the app must show', () => {
  // Guards the other tests: they take the section list from the content.
  expect(SECTION_IDS).toEqual([
    'overview', 'prerequisites', 'severity-levels', 'quick-triage', 'decision-tree', 'immediate-actions',
    'communication-templates', 'post-incident', 'instructions', 'output', 'error-handling', 'examples',
    'resources', 'next-steps',
  ]);
});

test('the runbook loads with every section in English, no console errors and no failed requests', async ({ page }) => {
  const failed = [];
  page.on('requestfailed', (r) => failed.push(`${r.url()}: ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.url()}: HTTP ${r.status()}`);
  });
  await page.goto('/r/instantly');
  await waitForRunbook(page);
  await expectLanguage(page, 'en');
  expect(await sectionSummary(page)).toEqual(expectedSummary('en'));
  expect(await severityCards(page, 'en')).toEqual(expectedSeverities('en'));
  // The app replaced the pre-rendered copy instead of showing the runbook twice.
  await expect(page.locator('#prerender')).toHaveCount(0);
  await expect(page.locator('section[data-section]')).toHaveCount(SECTIONS.length);
  await page.waitForLoadState('networkidle');
  expect(failed).toEqual([]);
});

test('Chinese shows every section, with Chinese headings and lang attributes', async ({ page }) => {
  await page.goto('/r/instantly');
  await waitForRunbook(page);
  await chooseLanguage(page, 'zh');
  expect(await sectionSummary(page)).toEqual(expectedSummary('zh'));
  expect(await severityCards(page, 'zh')).toEqual(expectedSeverities('zh'));
  // The chrome follows too.
  await expect(page.locator('nav.main-nav')).toContainText('分诊');
  await expect(page.locator('nav.toc summary')).toHaveText('目录');
});

test('side by side pairs each English section with its Chinese section, in two columns', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await page.goto('/r/instantly');
  await waitForRunbook(page);
  await chooseLanguage(page, 'both');
  expect(await sectionSummary(page)).toEqual(expectedSummary('both'));
  expect(await severityCards(page, 'en')).toEqual(expectedSeverities('en'));
  expect(await severityCards(page, 'zh')).toEqual(expectedSeverities('zh'));
  const layout = await page.evaluate(() => [...document.querySelectorAll('#app section[data-section]')].map((s) => {
    const [en, zh] = [...s.querySelectorAll(':scope > .md')].map((m) => m.getBoundingClientRect());
    return { id: s.dataset.section, both: s.classList.contains('both'), en: { left: en.left, right: en.right, top: en.top }, zh: { left: zh.left, top: zh.top } };
  }));
  for (const { id, both, en, zh } of layout) {
    expect(both, `section ${id} has the side-by-side class`).toBe(true);
    expect(Math.abs(en.top - zh.top), `section ${id}: columns start on the same line`).toBeLessThanOrEqual(1);
    expect(en.right, `section ${id}: English column is left of the Chinese one`).toBeLessThanOrEqual(zh.left);
  }
});

test('switching language keeps the section at the top in place and does not reload the page', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await page.goto('/r/instantly');
  await waitForRunbook(page);
  await page.evaluate(() => {
    window.__marker = 'still the same document';
  });
  const documentRequests = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'document') documentRequests.push(r.url());
  });

  const headerBottom = await page.locator('.app-header').evaluate((h) => h.getBoundingClientRect().bottom);
  // The section under the sticky header, and where its top is.
  const sectionAtTop = () => page.evaluate((y) => {
    const x = document.querySelector('#app section[data-section]').getBoundingClientRect().left + 8;
    const s = document.elementFromPoint(x, y + 8)?.closest('section[data-section]');
    return s ? { id: s.dataset.section, top: s.getBoundingClientRect().top } : null;
  }, headerBottom);

  // Mid-way into a long section, a few screens down the page.
  await page.evaluate(() => {
    const s = document.getElementById('section-communication-templates');
    window.scrollTo(0, s.getBoundingClientRect().top + window.scrollY + 240);
  });
  const start = await sectionAtTop();
  expect(start.id).toBe('communication-templates');
  expect(start.top).toBeLessThan(0);

  for (const mode of ['zh', 'both', 'en', 'both', 'zh', 'en']) {
    await chooseLanguage(page, mode);
    await expect
      .poll(async () => {
        const now = await page.locator('#section-communication-templates').evaluate((s) => s.getBoundingClientRect().top);
        return Math.abs(now - start.top);
      }, { message: `section top after switching to ${mode}`, timeout: 2000 })
      .toBeLessThanOrEqual(4);
    expect((await sectionAtTop()).id).toBe('communication-templates');
  }
  expect(await page.evaluate(() => window.__marker)).toBe('still the same document');
  expect(documentRequests).toEqual([]);
});

test('a deep link to a section (and the one-runbook app\'s /runbook/<id>) opens the page scrolled to it, below the sticky header', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  for (const [id, link] of [['decision-tree', '/runbook/decision-tree'], ['error-handling', '/r/instantly/section/error-handling'], ['communication-templates', '/runbook/communication-templates']]) {
    await page.goto(link);
    await expect(page).toHaveURL(new RegExp(`/r/instantly/section/${id}$`));
    await waitForRunbook(page);
    const heading = page.locator(`#section-${id} h2`).first();
    await expect(heading).toHaveText(SECTIONS.find((s) => s.id === id).en);
    await expect(heading).toBeInViewport();
    await expect
      .poll(() => heading.evaluate((h) => {
        const header = document.querySelector('.app-header').getBoundingClientRect();
        const r = h.getBoundingClientRect();
        // Visible: not under the sticky header, and near the top of the screen.
        const hit = document.elementFromPoint(r.left + 4, r.top + r.height / 2);
        return { scrolled: window.scrollY > 0, belowHeader: r.top >= header.bottom, nearTop: r.top < window.innerHeight / 3, visible: h.contains(hit) };
      }), { message: `section ${id} is scrolled into view`, timeout: 3000 })
      .toEqual({ scrolled: true, belowHeader: true, nearTop: true, visible: true });
  }
});

test('the table of contents links to each section by its deep link', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await page.goto('/r/instantly');
  await waitForRunbook(page);
  const links = page.locator('nav.toc a');
  await expect(links).toHaveText(SECTIONS.map((s) => s.en));
  for (const [i, s] of SECTIONS.entries()) await expect(links.nth(i)).toHaveAttribute('href', `/r/instantly/section/${s.id}`);
  await page.evaluate(() => {
    window.__marker = 'no reload';
  });
  await links.filter({ hasText: 'Examples' }).click();
  await expect(page).toHaveURL(/\/r\/instantly\/section\/examples$/);
  await expect(page.locator('#section-examples h2').first()).toBeInViewport();
  expect(await page.evaluate(() => window.__marker)).toBe('no reload');
});

test('an unknown section id says so and still shows the runbook', async ({ page }) => {
  await page.goto('/runbook/no-such-section');
  await waitForRunbook(page);
  await expect(page.locator('.runbook .banner')).toHaveText('No runbook section has this id.');
});

test('the language choice is remembered across reloads and <html lang> follows it', async ({ page }) => {
  await page.goto('/r/instantly');
  await waitForRunbook(page);
  await expectLanguage(page, 'en');
  for (const mode of ['zh', 'both', 'en']) {
    await chooseLanguage(page, mode);
    await page.reload();
    await waitForRunbook(page);
    await expectLanguage(page, mode);
    expect(await sectionSummary(page)).toEqual(expectedSummary(mode));
  }
});

test.describe('first visit', () => {
  test.use({ locale: 'zh-CN' });

  test('a browser preferring Chinese gets Chinese, until the reader chooses otherwise', async ({ page }) => {
    await page.goto('/r/instantly');
    await waitForRunbook(page);
    await expectLanguage(page, 'zh');
    expect(await sectionSummary(page)).toEqual(expectedSummary('zh'));
    await chooseLanguage(page, 'en');
    await page.reload();
    await waitForRunbook(page);
    await expectLanguage(page, 'en');
  });
});

test('a browser preferring English gets English on the first visit', async ({ page }) => {
  // The project config's locale is en-US; say so here so the test means it.
  expect(await page.evaluate(() => navigator.languages)).toEqual(['en-US']);
  await page.goto('/r/instantly');
  await waitForRunbook(page);
  await expectLanguage(page, 'en');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the runbook\'s page carries the whole runbook, pre-rendered in both languages', async ({ page }) => {
    for (const path of ['/r/instantly', '/r/instantly/section/decision-tree', '/r/instantly/wizard']) {
      const response = await page.goto(path);
      expect(response.status()).toBe(200);
      expect(await sectionSummary(page, '#prerender')).toEqual(expectedSummary('both'));
      await expect(page.locator('#prerender')).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Decision Tree', exact: true })).toBeVisible();
      await expect(page.getByRole('heading', { name: '决策树', exact: true })).toBeVisible();
      // Body text, not only headings.
      await expect(page.locator('#prerender')).toContainText('Rapid incident response procedures for Instantly-related outages.');
      await expect(page.locator('#prerender')).toContainText('针对Instantly相关故障的快速事件响应流程。');
    }
  });
});

test.describe('a broken config.json', () => {
  // Each test has a new browser context, so no service worker controls the
  // page yet and the app's config.json request reaches this route. (Were the
  // worker answering it instead, the banner checks below would fail, not pass.)
  async function serveConfig(page, body) {
    await page.route('**/config.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
  }

  test('a field with a bad value is named in both languages, and the runbook still renders', async ({ page, request }) => {
    // The deployed file, with two fields broken.
    const goodConfig = await (await request.get('/config.json')).json();
    const config = structuredClone(goodConfig);
    config.thresholds.error_rate_per_sec = -1;
    config.refresh.timeout_ms = 'five seconds';
    await serveConfig(page, JSON.stringify(config));
    await page.goto('/r/instantly');
    const banner = page.getByTestId('config-banner');
    await expect(banner).toBeVisible();
    await expect(banner).toHaveAttribute('role', 'alert');
    const items = banner.locator('li');
    await expect(items).toHaveCount(2);
    await expect(items.filter({ hasText: 'thresholds.error_rate_per_sec' })).toContainText('must be a number greater than 0');
    await expect(items.filter({ hasText: 'thresholds.error_rate_per_sec' })).toContainText('必须是大于 0 的数字');
    await expect(items.filter({ hasText: 'refresh.timeout_ms' })).toContainText('has the wrong type (string)');
    await expect(items.filter({ hasText: 'refresh.timeout_ms' })).toContainText('类型错误(string)');
    await expect(items.locator('[lang="en"]').first()).toBeVisible();
    await expect(items.locator('[lang="zh-CN"]').first()).toBeVisible();
    // The good fields of the same file are used.
    await expect(page.locator('.env-badge')).toHaveText(goodConfig.environment);
    await waitForRunbook(page);
    expect(await sectionSummary(page)).toEqual(expectedSummary('en'));
  });

  test('a file that is not JSON is named with its position, and the runbook still renders', async ({ page }) => {
    await serveConfig(page, '{\n  "environment": "demo",\n  "kube": {\n');
    await page.goto('/r/instantly');
    const banner = page.getByTestId('config-banner');
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('config.json: "(file)" is not valid JSON (line 4, column 0)');
    await expect(banner).toContainText('不是合法的 JSON(第 4 行,第 0 列)');
    await waitForRunbook(page);
    expect(await sectionSummary(page)).toEqual(expectedSummary('en'));
    // Dismissable, and the runbook stays.
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await expect(banner).toHaveCount(0);
    await expect(appSections(page)).toHaveCount(SECTIONS.length);
  });
});

test('screenshots: runbook on desktop and phone, in English, Chinese and both', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('/r/instantly');
  await waitForRunbook(page);
  for (const [device, size] of [['desktop', DESKTOP], ['mobile', MOBILE]]) {
    await page.setViewportSize(size);
    for (const mode of LANG_MODES) {
      await chooseLanguage(page, mode);
      await page.evaluate(() => window.scrollTo(0, 0));
      await saveScreenshot(page, `runbook-${device}-${mode}`);
      const { scrollWidth, clientWidth } = await pageWidths(page);
      // Soft: the other screenshots are still taken when one page is too wide.
      expect.soft(scrollWidth, `${device} ${mode}: no sideways scrolling`).toBeLessThanOrEqual(clientWidth);
    }
  }
});
