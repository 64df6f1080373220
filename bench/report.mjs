// The machine, the targets from the issue, and the Markdown tables.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';

// stdout and stderr together: `nginx -v` prints to stderr.
const run = (cmd, args) => {
  const { stdout, stderr, error } = spawnSync(cmd, args, { encoding: 'utf8' });
  return error ? 'unknown' : `${stdout}${stderr}`.trim();
};

export function machine() {
  return {
    nproc: Number(run('nproc', [])),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    kernel: release(),
    node: process.version,
    nginx: run('nginx', ['-v']).replace(/^nginx version: /, ''),
    loadAverageAtStart: loadAverage(),
  };
}

// 1, 5 and 15 minute load averages: other work on the machine skews timings.
export const loadAverage = () => loadavg().map((n) => Math.round(n * 100) / 100);

// The standing budget (DEVELOPERS.md): 230 KB brotli, whatever the number of runbooks.
export const FIRST_LOAD_BUDGET_BYTES = 230 * 1000;

export function targets({ sizes, lighthouse }) {
  const { firstLoad, pages } = sizes;
  const other = firstLoad.page === pages.library.page ? pages.runbook : pages.library;
  const lcpLimit = 1.3 * lighthouse.floor.lcpMs;
  return [
    { target: 'Lighthouse performance ≥ 95 (mobile)', value: `${lighthouse.app.performance}`, met: lighthouse.app.performance >= 95 },
    { target: 'Lighthouse accessibility = 100', value: `${lighthouse.app.accessibility}`, met: lighthouse.app.accessibility === 100 },
    { target: 'Lighthouse best practices = 100', value: `${lighthouse.app.bestPractices}`, met: lighthouse.app.bestPractices === 100 },
    {
      target: `LCP of ${lighthouse.page} ≤ 1.3 × static floor LCP`,
      value: `${ms(lighthouse.app.lcpMs)} vs limit ${ms(lcpLimit)} (floor ${ms(lighthouse.floor.lcpMs)}; ${(lighthouse.app.lcpMs / lighthouse.floor.lcpMs).toFixed(2)}×)`,
      met: lighthouse.app.lcpMs <= lcpLimit,
    },
    {
      target: `first-load transfer < ${FIRST_LOAD_BUDGET_BYTES / 1000} KB (${FIRST_LOAD_BUDGET_BYTES.toLocaleString('en-US')} B) compressed, as nginx serves it: the larger of ${pages.library.page} and ${pages.runbook.page}`,
      value: `${firstLoad.page}: ${bytes(firstLoad.served)} (${firstLoad.encodings}); brotli -q 11 would be ${bytes(firstLoad.brotli11)}. ${other.page}: ${bytes(other.firstLoad.served)}`,
      met: firstLoad.served < FIRST_LOAD_BUDGET_BYTES,
    },
    {
      target: `the first load of ${pages.library.page} holds no runbook's data (${sizes.runbooks.length} in the library)`,
      value: pages.library.data.length ? `preloads ${pages.library.data.join(', ')}` : 'no data file preloaded',
      met: pages.library.data.length === 0,
    },
  ];
}

const ms = (v) => (v === null || v === undefined ? 'n/a' : `${Math.round(v)} ms`);
const bytes = (n) => (n === null || n === undefined ? 'n/a' : `${n.toLocaleString('en-US')} B`);
const cls = (v) => (v === null || v === undefined ? 'n/a' : v.toFixed(3));
const yes = (ok) => (ok ? 'yes' : '**NO**');

