// A real VictoriaMetrics (Debian's victoria-metrics), a Prometheus-compatible
// backend, loaded with the same history as the Prometheus servers
// (demo/prometheus-backfill.mjs) through its Prometheus text import.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateOpenMetrics } from '../../demo/prometheus-backfill.mjs';
import { httpOk, startProcess } from './processes.mjs';

// OpenMetrics (seconds) to Prometheus text lines with millisecond timestamps.
export function toImportLines(openMetrics) {
  return openMetrics
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.replace(/ (\d+)$/, (_, secs) => ` ${secs}000`))
    .join('\n') + '\n';
}

// Writes <dir>/import.prom for `shape` and wipes the stored data; the next
// start loads it.
export function prepareVictoriaData({ dir, shape, seed = 1, now = Math.floor(Date.now() / 1000) }) {
  rmSync(join(dir, 'data'), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'import.prom'), toImportLines(generateOpenMetrics({ shape, seed, now })));
}

async function post(url, body) {
  const response = await fetch(url, { method: 'POST', body, signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`POST ${url}: HTTP ${response.status} ${await response.text()}`);
}

// Imported rows become searchable shortly after the flush.
async function untilSearchable(base) {
  const url = `${base}/api/v1/query?query=${encodeURIComponent('count(instantly_errors_total)')}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const body = await (await fetch(url, { signal: AbortSignal.timeout(2000) })).json();
    if (body.data?.result?.length) return;
    if (Date.now() > deadline) throw new Error(`VictoriaMetrics at ${base}: imported samples not searchable: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// Starts it on `port`; loads <dir>/import.prom once per prepared data folder
// (a restart keeps what it stored).
export async function startVictoria({ name, dir, port, runDir }) {
  const data = join(dir, 'data');
  const handle = await startProcess({
    name,
    command: 'victoria-metrics',
    args: [
      `-storageDataPath=${data}`,
      `-httpListenAddr=127.0.0.1:${port}`,
      '-retentionPeriod=100y',
      '-search.disableCache',
    ],
    runDir,
    ready: () => httpOk(`http://127.0.0.1:${port}/health`),
  });
  const loaded = join(data, 'loaded-by-test');
  if (!existsSync(loaded)) {
    const base = `http://127.0.0.1:${port}`;
    try {
      await post(`${base}/api/v1/import/prometheus`, readFileSync(join(dir, 'import.prom')));
      await post(`${base}/internal/force_flush`);
      await untilSearchable(base);
    } catch (error) {
      await handle.stop();
      throw error;
    }
    writeFileSync(loaded, '');
  }
  return handle;
}
