// Issue 12, item 5: the runbook page pre-rendered into index.html (xtask/src/prerender.rs) is the
// app's own markup, so nothing changes under the reader when the app takes over. The page is
// loaded twice: without JavaScript (the pre-rendered copy, as a reader sees it before the app
// starts) and with the app, whose page is captured at the moment it shows itself and removes the
// copy (src/platform/startup.rs). The app runs in its side-by-side mode: the copy shows both
// languages, for readers without JavaScript.
import { readFileSync } from 'node:fs';
import { expect, saveScreenshot, test } from '../support/fixtures.mjs';
import { SECTIONS, SEVERITIES } from '../support/app.mjs';
import { holdConfig } from '../support/flows.mjs';

const MOBILE = { width: 390, height: 844 };
// src/state/prefs.rs: the reader's stored language choice.
const LANG_KEY = 'incident-runbook.lang';

// Runs in the page (page.evaluate, or an init script): the page under `rootSelector` as
//   tree: its children, each element with the attributes that make its structure and look, and
//     its text with runs of white space collapsed. Left out on purpose: what the copy's inert
//     controls lack (`name`, `disabled`, `checked`: the app sets the radio's checked property,
//     and the label's class shows the choice) and `data-testid` (kept off the copy so a test's
//     locator never finds both).
//   outline: the sections (id, column languages), every heading (level and text) and the
//     severity cards (column language, class, level, each row's term and value), in page order.
//   geometry: where the header, headings, severity cards, navigation and footer sit; with
//     `visibleOnly`, those on screen. (Sections far off screen skip layout, content-visibility:
//     auto, and take their real height once the browser has rendered near them: in the task
//     that shows the app, none has yet.)
function snapshot({ root: rootSelector, visibleOnly = false }) {
  const KEPT = ['id', 'class', 'lang', 'data-section', 'href', 'open', 'role', 'hidden', 'tabindex', 'title',
    'type', 'value', 'aria-label', 'aria-current'];
  const text = (e) => e.textContent.replace(/\s+/g, ' ').trim();
  const walk = (element) => {
    const attrs = {};
    for (const name of KEPT) {
      if (!element.hasAttribute(name)) continue;
      const value = element.getAttribute(name);
      attrs[name] = name === 'class' ? value.split(/\s+/).filter(Boolean).sort().join(' ') : value;
    }
    return { tag: element.tagName.toLowerCase(), attrs, children: children(element) };
  };
  const children = (element) => {
    const out = [];
    let run = '';
    const flush = () => {
      const t = run.replace(/\s+/g, ' ').trim();
      if (t) out.push(t);
      run = '';
    };
    for (const node of element.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) run += node.textContent;
      else if (node.nodeType === Node.ELEMENT_NODE) {
        flush();
        out.push(walk(node));
      }
    }
    flush();
    return out;
  };
  const root = document.querySelector(rootSelector);
  if (!root) return null;
  return {
    tree: children(root),
    outline: {
      sections: [...root.querySelectorAll('section[data-section]')].map((s) => ({
        id: s.id,
        section: s.dataset.section,
        columns: [...s.querySelectorAll(':scope > .md')].map((m) => m.getAttribute('lang')),
      })),
      headings: [...root.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => `${h.tagName.toLowerCase()} ${text(h)}`),
      severityCards: [...root.querySelectorAll('.severity-card')].map((c) => ({
        lang: c.closest('[lang]').getAttribute('lang'),
        className: c.className,
        level: text(c.querySelector('h3')),
        rows: [...c.querySelectorAll('dt')].map((dt) => [text(dt), text(dt.nextElementSibling)]),
      })),
    },
    geometry: [...root.querySelectorAll('header, .env-badge, .lang-switch, nav, h1, h2, h3, .severity-card, footer')]
      .map((e) => [e, e.getBoundingClientRect()])
      .filter(([, r]) => !visibleOnly || (r.bottom > 0 && r.top < window.innerHeight))
      .map(([e, r]) => {
        const box = [r.left, r.top + window.scrollY, r.width, r.height].map(Math.round).join(' ');
        return `${e.tagName.toLowerCase()}.${e.classList[0] ?? ''} ${box}`;
      }),
  };
}

// The page without JavaScript: the pre-rendered copy, as the reader sees it before the app starts.
async function withoutApp(browser, baseURL, path = '/r/instantly') {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, viewport: MOBILE, locale: 'en-US' });
  const page = await context.newPage();
  const response = await page.goto(path);
  expect(response.status()).toBe(200);
  await expect(page.locator('#prerender')).toBeVisible();
  await expect(page.locator('#app')).toBeHidden();
  return {
    page,
    snapshot: await page.evaluate(snapshot, { root: '#prerender' }),
    onScreen: (await page.evaluate(snapshot, { root: '#prerender', visibleOnly: true })).geometry,
    close: () => context.close(),
  };
}

