// The library at size (scripts/bench-library.sh runs it after its builds): for each build listed
// in the JSON file given as argument (`[{ name, library, dist, buildSeconds }]`: the copy of
// dist/ a build with RUNBOOK_LIBRARY=<library> wrote, and how long that build took), served by
// the test harness' nginx with demo data like bench/run.mjs does, it measures the first loads of
// the library page / and of the first runbook's page /r/<id>/ (sizes.mjs), that runbook's data
// file, and the LCP of /r/<id>/ and of its static floor in headless Chromium, cold
// (timings.mjs; median of BENCH_LIBRARY_RUNS, default 5; no Lighthouse). Prints the Markdown
// table, writes it into bench/library.md and the raw results into bench/results/library.json.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, RUN_ROOT, TMP_DIR } from '../tests/support/paths.mjs';
import { startStack } from '../tests/support/stack.mjs';
import { writeStaticFloor } from './lighthouse.mjs';
import { libraryMarkdown, libraryReadme, loadAverage, machine } from './report.mjs';
import { libraryIndex, measureSizes, runbookPage } from './sizes.mjs';
import { measureLoads, measurePaints } from './timings.mjs';

const [buildsFile] = process.argv.slice(2);
if (!buildsFile) {
  console.error('usage: node bench/library.mjs <builds.json> (scripts/bench-library.sh writes it)');
  process.exit(2);
}
const runs = Number(process.env.BENCH_LIBRARY_RUNS ?? 5);
const RESULTS = join(REPO_ROOT, 'bench', 'results');
const log = (what) => console.error(`[bench-library] ${what}`);

mkdirSync(TMP_DIR, { recursive: true });
process.env.TMPDIR = TMP_DIR;
const { chromium } = await import(pathToFileURL(join(REPO_ROOT, 'tests', 'node_modules', 'playwright-core', 'index.mjs')));

// Each build with its static floor, in a copy of its own, so one nginx serves them in turn.
const builds = JSON.parse(readFileSync(buildsFile, 'utf8')).map((build, i) => {
  const served = join(RUN_ROOT, 'bench-library', 'served', String(i));
  rmSync(served, { recursive: true, force: true });
  cpSync(build.dist, served, { recursive: true });
  const page = runbookPage(libraryIndex(served).runbooks[0].id);
  return { ...build, served, page, floorPath: writeStaticFloor(served, page) };
});
builds.sort((a, b) => libraryIndex(a.served).runbooks.length - libraryIndex(b.served).runbooks.length);

const host = machine();
log('starting nginx + Prometheus + demo upstream');
const stack = await startStack({ id: 'bench-library', dist: builds[0].served });
const measured = [];
let browserVersion;
try {
  for (const build of builds) {
    if (stack.servedDist !== build.served) await stack.serveDist(build.served);
    log(`${build.name} (RUNBOOK_LIBRARY=${build.library}): sizes`);
    const sizes = measureSizes(build.served, stack.baseURL);
    log(`${build.name}: load of ${build.page}, ${runs} cold runs`);
    const loads = await measureLoads({ chromium, baseURL: stack.baseURL, runs, firstLoad: sizes.pages.runbook, offline: false });
    browserVersion = loads.browserVersion;
    log(`${build.name}: static floor of ${build.page}, ${runs} cold runs`);
    const floor = await measurePaints({ chromium, baseURL: stack.baseURL, runs, path: build.floorPath });
    measured.push({ name: build.name, library: build.library, buildSeconds: build.buildSeconds, page: build.page, sizes, loads, floor });
  }
} finally {
  await stack.stop();
}

const result = {
  when: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  commit: execFileSync('git', ['-C', REPO_ROOT, 'describe', '--always', '--dirty'], { encoding: 'utf8' }).trim(),
  machine: { ...host, loadAverageAtEnd: loadAverage(), browserVersion },
  runs,
  // scripts/bench-library.sh builds once, untimed, before the timed builds (BENCH_LIBRARY_WARMUP).
  warmCache: process.env.BENCH_LIBRARY_WARMUP !== '0',
  builds: measured,
};
mkdirSync(RESULTS, { recursive: true });
writeFileSync(join(RESULTS, 'library.json'), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(join(REPO_ROOT, 'bench', 'library.md'), libraryReadme(result));
console.log(libraryMarkdown(result));
console.log(`\nJSON: ${relative(REPO_ROOT, join(RESULTS, 'library.json'))}`);
