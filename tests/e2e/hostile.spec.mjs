// Issue "hardening": hostile values through every input a person or a link can
// reach: command settings, notes, alert links and imported files. Each one is
// refused with a bilingual message naming the field, or handled safely, and the
// app is alive afterwards (a click still works, no page error).
import { chooseLanguage } from '../support/app.mjs';
import { expect, test } from '../support/fixtures.mjs';
import { addNote, savedStore, startIncident, timelineEntries } from '../support/flows.mjs';

test.use({ stackOptions: { id: 'e2e-hostile' } });

// The app still answers: the language switch changes the page, and back.
async function expectAlive(page) {
  await chooseLanguage(page, 'zh', { runbook: false });
  await chooseLanguage(page, 'en', { runbook: false });
}

// A bilingual error (BothLangs) that names `field` in English and `fieldZh` in Chinese.
async function expectBilingualError(locator, field, fieldZh) {
  await expect(locator).toBeVisible();
  await expect(locator.locator('[lang="en"]')).toContainText(field);
  await expect(locator.locator('[lang="zh-CN"]')).toContainText(fieldZh);
}

// kubectl calls aimed at a namespace (kubeconfig queries such as `kubectl config get-contexts` name none).
const kubectlShown = (page) => page.locator('.actions .command[data-command]:not(.command-invalid) pre code', { hasText: / -n / });

const HOSTILE_SETTINGS = [
  { field: 'namespace', value: '--kubeconfig=evil.yaml', en: 'Namespace', zh: '命名空间' },
  { field: 'namespace', value: 'ｐｒｏｄ', en: 'Namespace', zh: '命名空间' },
  { field: 'namespace', value: 'prod\u00a0', en: 'Namespace', zh: '命名空间' },
  { field: 'kube_context', value: '--kubeconfig=evil.yaml', en: 'context', zh: 'kube.context' },
  { field: 'label_selector', value: "app=x' ; id ; '", en: 'selector', zh: '选择器' },
];

for (const { field, value, en, zh } of HOSTILE_SETTINGS) {
  test(`command setting ${field} = ${JSON.stringify(value)} is refused by name and yields no kubectl command`, async ({ page }) => {
    await startIncident(page, { commander: 'alice' });
    await page.goto('/actions');
    await expect(kubectlShown(page).first()).toBeVisible();
    await page.getByTestId(`override-${field}`).fill(value);
    await expectBilingualError(page.getByTestId(`override-error-${field}`), en, zh);
    const texts = await page.locator('.actions pre code').allTextContents();
    expect(texts.join('\n')).not.toContain(value);
    if (field !== 'label_selector') await expect(kubectlShown(page)).toHaveCount(0);
    await expectAlive(page);
  });
}

// Valid URLs with curl's glob syntax: kept, quoted, and never expanded (--globoff).
for (const url of ['https://health.example.com/{a,b}', 'https://health.example.com/[1-9]']) {
  test(`the URL ${JSON.stringify(url)} is used as one literal URL`, async ({ page }) => {
    await page.goto('/actions');
    await page.getByTestId('override-public_health_url').fill(url);
    await expect(page.getByTestId('override-error-public_health_url')).toHaveCount(0);
    const health = page.locator('.actions [data-command="health_check"] pre code').first();
    await expect(health).toContainText(`--globoff '${url}'`);
    await expectAlive(page);
  });
}

const HOSTILE_URLS = [
  'https://health.example.com/\u202egpj.exe',
  'https://hеalth.example.com/',
  'javascript:alert(1)',
];

for (const url of HOSTILE_URLS) {
  test(`the URL ${JSON.stringify(url)} is refused by name and appears in no command`, async ({ page }) => {
    await page.goto('/actions');
    await expect(page.getByTestId('override-public_health_url')).toBeVisible();
    await page.getByTestId('override-public_health_url').fill(url);
    await expectBilingualError(page.getByTestId('override-error-public_health_url'), 'public_health_url', 'public_health_url');
    const texts = await page.locator('.actions pre code').allTextContents();
    expect(texts.join('\n')).not.toContain(url);
    await expect(page.locator('a[href^="javascript:"]')).toHaveCount(0);
    await expectAlive(page);
  });
}

test('notes: markup stays text, a forged status line stays inside the note, 4,001 characters are refused', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', async (d) => {
    dialogs += 1;
    await d.dismiss();
  });
  await startIncident(page, { commander: 'alice' });
  const markup = '"><svg/onload=alert(1)>';
  await addNote(page, markup);
  await expect(page.locator('.incident-page svg[onload]')).toHaveCount(0);
  expect(dialogs).toBe(0);

  await page.getByTestId('note-input').fill('line1\r\nStatus: RESOLVED');
  await page.getByTestId('note-add').click();
  await expect(page.locator('.incident-page > .timeline [data-kind="note"]')).toHaveCount(2);

  await page.getByTestId('note-input').fill('x'.repeat(4001));
  await page.getByTestId('note-add').click();
  await expectBilingualError(page.getByTestId('note-error'), '4000', '4000');
  await expect(page.locator('.incident-page > .timeline [data-kind="note"]')).toHaveCount(2);

  // The same forged line typed as the Slack update's current action stays on its own line.
  await page.goto('/comms');
  await page.getByTestId('comms-current-action').fill('line1\r\nStatus: RESOLVED');
  const slack = page.getByTestId('message-slack_update').getByTestId('message-text');
  await expect(slack).toContainText('line1');
  const statusLines = (await slack.textContent()).split('\n').filter((l) => /^\s*\*?Status/.test(l));
  expect(statusLines, 'one status line, the real one').toHaveLength(1);
  expect(statusLines[0]).not.toContain('RESOLVED');
  await expectAlive(page);
});

