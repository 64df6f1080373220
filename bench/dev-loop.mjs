// Edit-to-browser time of the development loop: `node bench/dev-loop.mjs` (not a CI test; on a
// shared machine, inside the build lock: `flock /tmp/wasm.lock node bench/dev-loop.mjs`).
// Starts scripts/dev.sh on a free port, opens a page in headless Chromium on a route the app
// answers with its not-found page, then DEV_LOOP_RUNS times (default 3): writes a unique marker
// into the view of src/pages/not_found.rs and times until the reloaded page shows it; then puts the
// file back byte for byte and waits until the marker is gone again, so every run starts from the
// same warm state. The file is restored on every exit path, Ctrl-C included.
// Where the time goes comes from the dev server's own output, stamped as it arrives: watch to
// cargo start, cargo (compile + link), Trunk's wasm-bindgen, the post-build hook (split, bind,
// pre-render), and Trunk's "success" to the new text on screen (reload + load of the debug wasm).
// Results: bench/results/dev-loop.json (git-ignored).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/support/browser.mjs';
import { REPO_ROOT, TMP_DIR } from '../tests/support/paths.mjs';

const RUNS = Number(process.env.DEV_LOOP_RUNS ?? 3);
const TARGET_MS = 15_000;
const STEP_TIMEOUT_MS = 5 * 60_000;
const PAGE_FILE = join(REPO_ROOT, 'src', 'pages', 'not_found.rs');
// The marker goes right after the page's opening tag.
const ANCHOR = '<div class="page">';
const RESULTS = join(REPO_ROOT, 'bench', 'results');

