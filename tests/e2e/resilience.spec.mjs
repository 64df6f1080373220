// Issue 11, "survive a panic anyway" and "storage without loss": the crash
// screen and safe mode after a crash while starting; two tabs and a tab back
// from the back/forward cache writing notes; a store from a newer version.
//
// How the start is made to crash: the app has no known panic left on stored
// data, and production code has no "panic here" switch. So the test breaks the
// browser instead: `Date.prototype.getTimezoneOffset` answers an offset no time
// zone has (100,000 minutes). chrono's wasm `Local` unwraps the offset it builds
// from that answer, so the first local-time conversion panics for real. At start
// only the incident bar converts a time to local time, and only for a stored
// incident whose response target is "next business day" (P4): a stored P4
// incident therefore crashes the start, and with the incidents set aside the
// app starts.
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/browser.mjs';
import { expect, test } from '../support/fixtures.mjs';
import { STORE_BACKUP_PREFIX, STORE_KEY, addNote, downloadFrom, localStorageDump, savedStore, startIncident, timelineEntries } from '../support/flows.mjs';

test.use({ stackOptions: { id: 'e2e-resilience' } });
// Playwright turns Chromium's back/forward cache off by default; this file tests a page restored
// from it, so it is back on here.
test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, ignoreDefaultArgs: ['--disable-back-forward-cache'] } });

const PANIC = /panicked|unreachable|RuntimeError/;

// Starts a P4 incident, then makes every later load of the page crash while
// starting. Returns the stored text.
async function plantCrashingStore(page) {
  await startIncident(page, { commander: 'alice', severity: 'P4' });
  const raw = await page.evaluate((key) => localStorage.getItem(key), STORE_KEY);
  await page.addInitScript(() => {
    Date.prototype.getTimezoneOffset = () => 100000;
  });
  return raw;
}

const backupKeys = async (page) => Object.keys(await localStorageDump(page)).filter((k) => k.startsWith(STORE_BACKUP_PREFIX));
const stored = (page, key) => page.evaluate((k) => localStorage.getItem(k), key);

async function expectCrashScreen(page) {
  const screen = page.getByTestId('crash-screen');
  await expect(screen).toBeVisible();
  await expect(screen).toHaveAttribute('role', 'alert');
  await expect(screen.locator('h1 [lang="en"]')).toHaveText('The app hit a bug');
  await expect(screen.locator('h1 [lang="zh-CN"]')).toHaveText('应用出现了错误');
  return screen;
}

test('a crash shows a bilingual screen whose export holds every stored value and whose "start clean" keeps a backup', async ({ page, consoleErrors }) => {
  consoleErrors.allow(PANIC);
  const raw = await plantCrashingStore(page);
  await page.goto('/r/instantly');
  const screen = await expectCrashScreen(page);

  const all = await localStorageDump(page);
  const file = await downloadFrom(page, screen.getByTestId('crash-export'));
  expect(file.name).toMatch(/^incident-runbook-data-\d{8}T\d{6}Z\.json$/);
  const exported = JSON.parse(file.text);
  expect(exported.format).toBe('incident-runbook/browser-storage');
  expect(exported.items[STORE_KEY]).toBe(raw);
  const ours = Object.keys(all).filter((k) => k.startsWith('incident-runbook.'));
  expect(Object.keys(exported.items).sort()).toEqual(ours.sort());

  await Promise.all([page.waitForEvent('load'), screen.getByTestId('crash-start-clean').click()]);
  // The app starts, empty, with the old incidents in a backup.
  await expect(page.getByTestId('crash-screen')).toHaveCount(0);
  await expect(page.locator('#app')).toBeVisible();
  expect(await stored(page, STORE_KEY)).toBeNull();
  const backups = await backupKeys(page);
  expect(backups).toHaveLength(1);
  expect(await stored(page, backups[0])).toBe(raw);
  await page.locator('nav.main-nav a[href$="/incident"]').click();
  await expect(page.getByTestId('start-incident')).toBeVisible();
});

test('after a crash while starting, the next load starts in safe mode with the incidents set aside and an export', async ({ page, consoleErrors }) => {
  consoleErrors.allow(PANIC);
  const raw = await plantCrashingStore(page);
  await page.goto('/r/instantly');
  await expectCrashScreen(page);

  await page.reload();
  const banner = page.getByTestId('storage-recovery');
  await expect(banner).toBeVisible();
  const backups = await backupKeys(page);
  expect(backups).toHaveLength(1);
  expect(await stored(page, backups[0])).toBe(raw);
  expect(await stored(page, STORE_KEY)).toBeNull();
  const safe = banner.getByTestId('safe-mode');
  await expect(safe.locator('[lang="en"]')).toContainText('crashed while starting last time, so it started in safe mode');
  await expect(safe.locator('[lang="en"]')).toContainText(backups[0]);
  await expect(safe.locator('[lang="zh-CN"]')).toContainText('以安全模式启动');
  await expect(page.getByTestId('crash-screen')).toHaveCount(0);

  const file = await downloadFrom(page, banner.getByTestId('recovery-export'));
  expect(JSON.parse(file.text).items[backups[0]]).toBe(raw);
  // Alive: a click still works.
  await page.locator('nav.main-nav a[href$="/incident"]').click();
  await expect(page.getByTestId('start-incident')).toBeVisible();
  // The next load is a normal one.
  await page.reload();
  await expect(page.locator('#app')).toBeVisible();
  await expect(page.getByTestId('storage-recovery')).toHaveCount(0);
});

