#!/usr/bin/env node
// Stand-in for the two HTTP upstreams the runbook reads besides Prometheus:
// our integration's health endpoint and the vendor's Statuspage summary.
//
//   node demo/upstream-server.mjs [--port 0] [--health ok] [--status none]
//
// Listens on 127.0.0.1 only and prints "listening 127.0.0.1:PORT" once ready.
//   GET  /health              our integration's health JSON (mode: health)
//   GET  /api/v2/status.json  Statuspage status JSON (mode: status)
//   GET  /__mode              current modes and the allowed values
//   POST /__mode              {"health": "...", "status": "..."} (either key)
//   GET  /__requests          requests served per path since start or reset
//   GET  /__last              method, path and headers of the last request
//                             to /health or /api/v2/status.json
//   POST /__reset             modes back to the start values, counters to 0
// nginx proxies only /health and /api/v2/status.json, so the /__ control
// paths are reachable from this machine only, never through the site.

import http from 'node:http';
import { fileURLToPath } from 'node:url';

// Longer than the app's 5 s request timeout, shorter than nginx's 10 s.
export const SLOW_MS = 8000;

const HEALTHY_SERVICES = {
  instantly: { status: 'healthy', latency_ms: 120 },
  database: { status: 'healthy', latency_ms: 4 },
  redis: { status: 'healthy', latency_ms: 1 },
};

const json = (status, body) => ({ status, body: JSON.stringify(body) });

export const HEALTH_MODES = {
  ok: () => json(200, { status: 'ok', services: HEALTHY_SERVICES }),
  degraded: () =>
    json(200, {
      status: 'degraded',
      services: {
        ...HEALTHY_SERVICES,
        instantly: { status: 'degraded', latency_ms: 2350, error: '429 Too Many Requests' },
      },
    }),
  503: () =>
    json(503, {
      status: 'unhealthy',
      services: {
        ...HEALTHY_SERVICES,
        instantly: { status: 'unhealthy', latency_ms: 5000, error: 'upstream timeout' },
      },
    }),
  401: () => json(401, { error: 'unauthorized', message: 'API key rejected by Instantly' }),
  malformed: () => ({ status: 200, body: '{"status": "ok", "services": {"instantly": {"status": ' }),
  slow: () => HEALTH_MODES.ok(),
};

const STATUSPAGE = {
  id: 'demo0instantly',
  name: 'Instantly',
  url: 'https://status.instantly.com',
  time_zone: 'Etc/UTC',
};

function statusBody(indicator, description, now) {
  return json(200, {
    page: { ...STATUSPAGE, updated_at: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z') },
    status: { indicator, description },
  });
}

export const STATUS_MODES = {
  none: (now) => statusBody('none', 'All Systems Operational', now),
  minor: (now) => statusBody('minor', 'Partially Degraded Service', now),
  major: (now) => statusBody('major', 'Partial System Outage', now),
  critical: (now) => statusBody('critical', 'Major System Outage', now),
  malformed: () => ({ status: 200, body: '<html><body>Service Unavailable</body></html>' }),
  503: () => ({ status: 503, body: '<html><body>503 Service Temporarily Unavailable</body></html>' }),
  slow: (now) => STATUS_MODES.none(now),
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function readJson(request) {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => {
      text += chunk;
      if (text.length > 10_000) reject(new Error('body too large'));
    });
    request.on('end', () => {
      try {
        resolve(JSON.parse(text || '{}'));
      } catch {
        reject(new Error('body is not JSON'));
      }
    });
    request.on('error', reject);
  });
}

export function createUpstreamServer({ health = 'ok', status = 'none', slowMs = SLOW_MS } = {}) {
  const initial = { health, status };
  let modes = { ...initial };
  let requests = {};
  let last = null;

  const send = (response, { status: code, body }, type = 'application/json') => {
    response.writeHead(code, { 'content-type': type, 'cache-control': 'no-store' });
    response.end(body);
  };

  const setModes = (changes) => {
    const errors = [];
    for (const [key, value] of Object.entries(changes)) {
      const allowed = { health: HEALTH_MODES, status: STATUS_MODES }[key];
      if (!allowed) errors.push(`unknown key "${key}" (use "health" or "status")`);
      else if (!Object.hasOwn(allowed, value)) {
        errors.push(`${key} "${value}" is not one of ${Object.keys(allowed).join(', ')}`);
      }
    }
    if (errors.length === 0) modes = { ...modes, ...changes };
    return errors;
  };

  const startErrors = setModes(initial);
  if (startErrors.length) throw new Error(startErrors.join('; '));

  const describe = () => ({
    ...modes,
    allowed: { health: Object.keys(HEALTH_MODES), status: Object.keys(STATUS_MODES) },
  });

  const server = http.createServer(async (request, response) => {
    const path = new URL(request.url, 'http://upstream').pathname;
    try {
      if (path === '/__mode' && request.method === 'GET') return send(response, json(200, describe()));
      if (path === '/__mode' && request.method === 'POST') {
        const errors = setModes(await readJson(request));
        return send(response, errors.length ? json(400, { errors }) : json(200, describe()));
      }
      if (path === '/__requests' && request.method === 'GET') return send(response, json(200, requests));
      if (path === '/__last' && request.method === 'GET') return send(response, json(200, last));
      if (path === '/__reset' && request.method === 'POST') {
        modes = { ...initial };
        requests = {};
        last = null;
        return send(response, json(200, describe()));
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return send(response, json(405, { error: 'method not allowed' }));
      }
      const route = {
        '/health': () => [modes.health, HEALTH_MODES[modes.health]],
        '/api/v2/status.json': () => [modes.status, STATUS_MODES[modes.status]],
      }[path];
      if (!route) return send(response, json(404, { error: `no route ${path}` }));
      requests[path] = (requests[path] ?? 0) + 1;
      last = { method: request.method, path: request.url, headers: request.headers };
      const [mode, respond] = route();
      if (mode === 'slow') await sleep(slowMs);
      const reply = respond(Date.now());
      return send(response, reply, reply.body.startsWith('<') ? 'text/html' : 'application/json');
    } catch (error) {
      return send(response, json(400, { error: error.message }));
    }
  });
  return server;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const index = args.indexOf(name);
    return index >= 0 ? args[index + 1] : fallback;
  };
  const server = createUpstreamServer({ health: option('--health', 'ok'), status: option('--status', 'none') });
  server.listen(Number(option('--port', '0')), '127.0.0.1', () => {
    const { address, port } = server.address();
    console.log(`listening ${address}:${port}`);
  });
  const stop = () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
