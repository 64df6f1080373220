// Issue "wizard + incident session", the session part: starting from an alert
// link, the incident bar's clocks on every page, the timeline, resolve, reopen,
// export and import, and saved data that cannot be read.
import { axeViolations } from '../support/a11y.mjs';
import { chooseLanguage, pageWidths, waitForRunbook } from '../support/app.mjs';
import { expect, saveScreenshot, test } from '../support/fixtures.mjs';
import {
  DESKTOP, PHONE, STORE_BACKUP_PREFIX, STORE_KEY, addNote, deployedConfig, downloadFrom, localStorageDump, savedStore,
  startFromForm, startIncident, timelineEntries, utcText,
} from '../support/flows.mjs';

// A stack of its own: other spec files may run at the same time on this machine.
test.use({ stackOptions: { id: 'e2e-session' } });

const nowSecs = () => Math.floor(Date.now() / 1000);
const alertLink = (params) => `/incident/new?${new URLSearchParams(params)}`;
const minutesIn = (text) => Number(/(\d+) min/.exec(text)?.[1]);

// Opens an alert link, starts the incident it pre-fills and lands on /incident.
async function startFromAlert(page, { severity, minutesAgo, commander = 'alice' }) {
  const started = nowSecs() - minutesAgo * 60;
  await page.goto(alertLink({ alert: 'InstantlyRateLimited', severity, namespace: 'prod', started }));
  await startFromForm(page, { commander });
  await expect(page).toHaveURL(/\/incident$/);
  await expect(page.getByTestId('incident-active')).toBeVisible();
  return started;
}

test('the alert deep link pre-fills severity, namespace and start time, and the incident starts from them', async ({ page }) => {
  const started = nowSecs() - 600;
  await page.goto(alertLink({ alert: 'InstantlyRateLimited', severity: 'P2', namespace: 'prod', started }));
  await expect(page.locator('#main h1')).toHaveText('New incident');
  await expect(page.getByTestId('prefill-alert')).toHaveText('InstantlyRateLimited');
  await expect(page.getByTestId('prefill-severity')).toHaveText('P2');
  await expect(page.getByTestId('prefill-namespace')).toHaveText('prod');
  await expect(page.getByTestId('prefill-started').locator('.utc')).toHaveText(utcText(new Date(started * 1000)));
  await expect(page.getByTestId('prefill-problem')).toHaveCount(0);
  // The form holds those values.
  await expect(page.getByTestId('start-severity')).toHaveValue('P2');
  await expect(page.getByTestId('start-severity-alert')).toHaveText('The alert link says: P2');
  await expect(page.getByTestId('start-namespace')).toHaveValue('prod');
  await expect(page.getByTestId('start-use-alert-time')).toBeChecked();

  await startFromForm(page, { commander: '@carol' });
  await expect(page).toHaveURL(/\/incident$/);
  await expect(page.getByTestId('incident-started').locator('.utc')).toHaveText(utcText(new Date(started * 1000)));
  await expect(page.getByTestId('incident-started')).toContainText('(when the alert fired)');
  await expect(page.getByTestId('incident-alert')).toHaveText('InstantlyRateLimited');
  await expect(page.getByTestId('incident-namespace')).toHaveText('prod');
  await expect(page.getByTestId('severity-select')).toHaveValue('P2');
  await expect(page.getByTestId('commander-input')).toHaveValue('carol');
  // Ten minutes in: P2 answers within the hour and updates hourly.
  const elapsed = minutesIn(await page.getByTestId('incident-elapsed').textContent());
  expect(elapsed === 10 || elapsed === 11, `elapsed ${elapsed} min`).toBe(true);
  await expect(page.getByTestId('incident-response')).toHaveText(/^< 1 hour · (49|50) min left$/);
  await expect(page.getByTestId('incident-next-update')).toContainText(/^(49|50) min left · Write the update$/);

  const [first] = await timelineEntries(page);
  expect(first).toMatchObject({
    kind: 'started',
    at: new Date(started * 1000).toISOString().replace('.000Z', '+00:00'),
    text: 'Incident started: P2, from alert InstantlyRateLimited (start time from the alert)',
  });
  // The alert's namespace became this incident's command namespace.
  await page.locator('nav.main-nav a[href$="/actions"]').click();
  await expect(page.getByTestId('target-namespace')).toHaveText('prod');
});

