// The benchmark (scripts/bench.sh runs it): sizes (the first loads of the library
// page / and of the first runbook's page /r/<id>/), load times and Lighthouse (on
// /r/<id>/, the page with the runbook's text) for the build in BENCH_DIST (default
// dist/), served by the test harness' nginx (deploy/nginx.conf) with demo data.
// The first runbook is the first of the library index the build wrote into its pages.
// Prints Markdown tables, writes them into bench/README.md and the raw results into
// bench/results/latest.json. Builds nothing.
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, RUN_ROOT, TMP_DIR } from '../tests/support/paths.mjs';
import { startStack } from '../tests/support/stack.mjs';
import { lighthouseSideBySide, writeStaticFloor } from './lighthouse.mjs';
import { loadAverage, machine, markdown, readme, targets } from './report.mjs';
import { libraryIndex, measureSizes, runbookPage } from './sizes.mjs';
import { measureLoads } from './timings.mjs';

const dist = resolve(REPO_ROOT, process.env.BENCH_DIST ?? 'dist');
const runs = Number(process.env.BENCH_RUNS ?? 5);
const lighthouseRuns = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3);
const RESULTS = join(REPO_ROOT, 'bench', 'results');

if (!existsSync(join(dist, 'index.html'))) {
  console.error(`no build at ${dist}: run scripts/build.sh first`);
  process.exit(1);
}
mkdirSync(TMP_DIR, { recursive: true });
process.env.TMPDIR = TMP_DIR;

// Playwright lives in tests/node_modules.
const { chromium } = await import(pathToFileURL(join(REPO_ROOT, 'tests', 'node_modules', 'playwright-core', 'index.mjs')));

// The page measured: the first runbook's.
const page = runbookPage(libraryIndex(dist).runbooks[0].id);

// The build plus the static floor page, so both are served by the same nginx.
const served = join(RUN_ROOT, 'bench', 'dist');
rmSync(served, { recursive: true, force: true });
cpSync(dist, served, { recursive: true });
const floorPath = writeStaticFloor(served, page);

const log = (what) => console.error(`[bench] ${what}`);
const host = machine();
log(`starting nginx + Prometheus + demo upstream for ${relative(REPO_ROOT, dist)}`);
const stack = await startStack({ id: 'bench', dist: served });
let result;
try {
  log('sizes');
  const sizes = measureSizes(served, stack.baseURL);
  log(`load times of ${page} (${runs} cold runs, ${runs} offline runs)`);
  const loads = await measureLoads({ chromium, baseURL: stack.baseURL, runs, firstLoad: sizes.pages.runbook });
  log(`Lighthouse: app (${page}), then its static floor (${lighthouseRuns} runs each)`);
  const lighthouse = await lighthouseSideBySide(stack.baseURL, page, floorPath, lighthouseRuns);
  const commit = execFileSync('git', ['-C', REPO_ROOT, 'describe', '--always', '--dirty'], { encoding: 'utf8' }).trim();
  result = {
    when: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    commit,
    dist: relative(REPO_ROOT, dist) || '.',
    machine: { ...host, loadAverageAtEnd: loadAverage() },
    sizes,
    loads,
    lighthouse,
  };
  result.goals = targets(result);
} finally {
  await stack.stop();
}

mkdirSync(RESULTS, { recursive: true });
writeFileSync(join(RESULTS, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(join(REPO_ROOT, 'bench', 'README.md'), readme(result));
console.log(markdown(result));
console.log(`\nJSON: ${relative(REPO_ROOT, join(RESULTS, 'latest.json'))}; Lighthouse reports: ${relative(REPO_ROOT, result.lighthouse.app.reportPath)}, ${relative(REPO_ROOT, result.lighthouse.floor.reportPath)}`);
