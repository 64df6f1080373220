// Lighthouse 12, mobile preset (its default emulation and simulated
// throttling), on a page of the release build as nginx serves it (bench/run.mjs:
// the first runbook's page, /r/<id>/) and on its "static floor": the same page's
// index.html with every script, modulepreload and preload removed, i.e. the
// pre-rendered runbook and its CSS only. The app cannot load faster than the
// floor; the gap is what the wasm app costs.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runLighthouse } from '../tests/support/lighthouse.mjs';
import { pageFile } from './sizes.mjs';

export const FLOOR_FILE = 'static-floor.html';

// Writes the static floor of `page` ('/' or '/r/<id>/') into `dist` and returns its site path.
// Its links are site-absolute, so it reads the same from the site's root.
export function writeStaticFloor(dist, page = '/') {
  const file = pageFile(page);
  const html = readFileSync(join(dist, file), 'utf8');
  const floor = html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>\s*/g, '')
    .replace(/<link rel="(?:modulepreload|preload)"[^>]*>\s*/g, '');
  if (/<script|rel="(?:modulepreload|preload)"/.test(floor)) throw new Error('static floor still loads scripts');
  if (!floor.includes('id="prerender"')) throw new Error(`${file} has no pre-rendered page (#prerender)`);
  writeFileSync(join(dist, FLOOR_FILE), floor);
  return `/${FLOOR_FILE}`;
}

const CATEGORIES = ['performance', 'accessibility', 'best-practices'];

function summarize({ scores, report, outputPath }) {
  const audit = (id) => report.audits[id]?.numericValue ?? null;
  return {
    performance: scores.performance,
    accessibility: scores.accessibility,
    bestPractices: scores['best-practices'],
    fcpMs: audit('first-contentful-paint'),
    lcpMs: audit('largest-contentful-paint'),
    tbtMs: audit('total-blocking-time'),
    cls: audit('cumulative-layout-shift'),
    speedIndexMs: audit('speed-index'),
    transferBytes: audit('total-byte-weight'),
    lighthouseVersion: report.lighthouseVersion,
    formFactor: report.configSettings.formFactor,
    throttlingMethod: report.configSettings.throttlingMethod,
    failedAudits: Object.values(report.audits)
      .filter((a) => a.score !== null && a.score < 1 && ['binary', 'numeric'].includes(a.scoreDisplayMode) && isScored(report, a.id))
      .map((a) => a.id),
    reportPath: outputPath,
  };
}

// Audits that count towards the accessibility or best-practices score.
function isScored(report, id) {
  return ['accessibility', 'best-practices'].some((c) => report.categories[c]?.auditRefs.some((r) => r.id === id && r.weight > 0));
}

// Lighthouse sometimes fails to record a trace and says to run it again (NO_NAVSTART):
// that run is repeated once.
async function lighthouseRun(url, name) {
  try {
    return await runLighthouse(url, { name, categories: CATEGORIES });
  } catch (error) {
    if (!/run Lighthouse again/.test(error.message)) throw error;
    console.error(`[bench] ${name}: ${error.message.split('\n').find((l) => /again/.test(l))}; repeating it`);
    return runLighthouse(url, { name, categories: CATEGORIES });
  }
}

// Scores vary from run to run: each page is audited `runs` times
// and the run with the median performance score is reported (ties: median LCP).
async function medianRun(url, name, runs) {
  const all = [];
  for (let i = 0; i < runs; i += 1) all.push(summarize(await lighthouseRun(url, `${name}-${i + 1}`)));
  const sorted = [...all].sort((a, b) => a.performance - b.performance || b.lcpMs - a.lcpMs);
  return { ...sorted[Math.floor((sorted.length - 1) / 2)], runs: all.map((r) => ({ performance: r.performance, lcpMs: r.lcpMs, tbtMs: r.tbtMs })) };
}

export async function lighthouseSideBySide(baseURL, page, floorPath, runs) {
  const app = await medianRun(`${baseURL}${page}`, 'bench-app', runs);
  const floor = await medianRun(`${baseURL}${floorPath}`, 'bench-static-floor', runs);
  return { runs, page, app, floor };
}