test('a bad alert link names what it could not use, in both languages, and falls back', async ({ page, request }) => {
  const config = await deployedConfig(request);
  await page.goto(alertLink({ alert: 'InstantlyRateLimited', severity: 'P9', namespace: 'Prod;rm', started: String(nowSecs() + 3600) }));
  const problems = page.getByTestId('prefill-problem');
  await expect(problems).toHaveCount(3);
  await expect(problems.filter({ hasText: 'Severity "P9" is not one of P1-P4' })).toContainText('严重级别 "P9" 不是 P1-P4 之一');
  await expect(problems.filter({ hasText: 'Namespace "Prod;rm"' })).toContainText('使用配置中的命名空间');
  await expect(page.getByTestId('start-namespace')).toHaveValue('');
  await expect(page.getByTestId('start-namespace')).toHaveAttribute('placeholder', config.kube.namespace);
  await expect(page.getByTestId('start-use-alert-time')).toHaveCount(0);
});

test('the incident bar shows elapsed time, the response countdown and the next update on every page', async ({ page }) => {
  // P1 started 30 min ago: the 15 min response target and the 20 min update are both overdue.
  await startFromAlert(page, { severity: 'P1', minutesAgo: 30 });
  const pages = [
    { path: '/', ready: () => expect(page.getByTestId('library-item').first()).toBeVisible() },
    { path: '/r/instantly', ready: () => waitForRunbook(page) },
    // A link of the one-runbook app: it opens the runbook's own path.
    { path: '/runbook/severity-levels', ready: () => waitForRunbook(page) },
    { path: '/triage', ready: () => expect(page.getByTestId('signal-errors')).toBeVisible() },
    { path: '/wizard', ready: () => expect(page.getByTestId('wizard-question')).toBeVisible() },
    { path: '/actions', ready: () => expect(page.getByTestId('command-target')).toBeVisible() },
    { path: '/comms', ready: () => expect(page.getByTestId('comms-incident')).toBeVisible() },
    { path: '/incident', ready: () => expect(page.getByTestId('incident-active')).toBeVisible() },
    { path: '/no-such-page', ready: () => expect(page.locator('#main h1')).toHaveText('Page not found.') },
  ];
  const bar = page.getByTestId('incident-bar');
  for (const { path, ready } of pages) {
    await page.goto(path);
    await ready();
    await expect(bar, path).toBeVisible();
    await expect(bar).toHaveAttribute('data-severity', 'P1');
    await expect(bar.getByTestId('incident-bar-status')).toHaveText('Investigating');
    await expect(bar.getByTestId('elapsed')).toHaveText(/^Elapsed (30|31) min$/);
    await expect(bar.getByTestId('response-countdown')).toHaveText(/^Response: overdue by (15|16) min$/);
    await expect(bar.getByTestId('response-countdown')).toHaveAttribute('data-state', 'overdue');
    await expect(bar.getByTestId('next-update')).toHaveText(/^Next update: overdue by (10|11) min$/);
    await expect(bar.getByTestId('next-update')).toHaveAttribute('data-state', 'overdue');
    await expect(bar.locator('a')).toHaveAttribute('href', '/r/instantly/incident');
  }
  await chooseLanguage(page, 'zh', { runbook: false });
  await expect(bar.getByTestId('elapsed')).toHaveText(/^已持续 (30|31) 分钟$/);
  await expect(bar.getByTestId('response-countdown')).toHaveText(/^响应:已超时 (15|16) 分钟$/);
  await expect(bar.getByTestId('incident-bar-status')).toHaveText('排查中');

  // A lower severity moves the deadlines: P3 answers within 4 hours.
  await chooseLanguage(page, 'en', { runbook: false });
  await page.goto('/incident');
  await page.getByTestId('severity-select').selectOption('P3');
  await expect(bar).toHaveAttribute('data-severity', 'P3');
  await expect(bar.getByTestId('response-countdown')).toHaveText(/^Response: 3 h (29|30) min left$/);
  await expect(bar.getByTestId('response-countdown')).toHaveAttribute('data-state', 'pending');
});

