// The demo data: backfill generator and upstream stand-in.
//   node --test tests/demo.test.mjs
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CODES, SHAPES, generateOpenMetrics } from '../demo/prometheus-backfill.mjs';
import { createUpstreamServer } from '../demo/upstream-server.mjs';
import { writeDummyDist } from './support/dummy-dist.mjs';
import { REPO_ROOT, RUN_ROOT } from './support/paths.mjs';
import { freePort } from './support/ports.mjs';

const NOW = 1_795_687_200; // fixed, so the expectations are exact per seed

function parse(text) {
  const series = {};
  for (const line of text.split('\n')) {
    const match = /^instantly_errors_total\{(.*)\} (\d+) (\d+)$/.exec(line);
    if (!match) continue;
    const code = /code="(\d+)"/.exec(match[1])[1];
    (series[code] ??= { labels: match[1], points: [] }).points.push([Number(match[3]), Number(match[2])]);
  }
  return series;
}

// What Prometheus' rate(x[5m]) at `at` comes to, near enough.
function rate(points, at, window = 300) {
  const inWindow = points.filter(([t]) => t > at - window && t <= at);
  const [first, last] = [inWindow[0], inWindow[inWindow.length - 1]];
  return (last[1] - first[1]) / (last[0] - first[0]);
}

function ratesAt(series, at) {
  const rates = Object.fromEntries(CODES.map((code) => [code, rate(series[code].points, at)]));
  const total = Object.values(rates).reduce((a, b) => a + b, 0);
  return { rates, total, share: (code) => rates[code] / total };
}

describe('prometheus-backfill', () => {
  test('OpenMetrics that promtool accepts: TYPE, samples in time order, # EOF last', () => {
    const text = generateOpenMetrics({ shape: 'calm', now: NOW });
    const lines = text.trimEnd().split('\n');
    assert.equal(lines[1], '# TYPE instantly_errors counter');
    assert.equal(lines.at(-1), '# EOF');
    assert.ok(text.endsWith('# EOF\n'));
    const series = parse(text);
    assert.deepEqual(Object.keys(series).sort(), CODES);
    for (const { labels, points } of Object.values(series)) {
      assert.match(labels, /job="instantly-integration"/);
      assert.match(labels, /namespace="default"/);
      assert.equal(points[0][0], NOW - 6 * 3600);
      assert.equal(points.at(-1)[0], NOW + 3600);
      points.slice(1).forEach(([t], i) => assert.equal(t - points[i][0], 15));
    }
  });

  test('counters never decrease, in every shape', () => {
    for (const shape of Object.keys(SHAPES)) {
      for (const { points } of Object.values(parse(generateOpenMetrics({ shape, now: NOW })))) {
        points.slice(1).forEach(([, value], i) => assert.ok(value >= points[i][1], `${shape} decreases at ${i}`));
      }
    }
  });

  test('the same seed and now give the same file; another seed does not', () => {
    const a = generateOpenMetrics({ shape: 'vendor', now: NOW, seed: 3 });
    assert.equal(generateOpenMetrics({ shape: 'vendor', now: NOW, seed: 3 }), a);
    assert.notEqual(generateOpenMetrics({ shape: 'vendor', now: NOW, seed: 4 }), a);
  });

  test('rate-limit: ~0.7 errors/s at now, about 80% of them 429, calm 6 h ago', () => {
    const series = parse(generateOpenMetrics({ shape: 'rate-limit', now: NOW }));
    const now = ratesAt(series, NOW);
    assert.ok(now.total > 0.55 && now.total < 0.85, `total ${now.total}`);
    assert.ok(now.share('429') > 0.7 && now.share('429') < 0.9, `429 share ${now.share('429')}`);
    assert.ok(ratesAt(series, NOW - 3 * 3600).total < 0.1);
    assert.ok(ratesAt(series, NOW + 3000).total > 0.55, 'the incident goes on for the next hour');
  });

  test('auth: 401 dominates since 18 min ago', () => {
    const series = parse(generateOpenMetrics({ shape: 'auth', now: NOW }));
    assert.ok(ratesAt(series, NOW).share('401') > 0.9);
    assert.ok(ratesAt(series, NOW).total > 0.6);
    assert.ok(ratesAt(series, NOW - 25 * 60).total < 0.1);
  });

  test('vendor: above 1/s (P1), 5xx dominate, 503 the most', () => {
    const now = ratesAt(parse(generateOpenMetrics({ shape: 'vendor', now: NOW })), NOW);
    assert.ok(now.total > 1.1 && now.total < 1.8, `total ${now.total}`);
    assert.ok(now.share('503') > 0.5);
    assert.ok(now.share('503') + now.share('500') > 0.85);
  });

  test('calm stays under the 0.1/s threshold; recovered did not 40 min ago', () => {
    assert.ok(ratesAt(parse(generateOpenMetrics({ shape: 'calm', now: NOW })), NOW).total < 0.1);
    const recovered = parse(generateOpenMetrics({ shape: 'recovered', now: NOW }));
    assert.ok(ratesAt(recovered, NOW).total < 0.1);
    assert.ok(ratesAt(recovered, NOW - 40 * 60).total > 0.5);
  });

  test('an unknown shape names the known ones', () => {
    assert.throws(() => generateOpenMetrics({ shape: 'nope' }), /rate-limit, auth, vendor/);
  });
});

