// Issue 11, item 10: service-worker updates as they happen on a real deploy.
// - Two tabs of one browser run build A under A's worker; build B is deployed; the first
//   tab takes B on. The second tab (still running A, now controlled by B's worker) must
//   offer "Reload to update" in both languages and land on B when clicked, once, with the
//   incident started in A intact; so must a tab whose app only started listening after the
//   takeover (it asks its worker which build it serves).
// - A deploy whose precache list names a file that answers 404: the new worker's install
//   fails, and the app says so in both languages (the update could not be installed, the
//   old version keeps running) instead of staying on the old build silently. Once the file
//   is there, the app's next five-minute check installs the build and the failure is no
//   longer claimed. With the server unreachable, that check fails without an error and the
//   app carries on.
import { join } from 'node:path';
import { expect, test } from '../support/fixtures.mjs';
import { chooseLanguage } from '../support/app.mjs';
import { readBuild, removeAsBuilt, writeAsBuilt, writeNextBuild } from '../support/builds.mjs';

const LANGS = { en: 'en', zh: 'zh-CN' };

// Waits until a service worker controls `page` (after `navigator.serviceWorker.ready`).
async function waitForControl(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null), { message: 'a service worker controls the page' })
    .toBe('activated');
}

// The build id of the worker controlling `page`, as the worker itself says.
const controllerBuild = (page) => page.evaluate(() => new Promise((resolve) => {
  const worker = navigator.serviceWorker.controller;
  if (!worker) {
    resolve(null);
    return;
  }
  navigator.serviceWorker.addEventListener('message', (event) => resolve(event.data?.build ?? null), { once: true });
  navigator.serviceWorker.startMessages();
  worker.postMessage('build');
}));

// How often the app checks for a new build (src/platform/service_worker.rs): the tests move
// a page's clock (page.clock) instead of waiting.
const CHECK_EVERY_MS = 5 * 60 * 1000;

// The app's five-minute check, run now by the test.
const checkForUpdate = (page) => page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()).then(() => 'checked', (e) => `failed: ${e}`));

const pageBuild = (page) => page.locator('meta[name=build]').getAttribute('content');

// The banner's text in each language: a span per language, as BothLangs renders them.
async function expectBothLanguages(banner, { en, zh }) {
  for (const part of en) await expect(banner.locator(`[lang="${LANGS.en}"]`).filter({ hasText: part }).first()).toBeVisible();
  for (const part of zh) await expect(banner.locator(`[lang="${LANGS.zh}"]`).filter({ hasText: part }).first()).toBeVisible();
}

// Every document the main frame of `page` loads from now on.
function countLoads(page) {
  const loads = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) loads.push(frame.url());
  });
  return loads;
}

