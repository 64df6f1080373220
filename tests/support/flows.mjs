// Browser steps the incident, wizard, commands and comms tests share: start an
// incident, walk the decision tree, read the timeline, the saved store, the
// deployed config and downloaded files.
//   const incident = await startIncident(page, { commander: 'alice' });
//   const path = await walkWizardConfirming(page);
//   const entries = await timelineEntries(page);
import { readFile } from 'node:fs/promises';
import { expect } from '@playwright/test';

export const STORE_KEY = 'incident-runbook.incidents';
export const STORE_BACKUP_PREFIX = 'incident-runbook.incidents.backup.';

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

// The config.json the server deploys (what the app reads at start).
// Holds config.json until the returned function is called (the app starts without it meanwhile).
export async function holdConfig(page) {
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  await page.route('**/config.json', async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

export async function deployedConfig(request) {
  const response = await request.get('/config.json');
  expect(response.ok()).toBe(true);
  return response.json();
}

// The same "YYYY-MM-DD HH:MM:SS UTC" the app prints (the timeline's UTC column).
export function utcText(date) {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

// Opens /incident and starts an incident with the start form. Returns the
// incident id shown. `severity` (P1-P4) is chosen only when given: otherwise the
// form's own value (the live suggestion) stays.
export async function startIncident(page, { commander = 'alice', impact = '', namespace, severity } = {}) {
  const path = new URL(page.url(), 'http://x').pathname;
  if (!/(^|\/)incident$/.test(path) && !path.startsWith('/incident')) await page.goto('/incident');
  const form = page.getByTestId('start-incident');
  await expect(form).toBeVisible();
  await startFromForm(page, { commander, impact, namespace, severity });
  await expect(page.getByTestId('incident-active')).toBeVisible();
  return (await page.getByTestId('incident-id').textContent()).trim();
}

// Fills and submits whichever start form is on the page (incident page, alert
// link, wizard outcome).
export async function startFromForm(page, { commander = 'alice', impact = '', namespace, severity } = {}) {
  const form = page.getByTestId('start-incident');
  if (severity) await form.getByTestId('start-severity').selectOption(severity);
  await form.getByTestId('start-commander').fill(commander);
  if (impact) await form.getByTestId('start-impact').fill(impact);
  if (namespace !== undefined) await form.getByTestId('start-namespace').fill(namespace);
  await form.getByTestId('start-submit').click();
  await expect(form).toHaveCount(0);
}

// Waits until the current wizard question has a live suggestion (not "unknown")
// and returns its answer value.
export async function waitForSuggestion(page) {
  const box = page.getByTestId('wizard-suggestion');
  await expect(box).toHaveAttribute('data-suggested', /^(?!unknown$).+/, { timeout: 15_000 });
  return box.getAttribute('data-suggested');
}

// Answers every question with its live suggestion (the Confirm button) until an
// outcome shows. Returns [{ node, suggested }] in the order asked.
export async function walkWizardConfirming(page, { maxSteps = 8 } = {}) {
  const asked = [];
  for (let i = 0; i < maxSteps; i += 1) {
    const question = page.getByTestId('wizard-question');
    const outcome = page.getByTestId('wizard-outcome');
    await expect(question.or(outcome)).toBeVisible();
    if (await outcome.isVisible()) return asked;
    const node = await question.getAttribute('data-node');
    const suggested = await waitForSuggestion(page);
    asked.push({ node, suggested });
    await page.getByTestId('wizard-confirm').click();
    await expect(page.getByTestId('wizard-step').last()).toHaveAttribute('data-node', node);
  }
  throw new Error(`no outcome after ${maxSteps} answers: ${JSON.stringify(asked)}`);
}

// The answered steps the wizard lists: [{ node, source, text }].
export function wizardSteps(page) {
  return page.getByTestId('wizard-step').evaluateAll((items) => items.map((li) => ({
    node: li.dataset.node,
    source: li.dataset.source,
    text: li.querySelector('strong').textContent.trim(),
  })));
}

// The open incident's timeline on /incident (not the past incidents' ones):
// [{ id, kind, at (ISO from the datetime attribute), utc, text }] in page order.
export async function timelineEntries(page) {
  await page.locator('.incident-page').waitFor();
  return page.locator('.incident-page > .timeline [data-testid="timeline-entry"]').evaluateAll((items) =>
    items.map((li) => ({
      id: Number(li.dataset.entryId),
      kind: li.dataset.kind,
      at: li.querySelector('time').getAttribute('datetime'),
      utc: li.querySelector('time .utc').textContent,
      text: li.querySelector('.tl-text').textContent.trim(),
    })));
}

// Adds a note on /incident and waits until the timeline shows it.
export async function addNote(page, text) {
  await page.getByTestId('note-input').fill(text);
  await page.getByTestId('note-add').click();
  await expect(page.locator('.incident-page > .timeline [data-kind="note"] .tl-text').filter({ hasText: text })).toHaveCount(1);
  await expect(page.getByTestId('note-input')).toHaveValue('');
}

// Every localStorage item, parsed as JSON where it is JSON: { key: value }.
export function localStorageDump(page) {
  return page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((key) => {
    const raw = localStorage.getItem(key);
    try {
      return [key, JSON.parse(raw)];
    } catch {
      return [key, raw];
    }
  })));
}

// The saved incident store, parsed.
export async function savedStore(page) {
  const raw = await page.evaluate((key) => localStorage.getItem(key), STORE_KEY);
  return raw === null ? null : JSON.parse(raw);
}

// Clicks `button` and returns the download it starts: { name, text }.
export async function downloadFrom(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), path, text: await readFile(path, 'utf8') };
}

// Records every console error and page error of a page the `consoleErrors`
// fixture does not watch (a page of another browser context).
export function watchErrors(page) {
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}