test('the clocks count down while the page stays open, and turn overdue at the deadline', async ({ page }) => {
  await page.clock.install();
  await startIncident(page, { commander: 'alice', severity: 'P1' });
  const bar = page.getByTestId('incident-bar');
  await expect(bar.getByTestId('elapsed')).toHaveText('Elapsed 0 min');
  await expect(bar.getByTestId('response-countdown')).toHaveText('Response: 15 min left');
  await expect(bar.getByTestId('next-update')).toHaveText('Next update: 20 min left');

  await page.clock.fastForward('14:30');
  await expect(bar.getByTestId('elapsed')).toHaveText('Elapsed 14 min');
  await expect(bar.getByTestId('response-countdown')).toHaveText('Response: 1 min left');
  await expect(bar.getByTestId('response-countdown')).toHaveAttribute('data-state', 'pending');
  await page.clock.fastForward('02:00');
  await expect(bar.getByTestId('elapsed')).toHaveText('Elapsed 16 min');
  await expect(bar.getByTestId('response-countdown')).toHaveText('Response: overdue by 1 min');
  await expect(bar.getByTestId('response-countdown')).toHaveAttribute('data-state', 'overdue');
  await expect(page.getByTestId('incident-response')).toHaveText('< 15 min · overdue by 1 min');
  await expect(bar.getByTestId('next-update')).toHaveText('Next update: 4 min left');
  await page.clock.fastForward('05:00');
  await expect(bar.getByTestId('next-update')).toHaveText('Next update: overdue by 1 min');
  await expect(bar.getByTestId('next-update')).toHaveAttribute('data-state', 'overdue');
});

test('status changes and notes land in the timeline in time order, and notes edit in place', async ({ page }) => {
  await startIncident(page, { commander: 'alice' });
  const status = page.getByTestId('status-select');
  await status.selectOption('identified');
  await addNote(page, 'Rate limit hit after the bulk import job started');
  await status.selectOption('monitoring');
  await addNote(page, 'Queue mode enabled, 429s falling');
  await page.getByTestId('commander-input').fill('dave');
  await page.getByTestId('commander-save').click();
  await expect(page.getByTestId('incident-bar-status')).toHaveText('Monitoring');

  const entries = await timelineEntries(page);
  expect(entries.map((e) => [e.kind, e.text])).toEqual([
    ['started', expect.stringMatching(/^Incident started: P[1-4]$/)],
    ['status_changed', 'Status Investigating → Identified'],
    ['note', 'Rate limit hit after the bulk import job started'],
    ['status_changed', 'Status Identified → Monitoring'],
    ['note', 'Queue mode enabled, 429s falling'],
    ['commander_changed', 'Incident commander: @dave'],
  ]);
  const times = entries.map((e) => Date.parse(e.at));
  expect(times).toEqual([...times].sort((a, b) => a - b));
  for (const e of entries) expect(e.utc).toBe(utcText(new Date(e.at)));

  // Editing a note keeps its place and time, and says when it was edited.
  const firstNote = page.locator('.incident-page > .timeline [data-kind="note"]').first();
  await firstNote.getByTestId('note-edit').click();
  await firstNote.getByTestId('note-edit-input').fill('Rate limit hit after the 10:00 bulk import job');
  await firstNote.getByTestId('note-save').click();
  await expect(page.locator('.incident-page > .timeline [data-kind="note"]').first()).toContainText('(edited ');
  const edited = await timelineEntries(page);
  expect(edited.map((e) => [e.kind, e.at])).toEqual(entries.map((e) => [e.kind, e.at]));
  expect(edited[2].text).toBe('Rate limit hit after the 10:00 bulk import job');
  // An empty note is refused in both languages and nothing is added.
  await page.getByTestId('note-input').fill('   ');
  await page.getByTestId('note-add').click();
  await expect(page.getByTestId('note-error')).toContainText('A note cannot be empty');
  await expect(page.getByTestId('note-error')).toContainText('备注不能为空');
  expect(await timelineEntries(page)).toHaveLength(entries.length);
  // Saved the same way.
  const saved = await savedStore(page);
  expect(saved.active.timeline.map((e) => e.kind)).toEqual(entries.map((e) => e.kind));
});

