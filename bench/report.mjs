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

export const FIRST_LOAD_BUDGET_BYTES = 250 * 1000;

export function targets({ sizes, lighthouse }) {
  const { firstLoad } = sizes;
  const lcpLimit = 1.3 * lighthouse.floor.lcpMs;
  return [
    { target: 'Lighthouse performance ≥ 95 (mobile)', value: `${lighthouse.app.performance}`, met: lighthouse.app.performance >= 95 },
    { target: 'Lighthouse accessibility = 100', value: `${lighthouse.app.accessibility}`, met: lighthouse.app.accessibility === 100 },
    { target: 'Lighthouse best practices = 100', value: `${lighthouse.app.bestPractices}`, met: lighthouse.app.bestPractices === 100 },
    {
      target: 'LCP ≤ 1.3 × static floor LCP',
      value: `${ms(lighthouse.app.lcpMs)} vs limit ${ms(lcpLimit)} (floor ${ms(lighthouse.floor.lcpMs)}; ${(lighthouse.app.lcpMs / lighthouse.floor.lcpMs).toFixed(2)}×)`,
      met: lighthouse.app.lcpMs <= lcpLimit,
    },
    {
      target: `first-load transfer < 250 KB (${FIRST_LOAD_BUDGET_BYTES.toLocaleString('en-US')} B) compressed, as nginx serves it`,
      value: `${bytes(firstLoad.served)} (${firstLoad.encodings}); brotli -q 11 would be ${bytes(firstLoad.brotli11)}`,
      met: firstLoad.served < FIRST_LOAD_BUDGET_BYTES,
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
  out.push(`### Load times, median of ${loads.runs} (headless Chromium, loopback nginx, no throttling)`);
  out.push('');
  out.push(table(
    ['measure', 'cold (empty cache)', 'offline repeat (service worker)'],
    [
      ['runbook text visible (FCP, pre-rendered)', ms(loads.cold.median.fcp), ms(loads.offline.median.fcp)],
      ['largest contentful paint', ms(loads.cold.median.lcp), ms(loads.offline.median.lcp)],
      ['app interactive (wasm mounted, #prerender gone)', ms(loads.cold.median.interactive), ms(loads.offline.median.interactive)],
      ['first-load bytes received by Chromium (bodies + headers)', bytes(loads.cold.median.transfer), `${bytes(loads.offline.median.transfer)} (from the worker)`],
    ],
  ));
  out.push('');
  const { app, floor } = lighthouse;
  out.push(`### Lighthouse ${app.lighthouseVersion}, ${app.formFactor} preset (${app.throttlingMethod} throttling), median of ${lighthouse.runs} runs`);
  out.push('');
  out.push(table(
    ['metric', 'app (nginx, release build)', 'static floor (pre-rendered HTML + CSS)'],
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
nginx serves them), load times in headless Chromium (cold, and an offline repeat through the service
worker), and Lighthouse (mobile preset) on the app and on its static floor: the same pre-rendered
page without any script, which the app cannot beat. Lighthouse varies by several points between
runs on a 2-core machine, so each page is audited several times (\`BENCH_LIGHTHOUSE_RUNS\`, default 3)
and the run with the median performance score is shown. Raw results: \`bench/results/latest.json\`
(git-ignored).

${markdown(result).replace(/^## incident-runbook benchmark/, '## Last run')}

## Reading the numbers

- "first load" is what index.html loads before the app runs: HTML, CSS, the boot script, the
  wasm-bindgen bindings with the split loader, and the main wasm. Each other page's wasm chunk (and
  the chunks of code it shares) is fetched the first time the page opens; right after the app
  starts, the service worker precaches them all, revalidating what the page has just downloaded
  (a 304, not a second copy).
- Lighthouse's "total transfer" counts every response in its load window: the first load plus
  response headers, the web app manifest, the icon, config.json, and any chunk the app fetches while
  it starts. The budget row counts the compressed first-load files as nginx serves them.
- The split costs some wasm across all pages together (each module is optimized on its own), in
  exchange for a smaller first load.
`;
}