// Console errors and uncaught errors of a tab the consoleErrors fixture does not watch.
function watchErrors(tab) {
  const errors = [];
  tab.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  tab.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

async function startIncident(page) {
  await page.goto('/incident');
  await page.getByTestId('start-commander').fill('@alice');
  await page.getByTestId('start-impact').fill('Campaign emails are not being sent');
  await page.getByTestId('start-submit').click();
  await expect(page.getByTestId('incident-active')).toBeVisible();
  await page.getByTestId('note-input').fill('Written in build A');
  await page.getByTestId('note-add').click();
  await expect(page.getByTestId('timeline-entry').filter({ hasText: 'Written in build A' })).toHaveCount(1);
  return page.getByTestId('incident-id').textContent();
}

async function expectIncident(tab, id) {
  await expect(tab.getByTestId('incident-active')).toBeVisible();
  await expect(tab.getByTestId('incident-id')).toHaveText(id);
  await expect(tab.getByTestId('timeline-entry').filter({ hasText: 'Written in build A' })).toHaveCount(1);
}

const READY_TEXT = { en: ['new version', 'Reload to update'], zh: ['新版本', '重新加载以更新'] };
const FAILED_TEXT = { en: ['could not be installed', 'old version'], zh: ['无法安装', '旧版本'] };

test('"Reload to update" in a second tab after the first tab updated lands it on the new build, once, with the incident', async ({ page, context, stack }) => {
  const a = readBuild(stack.servedDist);
  const b = writeNextBuild(stack.servedDist, join(stack.runDir, 'update-b'), { mark: '/* build B: update.spec.mjs */' });

  const id = await startIncident(page);
  await waitForControl(page);
  const tab2 = await context.newPage();
  const tab2Errors = watchErrors(tab2);
  await tab2.goto('/incident');
  await expectIncident(tab2, id);
  await waitForControl(tab2);
  for (const tab of [page, tab2]) expect(await controllerBuild(tab)).toBe(a.build);

  await stack.serveDist(b.dir);
  // Tab 1 finds B, and the reader there takes it on.
  expect(await checkForUpdate(page)).toBe('checked');
  const banner1 = page.getByTestId('update-banner');
  await expect(banner1).toBeVisible();
  await Promise.all([page.waitForEvent('load'), banner1.getByRole('button', { name: 'Reload to update' }).click()]);
  await expect(page.locator('meta[name=build]')).toHaveAttribute('content', b.build);
  await expectIncident(page, id);
  expect(await controllerBuild(page)).toBe(b.build);

  // Tab 2 still runs A, now under B's worker, and says a new version is there.
  expect(await pageBuild(tab2)).toBe(a.build);
  expect(await controllerBuild(tab2)).toBe(b.build);
  const banner2 = tab2.getByTestId('update-banner');
  await expect(banner2).toBeVisible();
  await expectBothLanguages(banner2, READY_TEXT);

  const loads = countLoads(tab2);
  await Promise.all([tab2.waitForEvent('load'), banner2.getByRole('button', { name: 'Reload to update' }).click()]);
  await expect(tab2.locator('meta[name=build]')).toHaveAttribute('content', b.build);
  await expectIncident(tab2, id);
  await expect(banner2).toHaveCount(0);
  await tab2.waitForLoadState('networkidle');
  expect(loads, 'documents loaded after the click in tab 2').toHaveLength(1);
  expect(await controllerBuild(tab2)).toBe(b.build);
  expect(tab2Errors, 'console errors in tab 2').toEqual([]);
  await tab2.close();
});

// Holds the app's `navigator.serviceWorker.register` call in `tab` until the test calls
// `release(tab)`: an app that starts late (a slow phone, a tab woken up), after the events
// of another tab's update have passed.
async function holdRegistration(tab) {
  await tab.addInitScript(() => {
    const register = ServiceWorkerContainer.prototype.register;
    const gate = new Promise((resolve) => {
      window.__releaseRegistration = resolve;
    });
    ServiceWorkerContainer.prototype.register = function held(...args) {
      window.__registrationHeld = true;
      return gate.then(() => register.apply(this, args));
    };
  });
}
const release = (tab) => tab.evaluate(() => window.__releaseRegistration());

test('a tab whose app starts only after another tab took the new build on still offers it', async ({ page, context, stack }) => {
  const a = readBuild(stack.servedDist);
  const b = writeNextBuild(stack.servedDist, join(stack.runDir, 'update-late'), { mark: '/* build B, late tab: update.spec.mjs */' });
  await page.goto('/r/instantly');
  await waitForControl(page);

  const tab2 = await context.newPage();
  const tab2Errors = watchErrors(tab2);
  await holdRegistration(tab2);
  await tab2.goto('/r/instantly');
  await expect(tab2.locator('#prerender')).toHaveCount(0);
  await expect.poll(() => tab2.evaluate(() => window.__registrationHeld === true), { message: 'the app asked to register' }).toBe(true);
  expect(await controllerBuild(tab2)).toBe(a.build);

  await stack.serveDist(b.dir);
  expect(await checkForUpdate(page)).toBe('checked');
  await Promise.all([page.waitForEvent('load'), page.getByTestId('update-banner').getByRole('button', { name: 'Reload to update' }).click()]);
  await expect(page.locator('meta[name=build]')).toHaveAttribute('content', b.build);
  await expect.poll(() => controllerBuild(tab2), { message: "tab 2 is under B's worker" }).toBe(b.build);

  await release(tab2);
  const banner = tab2.getByTestId('update-banner');
  await expect(banner).toBeVisible();
  await expectBothLanguages(banner, READY_TEXT);
  expect(await pageBuild(tab2)).toBe(a.build);
  await Promise.all([tab2.waitForEvent('load'), banner.getByRole('button', { name: 'Reload to update' }).click()]);
  await expect(tab2.locator('meta[name=build]')).toHaveAttribute('content', b.build);
  await release(tab2);
  await expect(banner).toHaveCount(0);
  expect(tab2Errors, 'console errors in tab 2').toEqual([]);
  await tab2.close();
});

test('a deploy missing a precached file is reported in both languages, the old build keeps running, and the fixed deploy installs', async ({ page, context, stack, consoleErrors }) => {
  // What the failing worker says in its own console (devtools), for whoever deployed it;
  // Chromium shows a worker's console in its pages' too.
  consoleErrors.allow(/^console: precache of build [0-9a-f]{12}: \/main-[0-9a-f]{16}\.css answered HTTP 404 \(http:\/\/127\.0\.0\.1:\d+\/sw\.js\)$/);
  const workerErrors = [];
  context.on('console', (m) => { if (m.worker() && m.type() === 'error') workerErrors.push(m.text()); });
  const a = readBuild(stack.servedDist);
  const b = writeNextBuild(stack.servedDist, join(stack.runDir, 'update-broken'), { mark: '/* build B, half uploaded: update.spec.mjs */' });
  const missing = join(b.dir, b.changedCss.new);
  removeAsBuilt(missing);
  expect((await fetch(new URL(b.changedCss.new, stack.baseURL))).status, 'nginx, before the deploy').toBe(404);

  await page.clock.install();
  await page.goto('/r/instantly');
  await waitForControl(page);
  await stack.serveDist(b.dir);
  expect((await fetch(new URL(b.changedCss.new, stack.baseURL))).status, `${b.changedCss.new} on the deployed server`).toBe(404);

  // The app's own check, five minutes on, in the page left open.
  await page.clock.fastForward(CHECK_EVERY_MS);
  const failed = page.getByTestId('update-failed');
  await expect(failed).toBeVisible();
  await expectBothLanguages(failed, FAILED_TEXT);
  await expect(page.getByTestId('update-banner')).toHaveCount(0);
  expect(await pageBuild(page)).toBe(a.build);
  expect(await controllerBuild(page)).toBe(a.build);
  await expect.poll(() => workerErrors, { message: 'the worker names the file it could not precache' })
    .toContain(`precache of build ${b.build}: ${b.changedCss.new} answered HTTP 404`);

  // A fresh load is still the old build, served by the old worker, and says so again on its own.
  await page.reload();
  await expect(page.locator('#prerender')).toHaveCount(0);
  expect(await pageBuild(page)).toBe(a.build);
  await expect(failed).toBeVisible();
  await expectBothLanguages(failed, FAILED_TEXT);
  expect(await controllerBuild(page)).toBe(a.build);

  // The missing file arrives; the app's next check installs the build and the failure is gone.
  writeAsBuilt(missing, b.changedCss.text);
  await page.clock.fastForward(CHECK_EVERY_MS);
  const ready = page.getByTestId('update-banner');
  await expect(ready).toBeVisible();
  await expect(failed).toHaveCount(0);
  await Promise.all([page.waitForEvent('load'), ready.getByRole('button', { name: 'Reload to update' }).click()]);
  await expect(page.locator('meta[name=build]')).toHaveAttribute('content', b.build);
  expect(await controllerBuild(page)).toBe(b.build);
  await expect(failed).toHaveCount(0);
});

test('with the server unreachable, the five-minute check fails quietly and the app keeps working', async ({ page, stack }) => {
  // Counts the app's checks and how they ended, handing the app a promise of its own (so an
  // unhandled rejection of it is still the app's).
  await page.addInitScript(() => {
    const update = ServiceWorkerRegistration.prototype.update;
    window.__checks = [];
    ServiceWorkerRegistration.prototype.update = function counted() {
      window.__checks.push('asked');
      return update.call(this).then(
        (registration) => { window.__checks.push('ok'); return registration; },
        (error) => { window.__checks.push(`failed: ${error.name}`); throw error; },
      );
    };
  });
  await page.clock.install();
  await page.goto('/r/instantly');
  await waitForControl(page);
  // The VPN is down. (Not context.setOffline: in Chromium the check still succeeded under it,
  // so the test stops the server instead.)
  await stack.nginx.stop();
  await page.clock.fastForward(CHECK_EVERY_MS);
  await expect.poll(() => page.evaluate(() => window.__checks), { message: "the app's check, server unreachable" }).toEqual(['asked', 'failed: TypeError']);
  await expect(page.getByTestId('update-failed')).toHaveCount(0);
  await expect(page.getByTestId('update-banner')).toHaveCount(0);
  // Still alive: a click works (and gives an unhandled rejection time to surface).
  await chooseLanguage(page, 'zh');
});
