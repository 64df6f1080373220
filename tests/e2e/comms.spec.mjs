// Issue "commands + comms", the comms part: the runbook's Slack update, status
// page notice and postmortem filled from the incident session, in English,
// Chinese or both, copied (recorded as an update sent) or downloaded.
import { axeViolations } from '../support/a11y.mjs';
import { chooseLanguage, pageWidths } from '../support/app.mjs';
import { expect, saveScreenshot, test } from '../support/fixtures.mjs';
import {
  DESKTOP, PHONE, addNote, downloadFrom, startFromForm, startIncident, timelineEntries,
} from '../support/flows.mjs';

// A stack of its own: other spec files may run at the same time on this machine.
test.use({ stackOptions: { id: 'e2e-session' } });

const message = (page, kind) => page.getByTestId(`message-${kind}`);
const messageText = async (page, kind) => message(page, kind).getByTestId('message-text').textContent();

// "HH:MM UTC" of now + `minutes`, rounded up to the minute (the tests run in UTC), with the
// date in front when that is another day, as the app writes it.
function hhmmIn(minutes) {
  const now = new Date();
  const due = new Date(now.getTime() + minutes * 60_000);
  if (due.getUTCSeconds() || due.getUTCMilliseconds()) due.setUTCMinutes(due.getUTCMinutes() + 1, 0, 0);
  const iso = due.toISOString();
  const sameDay = iso.slice(0, 10) === now.toISOString().slice(0, 10);
  return `${sameDay ? '' : `${iso.slice(0, 10)} `}${iso.slice(11, 16)} UTC`;
}

// Starts a P2 incident from an alert that fired `minutesAgo` minutes ago.
async function startFromAlert(page, { minutesAgo, commander = 'alice', impact = '' }) {
  const started = Math.floor(Date.now() / 1000) - minutesAgo * 60;
  await page.goto(`/incident/new?alert=InstantlyRateLimited&severity=P2&namespace=prod&started=${started}`);
  await startFromForm(page, { commander, impact });
  await expect(page.getByTestId('incident-active')).toBeVisible();
  return started;
}

test('the Slack update shows the severity marker, status, commander and next update time, and copying it counts as an update sent', async ({ page, context, stack }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.baseURL });
  await startFromAlert(page, { minutesAgo: 30, commander: '@alice', impact: 'Campaign sends failing for some customers' });
  await page.getByTestId('status-select').selectOption('identified');
  const bar = page.getByTestId('incident-bar');
  // P2 updates hourly: the first is due an hour after the alert fired.
  await expect(bar.getByTestId('next-update')).toHaveText(/^Next update: (29|30) min left$/);

  await page.locator('nav.main-nav a[href$="/comms"]').click();
  await expect(page.getByTestId('comms-incident')).toContainText(' · P2 · Identified · Next update due: ');
  await page.getByTestId('comms-current-action').fill('Enabling request queuing');
  const before = hhmmIn(60);
  const slack = await messageText(page, 'slack_update');
  const after = hhmmIn(60);
  const nextUpdate = /^Next update: (.+)$/m.exec(slack)?.[1];
  expect([before, after]).toContain(nextUpdate);
  expect(slack).toBe([
    '🟠 P2 INCIDENT: Instantly Integration',
    'Status: IDENTIFIED',
    'Impact: Campaign sends failing for some customers',
    'Current action: Enabling request queuing',
    `Next update: ${nextUpdate}`,
    'Incident commander: @alice',
  ].join('\n'));

  // The marker and the status follow the incident.
  await page.goto('/incident');
  // The update is due 20 minutes after the severity change, which may be a minute before the
  // message is read: the window starts before the change.
  const p1Before = hhmmIn(20);
  await page.getByTestId('severity-select').selectOption('P1');
  await page.getByTestId('status-select').selectOption('monitoring');
  await page.goto('/comms');
  await expect(page.getByTestId('comms-incident')).toContainText(' · P1 · Monitoring · ');
  const p1 = await messageText(page, 'slack_update');
  const p1After = hhmmIn(20);
  expect(p1.split('\n').slice(0, 2)).toEqual(['🔴 P1 INCIDENT: Instantly Integration', 'Status: MONITORING']);
  // P1 updates every 20 minutes; the typed action was kept.
  expect(p1).toContain(`Current action: Enabling request queuing\nNext update: `);
  expect([p1Before, p1After]).toContain(/^Next update: (.+)$/m.exec(p1)?.[1]);

  // Copied: on the clipboard as shown, recorded as sent, and the update clock restarts.
  await message(page, 'slack_update').getByTestId('copy-button').click();
  await expect(message(page, 'slack_update').getByTestId('copy-status')).toHaveText('Copied to the clipboard.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(p1);
  await expect(bar.getByTestId('next-update')).toHaveText(/^Next update: (19|20) min left$/);
  await expect(bar.getByTestId('next-update')).toHaveAttribute('data-state', 'pending');
  await page.goto('/incident');
  const sent = (await timelineEntries(page)).filter((e) => e.kind === 'message_sent');
  expect(sent.map((e) => e.text)).toEqual(['Sent update: Internal (Slack)']);
});