test('resolve archives, reopen works, export downloads the timeline as JSON, and import reads it back', async ({ page }) => {
  const id = await startIncident(page, { commander: 'alice', impact: 'Sequences paused for some customers' });
  await addNote(page, 'Raised the limit with Instantly support');

  const exported = await downloadFrom(page, page.getByTestId('export'));
  expect(exported.name).toMatch(/^incident-\d{8}T\d{4}Z-incident\.json$/);
  const file = JSON.parse(exported.text);
  expect(file.format).toBe('incident-runbook/incident');
  expect(file.incident.id).toBe(id);
  expect(file.incident.impact).toBe('Sequences paused for some customers');
  expect(file.incident.timeline.map((e) => e.kind)).toEqual(['started', 'note']);
  expect(file.incident.timeline[1].text).toEqual({ written: 'Raised the limit with Instantly support' });
  // The download itself is recorded.
  await expect(page.locator('.incident-page > .timeline [data-kind="download"]')).toContainText(`Downloaded: Export JSON ${exported.name}`);

  // Resolve: archived, the bar disappears.
  await page.getByTestId('resolve').click();
  await expect(page.getByTestId('no-incident')).toBeVisible();
  await expect(page.getByTestId('incident-bar')).toHaveCount(0);
  const past = page.locator(`[data-testid="past-incident"][data-incident-id="${id}"]`);
  await expect(past.locator('.inc-past-head')).toHaveText(new RegExp(`^${id} · P[1-4] · Resolved$`));
  let saved = await savedStore(page);
  expect(saved.active).toBeNull();
  expect(saved.archive.map((i) => [i.id, i.status])).toEqual([[id, 'resolved']]);

  // Reopen: the same incident, investigating again, with the reopening recorded.
  await past.getByTestId('reopen').click();
  await expect(page.getByTestId('incident-id')).toHaveText(id);
  await expect(page.getByTestId('status-select')).toHaveValue('investigating');
  await expect(page.getByTestId('incident-bar-status')).toHaveText('Investigating');
  expect((await timelineEntries(page)).map((e) => e.kind)).toEqual(['started', 'note', 'download', 'status_changed', 'reopened']);

  // Resolved again through the status list, then exported from the archive.
  await page.getByTestId('status-select').selectOption('resolved');
  await expect(page.getByTestId('no-incident')).toBeVisible();
  const archived = await downloadFrom(page, past.getByTestId('export-past'));
  const archivedFile = JSON.parse(archived.text);
  expect(archivedFile.incident.status).toBe('resolved');
  expect(archivedFile.incident.resolved_at).toEqual(expect.any(String));
  expect(archivedFile.incident.timeline.map((e) => e.kind)).toEqual(
    ['started', 'note', 'download', 'status_changed', 'reopened', 'status_changed']);

  // The same id is here already: refused, in both languages.
  const importError = page.getByTestId('import-error');
  await page.getByTestId('import-input').setInputFiles(archived.path);
  await expect(importError.locator('[lang="en"]')).toHaveText(`An incident with the id "${id}" is already saved here; nothing was imported.`);
  await expect(importError.locator('[lang="zh-CN"]')).toHaveText(`此处已保存 id 为 "${id}" 的事件;未导入任何内容。`);

  // In a browser without it, the import brings back the incident and its timeline.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.getByTestId('past-incident')).toHaveCount(0);
  await page.getByTestId('import-input').setInputFiles(archived.path);
  await expect(page.getByTestId('import-ok')).toHaveText(`Imported into the past incidents: ${id}`);
  const imported = page.locator(`[data-testid="past-incident"][data-incident-id="${id}"]`);
  await imported.locator('summary').click();
  const shown = await imported.locator('[data-testid="timeline-entry"]').evaluateAll((items) =>
    items.map((li) => [li.dataset.kind, Date.parse(li.querySelector('time').getAttribute('datetime'))]));
  expect(shown).toEqual(archivedFile.incident.timeline.map((e) => [e.kind, Date.parse(e.at)]));
  await expect(imported.locator('[data-kind="note"]')).toContainText('Raised the limit with Instantly support');
  saved = await savedStore(page);
  expect(saved.archive.map((i) => i.id)).toEqual([id]);

  // A broken file: named, in both languages, and nothing changes.
  await page.getByTestId('import-input').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "incident-runbook/incident", "incident": ') });
  await expect(importError.locator('[lang="en"]')).toContainText('Cannot import: the file is not valid JSON');
  await expect(importError.locator('[lang="zh-CN"]')).toContainText('无法导入:文件不是有效的 JSON');
  await page.getByTestId('import-input').setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": "world"}') });
  await expect(importError.locator('[lang="en"]')).toContainText('Cannot import:');
  await expect(importError.locator('[lang="en"]')).not.toContainText('not valid JSON');
  await expect(importError.locator('[lang="zh-CN"]')).toContainText('无法导入:');
  await expect(page.getByTestId('past-incident')).toHaveCount(1);
});

