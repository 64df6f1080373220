// Everything the app talks to at run time, on free loopback ports, for one
// test run or demo: two Prometheus servers with backfilled history, the demo
// upstream (health + vendor status page) and nginx running deploy/nginx.conf
// with `dist` as its root. Files go to <repo>/.run/stack/<id>/ (wiped at start).
// `backend: 'victoria-metrics'` runs two VictoriaMetrics servers with the same
// history instead of Prometheus (stack.prometheus is then those two).
//
//   const stack = await startStack({ id: 'e2e', dist, shape: 'rate-limit' });
//   stack.baseURL                                   // http://127.0.0.1:PORT
//   await stack.prometheus.primary.stop();          // failure modes mid-test
//   await stack.prometheus.primary.setShape('auth');
//   await stack.upstream.setMode({ health: '503', status: 'major' });
//   await stack.serveDist(otherDist);               // "deploy" another build
//   await stack.reset();                            // back to the start state
//   await stack.stop();
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_DIST, RUN_ROOT } from './paths.mjs';
import { freePort, waitForPortClosed } from './ports.mjs';
import { killLeftovers, tailOf } from './processes.mjs';
import { startNginx, writeLocalConf } from './nginx.mjs';
import { prepareData, startPrometheus } from './prometheus.mjs';
import { startUpstream, upstreamControl } from './upstream.mjs';
import { prepareVictoriaData, startVictoria } from './victoria.mjs';

// How each Prometheus-compatible backend is loaded with history and started.
const BACKENDS = {
  prometheus: { prepare: prepareData, start: startPrometheus },
  'victoria-metrics': { prepare: prepareVictoriaData, start: startVictoria },
};

// A service that can be stopped and started again on the same port.
function service(name, port, launch) {
  let handle = null;
  const self = {
    name,
    port,
    get running() {
      return handle !== null;
    },
    async start() {
      if (!handle) handle = await launch();
      return self;
    },
    async stop() {
      if (!handle) return self;
      const stopping = handle;
      handle = null;
      await stopping.stop();
      await waitForPortClosed(port);
      return self;
    },
    async restart() {
      await self.stop();
      return self.start();
    },
    log: (lines = 30) => (handle ? tailOf(handle.logFile, lines) : '(not running)'),
  };
  return self;
}

function prometheusService({ name, port, dir, runDir, shape, seed, backend }) {
  let current = shape;
  const base = service(name, port, () => backend.start({ name, dir, port, runDir }));
  return Object.assign(base, {
    get shape() {
      return current;
    },
    prepare(now) {
      backend.prepare({ dir, shape: current, seed, now });
    },
    // Regenerates the history (relative to now) and restarts on the same port.
    async setShape(next) {
      await base.stop();
      current = next;
      backend.prepare({ dir, shape: current, seed });
      return base.start();
    },
  });
}

export async function startStack({
  id = `pid-${process.pid}`,
  dist = DEFAULT_DIST,
  shape = 'rate-limit',
  backupShape = shape,
  health = 'ok',
  status = 'none',
  port,
  backend = 'prometheus',
} = {}) {
  if (!BACKENDS[backend]) throw new Error(`backend "${backend}" is not one of ${Object.keys(BACKENDS).join(', ')}`);
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error(`no app build at ${dist} (index.html missing): build the app first`);
  }
  const runDir = join(RUN_ROOT, 'stack', id);
  await killLeftovers(runDir);
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });

  const ports = {
    nginx: port ?? (await freePort()),
    upstream: await freePort(),
    prometheus: await freePort(),
    prometheusBackup: await freePort(),
  };
  const initial = { shape, backupShape, health, status, backend };

  const primary = prometheusService({
    name: 'prometheus', port: ports.prometheus, dir: join(runDir, 'prometheus'), runDir, shape, seed: 1,
    backend: BACKENDS[backend],
  });
  const backup = prometheusService({
    name: 'prometheus-backup', port: ports.prometheusBackup, dir: join(runDir, 'prometheus-backup'), runDir,
    shape: backupShape, seed: 1, backend: BACKENDS[backend],
  });
  const upstream = Object.assign(
    service('upstream', ports.upstream, () => startUpstream({ port: ports.upstream, runDir, health, status })),
    upstreamControl(ports.upstream),
  );
  const nginxDir = join(runDir, 'nginx');
  const writeConf = (root) => writeLocalConf({
    dir: nginxDir,
    port: ports.nginx,
    dist: root,
    healthPort: ports.upstream,
    prometheusPort: ports.prometheus,
    prometheusBackupPort: ports.prometheusBackup,
    vendorStatusPort: ports.upstream,
  });
  let servedDist = dist;
  writeConf(servedDist);
  const nginx = service('nginx', ports.nginx, () => startNginx({ dir: nginxDir, port: ports.nginx, runDir }));

  const now = Math.floor(Date.now() / 1000);
  primary.prepare(now);
  backup.prepare(now);
  const all = [primary, backup, upstream, nginx];
  const started = await Promise.allSettled(all.map((s) => s.start()));
  const failed = started.filter((r) => r.status === 'rejected');
  if (failed.length) {
    await Promise.allSettled(all.map((s) => s.stop()));
    throw new Error(failed.map((r) => r.reason.message).join('\n\n'));
  }

  const baseURL = `http://127.0.0.1:${ports.nginx}`;
  writeFileSync(join(runDir, 'stack.json'), JSON.stringify({ baseURL, dist, ports, initial }, null, 2));

  return {
    baseURL,
    backend,
    runDir,
    dist,
    ports,
    prometheus: { primary, backup },
    upstream,
    nginx,
    get servedDist() {
      return servedDist;
    },
    // Points nginx at another build folder (a deploy while pages are open):
    // renders the config with that root and restarts nginx on the same port.
    async serveDist(root) {
      if (!existsSync(join(root, 'index.html'))) throw new Error(`no app build at ${root} (index.html missing)`);
      servedDist = root;
      writeConf(root);
      await nginx.restart();
    },
    // Undoes whatever a test changed: every service running, initial shapes
    // and modes, request counters at zero, nginx serving `dist`.
    async reset() {
      if (servedDist !== dist) {
        servedDist = dist;
        writeConf(dist);
        await nginx.stop();
      }
      await Promise.all([
        primary.shape === initial.shape ? primary.start() : primary.setShape(initial.shape),
        backup.shape === initial.backupShape ? backup.start() : backup.setShape(initial.backupShape),
        upstream.start().then(() => upstream.reset()),
        nginx.start(),
      ]);
    },
    async stop() {
      await Promise.allSettled(all.map((s) => s.stop()));
    },
  };
}