const BAD_STARTS = ['1e10', '-1', 'NaN', '99999999999999999999'];

for (const started of BAD_STARTS) {
  test(`an alert link with started=${started} is not believed, and the incident starts now`, async ({ page }) => {
    const before = Date.now();
    await page.goto(`/incident/new?alert=SomeAlert&severity=P2&started=${encodeURIComponent(started)}`);
    await expect(page.getByTestId('prefill-problem').first()).toBeVisible();
    await expect(page.getByTestId('prefill-problem').first().locator('[lang="en"]')).toContainText('started');
    await page.getByTestId('start-commander').fill('alice');
    await page.getByTestId('start-submit').click();
    await expect(page.getByTestId('incident-active')).toBeVisible();
    const [first] = await timelineEntries(page);
    expect(Date.parse(first.at)).toBeGreaterThanOrEqual(before - 2000);
    await expectAlive(page);
  });
}

test('an alert link with 50,000 repeated keys opens quickly and stays usable', async ({ page }) => {
  const query = `alert=SomeAlert&${'severity=P2&'.repeat(50_000)}namespace=payments`;
  // nginx refuses a 600 KB request line (414), so the link is followed inside the app, as a
  // link clicked in the page would be.
  const response = await page.request.get(`/incident/new?${query}`, { failOnStatusCode: false });
  expect(response.status()).toBe(414);
  await page.goto('/incident');
  await expect(page.getByTestId('start-incident')).toBeVisible();
  const started = Date.now();
  await page.evaluate((url) => {
    history.pushState(null, '', url);
    dispatchEvent(new PopStateEvent('popstate'));
  }, `/incident/new?${query}`);
  await expect(page.getByTestId('prefill')).toBeVisible();
  expect(Date.now() - started, 'ms to show the prefill').toBeLessThan(10_000);
  await expect(page.getByTestId('prefill-problem').first()).toBeVisible();
  await expectAlive(page);
});

// An export file made from a real incident, then changed by `mutate`.
async function exportFile(page, mutate) {
  await startIncident(page, { commander: 'alice' });
  const incident = structuredClone((await savedStore(page)).active);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  const file = { format: 'incident-runbook/incident', version: 2, incident };
  mutate(file);
  return Buffer.from(JSON.stringify(file));
}

const HOSTILE_FILES = [
  {
    name: 'a start time in the year 262142',
    mutate: (f) => { f.incident.started_at = '+262142-12-31T23:59:59Z'; },
    en: 'started_at',
    zh: 'started_at',
  },
  {
    name: 'a start time in 1970',
    mutate: (f) => { f.incident.started_at = '1970-01-01T00:00:00Z'; },
    en: 'started_at',
    zh: 'started_at',
  },
  {
    name: 'a timeline entry dated in the year 9999',
    mutate: (f) => { f.incident.timeline[0].at = '9999-12-31T23:59:59Z'; },
    en: 'timeline',
    zh: 'timeline',
  },
  {
    name: 'format version 3',
    mutate: (f) => { f.version = 3; },
    en: 'version 3',
    zh: '版本 3',
  },
];

for (const { name, mutate, en, zh } of HOSTILE_FILES) {
  test(`import: a file with ${name} is refused by name, and nothing is lost`, async ({ page }) => {
    const buffer = await exportFile(page, mutate);
    await page.goto('/incident');
    await page.getByTestId('import-input').setInputFiles({ name: 'hostile.json', mimeType: 'application/json', buffer });
    await expectBilingualError(page.getByTestId('import-error'), en, zh);
    await expect(page.getByTestId('past-incident')).toHaveCount(0);
    await expectAlive(page);
  });
}

test('import: a timeline entry with "id": 4294967295 imports, reopens and takes new entries without wrapping', async ({ page }) => {
  const buffer = await exportFile(page, (f) => {
    f.incident.status = 'resolved';
    f.incident.resolved_at = new Date().toISOString();
    f.incident.timeline[0].id = 4294967295;
  });
  await page.goto('/incident');
  await page.getByTestId('import-input').setInputFiles({ name: 'max-id.json', mimeType: 'application/json', buffer });
  await expect(page.getByTestId('import-ok')).toBeVisible();
  await page.getByTestId('past-incident').getByTestId('reopen').click();
  await expect(page.getByTestId('incident-active')).toBeVisible();
  await addNote(page, 'after the largest id');
  const ids = (await timelineEntries(page)).map((e) => e.id);
  expect(new Set(ids).size, `distinct ids: ${ids}`).toBe(ids.length);
  expect(ids.every((id) => Number.isSafeInteger(id) && id > 0), `${ids}`).toBe(true);
  await expectAlive(page);
});

test('import: a 3 MB file is refused before it is read, naming the limit', async ({ page }) => {
  await page.goto('/incident');
  const buffer = Buffer.alloc(3 * 1024 * 1024, 0x20);
  await page.getByTestId('import-input').setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer });
  await expectBilingualError(page.getByTestId('import-error'), '2097152', '2097152');
  await expectAlive(page);
});
