// A real Prometheus with backfilled history (demo/prometheus-backfill.mjs).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateOpenMetrics } from '../../demo/prometheus-backfill.mjs';
import { httpOk, startProcess } from './processes.mjs';

// No scrape jobs: every sample comes from the backfill.
const MINIMAL_CONFIG = 'global:\n  scrape_interval: 1h\n  evaluation_interval: 1h\n';

// Writes <dir>/data from a fresh backfill for `shape`, replacing older data.
export function prepareData({ dir, shape, seed = 1, now = Math.floor(Date.now() / 1000) }) {
  const data = join(dir, 'data');
  rmSync(data, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const openMetrics = join(dir, `backfill-${shape}.om`);
  writeFileSync(openMetrics, generateOpenMetrics({ shape, seed, now }));
  writeFileSync(join(dir, 'prometheus.yml'), MINIMAL_CONFIG);
  try {
    execFileSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', openMetrics, data], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(`promtool backfill failed for ${openMetrics}:\n${error.stderr}`);
  }
  return data;
}

export function startPrometheus({ name, dir, port, runDir }) {
  return startProcess({
    name,
    command: 'prometheus',
    args: [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      // Retention counts back from the newest block; 30 d keeps all 6 h.
      '--storage.tsdb.retention.time=30d',
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    runDir,
    ready: () => httpOk(`http://127.0.0.1:${port}/-/ready`),
  });
}
