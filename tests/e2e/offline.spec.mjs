// Issue "offline and updates": after one online visit the service worker
// keeps the app usable with the network gone (Playwright's setOffline also
// cuts the worker's own fetches), live data under /proxy/ is never answered
// from a cache, and a build deployed while a page is open is only taken on
// when the reader asks, with no mixing of old and new assets.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, saveScreenshot, test } from '../support/fixtures.mjs';
import { LANG_TAG, SECTIONS, chooseLanguage, waitForRunbook } from '../support/app.mjs';
import { metaBuild, readBuild, writeNextBuild } from '../support/builds.mjs';

const MANIFEST = JSON.parse(readFileSync(new URL('../../content/instantly/manifest.json', import.meta.url), 'utf8'));
const CARD_NAMES = ['vendor', 'health', 'errors'];
const card = (page, name) => page.getByTestId(`signal-${name}`);

const NEXT_MARK = '/* next build: offline.spec.mjs */';

// --- the browser side -------------------------------------------------------

async function waitForServiceWorkerControl(page) {
  const { ready, registration } = await page.evaluate(async () => {
    const isReady = await Promise.race([
      navigator.serviceWorker.ready.then(() => true),
      new Promise((resolve) => setTimeout(() => resolve(false), 15_000)),
    ]);
    const reg = await navigator.serviceWorker.getRegistration();
    const states = reg && { installing: reg.installing?.state, waiting: reg.waiting?.state, active: reg.active?.state };
    return { ready: isReady, registration: states ?? null };
  });
  expect(ready, `service worker ready (registration: ${JSON.stringify(registration)})`).toBe(true);
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null), {
      message: 'a service worker controls the page',
      timeout: 15_000,
    })
    .toBe('activated');
}

// Cache name -> the pathnames it holds.
function cacheContents(page) {
  return page.evaluate(async () => {
    const out = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      out[name] = (await cache.keys()).map((r) => new URL(r.url).pathname + new URL(r.url).search);
    }
    return out;
  });
}

// The online visit every offline test starts with: the page at `path`,
// the app running, and the service worker in control.
async function visitOnline(page, path = '/') {
  await page.goto(path);
  await expect(page.locator('#prerender')).toHaveCount(0);
  await waitForServiceWorkerControl(page);
}

async function goOffline(page, context, path) {
  await context.setOffline(true);
  await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false);
  if (path) await page.goto(path);
  else await page.reload();
  await expect(page.locator('#prerender')).toHaveCount(0);
  await expect(page.getByTestId('offline-banner')).toBeVisible();
}

// Every section's id and column titles on the app's runbook page.
function sectionTitles(page) {
  return page.evaluate(() => [...document.querySelectorAll('#app section[data-section]')].map((s) => ({
    id: s.dataset.section,
    titles: [...s.querySelectorAll(':scope > .md')].map((m) => [m.getAttribute('lang'), m.querySelector('h2')?.textContent.trim()]),
  })));
}

function expectedTitles(mode) {
  const langs = mode === 'both' ? ['en', 'zh'] : [mode];
  return SECTIONS.map((s) => ({ id: s.id, titles: langs.map((l) => [LANG_TAG[l], s[l]]) }));
}

// HH:MM:SS as the app shows it (the tests run with timezoneId UTC).
const clockTime = (ms) => new Date(ms).toISOString().slice(11, 19);
const DAY_MS = 86_400_000;

// Milliseconds from the instant `ms` to the clock time `hhmmss` (UTC) nearest to it.
function clockOffset(hhmmss, ms) {
  const [h, m, s] = hhmmss.split(':').map(Number);
  const diff = (((h * 3600 + m * 60 + s) * 1000 - (ms % DAY_MS)) % DAY_MS + DAY_MS) % DAY_MS;
  return diff > DAY_MS / 2 ? diff - DAY_MS : diff;
}

