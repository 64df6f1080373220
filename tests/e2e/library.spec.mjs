// Issue "runbooks are data": the library at /, each runbook on its own paths, the links of the
// one-runbook app still working, and the main flows against a second, synthetic runbook
// (tests/fixtures/runbooks/synthetic-queue, built in by RUNBOOK_LIBRARY in scripts/test.sh),
// with no line of core/ or src/ written for it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { axeViolations } from '../support/a11y.mjs';
import { chooseLanguage, waitForRunbook } from '../support/app.mjs';
import { expect, saveScreenshot, test } from '../support/fixtures.mjs';
import { PHONE, deployedConfig, startFromForm } from '../support/flows.mjs';
import { FIXTURE_OVERRIDES, FIXTURE_RUNBOOK } from '../support/library.mjs';
import { REPO_ROOT } from '../support/paths.mjs';

const FIXTURE = FIXTURE_RUNBOOK;
const fixture = (file) => readFileSync(join(REPO_ROOT, 'tests/fixtures/runbooks', FIXTURE, file), 'utf8');
const MANIFEST = JSON.parse(fixture('manifest.json'));
const TREE = JSON.parse(fixture('tree.json'));
const headings = (md) => [...md.matchAll(/^## (.+?) \{#([a-z0-9-]+)\}$/gm)].map((m) => ({ id: m[2], title: m[1] }));
const SECTIONS = { en: headings(fixture('runbook.en.md')), zh: headings(fixture('runbook.zh.md')) };

const items = (page) => page.getByTestId('library-item');

test('/ lists every runbook with vendor, owners, review date and alerts, in the chosen language', async ({ page }) => {
  await page.goto('/');
  await expect(items(page)).toHaveCount(2);
  await expect(items(page).nth(0)).toHaveAttribute('data-runbook', 'instantly');
  const item = page.locator(`[data-testid="library-item"][data-runbook="${FIXTURE}"]`);
  await expect(item.getByRole('link')).toHaveText(MANIFEST.title.en);
  for (const text of [MANIFEST.vendor.en, ...MANIFEST.owners, MANIFEST.reviewed, ...MANIFEST.alerts]) await expect(item).toContainText(text);
  await chooseLanguage(page, 'zh', { runbook: false });
  await expect(item.getByRole('link')).toHaveText(MANIFEST.title.zh);
  await expect(item).toContainText(MANIFEST.vendor.zh);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('运维手册库');
  await chooseLanguage(page, 'both', { runbook: false });
  await expect(item.getByRole('link')).toHaveText(`${MANIFEST.title.en}${MANIFEST.title.zh}`);
  expect(await axeViolations(page)).toEqual([]);
  // No runbook's data on the library page: each runbook's file comes when it is opened.
  const data = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.startsWith('/runbooks/')));
  expect(data).toEqual([]);
  await item.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/r/${FIXTURE}$`));
  await expect(page.locator('#app section[data-section]')).toHaveCount(SECTIONS.en.length);
});

test('the synthetic runbook reads in English, Chinese and both, with its own severity cards and header', async ({ page }) => {
  await page.goto(`/r/${FIXTURE}`);
  await expect(page.locator('#app section[data-section]')).toHaveCount(SECTIONS.en.length);
  await expect(page.locator('.brand-title')).toHaveText(MANIFEST.title.en);
  await expect(page.locator('#app .runbook-title')).toHaveText(MANIFEST.title.en);
  await expect(page.locator('#app section[data-section] h2')).toHaveText(SECTIONS.en.map((s) => s.title));
  await expect(page.locator('#app .severity-card h3')).toHaveText(MANIFEST.severities.map((s) => s.level));
  await chooseLanguage(page, 'zh', { runbook: false });
  await expect(page.locator('#app section[data-section] h2')).toHaveText(SECTIONS.zh.map((s) => s.title));
  await chooseLanguage(page, 'both', { runbook: false });
  await expect(page.locator('#app section[data-section="overview"] h2')).toHaveText([SECTIONS.en[0].title, SECTIONS.zh[0].title]);
  // Its link to the other runbook is a link; the header's nav stays inside this runbook.
  await expect(page.locator('nav.related a')).toHaveAttribute('href', '/r/instantly');
  await expect(page.locator('nav.main-nav a', { hasText: 'Wizard' })).toHaveAttribute('href', `/r/${FIXTURE}/wizard`);
});

test('the instantly runbook says honestly that the runbook it points to is not in this library', async ({ page }) => {
  await page.goto('/r/instantly');
  await waitForRunbook(page);
  await expect(page.locator('nav.related')).toContainText('instantly-data-handling (not in this library)');
  await expect(page.locator('nav.related a')).toHaveCount(0);
});

test('an incident records its runbook: the bar leads back to it from the library', async ({ page }) => {
  await page.goto(`/r/${FIXTURE}/incident`);
  await startFromForm(page, { commander: 'carol' });
  await expect(page.getByTestId('incident-active')).toBeVisible();
  await page.goto('/');
  const bar = page.getByTestId('incident-bar');
  await expect(bar).toBeVisible();
  await bar.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/r/${FIXTURE}/incident$`));
  const exported = await page.evaluate(() => JSON.parse(localStorage.getItem('incident-runbook.incidents') ?? 'null'));
  expect(JSON.stringify(exported)).toContain(`"runbook":"${FIXTURE}"`);
});