function table(head, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

export function markdown(result) {
  const { machine: m, sizes, loads, lighthouse, goals } = result;
  const out = [];
  out.push(`## incident-runbook benchmark (${result.when}, commit ${result.commit}, dist ${result.dist})`);
  out.push('');
  out.push(`Machine: ${m.nproc} CPUs (nproc), ${m.cpuModel}, ${m.memoryGiB} GiB memory; Linux ${m.kernel}; Node ${m.node}; ${m.nginx}; Chromium ${loads.browserVersion}. Load average (1/5/15 min) ${m.loadAverageAtStart.join(' / ')} at the start, ${m.loadAverageAtEnd.join(' / ')} at the end.`);
  out.push('');
  out.push('### Sizes (bytes)');
  out.push('');
  out.push(table(
    ['asset', 'raw', 'gzip -9', 'brotli -q 11', 'served by nginx (encoding)'],
    sizes.rows.map((r) => [r.name, bytes(r.raw), bytes(r.gzip9), bytes(r.brotli11), `${bytes(r.served)} (${r.encodings})`]),
  ));
  out.push('');
  out.push(`Runbooks in the library: ${sizes.runbooks.length} (${sizes.runbooks.join(', ')}); the pages measured below are the library page / and the first runbook's page ${sizes.pages.runbook.page}. The library's index, in every page: ${bytes(sizes.indexBytes)} raw.`);
  out.push('');
  out.push(`### Load times of ${loads.page}, median of ${loads.runs} (headless Chromium, loopback nginx, no throttling)`);
  out.push('');
  out.push(table(
    ['measure', 'cold (empty cache)', 'offline repeat (service worker)'],
    [
      ['runbook text visible (FCP, pre-rendered)', ms(loads.cold.median.fcp), ms(loads.offline.median.fcp)],
      ['largest contentful paint', ms(loads.cold.median.lcp), ms(loads.offline.median.lcp)],
      ['app interactive (wasm mounted, #prerender gone)', ms(loads.cold.median.interactive), ms(loads.offline.median.interactive)],
      [`first-load bytes of ${loads.page} received by Chromium (bodies + headers)`, bytes(loads.cold.median.transfer), `${bytes(loads.offline.median.transfer)} (from the worker)`],
      ['all bytes received until interactive (first load, readers\' wasm chunks, config.json; no /proxy/)', bytes(loads.cold.median.untilInteractive), `${bytes(loads.offline.median.untilInteractive)} (from the worker)`],
    ],
  ));
  out.push('');
  const { app, floor } = lighthouse;
  out.push(`### Lighthouse ${app.lighthouseVersion} on ${lighthouse.page}, ${app.formFactor} preset (${app.throttlingMethod} throttling), median of ${lighthouse.runs} runs`);
  out.push('');
  out.push(table(
    ['metric', `app (${lighthouse.page}, nginx, release build)`, `static floor (${lighthouse.page}'s pre-rendered HTML + CSS)`],
    [
      ['performance', app.performance, floor.performance],
      ['accessibility', app.accessibility, floor.accessibility],
      ['best practices', app.bestPractices, floor.bestPractices],
      ['FCP', ms(app.fcpMs), ms(floor.fcpMs)],
      ['LCP', ms(app.lcpMs), ms(floor.lcpMs)],
      ['TBT', ms(app.tbtMs), ms(floor.tbtMs)],
      ['CLS', cls(app.cls), cls(floor.cls)],
      ['total transfer', bytes(app.transferBytes), bytes(floor.transferBytes)],
    ].map((r) => r.map(String)),
  ));
  out.push('', `Performance scores of every run: app ${app.runs.map((r) => r.performance).join(', ')}; static floor ${floor.runs.map((r) => r.performance).join(', ')}.`);
  const failed = [['app', app], ['static floor', floor]].filter(([, s]) => s.failedAudits.length);
  for (const [name, s] of failed) out.push('', `Failing accessibility / best-practices audits (${name}): ${s.failedAudits.join(', ')}`);
  out.push('');
  out.push('### Targets');
  out.push('');
  out.push(table(['target', 'measured', 'met'], goals.map((g) => [g.target, g.value, yes(g.met)])));
  return out.join('\n');
}

// bench/README.md: the tables of this run between a fixed introduction and notes. bench/run.mjs
// writes it on every run; nobody edits it by hand.
export function readme(result) {
  return `<!-- Written by scripts/bench.sh (bench/report.mjs) on every run: do not edit by hand, run the bench again. -->
# Benchmark

\`scripts/bench.sh\` (after \`scripts/build.sh\`) serves \`dist/\` with nginx (\`deploy/nginx.conf\`) and
the demo data the browser tests use, then measures the sizes of the build (raw, gzip, brotli, and as
nginx serves them) with the first loads of the library page \`/\` and of the first runbook's page
\`/r/<id>/\` (the first runbook of the library's index), load times of \`/r/<id>/\` in headless
Chromium (cold, and an offline repeat through the service worker), and Lighthouse (mobile preset) on
\`/r/<id>/\` and on its static floor: the same pre-rendered page without any script, which the app
cannot beat. Lighthouse varies by several points between runs on a 2-core machine, so each page is
audited several times (\`BENCH_LIGHTHOUSE_RUNS\`, default 3) and the run with the median performance
score is shown. Raw results: \`bench/results/latest.json\` (git-ignored).

How the first load, LCP and build time change with the size of the library (1 runbook vs 21):
[library.md](library.md), written by \`scripts/bench-library.sh\`.

${markdown(result).replace(/^## incident-runbook benchmark/, '## Last run')}

## Reading the numbers

- A page's "first load" is what it loads before the app runs: its HTML (with the library's index,
  and its page pre-rendered), CSS, the boot script, the wasm-bindgen bindings with the split loader,
  and the main wasm, which holds no runbook; a runbook's page also preloads that runbook's data
  file (\`runbooks/<id>-<hash>.json\`), which the app reads before it takes over. The other
  runbooks' data files are fetched when each runbook first opens. Each other page's wasm chunk (and
  the chunks of code it shares) is fetched the first time the page opens; right after the app
  starts, the service worker precaches them all, and every runbook's data file, revalidating what
  the page has just downloaded (a 304, not a second copy).
- Lighthouse's "total transfer" counts every response in its load window: the first load plus
  response headers, the web app manifest, the icon, config.json, and any chunk the app fetches while
  it starts. The budget row counts the compressed first-load files as nginx serves them, for the
  larger of the two pages.
- The split costs some wasm across all pages together (each module is optimized on its own), in
  exchange for a smaller first load.
`;
}

// bench/library.md (scripts/bench-library.sh): the builds side by side, one column each, and
// with two builds the change from the first to the second.
export function libraryMarkdown(result) {
  const { machine: m, builds, runs } = result;
  const count = (b) => b.sizes.runbooks.length;
  const plural = (n) => `${n} runbook${n === 1 ? '' : 's'}`;
  const same = (f) => [...new Set(builds.map(f))].join(' / ');
  const page = same((b) => b.page);
  const dataAll = (b) => b.sizes.parts.data.brotli11 + (b.sizes.parts.otherData?.brotli11 ?? 0);
  const signed = (n, fmt) => (n === 0 ? '±0' : `${n > 0 ? '+' : '−'}${fmt(Math.abs(n))}`);
  const secs = (v) => `${v.toFixed(1)} s`;
  // [measure, value of a build, format]; a row without format shows the value as it is.
  const rows = [
    ['`RUNBOOK_LIBRARY`', (b) => `\`${b.library}\``],
    [`build time (\`scripts/build.sh\`, wall${result.warmCache ? ', warm cargo cache' : ''})`, (b) => b.buildSeconds, secs],
    ['first load of / (brotli -q 11)', (b) => b.sizes.pages.library.firstLoad.brotli11, bytes],
    [`first load of ${page} (brotli -q 11, with its runbook's data)`, (b) => b.sizes.pages.runbook.firstLoad.brotli11, bytes],
    [`of which ${same((b) => b.sizes.runbook)}'s data file (brotli -q 11)`, (b) => b.sizes.parts.data.brotli11, bytes],
    [`first load < ${FIRST_LOAD_BUDGET_BYTES / 1000} KB as nginx serves it (the larger page)`, (b) => `${yes(b.sizes.firstLoad.served < FIRST_LOAD_BUDGET_BYTES)}: ${bytes(b.sizes.firstLoad.served)} (${b.sizes.firstLoad.page})`],
    ['no runbook data in the first load of /', (b) => yes(b.sizes.pages.library.data.length === 0)],
    ['the library index in every page (raw JSON)', (b) => b.sizes.indexBytes, bytes],
    ['index.html, the library page (brotli -q 11)', (b) => b.sizes.parts.libraryHtml.brotli11, bytes],
    [`${same((b) => b.sizes.pages.runbook.html.slice(1))}, the runbook's page (brotli -q 11)`, (b) => b.sizes.parts.runbookHtml.brotli11, bytes],
    ["every runbook's data file together (brotli -q 11; each fetched when its runbook opens)", dataAll, bytes],
    [`LCP of ${page} (cold, median of ${runs})`, (b) => b.loads.cold.median.lcp, ms],
    [`LCP of its static floor (cold, median of ${runs})`, (b) => b.floor.median.lcp, ms],
    [`app interactive on ${page} (cold, median of ${runs})`, (b) => b.loads.cold.median.interactive, ms],
  ];
  const two = builds.length === 2;
  const head = ['measure', ...builds.map((b) => plural(count(b))), ...(two ? ['change'] : [])];
  const body = rows.map(([label, value, fmt]) => {
    const values = builds.map(value);
    const cells = values.map((v) => (fmt ? fmt(v) : v));
    const change = fmt && values.every((v) => typeof v === 'number') ? signed(values[1] - values[0], fmt) : '';
    return [label, ...cells, ...(two ? [change] : [])];
  });
  const out = [];
  out.push(`## incident-runbook library benchmark (${result.when}, commit ${result.commit})`);
  out.push('');
  out.push(`Machine: ${m.nproc} CPUs (nproc), ${m.cpuModel}, ${m.memoryGiB} GiB memory; Linux ${m.kernel}; Node ${m.node}; ${m.nginx}; Chromium ${m.browserVersion}. Load average (1/5/15 min) ${m.loadAverageAtStart.join(' / ')} at the start of the measurements, ${m.loadAverageAtEnd.join(' / ')} at the end.`);
  out.push('');
  out.push(`### ${builds.map((b) => plural(count(b))).join(' vs ')}`);
  out.push('');
  out.push(table(head, body));
  return out.join('\n');
}

export function libraryReadme(result) {
  const synthetic = result.builds.at(-1);
  return `<!-- Written by scripts/bench-library.sh (bench/library.mjs, bench/report.mjs) on every run: do not edit by hand, run it again. -->
# Benchmark: the library at size

\`scripts/bench-library.sh\` builds the app twice, with the shipped runbooks
(\`RUNBOOK_LIBRARY=content\`) and with synthetic runbook packages added
(\`RUNBOOK_LIBRARY=${synthetic.library}\`; \`cargo run -p xtask -- synth <n> <dir>\` writes them: copies
of \`tests/fixtures/runbooks/synthetic-queue\` with ids, titles and alerts of their own). It times each
build (wall seconds of \`scripts/build.sh\`; an untimed build first, unless
\`BENCH_LIBRARY_WARMUP=0\`, so that both find the cargo cache warm: the wasm does not depend on the
runbooks), keeps a copy of each \`dist/\`, and serves each with nginx (\`deploy/nginx.conf\`) and the
demo data to measure the first loads of the library page \`/\` and of the first runbook's page
\`/r/<id>/\` (the first runbook of the library's index; as [README.md](README.md) counts them) and
the LCP of \`/r/<id>/\` and of its static floor (the same page without any script) in headless Chromium
(loopback nginx, no throttling; cold, median of \`BENCH_LIBRARY_RUNS\`, default 5). It leaves \`dist/\`
as the build of \`content\`. Raw results: \`bench/results/library.json\` (git-ignored). The full
benchmark of one build, with Lighthouse, is [README.md](README.md).

${libraryMarkdown(result).replace(/^## incident-runbook library benchmark/, '## Last run')}

## Reading the numbers

- The main wasm, the JS and the CSS are the same files in every build: no runbook is compiled in.
  What a page's first load gains per runbook is its entry in the library's index, which every page
  carries (id, titles, vendor, owners, alerts, links, review date, data file), and on \`/\` its line
  in the list. A runbook's content is in its own data file, which its page preloads and every other
  page fetches when that runbook first opens.
- The build time is the whole \`scripts/build.sh\` (cargo, wasm-bindgen, wasm-opt, the wasm split,
  the post-build step that renders and pre-renders every runbook, and the precompressed copies).
- LCP here is measured without throttling on loopback, so it shows whether the library's size moves
  the runbook page's LCP away from its static floor, not what a phone would see (Lighthouse in
  [README.md](README.md) does that for the shipped build).
`;
}