test('offline after one visit: the runbook renders in English, Chinese and both, with last sync and content version', async ({ page, context, stack }) => {
  const build = readBuild(stack.servedDist).build;
  expect(build).toMatch(/^[0-9a-f]{12}$/);
  await visitOnline(page, '/triage');
  for (const name of CARD_NAMES) await expect(card(page, name).locator('.fetched')).toBeVisible();
  const onlineSync = await page.getByTestId('last-sync').textContent();

  await goOffline(page, context, '/r/instantly');
  await waitForRunbook(page);
  expect(await sectionTitles(page)).toEqual(expectedTitles('en'));
  for (const mode of ['zh', 'both']) {
    await chooseLanguage(page, mode);
    expect(await sectionTitles(page)).toEqual(expectedTitles(mode));
  }
  await chooseLanguage(page, 'en');

  const banner = page.getByTestId('offline-banner');
  await expect(banner).toContainText('offline', { ignoreCase: true });
  // The same sync the triage page showed online: its clock time, and an age.
  const syncTime = /(\d\d:\d\d:\d\d)/.exec(onlineSync)[1];
  await expect(page.getByTestId('offline-last-sync')).toHaveText(new RegExp(`^${syncTime} \\((just now|\\d+ s ago)\\)$`));
  await expect(page.getByTestId('content-version')).toHaveText(`${build} · ${MANIFEST.reviewed}`);
  // The deployment's config.json came from the worker's cache, not the defaults.
  await expect(page.locator('.env-badge')).toHaveText(JSON.parse(readFileSync(join(stack.servedDist, 'config.json'), 'utf8')).environment);
  await expect(page.getByTestId('config-banner')).toHaveCount(0);
  await saveScreenshot(page, 'offline-runbook');
});

test('offline, triage shows the last values with their age and says the checks are offline', async ({ page, context }) => {
  test.setTimeout(60_000);
  const fetchedAt = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/proxy/') && r.ok()) fetchedAt.push(Date.now());
  });
  await visitOnline(page, '/triage');
  const online = {};
  for (const name of CARD_NAMES) {
    await expect(card(page, name).locator('.fetched')).toBeVisible();
    online[name] = await card(page, name).locator('.reading').innerText();
  }
  // Settle: the values have been saved once every card has shown one.
  await page.waitForLoadState('networkidle');
  const [firstFetch, lastFetch] = [Math.min(...fetchedAt), Math.max(...fetchedAt)];

  await goOffline(page, context);
  for (const name of CARD_NAMES) {
    const c = card(page, name);
    await expect(c.locator('.failure')).toContainText('You are offline');
    await expect(c).toHaveAttribute('data-verdict', 'unknown');
    await expect(c.locator('.stale')).toContainText('Showing the last good value');
    expect(await c.locator('.reading').innerText(), `${name}: the value from the online visit`).toBe(online[name]);
    // Fetched during the online visit: between its first and last proxy
    // response (to the second, as shown).
    const shownTime = /(\d\d:\d\d:\d\d)/.exec(await c.locator('.fetched').textContent())[1];
    expect(clockOffset(shownTime, firstFetch) >= -2000 && clockOffset(shownTime, lastFetch) <= 2000,
      `${name}: fetched ${shownTime}, online proxy responses ${clockTime(firstFetch)}-${clockTime(lastFetch)}`).toBe(true);
  }
  await expect(page.getByTestId('last-sync')).toContainText(/\d\d:\d\d:\d\d \((just now|\d+ s ago)\)/);
  // The ages keep counting while offline.
  await expect(card(page, 'errors').locator('.fetched')).toContainText(/\(\d+ s ago\)/, { timeout: 20_000 });
  await expect(card(page, 'errors').locator('.stale')).toContainText(/fetched \d+ s ago/);
  await saveScreenshot(page, 'offline-triage');
});

