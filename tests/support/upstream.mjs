// The demo upstream (demo/upstream-server.mjs) as a child process, with its
// control endpoint wrapped for tests.
import { join } from 'node:path';
import { DEMO_DIR } from './paths.mjs';
import { httpOk, startProcess } from './processes.mjs';

export function startUpstream({ port, runDir, health = 'ok', status = 'none' }) {
  return startProcess({
    name: 'upstream',
    command: process.execPath,
    args: [join(DEMO_DIR, 'upstream-server.mjs'), '--port', String(port), '--health', health, '--status', status],
    runDir,
    ready: () => httpOk(`http://127.0.0.1:${port}/__mode`),
  });
}

async function control(port, path, body) {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`upstream ${path}: ${JSON.stringify(json)}`);
  return json;
}

export const upstreamControl = (port) => ({
  // e.g. setMode({ health: '503' }) or setMode({ status: 'major' })
  setMode: (modes) => control(port, '/__mode', modes),
  mode: () => control(port, '/__mode'),
  requests: () => control(port, '/__requests'),
  // { method, path, headers } as the upstream saw them (null before any).
  lastRequest: () => control(port, '/__last'),
  reset: () => control(port, '/__reset', {}),
});
