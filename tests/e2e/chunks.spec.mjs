// Every page but the runbook lives in a wasm chunk of its own (xtask/src/split.rs): the first
// load fetches none of them, a page fetches its chunk when first opened, and a chunk that cannot
// be fetched costs that page only, with a bilingual error and a retry. Reading config.json and a
// runbook's data is a chunk each too, fetched alongside the file it reads. The service worker is
// blocked here so that each fetch is the page's own (offline.spec.mjs covers the worker's copy).
import { expect, test } from '../support/fixtures.mjs';
import { chooseLanguage, waitForRunbook } from '../support/app.mjs';
import { startIncident } from '../support/flows.mjs';

test.use({ serviceWorkers: 'block' });

const PAGES = [
  ['/triage', 'triage', 'Live triage'],
  ['/wizard', 'wizard', 'Decision tree'],
  ['/actions', 'actions', 'Commands'],
  ['/comms', 'comms', 'Communication'],
  ['/incident', 'incident', 'Incident'],
];

// Pathnames of the wasm files the page fetched, in order.
function wasmRequests(page) {
  const seen = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith('.wasm')) seen.push(path);
  });
  return seen;
}

const chunkName = (path) => path.split('/').pop();
const INCIDENTS = 'split_incidents.wasm';
const CONFIG_READER = 'split_config_reader.wasm';
const RUNBOOK_READER = 'split_runbook_reader.wasm';
const splits = (wasm) => wasm.map(chunkName).filter((n) => n.startsWith('split_')).sort();
const isPageChunk = (path) => /^(split_|chunk_)/.test(chunkName(path));

test('the library loads the main wasm and the config reader; a runbook adds its data reader, no page', async ({ page }) => {
  const wasm = wasmRequests(page);
  await page.goto('/');
  await expect(page.getByTestId('library-item').first()).toBeVisible();
  await expect(page.locator('.env-badge')).not.toHaveText(/no config/);
  expect(chunkName(wasm[0])).toBe('incident-runbook_bg.wasm');
  expect(splits(wasm)).toEqual([CONFIG_READER]);
  const before = wasm.length;
  await page.getByTestId('library-item').first().getByRole('link').click();
  await waitForRunbook(page);
  expect(splits(wasm.slice(before))).toEqual([RUNBOOK_READER]);
});

test('the first load fetches the main wasm and the two readers only; each page fetches its own chunk when first opened', async ({ page }) => {
  const wasm = wasmRequests(page);
  await page.goto('/r/instantly');
  await waitForRunbook(page);
  expect(chunkName(wasm[0])).toBe('incident-runbook_bg.wasm');
  expect(splits(wasm)).toEqual([CONFIG_READER, RUNBOOK_READER]);

  for (const [href, split, title] of PAGES) {
    const before = wasm.length;
    await page.locator(`nav.main-nav a[href$="${href}"]`).click();
    await expect(page.locator('main h1').first()).toHaveText(title);
    const fetched = wasm.slice(before).map(chunkName);
    expect(fetched, `${href} fetched its split`).toContain(`split_${split}.wasm`);
    // The first page opened also brings the saved incidents' chunk, which every page needs.
    const pages = fetched.filter((name) => name.startsWith('split_') && name !== INCIDENTS);
    expect(pages, `${href} fetched no other page`).toEqual([`split_${split}.wasm`]);
    expect(fetched.includes(INCIDENTS), `${href} fetched the incidents chunk on first use only`).toBe(href === PAGES[0][0]);
  }

  const before = wasm.length;
  await page.locator('nav.main-nav a[href$="/wizard"]').click();
  await expect(page.locator('main h1').first()).toHaveText('Decision tree');
  expect(wasm.slice(before), 'a page opened again loads nothing').toEqual([]);
});

test('a deep link to a page loads its chunk with the main wasm', async ({ page }) => {
  const wasm = wasmRequests(page);
  await page.goto('/actions');
  await expect(page.locator('main h1').first()).toHaveText('Commands');
  expect(wasm.filter(isPageChunk).map(chunkName)).toContain('split_actions.wasm');
  expect(splits(wasm)).toEqual(['split_actions.wasm', CONFIG_READER, INCIDENTS, RUNBOOK_READER]);
});

test('with an incident saved, the runbook page brings the incidents chunk and shows the incident bar', async ({ page }) => {
  await startIncident(page, { commander: 'alice' });
  const wasm = wasmRequests(page);
  await page.goto('/r/instantly');
  await waitForRunbook(page);
  await expect(page.getByTestId('incident-bar')).toBeVisible();
  expect(splits(wasm)).toEqual([CONFIG_READER, INCIDENTS, RUNBOOK_READER]);
});

test('a tab with nothing saved shows the incident another tab starts', async ({ page, context }) => {
  await page.goto('/r/instantly');
  await waitForRunbook(page);
  const other = await context.newPage();
  await startIncident(other, { commander: 'alice' });
  await expect(page.getByTestId('incident-bar')).toBeVisible();
});

test('a chunk that cannot be fetched: a bilingual error with a retry, and the rest of the app still works', async ({ page, consoleErrors }) => {
  consoleErrors.allow(/Failed to fetch|ERR_FAILED|Failed to load resource/);
  let blocked = true;
  await page.route('**/split_wizard.wasm', (route) => (blocked ? route.abort('internetdisconnected') : route.continue()));
  await page.goto('/r/instantly');
  await waitForRunbook(page);

  await page.locator('nav.main-nav a[href$="/wizard"]').click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('This page could not be loaded');
  await chooseLanguage(page, 'zh', { runbook: false });
  await expect(alert).toContainText('无法加载此页');
  await chooseLanguage(page, 'en', { runbook: false });

  await page.locator('nav.main-nav a[href$="/comms"]').click();
  await expect(page.locator('main h1').first()).toHaveText('Communication');

  await page.locator('nav.main-nav a[href$="/wizard"]').click();
  await expect(alert).toContainText('This page could not be loaded');
  blocked = false;
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(page.locator('main h1').first()).toHaveText('Decision tree');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a runbook whose data reader cannot be fetched says so in both languages, and a retry opens it', async ({ page, consoleErrors }) => {
  consoleErrors.allow(/Failed to fetch|ERR_FAILED|Failed to load resource/);
  let blocked = true;
  await page.route(`**/${RUNBOOK_READER}`, (route) => (blocked ? route.abort('internetdisconnected') : route.continue()));
  await page.goto('/');
  await expect(page.getByTestId('library-item').first()).toBeVisible();
  await page.getByTestId('library-item').first().getByRole('link').click();
  const problem = page.getByTestId('runbook-unavailable');
  await expect(problem).toContainText('could not be loaded');
  await expect(problem).toContainText('无法');
  blocked = false;
  await problem.getByRole('button', { name: 'Try again' }).click();
  await waitForRunbook(page);
});