describe('upstream-server', () => {
  const SLOW_MS = 300;
  let server;
  let base;

  before(async () => {
    server = createUpstreamServer({ slowMs: SLOW_MS });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${server.address().port}`;
  });

  after(() => {
    server.closeAllConnections();
    server.close();
  });

  const setMode = (body) =>
    fetch(`${base}/__mode`, { method: 'POST', body: JSON.stringify(body) }).then(async (r) => [r.status, await r.json()]);

  test('starts healthy and operational', async () => {
    const health = await (await fetch(`${base}/health`)).json();
    assert.deepEqual(health.services.instantly, { status: 'healthy', latency_ms: 120 });
    assert.equal(health.status, 'ok');
    const status = await (await fetch(`${base}/api/v2/status.json`)).json();
    assert.equal(status.status.indicator, 'none');
    assert.equal(status.page.name, 'Instantly');
    assert.match(status.page.updated_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  test('every health mode answers as documented', async () => {
    const expected = { ok: 200, degraded: 200, 503: 503, 401: 401, malformed: 200 };
    for (const [mode, status] of Object.entries(expected)) {
      assert.equal((await setMode({ health: mode }))[0], 200);
      const response = await fetch(`${base}/health`);
      assert.equal(response.status, status, mode);
      const text = await response.text();
      if (mode === 'malformed') assert.throws(() => JSON.parse(text));
      else JSON.parse(text);
    }
  });

  test('status modes: major is a Partial System Outage, malformed is not JSON', async () => {
    await setMode({ status: 'major' });
    const major = await (await fetch(`${base}/api/v2/status.json`)).json();
    assert.deepEqual(major.status, { indicator: 'major', description: 'Partial System Outage' });
    await setMode({ status: 'malformed' });
    const text = await (await fetch(`${base}/api/v2/status.json`)).text();
    assert.throws(() => JSON.parse(text));
  });

  test('slow answers only after the delay', async () => {
    await setMode({ health: 'slow', status: 'slow' });
    for (const path of ['/health', '/api/v2/status.json']) {
      const started = Date.now();
      const response = await fetch(`${base}${path}`);
      assert.equal(response.status, 200);
      assert.ok(Date.now() - started >= SLOW_MS - 5, path);
    }
  });

  test('an unknown mode is refused and changes nothing', async () => {
    await setMode({ health: 'ok', status: 'none' });
    const [status, body] = await setMode({ health: 'exploded', status: 'major' });
    assert.equal(status, 400);
    assert.match(body.errors[0], /health "exploded" is not one of .*\bok\b.*\bdegraded\b/);
    const current = await (await fetch(`${base}/__mode`)).json();
    assert.equal(current.health, 'ok');
    assert.equal(current.status, 'none');
  });

  test('counts requests, and reset restores modes and counters', async () => {
    await fetch(`${base}/__reset`, { method: 'POST' });
    await setMode({ health: '503' });
    await fetch(`${base}/health`);
    await fetch(`${base}/health`);
    assert.deepEqual(await (await fetch(`${base}/__requests`)).json(), { '/health': 2 });
    await fetch(`${base}/__reset`, { method: 'POST' });
    assert.deepEqual(await (await fetch(`${base}/__requests`)).json(), {});
    assert.equal((await fetch(`${base}/health`)).status, 200);
  });

  test('only GET and HEAD on the served paths', async () => {
    assert.equal((await fetch(`${base}/health`, { method: 'POST' })).status, 405);
    assert.equal((await fetch(`${base}/nothing`)).status, 404);
  });
});

describe('VictoriaMetrics import (tests/support/victoria.mjs)', () => {
  test('the same samples as Prometheus text lines with millisecond timestamps, no comments', async () => {
    const { toImportLines } = await import('./support/victoria.mjs');
    const openMetrics = generateOpenMetrics({ shape: 'rate-limit', now: NOW });
    const samples = openMetrics.split('\n').filter((line) => line.startsWith('instantly_errors_total'));
    const lines = toImportLines(openMetrics).trimEnd().split('\n');
    assert.equal(lines.length, samples.length);
    assert.ok(lines.every((line) => !line.startsWith('#')));
    lines.forEach((line, i) => {
      const [, head, secs] = /^(.* \d+) (\d+)$/.exec(samples[i]);
      assert.equal(line, `${head} ${secs}000`);
    });
  });
});

describe('demo/serve.mjs', () => {
  const dist = join(RUN_ROOT, 'demo-test-dist');
  before(() => writeDummyDist(dist));

  // Resolves once the stack is up, with its banner and a stop() that resolves to the exit code.
  const serve = async (id) => {
    const port = await freePort();
    const child = spawn(process.execPath, ['demo/serve.mjs', '--id', id, '--dist', dist, '--port', String(port)], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    let output = '';
    await new Promise((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        output += chunk;
        if (/Ctrl-C stops everything/.test(output)) resolve();
      });
      child.stderr.on('data', (chunk) => {
        output += chunk;
      });
      exited.then((code) => reject(new Error(`serve.mjs --id ${id} exited (${code}): ${output}`)));
    });
    return { baseURL: `http://127.0.0.1:${port}`, output, stop: () => (child.kill('SIGTERM'), exited) };
  };

  // scripts/dev.sh runs its stack with its own id: a stack stops what one with its id left running.
  test('stacks with their own --id run side by side, each in .run/stack/<id>', async () => {
    const first = await serve('demo-test-a');
    let second;
    try {
      second = await serve('demo-test-b');
      assert.match(first.output, /\.run\/stack\/demo-test-a/);
      assert.match(second.output, /\.run\/stack\/demo-test-b/);
      for (const { baseURL } of [first, second]) {
        assert.equal((await fetch(`${baseURL}/proxy/health`)).status, 200, baseURL);
      }
    } finally {
      assert.equal(await second?.stop(), 0);
      assert.equal(await first.stop(), 0);
    }
  });

  test('an --id that is not a plain folder name is refused', () => {
    const run = spawnSync(process.execPath, ['demo/serve.mjs', '--id', '../elsewhere', '--dist', dist], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--id needs lower-case letters, digits and dashes, not "\.\.\/elsewhere"/);
  });
});
