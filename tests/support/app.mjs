// What the browser tests know about the app under test: the runbook's sections
// (read from the content the build embeds, so a test compares against the
// source text, not against a copy of it), the language switch, and direct
// Prometheus queries to compare the live triage numbers with.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import { REPO_ROOT } from './paths.mjs';

const CONTENT_DIR = join(REPO_ROOT, 'content', 'instantly');

// `## Title {#id}` lines: the runbook's top-level sections, in order.
function sectionHeadings(lang) {
  const text = readFileSync(join(CONTENT_DIR, `runbook.${lang}.md`), 'utf8');
  return [...text.matchAll(/^## (.+?) \{#([a-z0-9-]+)\}\s*$/gm)].map(([, title, id]) => ({ id, title }));
}

function loadSections() {
  const en = sectionHeadings('en');
  const zh = sectionHeadings('zh');
  const zhIds = zh.map((s) => s.id).join(',');
  if (en.map((s) => s.id).join(',') !== zhIds) {
    throw new Error(`runbook.en.md and runbook.zh.md have different section ids:\n${en.map((s) => s.id)}\n${zhIds}`);
  }
  return en.map((s, i) => ({ id: s.id, en: s.title, zh: zh[i].title }));
}

// [{ id, en: English title, zh: Chinese title }]
export const SECTIONS = loadSections();
export const SECTION_IDS = SECTIONS.map((s) => s.id);

// Severity levels P1-P4 from the runbook manifest (the app shows them as
// structured cards instead of the markdown table).
export const SEVERITIES = JSON.parse(readFileSync(join(CONTENT_DIR, 'manifest.json'), 'utf8')).severities;

// The `lang` attribute each language's content carries.
export const LANG_TAG = { en: 'en', zh: 'zh-CN' };
export const LANG_MODES = ['en', 'zh', 'both'];
// <html lang> for each mode: "both" keeps the chrome in English.
export const HTML_LANG = { en: 'en', zh: 'zh-CN', both: 'en' };

export const appSections = (page) => page.locator('#app section[data-section]');

// Waits until the app (not the pre-rendered copy) shows every section.
export async function waitForRunbook(page) {
  await expect(appSections(page)).toHaveCount(SECTIONS.length);
}

// Chooses en | zh | both in the header's radio group and waits until the
// page shows that language (on the runbook page, its sections too).
export async function chooseLanguage(page, mode, { runbook = true } = {}) {
  await page.locator(`input[name="lang"][value="${mode}"]`).check();
  await expectLanguage(page, mode, { runbook });
}

// The page shows `mode`: radio checked, <html lang>, and (on the runbook
// page) the columns of the first section.
export async function expectLanguage(page, mode, { runbook = true } = {}) {
  await expect(page.locator(`input[name="lang"][value="${mode}"]`)).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('lang', HTML_LANG[mode]);
  if (!runbook) return;
  const langs = mode === 'both' ? [LANG_TAG.en, LANG_TAG.zh] : [LANG_TAG[mode]];
  const columns = appSections(page).first().locator(':scope > .md');
  await expect(columns).toHaveCount(langs.length);
  for (const [i, tag] of langs.entries()) await expect(columns.nth(i)).toHaveAttribute('lang', tag);
}

// { scrollWidth, clientWidth } of the document: more scroll width than
// client width means the page scrolls sideways.
export function pageWidths(page) {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
}

// An instant query straight to a Prometheus server (not through the app's
// proxy), evaluated at `time` (unix seconds) when given. Returns the vector
// as [{ metric, value: number }].
export async function prometheusVector(port, query, time) {
  const params = new URLSearchParams({ query });
  if (time !== undefined) params.set('time', String(time));
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/query?${params}`);
  const body = await response.json();
  if (body.status !== 'success' || body.data.resultType !== 'vector') {
    throw new Error(`Prometheus :${port} ${query}: ${JSON.stringify(body)}`);
  }
  return body.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
}

// True when two rates agree to 2 decimals or within 5 %: the app and the test
// ask Prometheus a few hundred milliseconds apart.
export function ratesAgree(shown, expected) {
  const diff = Math.abs(shown - expected);
  return diff <= 0.005 || diff <= 0.05 * Math.abs(expected);
}