test('offline, the wizard is answered by hand all the way to an outcome with its commands', async ({ page, context }) => {
  await visitOnline(page, '/r/instantly');
  await goOffline(page, context, '/wizard');
  const question = page.getByTestId('wizard-question');
  // No live evidence offline: nothing is suggested, the person answers.
  for (const [node, answer] of [['api_errors', 'yes'], ['vendor_incident', 'no'], ['error_type', 'rate_limited']]) {
    await expect(question).toHaveAttribute('data-node', node);
    await expect(page.getByTestId('wizard-suggestion')).toHaveAttribute('data-suggested', 'unknown');
    await question.getByTestId(`answer-${answer}`).click();
  }
  const outcome = page.getByTestId('wizard-outcome');
  await expect(outcome).toHaveAttribute('data-node', 'rate_limited');
  await expect(page.getByTestId('wizard-step')).toHaveCount(3);
  for (const step of await page.getByTestId('wizard-step').all()) await expect(step).toHaveAttribute('data-source', 'manual');
  await expect(page).toHaveURL(/\/wizard\?/);
  expect(await outcome.getByTestId('wizard-action').count()).toBeGreaterThan(0);
  const commands = outcome.locator('.command:not(.command-invalid) pre code');
  expect(await commands.count()).toBeGreaterThan(0);
  for (const text of await commands.allTextContents()) expect(text.trim()).not.toBe('');
  await expect(outcome.locator('.command-invalid')).toHaveCount(0);
});