test('messages in English, Chinese and both, following the app language until one is chosen', async ({ page }) => {
  await startIncident(page, { commander: 'alice', severity: 'P2', impact: 'Webhook delays' });
  await page.goto('/comms');
  const select = page.getByTestId('message-lang');
  const pre = message(page, 'slack_update').getByTestId('message-text');
  await expect(select).toHaveValue('en');
  await expect(pre).toHaveAttribute('lang', 'en');
  const en = await pre.textContent();
  expect(en.split('\n')[0]).toBe('🟠 P2 INCIDENT: Instantly Integration');
  expect(en).not.toMatch(/[\u4e00-\u9fff]/);
  const statusEn = await messageText(page, 'status_page');
  expect(statusEn).toMatch(/^Instantly Integration Issue\n\nWe're experiencing issues with our Instantly integration\.\nSome users may experience Webhook delays\./);

  // The app in Chinese: messages follow.
  await chooseLanguage(page, 'zh', { runbook: false });
  await expect(select).toHaveValue('zh');
  await expect(pre).toHaveAttribute('lang', 'zh-CN');
  const zh = await pre.textContent();
  expect(zh.split('\n').slice(0, 3)).toEqual(['🟠 P2事件:Instantly集成', '状态:排查中', '影响:Webhook delays']);
  expect(zh).toMatch(/^下次更新时间:\d\d:\d\d UTC$/m);
  expect(zh).toContain('事件负责人:@alice');
  const statusZh = await messageText(page, 'status_page');
  expect(statusZh).toMatch(/^Instantly集成故障\n\n我们的Instantly集成目前出现问题,部分用户可能遇到Webhook delays。/);

  // Both: English, the separator, Chinese; no single language tag on the block.
  await select.selectOption('both');
  await expect(pre).not.toHaveAttribute('lang', /.+/);
  expect(await pre.textContent()).toBe(`${en}\n\n---\n\n${zh}`);
  expect(await messageText(page, 'status_page')).toBe(`${statusEn}\n\n---\n\n${statusZh}`);
  // A choice made here stays when the app language changes.
  await chooseLanguage(page, 'en', { runbook: false });
  await expect(select).toHaveValue('both');
  await select.selectOption('en');
  expect(await pre.textContent()).toBe(en);
});

test('the postmortem download has the session timeline, the notes and the computed duration', async ({ page }) => {
  const started = await startFromAlert(page, { minutesAgo: 45, impact: 'Sequences paused' });
  await page.getByTestId('status-select').selectOption('identified');
  await addNote(page, 'Bulk import job exceeded the Instantly rate limit');
  await addNote(page, 'Queue mode enabled; 429s falling');
  const entries = await timelineEntries(page);
  expect(entries.map((e) => e.kind)).toEqual(['started', 'status_changed', 'note', 'note']);

  await page.goto('/comms');
  await page.getByTestId('comms-summary').fill('A bulk import exceeded the Instantly rate limit.');
  const download = await downloadFrom(page, page.getByTestId('download-postmortem'));
  expect(download.name).toBe(`incident-${new Date(started * 1000).toISOString().slice(0, 16).replace(/[-:]/g, '')}Z-postmortem.md`);
  const text = download.text;
  expect(text).toBe(await messageText(page, 'postmortem'));
  const minutes = Math.floor((Date.now() / 1000 - started) / 60);
  const lines = text.split('\n');
  expect(lines.slice(0, 4)).toEqual([
    '## Incident: Instantly [Error Type]',
    `**Date:** ${new Date(started * 1000).toISOString().slice(0, 10)} (times in UTC)`,
    expect.stringMatching(new RegExp(`^\\*\\*Duration:\\*\\* (${minutes - 1}|${minutes}) minutes \\(ongoing\\)$`)),
    '**Severity:** P2',
  ]);
  expect(minutes).toBeGreaterThanOrEqual(45);
  expect(text).toContain('### Summary\nA bulk import exceeded the Instantly rate limit.\n');
  expect(text).toContain('- Description: Sequences paused\n');
  // Every timeline entry, at its time, in order (notes as typed, Markdown-escaped).
  // HH:MM, with the date in front for a day other than the start's (as the postmortem writes it).
  const startDay = entries[0].at.slice(0, 10);
  const hhmm = (iso) => {
    const t = new Date(iso).toISOString();
    return t.slice(0, 10) === startDay ? t.slice(11, 16) : `${t.slice(0, 10)} ${t.slice(11, 16)}`;
  };
  const timeline = text.split('### Timeline\n')[1].split('\n\n')[0].split('\n');
  expect(timeline).toEqual([
    `- ${hhmm(entries[0].at)} - Incident started: P2, from alert InstantlyRateLimited (start time from the alert)`,
    `- ${hhmm(entries[1].at)} - Status Investigating → Identified`,
    `- ${hhmm(entries[2].at)} - Bulk import job exceeded the Instantly rate limit`,
    `- ${hhmm(entries[3].at)} - Queue mode enabled; 429s falling`,
  ]);

  // In Chinese, and the downloads are in the incident's timeline.
  await page.getByTestId('message-lang').selectOption('zh');
  const zh = await downloadFrom(page, page.getByTestId('download-postmortem'));
  expect(zh.text).toMatch(new RegExp(`^\\*\\*持续时间:\\*\\* (${minutes - 1}|${minutes}|${minutes + 1})分钟\\(进行中\\)$`, 'm'));
  expect(zh.text).toContain(`- ${hhmm(entries[2].at)} - Bulk import job exceeded the Instantly rate limit`);
  expect(zh.text).toContain(`- ${hhmm(entries[1].at)} - 状态 排查中 → 已定位`);
  await page.goto('/incident');
  const downloads = (await timelineEntries(page)).filter((e) => e.kind === 'download').map((e) => e.text);
  expect(downloads).toEqual([`Downloaded: postmortem (${download.name})`, `Downloaded: postmortem (${download.name})`]);
});

test('without an incident the templates keep the runbook placeholders and say how to fill them', async ({ page }) => {
  await page.goto('/comms');
  await expect(page.getByTestId('comms-no-incident')).toBeVisible();
  expect(await messageText(page, 'slack_update')).toBe([
    '🔴 P1 INCIDENT: Instantly Integration', 'Status: INVESTIGATING', 'Impact: [Describe user impact]',
    "Current action: [What you're doing]", 'Next update: [Time]', 'Incident commander: @[name]',
  ].join('\n'));
});

test('the comms page with an open incident has no axe violations and no sideways scrolling on a phone', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await startFromAlert(page, { minutesAgo: 10, impact: 'Sequences paused' });
  await page.goto('/comms');
  await page.getByTestId('comms-current-action').fill('Enabling request queuing');
  for (const mode of ['en', 'zh', 'both']) {
    await chooseLanguage(page, mode, { runbook: false });
    expect(await axeViolations(page), `axe (${mode})`).toEqual([]);
    const { scrollWidth, clientWidth } = await pageWidths(page);
    expect(scrollWidth, `${mode}: no sideways scrolling`).toBeLessThanOrEqual(clientWidth);
  }
});

test('screenshots: the comms page on desktop and phone, in English and Chinese', async ({ page }) => {
  await startFromAlert(page, { minutesAgo: 10, impact: 'Sequences paused' });
  await page.goto('/comms');
  await page.getByTestId('comms-current-action').fill('Enabling request queuing');
  for (const [device, size] of [['desktop', DESKTOP], ['mobile', PHONE]]) {
    await page.setViewportSize(size);
    for (const mode of ['en', 'zh']) {
      await chooseLanguage(page, mode, { runbook: false });
      await expect(page.locator('#main h1')).toHaveText(mode === 'en' ? 'Communication' : '沟通');
      await saveScreenshot(page, `comms-${device}-${mode}`);
      const { scrollWidth, clientWidth } = await pageWidths(page);
      expect.soft(scrollWidth, `${device} ${mode}: no sideways scrolling`).toBeLessThanOrEqual(clientWidth);
    }
  }
});
