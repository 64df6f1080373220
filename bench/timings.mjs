// Load times of one page (bench/run.mjs: the first runbook's page, /r/<id>/) in
// headless Chromium against the nginx-served build, measured in the page
// (performance.now(), from navigation start):
//   fcp          first contentful paint: the pre-rendered runbook text
//   lcp          largest contentful paint, as reported when the app is up
//   interactive  the wasm app mounted: the language switch exists and the
//                pre-rendered copy (#prerender) is gone
// "cold": a new browser context per run (empty HTTP cache, no service worker).
// "offline repeat": one online visit until the service worker controls the
// page, then the network cut (setOffline) and the page loaded again per run.
// measurePaints loads a page without the app (the static floor) cold, for its
// FCP and LCP once the load event has fired.
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/support/browser.mjs';
import { firstLoadPaths as firstLoadPathsOf, sitePath } from './sizes.mjs';

// Runs before any page script (CDP, so the CSP does not apply).
const PROBE = () => {
  const bench = { lcp: null, interactive: null };
  window.__bench = bench;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.lcp = entry.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  const check = () => {
    if (bench.interactive === null && document.querySelector('input[name="lang"]') && !document.getElementById('prerender')) {
      bench.interactive = performance.now();
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true });
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// `app`: wait for the app to be interactive; otherwise for the load event (a page without the app).
async function loadOnce(page, url, firstLoadPaths, { app = true } = {}) {
  const responses = [];
  const onResponse = (r) => responses.push(r);
  page.on('response', onResponse);
  await page.goto(url, { waitUntil: 'load' });
  if (app) await page.waitForFunction(() => window.__bench?.interactive !== null, null, { timeout: 30_000 });
  // Paint entries settle a frame after the DOM change.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
  page.off('response', onResponse);
  const metrics = await page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    lcp: window.__bench.lcp,
    interactive: window.__bench.interactive,
  }));
  // Bytes received for the first-load files (encoded bodies + headers), and how many of them
  // the service worker answered.
  // `untilInteractive`: every file of the site fetched before the app was interactive (the first
  // load, and what the app fetches at start: its readers' wasm chunks, config.json), live data
  // under /proxy/ aside.
  let transfer = 0;
  let untilInteractive = 0;
  const fromServiceWorker = new Set();
  for (const r of responses) {
    const path = sitePath(new URL(r.url()).pathname);
    if (path.startsWith('/proxy/')) continue;
    const sizes = await r.request().sizes();
    untilInteractive += sizes.responseBodySize + sizes.responseHeadersSize;
    if (!firstLoadPaths.has(path)) continue;
    if (r.fromServiceWorker()) fromServiceWorker.add(path);
    transfer += sizes.responseBodySize + sizes.responseHeadersSize;
  }
  return { ...metrics, transfer, untilInteractive, fromServiceWorker: fromServiceWorker.size };
}

function summary(runs) {
  const keys = ['fcp', 'lcp', 'interactive', 'transfer', 'untilInteractive'];
  return Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))]));
}

const launch = (chromium) => chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });

// `firstLoad`: the page's first-load files (sizes.mjs firstLoadFiles), whose `page` is loaded.
// `offline: false` skips the offline repeat visits.
export async function measureLoads({ chromium, baseURL, runs, firstLoad, offline: withOffline = true }) {
  const firstLoadPaths = new Set(firstLoadPathsOf(firstLoad));
  const url = `${baseURL}${firstLoad.page}`;
  const browser = await launch(chromium);
  try {
    const cold = [];
    for (let i = 0; i < runs; i += 1) {
      const context = await browser.newContext();
      await context.addInitScript(PROBE);
      const page = await context.newPage();
      cold.push(await loadOnce(page, url, firstLoadPaths));
      await context.close();
    }
    const result = { page: firstLoad.page, runs, browserVersion: browser.version(), cold: { runs: cold, median: summary(cold) } };
    if (!withOffline) return result;

    const context = await browser.newContext();
    await context.addInitScript(PROBE);
    const page = await context.newPage();
    await loadOnce(page, url, firstLoadPaths);
    await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, { timeout: 30_000 });
    await context.setOffline(true);
    const offline = [];
    for (let i = 0; i < runs; i += 1) offline.push(await loadOnce(page, url, firstLoadPaths));
    await context.close();
    const served = offline.map((r) => r.fromServiceWorker);
    if (served.some((n) => n < firstLoadPaths.size)) {
      throw new Error(`offline repeat visit: only ${served.join('/')} of ${firstLoadPaths.size} first-load files came from the service worker`);
    }
    return { ...result, offline: { runs: offline, median: summary(offline) } };
  } finally {
    await browser.close();
  }
}

// FCP and LCP of `path` (a page without the app: the static floor), cold, median of `runs`.
export async function measurePaints({ chromium, baseURL, runs, path }) {
  const browser = await launch(chromium);
  try {
    const all = [];
    for (let i = 0; i < runs; i += 1) {
      const context = await browser.newContext();
      await context.addInitScript(PROBE);
      const page = await context.newPage();
      const { fcp, lcp } = await loadOnce(page, `${baseURL}${path}`, new Set(), { app: false });
      all.push({ fcp, lcp });
      await context.close();
    }
    return { path, runs: all, median: { fcp: median(all.map((r) => r.fcp)), lcp: median(all.map((r) => r.lcp)) } };
  } finally {
    await browser.close();
  }
}