// The same page with the app, captured in the task that shows the app and removes the copy
// (before the browser paints again). config.json is held back until `release()`: its arrival
// changes the header's environment badge, which is the app's own change after it took over.
async function withApp(page, path = '/r/instantly') {
  const release = await holdConfig(page);
  await page.setViewportSize(MOBILE);
  await page.addInitScript({
    content: `localStorage.setItem(${JSON.stringify(LANG_KEY)}, 'both');
      const snapshot = ${snapshot.toString()};
      new MutationObserver((_, observer) => {
        const app = document.getElementById('app');
        if (!app || app.hidden) return;
        observer.disconnect();
        window.__takeover = {
          copyLeft: document.getElementById('prerender') !== null,
          snapshot: snapshot({ root: '#app' }),
          onScreen: snapshot({ root: '#app', visibleOnly: true }).geometry,
        };
        // Once the browser has rendered the app: the sections near the screen laid out, as in the copy.
        requestAnimationFrame(() => setTimeout(() => {
          window.__rendered = snapshot({ root: '#app' });
        }));
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['hidden'] });`,
  });
  await page.goto(path);
  await page.waitForFunction(() => window.__rendered !== undefined);
  const { copyLeft, snapshot: taken, onScreen } = await page.evaluate(() => window.__takeover);
  expect(copyLeft, 'the copy is removed in the task that shows the app').toBe(false);
  return { snapshot: taken, onScreen, rendered: await page.evaluate(() => window.__rendered), release };
}

test('the pre-rendered page has the sections, headings and severity cards the app shows, in the same order', async ({ browser, baseURL, page }) => {
  const before = await withoutApp(browser, baseURL);
  await before.close();
  const after = await withApp(page);
  after.release();
  const [copy, app] = [before.snapshot.outline, after.snapshot.outline];

  // Not two empty pages: the outline is the runbook's, both languages side by side.
  expect(app.sections.map((s) => s.section)).toEqual(SECTIONS.map((s) => s.id));
  expect(app.sections.map((s) => s.id)).toEqual(SECTIONS.map((s) => `section-${s.id}`));
  expect(app.sections.every((s) => s.columns.join() === 'en,zh-CN')).toBe(true);
  expect(app.severityCards.map((c) => c.level)).toEqual([...SEVERITIES, ...SEVERITIES].map((s) => s.level));

  expect(copy.sections, 'section ids and columns').toEqual(app.sections);
  expect(copy.headings, 'headings: levels and text').toEqual(app.headings);
  expect(copy.severityCards, 'severity cards').toEqual(app.severityCards);
});

for (const path of ['/r/instantly', '/']) {
  test(`the pre-rendered page is the app's page at take-over, element for element: ${path}`, async ({ browser, baseURL, page }) => {
    const before = await withoutApp(browser, baseURL, path);
    await before.close();
    const after = await withApp(page, path);
    after.release();
    expect(after.snapshot.tree.length).toBeGreaterThan(2);
    expect(before.snapshot.tree).toEqual(after.snapshot.tree);
  });
}

test('screenshots of the library at 390x844 before the app takes over and after: the same pixels', async ({ browser, baseURL, page }) => {
  const before = await withoutApp(browser, baseURL, '/');
  const beforePng = readFileSync(await saveScreenshot(before.page, 'library-prerender-before', { fullPage: false }));
  await before.close();
  const after = await withApp(page, '/');
  const afterPng = readFileSync(await saveScreenshot(page, 'library-prerender-after', { fullPage: false }));
  after.release();
  expect(afterPng.equals(beforePng), 'the two screenshots are the same pixels').toBe(true);
  expect(before.snapshot.geometry).toEqual(after.rendered.geometry);
});

test('screenshots at 390x844 before the app takes over (no JavaScript) and after: everything at the same place', async ({ browser, baseURL, page }) => {
  const before = await withoutApp(browser, baseURL);
  const beforePng = readFileSync(await saveScreenshot(before.page, 'prerender-before', { fullPage: false }));
  await before.close();
  const after = await withApp(page);
  const afterPng = readFileSync(await saveScreenshot(page, 'prerender-after', { fullPage: false }));
  after.release();
  expect(afterPng.equals(beforePng), 'the two screenshots are the same pixels').toBe(true);
  // What is on screen when the app takes over: the header, the title, the contents.
  expect(after.onScreen.length).toBeGreaterThan(5);
  expect(before.onScreen, 'on screen, in the task that swaps them').toEqual(after.onScreen);
  // And the whole page, once the browser has rendered the app.
  expect(after.rendered.geometry.length).toBeGreaterThan(50);
  expect(before.snapshot.geometry, 'the whole page, rendered').toEqual(after.rendered.geometry);
});

// The copy stays on screen while the app renders the same page into the hidden #app: at no
// moment may an id name two elements (the skip link's #main, the section ids, a test's locator).
test('while the app takes over, no id names two elements', async ({ page }) => {
  await page.addInitScript(() => {
    window.__duplicateIds = [];
    const check = () => {
      const seen = new Set();
      for (const e of document.querySelectorAll('[id]')) {
        if (seen.has(e.id)) window.__duplicateIds.push(e.id);
        seen.add(e.id);
      }
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['id'] });
  });
  for (const path of ['/', '/r/instantly', '/no-such-page', '/actions']) {
    await page.goto(path);
    await expect(page.locator('#prerender')).toHaveCount(0);
    await expect(page.locator('#main h1').first()).toBeVisible();
    expect(await page.evaluate(() => [...new Set(window.__duplicateIds)]), path).toEqual([]);
  }
});