test('an incident started online is intact offline, and commands and messages generate for it', async ({ page, context }) => {
  await visitOnline(page, '/incident');
  await page.getByTestId('start-commander').fill('@alice');
  await page.getByTestId('start-impact').fill('Campaign emails are not being sent');
  await page.getByTestId('start-namespace').fill('outreach');
  await page.getByTestId('start-submit').click();
  await expect(page.getByTestId('incident-active')).toBeVisible();
  await page.getByTestId('note-input').fill('Paused the campaign scheduler');
  await page.getByTestId('note-add').click();
  const timelineOf = () => page.getByTestId('timeline-entry').evaluateAll((entries) =>
    entries.map((e) => ({ kind: e.dataset.kind, text: e.querySelector('.tl-text')?.textContent.trim() })));
  await expect(page.getByTestId('timeline-entry').filter({ hasText: 'Paused the campaign scheduler' })).toHaveCount(1);
  const id = await page.getByTestId('incident-id').textContent();
  const timeline = await timelineOf();
  const severity = await page.getByTestId('incident-bar').getAttribute('data-severity');
  expect(severity).toMatch(/^P[1-4]$/);

  await goOffline(page, context);
  await expect(page.getByTestId('incident-bar')).toBeVisible();
  await expect(page.getByTestId('incident-bar')).toHaveAttribute('data-severity', severity);
  await expect(page.getByTestId('incident-id')).toHaveText(id);
  expect(await timelineOf()).toEqual(timeline);
  // Still a working incident offline: a note added now joins the timeline.
  await page.getByTestId('note-input').fill('Offline: waiting for VPN');
  await page.getByTestId('note-add').click();
  await expect(page.getByTestId('timeline-entry')).toHaveCount(timeline.length + 1);

  await page.goto('/actions');
  await expect(page.getByTestId('incident-bar')).toBeVisible();
  const config = await page.evaluate(() => caches.match('/config.json').then((r) => r.json()));
  await expect(page.getByTestId('target-context')).toHaveText(config.kube.context);
  await expect(page.getByTestId('target-namespace')).toHaveText('outreach');
  const commands = page.locator('.command:not(.command-invalid) pre code');
  expect(await commands.count()).toBeGreaterThan(5);
  await expect(page.locator('.command-invalid')).toHaveCount(0);
  // Every kubectl call ("kubectl --context C -n NS") targets the incident's namespace.
  const namespaces = (await commands.allTextContents()).flatMap((t) => [...t.matchAll(/kubectl --context \S+ -n '?([a-z0-9-]+)/g)].map((m) => m[1]));
  expect(namespaces.length).toBeGreaterThan(0);
  expect([...new Set(namespaces)]).toEqual(['outreach']);

  await page.goto('/comms');
  await expect(page.getByTestId('comms-incident')).toContainText(id);
  await page.getByTestId('comms-current-action').fill('Rotating the API key');
  for (const kind of ['slack_update', 'status_page', 'postmortem']) {
    await expect(page.getByTestId(`message-${kind}`).getByTestId('message-text')).not.toBeEmpty();
  }
  const slack = page.getByTestId('message-slack_update').getByTestId('message-text');
  for (const part of [`${severity} INCIDENT`, 'Campaign emails are not being sent', 'Rotating the API key', '@alice']) {
    await expect(slack).toContainText(part);
  }
  await expect(page.getByTestId('message-postmortem').getByTestId('message-text')).toContainText('Paused the campaign scheduler');
  await saveScreenshot(page, 'offline-comms');
});

test('/proxy/ responses never come from a cache: online they bypass the worker, offline they fail', async ({ page, context, stack, consoleErrors }) => {
  // The failed requests below are provoked; Chromium logs each one.
  consoleErrors.allow(/^console: Failed to load resource: .*\(http:\/\/127\.0\.0\.1:\d+\/proxy\/(health|prometheus\/api\/v1\/query\?query=up)\)$/);
  const proxied = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/proxy/')) proxied.push({ url: r.url(), status: r.status(), fromWorker: r.fromServiceWorker() });
  });
  await visitOnline(page, '/triage');
  // A second load, now under the worker, so its fetch handler saw /proxy/ too.
  await page.reload();
  for (const name of CARD_NAMES) await expect(card(page, name).locator('.fetched')).toBeVisible();
  await expect(card(page, 'health')).toHaveAttribute('data-verdict', 'ok');
  expect(proxied.length).toBeGreaterThan(0);
  expect(proxied.filter((r) => r.fromWorker), 'proxy responses served by the service worker').toEqual([]);

  const health = () => page.evaluate(() => fetch('/proxy/health', { headers: { Accept: 'application/json' } })
    .then((r) => `HTTP ${r.status}`, (e) => `failed: ${e.name}`));
  expect(await health()).toBe('HTTP 200');
  // The upstream goes down: the answer is nginx's error, not the earlier success.
  await stack.upstream.stop();
  expect(await health()).toBe('HTTP 502');
  await stack.upstream.start();
  expect(await health()).toBe('HTTP 200');

  await context.setOffline(true);
  expect(await health()).toBe('failed: TypeError');
  expect(await page.evaluate(() => fetch('/proxy/prometheus/api/v1/query?query=up').then(() => 'answered', () => 'failed'))).toBe('failed');
  // The page and its assets still come from the cache.
  await page.reload();
  await expect(page.getByTestId('offline-banner')).toBeVisible();
  await expect(card(page, 'health').locator('.failure')).toContainText('You are offline');
  await expect(card(page, 'health')).toHaveAttribute('data-verdict', 'unknown');

  const contents = await cacheContents(page);
  expect(Object.keys(contents).length).toBeGreaterThan(0);
  const cachedProxy = Object.entries(contents).flatMap(([name, urls]) => urls.filter((u) => u.startsWith('/proxy')).map((u) => `${name}: ${u}`));
  expect(cachedProxy).toEqual([]);
});

test('a build deployed while the page is open is offered, and taken on whole after "Reload to update"', async ({ page, stack }) => {
  test.setTimeout(60_000);
  const current = readBuild(stack.servedDist);
  const next = writeNextBuild(stack.servedDist, join(stack.runDir, 'next-dist'), { mark: NEXT_MARK });

  await visitOnline(page, '/r/instantly');
  await waitForRunbook(page);
  expect(await cacheContents(page)).toHaveProperty(`runbook-assets-${current.build}`);
  await page.evaluate(() => {
    window.__sameDocument = true;
  });

  await stack.serveDist(next.dir);
  // What the app's five-minute check does.
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  const banner = page.getByTestId('update-banner');
  await expect(banner).toBeVisible({ timeout: 15_000 });
  // Nothing changes until the reader asks.
  expect(await page.evaluate(() => window.__sameDocument)).toBe(true);
  await expect(page.locator('meta[name=build]')).toHaveAttribute('content', current.build);
  expect(await page.evaluate(() => [...document.querySelectorAll('link[rel=stylesheet]')].map((l) => new URL(l.href).pathname)))
    .toEqual(current.stylesheets);
  await saveScreenshot(page, 'update-banner');

  const afterClick = [];
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (url.origin === new URL(stack.baseURL).origin) afterClick.push({ path: url.pathname, type: r.request().resourceType(), fromWorker: r.fromServiceWorker(), response: r });
  });
  await Promise.all([
    page.waitForEvent('load'),
    banner.getByRole('button', { name: 'Reload to update' }).click(),
  ]);
  await expect(page.locator('meta[name=build]')).toHaveAttribute('content', next.build);
  expect(await page.evaluate(() => window.__sameDocument)).toBeUndefined();
  await waitForRunbook(page);
  await expect(banner).toHaveCount(0);
  await page.waitForLoadState('networkidle');

  // Every asset of the reloaded page is one the new index.html names, from the
  // new build's cache; the stylesheet is the changed one.
  const assets = afterClick.filter((r) => !r.path.startsWith('/proxy/') && r.type !== 'document' && r.path !== '/sw.js');
  expect(assets.length).toBeGreaterThan(0);
  const notNew = assets.filter((r) => !next.precache.includes(r.path)).map((r) => r.path);
  expect(notNew, 'requests outside the new build').toEqual([]);
  expect(assets.map((r) => r.path)).not.toContain(next.changedCss.old);
  expect(assets.map((r) => r.path)).toContain(next.changedCss.new);
  expect(assets.filter((r) => !r.fromWorker).map((r) => r.path), 'assets not from the worker').toEqual([]);
  const css = await assets.find((r) => r.path === next.changedCss.new).response.text();
  expect(css.trimEnd().endsWith(NEXT_MARK)).toBe(true);
  const documents = afterClick.filter((r) => r.type === 'document');
  expect(documents.length).toBe(1);
  expect(metaBuild(await documents[0].response.text())).toBe(next.build);
  expect(await page.evaluate(() => [...document.querySelectorAll('link[rel=stylesheet]')].map((l) => new URL(l.href).pathname)))
    .toEqual(next.stylesheets);
  expect(await page.evaluate(() => [...document.styleSheets].every((s) => s.cssRules.length > 0))).toBe(true);

  // The old build's cache is gone; only the new one is left.
  const assetCaches = Object.keys(await cacheContents(page)).filter((n) => n.startsWith('runbook-assets-'));
  expect(assetCaches).toEqual([`runbook-assets-${next.build}`]);
});