test('links of the one-runbook app open the runbook they meant; an alert link picks the runbook by alert name', async ({ page }) => {
  for (const [from, to] of [
    ['/triage', '/r/instantly/triage'],
    ['/wizard?a=api_errors:yes', '/r/instantly/wizard?a=api_errors:yes'],
    ['/actions', '/r/instantly/actions'],
    ['/comms', '/r/instantly/comms'],
    ['/incident', '/r/instantly/incident'],
    ['/runbook/decision-tree', '/r/instantly/section/decision-tree'],
    ['/incident/new?alert=InstantlyAuthErrors&severity=P1', '/r/instantly/incident/new?alert=InstantlyAuthErrors&severity=P1'],
    [`/incident/new?alert=${MANIFEST.alerts[0]}&severity=P2`, `/r/${FIXTURE}/incident/new?alert=${MANIFEST.alerts[0]}&severity=P2`],
  ]) {
    await page.goto(from);
    await expect(page, from).toHaveURL(new URL(to, page.url()).href);
    await expect(page.locator('#main h1').first()).toBeVisible();
  }
  // The history holds the new path only: Back leaves the app's start, not a redirect loop.
  expect(await page.evaluate(() => location.pathname)).toBe(`/r/${FIXTURE}/incident/new`);
});

test('an unknown runbook id says so in both languages, with the way back to the library', async ({ page }) => {
  await page.goto('/r/no-such-runbook/wizard');
  const problem = page.getByTestId('runbook-unavailable');
  await expect(problem).toContainText('There is no runbook “no-such-runbook” in this library');
  await expect(problem).toContainText('本手册库中没有手册“no-such-runbook”');
  await problem.getByRole('link').click();
  await expect(items(page)).toHaveCount(2);
});

test('the library at 390x844 in Chinese', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await page.goto('/');
  await chooseLanguage(page, 'zh', { runbook: false });
  await expect(items(page)).toHaveCount(2);
  await saveScreenshot(page, 'library-390-zh');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

// config.json comes from page.route, which does not see a service worker's requests.
test.describe('with runbooks.<id> settings in config.json', () => {
  test.use({ serviceWorkers: 'block' });

  async function withQueueOverrides(page, request) {
    const config = await deployedConfig(request);
    const body = JSON.stringify({ ...config, runbooks: { [FIXTURE]: FIXTURE_OVERRIDES } });
    await page.route('**/config.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
    return config;
  }

  test('the synthetic runbook\'s wizard, commands and comms come from its own files and its own config', async ({ page, request }) => {
    const config = await withQueueOverrides(page, request);
    await page.setViewportSize(PHONE);
    await page.goto(`/r/${FIXTURE}/wizard`);
    const question = page.getByTestId('wizard-question');
    await expect(question).toHaveAttribute('data-node', TREE.root);
    // By hand: growing, no vendor incident, pods healthy -> scale out.
    for (const [node, answer] of [['backlog_growing', 'growing'], ['queue_incident', 'no'], ['consumers_healthy', 'yes']]) {
      await expect(question).toHaveAttribute('data-node', node);
      await question.getByTestId(`answer-${answer}`).click();
      // Where a live signal suggests otherwise, the choice is recorded as an override.
      const override = page.getByTestId('wizard-override-confirm');
      if (await override.isVisible()) await override.click();
    }
    const outcome = page.getByTestId('wizard-outcome');
    await expect(outcome).toHaveAttribute('data-node', 'consumers_too_slow');
    await expect(outcome).toContainText('kubectl');
    await expect(outcome).toContainText('scale');
    await chooseLanguage(page, 'zh', { runbook: false });
    await expect(outcome).toContainText('消费者处理太慢');
    await saveScreenshot(page, 'library-fixture-wizard-390-zh');
    await chooseLanguage(page, 'en', { runbook: false });

    await page.goto(`/r/${FIXTURE}/actions`);
    const commands = page.locator('[data-testid="command-box"] .command, .command');
    await expect(page.locator('main')).toContainText('kubectl annotate');
    await expect(page.locator('main')).toContainText('--replicas=6');
    await expect(commands.first()).toBeVisible();
    // Its runbooks.<id> overrides; what it does not override is the top-level config's.
    const text = await page.locator('main').textContent();
    expect(text).toContain('deployment/queue-consumer');
    expect(text).toContain('app=queue-consumer');
    expect(text).toContain('queue_errors_total');
    expect(text).toContain(`--context ${config.kube.context} -n ${config.kube.namespace}`);
    expect(text).not.toContain('instantly');
    // The other runbook keeps the top-level values.
    await page.goto('/r/instantly/actions');
    await expect(page.locator('main')).toContainText(config.kube.deployment);
    await expect(page.locator('main')).not.toContainText('queue-consumer');

    await page.goto(`/r/${FIXTURE}/comms`);
    await expect(page.locator('main')).toContainText(MANIFEST.vendor.en);
  });

  test('config.json overrides are checked per runbook: a bad field and an unknown runbook are named', async ({ page, request }) => {
    const config = await deployedConfig(request);
    const body = JSON.stringify({
      ...config,
      runbooks: { [FIXTURE]: { thresholds: { dominant_share: 7 }, kube: { namespace: 'queues' } }, 'no-such-runbook': { kube: { namespace: 'x' } } },
    });
    await page.route('**/config.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
    await page.goto(`/r/${FIXTURE}/actions`);
    const banner = page.getByTestId('config-banner');
    await expect(banner).toContainText(`runbooks.${FIXTURE}.thresholds.dominant_share`);
    await expect(banner).toContainText('runbooks.no-such-runbook');
    // The good override still applies; the bad one falls back to the top-level value.
    await expect(page.locator('main')).toContainText('-n queues');
  });
});