test.describe('saved incidents that cannot be read', () => {
  const GARBAGE = '{"version": 2, "active": {"id": "inc-1"'; // cut off mid-write

  test.beforeEach(async ({ page }) => {
    // Only before the first load: later navigations must see what the app saved.
    await page.addInitScript(({ key, value }) => {
      if (sessionStorage.getItem('seeded')) return;
      localStorage.setItem(key, value);
      sessionStorage.setItem('seeded', '1');
    }, { key: STORE_KEY, value: GARBAGE });
  });

  test('are named in both languages, never written over, set aside on request, and the app works', async ({ page }) => {
    await page.goto('/incident');
    const banner = page.getByTestId('storage-recovery');
    await expect(banner).toBeVisible();
    await expect(banner).toHaveAttribute('role', 'alert');
    const message = banner.getByTestId('read-only');
    await expect(message.locator('[lang="en"]')).toHaveText(/^Saved incident data could not be read \(not valid JSON: .+\)\. It is left exactly as it is: nothing is saved in this browser until you export it or set it aside\.$/);
    await expect(message.locator('[lang="zh-CN"]')).toHaveText(/^无法读取已保存的事件数据\(不是有效的 JSON:.+\)。原数据保持不变:在您导出或将其另存之前,此浏览器不会保存任何内容。$/);

    // Working, but nothing is written over the unreadable data.
    await expect(page.getByTestId('no-incident')).toBeVisible();
    const id = await startIncident(page, { commander: 'alice' });
    await expect(page.getByTestId('incident-bar')).toBeVisible();
    expect(await page.evaluate((k) => localStorage.getItem(k), STORE_KEY)).toBe(GARBAGE);

    // Set aside: the unreadable text goes to a backup key, the incident is saved.
    await banner.getByTestId('recovery-set-aside').click();
    await expect(banner).toHaveCount(0);
    const stored = await localStorageDump(page);
    const backups = Object.keys(stored).filter((k) => k.startsWith(STORE_BACKUP_PREFIX));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^incident-runbook\.incidents\.backup\.\d{8}T\d{6}Z$/);
    expect(await page.evaluate((k) => localStorage.getItem(k), backups[0])).toBe(GARBAGE);
    expect((await savedStore(page)).active.id).toBe(id);

    await page.reload();
    await expect(page.getByTestId('incident-id')).toHaveText(id);
    await expect(page.getByTestId('storage-recovery')).toHaveCount(0);
    expect(await page.evaluate((k) => localStorage.getItem(k), backups[0])).toBe(GARBAGE);
  });
});

test('the incident page with an open incident has no axe violations and no sideways scrolling on a phone', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await startFromAlert(page, { severity: 'P2', minutesAgo: 10 });
  await addNote(page, 'Looking at the 429 share');
  await page.getByTestId('export').click();
  await page.getByTestId('status-select').selectOption('identified');
  for (const mode of ['en', 'zh']) {
    await chooseLanguage(page, mode, { runbook: false });
    expect(await axeViolations(page), `axe (${mode})`).toEqual([]);
    const { scrollWidth, clientWidth } = await pageWidths(page);
    expect(scrollWidth, `${mode}: no sideways scrolling`).toBeLessThanOrEqual(clientWidth);
  }
});