const log = (what) => console.error(`[dev-loop] ${what}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const original = readFileSync(PAGE_FILE);
if (original.toString('utf8').split(ANCHOR).length !== 2) {
  console.error(`dev-loop: ${relative(REPO_ROOT, PAGE_FILE)} must contain "${ANCHOR}" exactly once`);
  process.exit(1);
}
// Writes only when the file differs: an identical write would still start a build.
const restore = () => {
  if (!readFileSync(PAGE_FILE).equals(original)) writeFileSync(PAGE_FILE, original);
};
const withMarker = (marker) =>
  Buffer.from(original.toString('utf8').replace(ANCHOR, `${ANCHOR}<p class="dev-loop-marker">{"${marker}"}</p>`));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// The dev server, in a process group of its own; every output line is kept with its arrival time.
const port = await freePort();
const lines = [];
let devExited = null;
log(`starting scripts/dev.sh on 127.0.0.1:${port}`);
const dev = spawn(join(REPO_ROOT, 'scripts', 'dev.sh'), [], {
  cwd: REPO_ROOT,
  env: { ...process.env, PORT: String(port) },
  detached: true,
  stdio: ['ignore', 'pipe', 'pipe'],
});
dev.on('exit', (code, signal) => {
  devExited = { code, signal };
});
for (const stream of [dev.stdout, dev.stderr]) {
  let rest = '';
  stream.on('data', (chunk) => {
    const at = Date.now();
    const parts = (rest + chunk.toString('utf8')).split('\n');
    rest = parts.pop();
    for (const text of parts) lines.push({ at, text });
    if (process.env.DEV_LOOP_VERBOSE) for (const text of parts) console.error(`  | ${text}`);
  });
}

let stopping = null;
async function stopDev() {
  stopping ??= (async () => {
    if (devExited) return;
    process.kill(dev.pid, 'SIGTERM');
    for (let i = 0; i < 200 && !devExited; i++) await sleep(100);
    if (!devExited) process.kill(-dev.pid, 'SIGKILL');
  })();
  return stopping;
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    restore();
    await stopDev();
    process.exit(130);
  });
}

async function until(what, check, timeoutMs = STEP_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (devExited) throw new Error(`scripts/dev.sh exited (${JSON.stringify(devExited)}) while waiting for ${what}`);
    if (await check()) return Date.now();
    await sleep(50);
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}

// The page's text, or null while it is between two documents (the reload).
async function pageText(page) {
  try {
    return await page.evaluate(() => document.body?.innerText ?? '');
  } catch {
    return null;
  }
}

// The first line after `since` that matches, and when it arrived.
const lineAfter = (since, pattern) => lines.find((l) => l.at >= since && pattern.test(l.text)) ?? null;

function phases(edit, visible) {
  const start = lineAfter(edit, /starting build/);
  const cargo = start && lineAfter(start.at, /Finished `dev` profile/);
  const hook = cargo && lineAfter(cargo.at, /spawning hook/);
  const hookDone = hook && lineAfter(hook.at, /finished hook/);
  const success = hookDone && lineAfter(hookDone.at, /success/);
  const span = (a, b) => (a && b ? b.at - a.at : null);
  return {
    totalMs: visible - edit,
    watchMs: start ? start.at - edit : null,
    cargoMs: span(start, cargo),
    wasmBindgenMs: span(cargo, hook),
    postBuildMs: span(hook, hookDone),
    reloadMs: success ? visible - success.at : null,
  };
}

let browser;
const runs = [];
try {
  mkdirSync(TMP_DIR, { recursive: true });
  process.env.TMPDIR = TMP_DIR;
  const { chromium } = await import(
    pathToFileURL(join(REPO_ROOT, 'tests', 'node_modules', 'playwright-core', 'index.mjs'))
  );
  const url = `http://127.0.0.1:${port}/dev-loop-not-found`;
  await until('the first build and the demo stack', () => lines.some((l) => /live reload\)/.test(l.text)), 15 * 60_000);
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  await page.goto(url);
  await until('the app to mount', async () => page.evaluate(() => !document.getElementById('prerender')).catch(() => false), 60_000);
  for (let i = 1; i <= RUNS; i++) {
    const marker = `dev-loop-${Date.now().toString(36)}-${i}`;
    const edit = Date.now();
    writeFileSync(PAGE_FILE, withMarker(marker));
    const visible = await until(`"${marker}" in the page`, async () => (await pageText(page))?.includes(marker));
    const run = phases(edit, visible);
    runs.push(run);
    log(`run ${i}: ${(run.totalMs / 1000).toFixed(1)} s edit to browser`);
    const restored = Date.now();
    restore();
    await until('the build of the restored file', async () => lineAfter(restored, /success/) !== null);
    await until('the restored page', async () => {
      const text = await pageText(page);
      const mounted = await page.evaluate(() => !document.getElementById('prerender')).catch(() => false);
      return mounted && text !== null && !text.includes(marker);
    });
    // Settle: the next run starts from an idle dev server.
    await sleep(1500);
  }
} finally {
  restore();
  await browser?.close();
  await stopDev();
}

const seconds = (ms) => (ms === null ? 'n/a' : `${(ms / 1000).toFixed(1)} s`);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const result = {
  when: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  runs,
  medianMs: median(runs.map((r) => r.totalMs)),
  targetMs: TARGET_MS,
};
mkdirSync(RESULTS, { recursive: true });
writeFileSync(join(RESULTS, 'dev-loop.json'), `${JSON.stringify(result, null, 2)}\n`);
const row = (cells) => `| ${cells.join(' | ')} |`;
console.log(row(['run', 'edit to browser', 'watch', 'cargo', 'wasm-bindgen', 'post-build hook', 'reload + load']));
console.log(row(Array(7).fill('---')));
runs.forEach((r, i) =>
  console.log(row([i + 1, seconds(r.totalMs), seconds(r.watchMs), seconds(r.cargoMs), seconds(r.wasmBindgenMs), seconds(r.postBuildMs), seconds(r.reloadMs)])),
);
console.log(`\nmedian ${seconds(result.medianMs)} (target ≤ ${seconds(TARGET_MS)}: ${result.medianMs <= TARGET_MS ? 'met' : 'NOT met'}); ${relative(REPO_ROOT, join(RESULTS, 'dev-loop.json'))}`);