test('after one good config.json, the worker answers with that copy when the server sends an error, a redirect or a page that is not JSON', async ({ page, stack, consoleErrors }) => {
  consoleErrors.allow(/config\.json|40[34]|301/);
  const good = JSON.parse(readFileSync(join(stack.servedDist, 'config.json'), 'utf8'));
  await visitOnline(page, '/actions');
  await expect(page.getByTestId('env-badge')).toHaveText(good.environment);
  await expect.poll(() => page.evaluate(() => caches.match('/config.json').then((r) => r && r.json()))).toEqual(good);

  const original = stack.servedDist;
  const broken = join(stack.runDir, 'broken-config-dist');
  const variants = {
    'a 404': (dir) => rmSync(join(dir, 'config.json')),
    // nginx answers a directory's name with a 301 to the name with a slash.
    'a redirect': (dir) => {
      rmSync(join(dir, 'config.json'));
      mkdirSync(join(dir, 'config.json'));
    },
    'an HTML page': (dir) => writeFileSync(join(dir, 'config.json'), '<!doctype html><title>Sign in</title>'),
  };
  for (const [what, breakIt] of Object.entries(variants)) {
    rmSync(broken, { recursive: true, force: true });
    cpSync(original, broken, { recursive: true });
    breakIt(broken);
    await stack.serveDist(broken);
    await page.reload();
    await expect(page.locator('#prerender')).toHaveCount(0);
    await expect(page.getByTestId('env-badge'), what).toHaveText(good.environment);
    await expect(page.getByTestId('target-context'), what).toHaveText(good.kube.context);
    await expect(page.getByTestId('config-banner'), what).toHaveCount(0);
    expect(await page.evaluate(() => caches.match('/config.json').then((r) => r.json())), `${what}: the good copy is kept`).toEqual(good);
  }
});