test('screenshots: the open incident on desktop and phone, in English and Chinese', async ({ page }) => {
  await startFromAlert(page, { severity: 'P2', minutesAgo: 10 });
  await addNote(page, 'Bulk import paused; 429s dropping');
  await page.getByTestId('status-select').selectOption('identified');
  for (const [device, size] of [['desktop', DESKTOP], ['mobile', PHONE]]) {
    await page.setViewportSize(size);
    for (const mode of ['en', 'zh']) {
      await chooseLanguage(page, mode, { runbook: false });
      await expect(page.getByTestId('incident-bar-status')).toHaveText(mode === 'en' ? 'Identified' : '已定位');
      await saveScreenshot(page, `incident-${device}-${mode}`);
      const { scrollWidth, clientWidth } = await pageWidths(page);
      expect.soft(scrollWidth, `${device} ${mode}: no sideways scrolling`).toBeLessThanOrEqual(clientWidth);
    }
  }
});

test('two tabs of one browser follow each other, so neither overwrites the other\'s timeline', async ({ page, context }) => {
  await startIncident(page, { commander: 'alice' });
  const other = await context.newPage();
  await other.goto('/incident');
  await expect(other.getByTestId('incident-active')).toBeVisible();
  const notes = (p, text) => p.locator('.incident-page > .timeline [data-kind="note"] .tl-text').filter({ hasText: text });

  await addNote(page, 'note from tab one');
  await expect(notes(other, 'note from tab one')).toHaveCount(1);
  await addNote(other, 'note from tab two');
  await expect(notes(page, 'note from tab two')).toHaveCount(1);

  await page.reload();
  const saved = (await timelineEntries(page)).filter((e) => e.kind === 'note').map((e) => e.text);
  expect(saved).toEqual(['note from tab one', 'note from tab two']);
  await other.close();
});

test.describe('notes dated by local clock time', () => {
  // 10:00 in Shanghai: far from midnight, so "20 minutes ago" and "in 30 minutes" stay on today's date,
  // and the local time is not UTC, so the conversion is exercised.
  test.use({ timezoneId: 'Asia/Shanghai' });

  test('a note can be dated earlier in local time and lands in event order; a future time is refused and the text kept', async ({ page }) => {
    // Today's 02:00 UTC: within a day of the real clock, so the app's live queries stay inside
    // the proxy's 7-day window.
    const tenInShanghai = new Date();
    tenInShanghai.setUTCHours(2, 0, 0, 0);
    await page.clock.install({ time: tenInShanghai });
    await page.goto('/incident');
    await startIncident(page, { commander: 'alice' });
    await addNote(page, 'note at the current time');

    const localHHMM = (offsetMinutes) => page.evaluate((m) => {
      const d = new Date(Date.now() + m * 60000);
      return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    }, offsetMinutes);

    await page.getByTestId('note-input').fill('vendor acknowledged, 20 minutes ago');
    await page.getByTestId('note-time').fill(await localHHMM(-20));
    await page.getByTestId('note-add').click();
    await expect(page.getByTestId('note-input')).toHaveValue('');
    const notes = (await timelineEntries(page)).filter((e) => e.kind === 'note');
    expect(notes.map((n) => n.text)).toEqual(['vendor acknowledged, 20 minutes ago', 'note at the current time']);
    const gapMinutes = (Date.parse(notes[1].at) - Date.parse(notes[0].at)) / 60000;
    expect(gapMinutes).toBeGreaterThanOrEqual(19);
    expect(gapMinutes).toBeLessThanOrEqual(21);

    await page.getByTestId('note-input').fill('this has not happened yet');
    await page.getByTestId('note-time').fill(await localHHMM(+30));
    await page.getByTestId('note-add').click();
    const error = page.getByTestId('note-error');
    await expect(error).toContainText('cannot be dated in the future');
    await expect(error).toContainText('不能晚于现在');
    await expect(page.getByTestId('note-input')).toHaveValue('this has not happened yet');
  });
});
