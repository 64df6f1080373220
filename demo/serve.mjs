#!/usr/bin/env node
// Runs the built app locally with everything it talks to, as in production:
// nginx (deploy/nginx.conf) serving the build, two Prometheus servers with a
// backfilled incident, and the demo health / vendor status upstream.
//
//   node demo/serve.mjs [--dist dist] [--port 8080] [--shape rate-limit]
//                       [--backup-shape SHAPE] [--health ok] [--status none]
//                       [--backend prometheus|victoria-metrics] [--id demo]
//
// Shapes: see demo/prometheus-backfill.mjs. Health and status modes: see
// demo/upstream-server.mjs; switch them while it runs with the printed curl.
// Stops everything on Ctrl-C (SIGINT) or SIGTERM. Files: .run/stack/<id>/ (default demo): a
// stack that starts stops whatever a stack with the same id left running, so scripts/dev.sh uses
// its own id and runs next to scripts/run.sh.
import { resolve } from 'node:path';
import { SHAPES } from './prometheus-backfill.mjs';
import { REPO_ROOT } from '../tests/support/paths.mjs';
import { startStack } from '../tests/support/stack.mjs';

const FLAGS = {
  '--dist': 'dist',
  '--port': 'port',
  '--shape': 'shape',
  '--backup-shape': 'backupShape',
  '--health': 'health',
  '--status': 'status',
  '--backend': 'backend',
  '--id': 'id',
};

function parseArgs(argv) {
  const options = { id: 'demo', dist: 'dist', port: '8080', shape: 'rate-limit' };
  for (let i = 0; i < argv.length; i += 2) {
    const key = FLAGS[argv[i]];
    if (!key || argv[i + 1] === undefined) {
      throw new Error(`usage: node demo/serve.mjs [${Object.keys(FLAGS).join(' X] [')} X]; got "${argv[i]}"`);
    }
    options[key] = argv[i + 1];
  }
  for (const key of ['shape', 'backupShape']) {
    if (options[key] && !SHAPES[options[key]]) {
      throw new Error(`${key} "${options[key]}" is not one of ${Object.keys(SHAPES).join(', ')}`);
    }
  }
  // A folder name under .run/stack/.
  if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(options.id)) {
    throw new Error(`--id needs lower-case letters, digits and dashes, not "${options.id}"`);
  }
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--port needs a port number, not "${options.port}"`);
  return { ...options, port, dist: resolve(REPO_ROOT, options.dist) };
}

let options;
try {
  options = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error(`serve: ${error.message}`);
  process.exit(2);
}

let stack;
try {
  stack = await startStack({ ...options, backupShape: options.backupShape ?? options.shape });
} catch (error) {
  console.error(`serve: ${error.message}`);
  process.exit(1);
}

const control = `http://127.0.0.1:${stack.ports.upstream}/__mode`;
console.log(`incident-runbook demo: ${stack.baseURL}/
  data:        "${options.shape}" incident in ${stack.backend} (127.0.0.1:${stack.ports.prometheus}, backup :${stack.ports.prometheusBackup})
  upstream:    curl -s -X POST ${control} -d '{"health":"503","status":"major"}'
  logs:        ${stack.runDir}
  Ctrl-C stops everything.`);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