const noteTexts = async (page) => (await timelineEntries(page)).filter((e) => e.kind === 'note').map((e) => e.text);

test('two tabs adding notes at the same time both keep both notes', async ({ page, context }) => {
  await startIncident(page, { commander: 'alice' });
  const other = await context.newPage();
  await other.goto('/incident');
  await expect(other.getByTestId('incident-active')).toBeVisible();
  const notes = [];
  for (let i = 1; i <= 3; i += 1) {
    await page.getByTestId('note-input').fill(`tab one, note ${i}`);
    await other.getByTestId('note-input').fill(`tab two, note ${i}`);
    notes.push(`tab one, note ${i}`, `tab two, note ${i}`);
    // Both submitted in one go, neither waiting for the other.
    await Promise.all([page.getByTestId('note-add').click(), other.getByTestId('note-add').click()]);
  }
  for (const tab of [page, other]) {
    await expect.poll(async () => (await noteTexts(tab)).sort()).toEqual([...notes].sort());
  }
  const saved = await savedStore(page);
  const savedNotes = saved.active.timeline.filter((e) => e.kind === 'note').map((e) => e.text.written);
  expect(savedNotes.sort()).toEqual([...notes].sort());
  await other.close();
});

test('a tab back from the back/forward cache keeps the notes another tab wrote meanwhile', async ({ page, context }) => {
  await startIncident(page, { commander: 'alice' });
  await addNote(page, 'before leaving');
  // A first visit's worker takes control when it has precached the build (clients.claim()),
  // which evicts a page in the back/forward cache: that is not what this test is about.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await page.evaluate(() => { window.stillThisPage = true; });
  // Why Chromium did not keep the page, should it not.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.enable');
  const notCached = [];
  cdp.on('Page.backForwardCacheNotUsed', (e) => notCached.push(...e.notRestoredExplanations.map((r) => r.reason)));
  await page.goto('about:blank');

  const other = await context.newPage();
  await other.goto('/incident');
  await addNote(other, 'written while the first tab was away');
  await other.close();

  // A page restored from the cache fires no load event.
  await page.goBack({ waitUntil: 'commit' });
  await expect(page.getByTestId('incident-active')).toBeVisible();
  expect(await page.evaluate(() => window.stillThisPage), `restored from the back/forward cache (not: ${notCached})`).toBe(true);
  await addNote(page, 'after coming back');
  expect(await noteTexts(page)).toEqual(['before leaving', 'written while the first tab was away', 'after coming back']);
  const saved = await savedStore(page);
  expect(saved.active.timeline.filter((e) => e.kind === 'note').map((e) => e.text.written))
    .toEqual(['before leaving', 'written while the first tab was away', 'after coming back']);
});

test('a store from a newer version is never written over: a copy works, the text stays byte for byte, the banner says so', async ({ page, context, stack }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.baseURL });
  const NEWER = '{"version": 3, "active": {"id": "from-the-future", "shiny": true}, "archive": []}';
  await page.addInitScript(({ key, value }) => {
    if (sessionStorage.getItem('seeded')) return;
    localStorage.setItem(key, value);
    sessionStorage.setItem('seeded', '1');
  }, { key: STORE_KEY, value: NEWER });
  await page.goto('/actions');
  const banner = page.getByTestId('storage-recovery');
  await expect(banner.getByTestId('read-only').locator('[lang="en"]')).toContainText('from a newer version of this app (format 3)');
  await expect(banner.getByTestId('read-only').locator('[lang="zh-CN"]')).toContainText('来自更新版本的应用(格式 3)');

  const block = page.locator('.actions .code-copy').first();
  await block.getByTestId('copy-button').click();
  await expect(block.getByTestId('copy-status')).toHaveText('Copied to the clipboard.');
  const shown = (await block.locator('pre').first().textContent()).trim();
  expect((await page.evaluate(() => navigator.clipboard.readText())).trim()).toBe(shown);
  expect(await stored(page, STORE_KEY)).toBe(NEWER);
  await page.reload();
  expect(await stored(page, STORE_KEY)).toBe(NEWER);
  await expect(page.getByTestId('storage-recovery')).toBeVisible();
});

test('at most three backups are kept, the oldest removed first', async ({ page }) => {
  await page.goto('/r/instantly');
  await page.evaluate((prefix) => {
    for (const stamp of ['20260101T000000Z', '20260102T000000Z', '20260103T000000Z']) localStorage.setItem(prefix + stamp, `old ${stamp}`);
  }, STORE_BACKUP_PREFIX);
  await page.evaluate((key) => localStorage.setItem(key, 'not json'), STORE_KEY);
  await page.reload();
  await page.getByTestId('storage-recovery').getByTestId('recovery-set-aside').click();
  const backups = (await backupKeys(page)).sort();
  expect(backups).toHaveLength(3);
  expect(backups.slice(0, 2)).toEqual([`${STORE_BACKUP_PREFIX}20260102T000000Z`, `${STORE_BACKUP_PREFIX}20260103T000000Z`]);
  expect(await stored(page, backups[2])).toBe('not json');
});
